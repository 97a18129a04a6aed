/*
 * gdt.c - the global descriptor table and the task state segment.
 *
 * Conduit uses flat segments: code and data for ring 0 and ring 3, each
 * covering all 4 GiB, so segmentation does nothing and paging does all the
 * protection.  The x86 still needs a TSS for one reason: when an interrupt
 * or system call arrives in user mode, the CPU loads the kernel stack
 * pointer from TSS.esp0.  The scheduler updates esp0 on every switch.
 *
 * A second TSS describes the double-fault task: if the kernel overflows its
 * stack into the guard page, the CPU cannot push an exception frame on
 * that stack, so the double fault is handled as a hardware task switch onto
 * a stack of its own (trap.c), which reports the overflow.
 */
#include "arch/gdt.h"
#include "lib/lib.h"

struct gdt_entry {
	uint16_t limit_lo, base_lo;
	uint8_t base_mid, access, limit_hi_flags, base_hi;
} __packed;

struct tss {
	uint32_t prev, esp0, ss0, esp1, ss1, esp2, ss2, cr3, eip, eflags;
	uint32_t eax, ecx, edx, ebx, esp, ebp, esi, edi;
	uint32_t es, cs, ss, ds, fs, gs, ldt;
	uint16_t trap, iomap_base;
} __packed;

struct gdt_ptr {
	uint16_t limit;
	uint32_t base;
} __packed;

static struct gdt_entry gdt[7] __cpu_table;
static struct tss tss __cpu_table, df_tss __cpu_table;

static void gdt_set(int i, uint32_t base, uint32_t limit, uint8_t access,
		    uint8_t flags)
{
	gdt[i].limit_lo = limit & 0xFFFF;
	gdt[i].base_lo = base & 0xFFFF;
	gdt[i].base_mid = (base >> 16) & 0xFF;
	gdt[i].access = access;
	gdt[i].limit_hi_flags = ((limit >> 16) & 0x0F) | (flags << 4);
	gdt[i].base_hi = base >> 24;
}

void gdt_init(void)
{
	struct gdt_ptr ptr = { sizeof(gdt) - 1, (uint32_t)gdt };

	gdt_set(1, 0, 0xFFFFF, 0x9A, 0xC);	/* kernel code, 4 KiB units */
	gdt_set(2, 0, 0xFFFFF, 0x92, 0xC);	/* kernel data */
	gdt_set(3, 0, 0xFFFFF, 0xFA, 0xC);	/* user code, DPL 3 */
	gdt_set(4, 0, 0xFFFFF, 0xF2, 0xC);	/* user data, DPL 3 */
	tss.ss0 = SEG_KDATA;
	tss.iomap_base = sizeof(tss);		/* no I/O bitmap: ring 3 gets no ports */
	gdt_set(5, (uint32_t)&tss, sizeof(tss) - 1, 0x89, 0);
	gdt_set(6, (uint32_t)&df_tss, sizeof(df_tss) - 1, 0x89, 0);

	__asm__ volatile("lgdt %0\n\t"
			 "ljmp %1, $1f\n"
			 "1:\tmovw %2, %%ax\n\t"
			 "movw %%ax, %%ds\n\t"
			 "movw %%ax, %%es\n\t"
			 "movw %%ax, %%ss\n\t"
			 "movw %%ax, %%fs\n\t"
			 "movw %%ax, %%gs\n\t"
			 "ltr %w3"
			 : : "m"(ptr), "i"(SEG_KCODE), "i"(SEG_KDATA), "r"(SEG_TSS)
			 : "eax", "memory");
}

void tss_set_kernel_stack(uint32_t esp0)
{
	tss.esp0 = esp0;
}

void gdt_set_double_fault_task(uint32_t eip, uint32_t esp, uint32_t cr3)
{
	df_tss.eip = eip;
	df_tss.esp = esp;
	df_tss.cr3 = cr3;
	df_tss.eflags = 0x2;			/* interrupts off */
	df_tss.cs = SEG_KCODE;
	df_tss.ss = df_tss.ds = df_tss.es = SEG_KDATA;
	df_tss.fs = df_tss.gs = SEG_KDATA;
	df_tss.iomap_base = sizeof(df_tss);
}
