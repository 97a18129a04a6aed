/*
 * cpu.c - each CPU's segments and task state segment (per-CPU data is
 * described in cpu.h).
 *
 * Conduit uses flat segments: code and data for ring 0 and ring 3, each
 * covering all 4 GiB, so segmentation does nothing and paging does all the
 * protection.  Two exceptions, both per CPU, are why every CPU has a GDT
 * of its own:
 *   - the TSS: when an interrupt or system call arrives in user mode, the
 *     CPU loads the kernel stack pointer from TSS.esp0.  The scheduler sets
 *     esp0 on every switch, for the CPU it runs on.  A second TSS describes
 *     the double-fault task: if the kernel overflows its stack into the
 *     guard page, the CPU cannot push an exception frame on that stack, so
 *     the double fault is a hardware task switch onto a stack of its own
 *     (trap.c), which reports the overflow;
 *   - SEG_KPERCPU, a small data segment whose base is the CPU's struct cpu:
 *     the kernel keeps it in %fs, and this_cpu() reads %fs:0.
 *
 * Entry point: cpu_setup(c), run once by each CPU on itself (the boot CPU
 * from kmain, the others from smp.c): it fills c's GDT and loads it, the
 * TSS and the segment registers.
 */
#include "arch/cpu.h"
#include "lib/lib.h"

struct cpu cpus[MAX_CPUS] __cpu_table;
int ncpu = 1;

struct gdt_ptr {
	uint16_t limit;
	uint32_t base;
} __packed;

static void gdt_set(struct cpu *c, int i, uint32_t base, uint32_t limit,
		    uint8_t access, uint8_t flags)
{
	struct gdt_entry *e = &c->gdt[i];

	e->limit_lo = limit & 0xFFFF;
	e->base_lo = base & 0xFFFF;
	e->base_mid = (base >> 16) & 0xFF;
	e->access = access;
	e->limit_hi_flags = ((limit >> 16) & 0x0F) | (flags << 4);
	e->base_hi = base >> 24;
}

static void gdt_fill(struct cpu *c)
{
	gdt_set(c, 1, 0, 0xFFFFF, 0x9A, 0xC);	/* kernel code, 4 KiB units */
	gdt_set(c, 2, 0, 0xFFFFF, 0x92, 0xC);	/* kernel data */
	gdt_set(c, 3, 0, 0xFFFFF, 0xFA, 0xC);	/* user code, DPL 3 */
	gdt_set(c, 4, 0, 0xFFFFF, 0xF2, 0xC);	/* user data, DPL 3 */
	c->tss.ss0 = SEG_KDATA;
	c->tss.iomap_base = sizeof(c->tss);	/* no I/O bitmap: ring 3 gets no ports */
	gdt_set(c, 5, (uint32_t)&c->tss, sizeof(c->tss) - 1, 0x89, 0);
	gdt_set(c, 6, (uint32_t)&c->df_tss, sizeof(c->df_tss) - 1, 0x89, 0);
	/* Byte granularity: the limit is the struct's size, so a stray
	 * %fs:offset beyond it faults instead of reading a neighbour. */
	gdt_set(c, 7, (uint32_t)c, sizeof(*c) - 1, 0x92, 0x4);
}

void cpu_setup(struct cpu *c)
{
	struct gdt_ptr ptr = { sizeof(c->gdt) - 1, (uint32_t)c->gdt };

	c->self = c;
	c->id = c - cpus;
	gdt_fill(c);
	__asm__ volatile("lgdt %0\n\t"
			 "ljmp %1, $1f\n"
			 "1:\tmovw %2, %%ax\n\t"
			 "movw %%ax, %%ds\n\t"
			 "movw %%ax, %%es\n\t"
			 "movw %%ax, %%ss\n\t"
			 "movw %%ax, %%gs\n\t"
			 "movw %3, %%ax\n\t"
			 "movw %%ax, %%fs\n\t"
			 "ltr %w4"
			 : : "m"(ptr), "i"(SEG_KCODE), "i"(SEG_KDATA),
			   "i"(SEG_KPERCPU), "r"(SEG_TSS)
			 : "eax", "memory");
}

void tss_set_kernel_stack(uint32_t esp0)
{
	this_cpu()->tss.esp0 = esp0;
}

void cpu_set_double_fault_task(struct cpu *c, uint32_t eip, uint32_t esp,
			       uint32_t cr3)
{
	struct tss *t = &c->df_tss;

	t->eip = eip;
	t->esp = esp;
	t->cr3 = cr3;
	t->eflags = 0x2;			/* interrupts off */
	t->cs = SEG_KCODE;
	t->ss = t->ds = t->es = t->gs = SEG_KDATA;
	t->fs = SEG_KPERCPU;			/* panic() may use this_cpu() */
	t->iomap_base = sizeof(*t);
}
