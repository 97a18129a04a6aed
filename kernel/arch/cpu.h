/*
 * cpu.h - per-CPU data: what each CPU has of its own (cpu.c).
 *
 * With several CPUs some things cannot be global: each CPU runs its own
 * process, has its own interrupt-nesting state, its own GDT and TSS (the
 * TSS says where *this* CPU's next trap frame goes), its own timer list.
 * They live in one struct cpu per CPU, in the array cpus[].
 *
 * this_cpu() finds the running CPU's struct in one instruction: the
 * kernel's %fs is a segment whose base is &cpus[i] (each CPU's GDT has its
 * own SEG_KPERCPU descriptor), and cpus[i].self sits at offset 0, so
 * `movl %fs:0` reads the pointer.  The trap entry loads %fs on every way
 * into the kernel; context_switch reloads it, because a process that slept
 * on CPU 0 may wake on CPU 1 with CPU 0's base still cached in %fs.
 *
 * When is the answer stable?  Kernel code is not preempted (sched.c), so a
 * process in the kernel stays on its CPU until it calls schedule(): between
 * two scheduling points this_cpu() does not change under it.
 */
#ifndef KERNEL_CPU_H
#define KERNEL_CPU_H

#define SEG_KCODE 0x08
#define SEG_KDATA 0x10
#define SEG_UCODE (0x18 | 3)	/* ring 3: requested privilege level 3 */
#define SEG_UDATA (0x20 | 3)
#define SEG_TSS 0x28
#define SEG_DFTSS 0x30		/* the double-fault task, see trap.c */
#define SEG_KPERCPU 0x38	/* base = this CPU's struct cpu */
#define GDT_ENTRIES 8

#define MAX_CPUS 8

#ifndef __ASSEMBLER__
#include "lib/types.h"

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

struct proc;

/* Every field is touched only by its own CPU, unless it says otherwise. */
struct cpu {
	struct cpu *self;		/* at offset 0: this_cpu() reads %fs:0 */
	int id;				/* index in cpus[]; 0 is the boot CPU */
	uint8_t apic_id;		/* its local APIC's id (set once at boot) */
	volatile bool started;		/* set by the CPU itself once it runs */
	struct proc *proc;		/* the process running here: `current` */
	struct proc *prev;		/* sched.c: the one it replaced, mid-switch */
	int irq_off_depth;		/* nested irq_off() calls (spinlocks held) */
	bool irq_was_on;		/* IF before the outermost irq_off() */
	struct proc *fpu_owner;		/* fpu.c: whose state the FPU registers hold */
	bool fpu_ts_set;		/* fpu.c: CR0.TS as last written */
	bool fpu_bulk_on;		/* fpu.c: inside fpu_bulk_begin/_end */
	bool fpu_bulk_saved_ts;		/* fpu.c: TS to put back at fpu_bulk_end */
	uint32_t kstack_gen_seen;	/* kstack.c: stack unmaps this TLB forgot */
	struct gdt_entry gdt[GDT_ENTRIES];
	struct tss tss;			/* esp0: where a trap from ring 3 lands */
	struct tss df_tss;		/* the double-fault task (trap.c) */
} __attribute__((aligned(64)));	/* no two CPUs' fields in one cache line */

extern struct cpu cpus[MAX_CPUS];
extern int ncpu;			/* CPUs found at boot (1 until smp.c runs) */

static inline struct cpu *this_cpu(void)
{
	struct cpu *c;

	__asm__ volatile("movl %%fs:0, %0" : "=r"(c));
	return c;
}

void cpu_setup(struct cpu *c);
void tss_set_kernel_stack(uint32_t esp0);
void cpu_set_double_fault_task(struct cpu *c, uint32_t eip, uint32_t esp,
			       uint32_t cr3);

#endif

#endif
