/*
 * fpu.c - the x87 floating-point unit, switched lazily.
 *
 * The FPU's registers belong to one process at a time, `fpu_owner`.  Most
 * programs never use floating point, so saving and loading 108 bytes on
 * every context switch would be wasted work.  Instead:
 *   - on a switch, the CPU's TS flag (CR0) is set unless the next process
 *     owns the FPU;
 *   - with TS set, the first FPU instruction traps (#NM, vector 7);
 *     fpu_trap saves the owner's registers into its struct proc, loads the
 *     current process's, and makes it the owner.
 * Invariant: a process's own `fpu` field holds its true FPU state unless it
 * is fpu_owner, in which case the registers do.  The kernel itself never
 * uses the FPU (it is compiled with -mgeneral-regs-only); the few places
 * that must see a process's state in memory (fork, exec, signal frames)
 * call fpu_flush first.
 */
#include "fpu.h"
#include "lib.h"
#include "proc.h"

#define CR0_MP 0x2		/* WAIT/FWAIT also trap while TS is set */
#define CR0_TS 0x8
#define CR0_NE 0x20		/* FPU errors as #MF (vector 16), not IRQ 13 */

static struct proc *fpu_owner;		/* whose state is in the registers */
static uint8_t fpu_initial[FPU_STATE_SIZE];	/* the state after fninit */
static bool ts_set;			/* CR0.TS as we last wrote it */

static void set_ts(bool on)
{
	uint32_t cr0;

	if (on == ts_set)
		return;		/* writing CR0 is not free: skip if unchanged */
	__asm__ volatile("movl %%cr0, %0" : "=r"(cr0));
	cr0 = on ? cr0 | CR0_TS : cr0 & ~CR0_TS;
	__asm__ volatile("movl %0, %%cr0" : : "r"(cr0));
	ts_set = on;
}

/*
 * CR0.NE: an unmasked x87 exception (a program may unmask them with
 * fldcw) is reported as #MF in the process that caused it, and becomes
 * SIGFPE.  Without it the CPU signals FERR# to the interrupt controller
 * (IRQ 13, the 1980s way), which Conduit does not handle and which made
 * QEMU abort.  CR0.MP: with TS set, FWAIT traps like any FPU instruction,
 * so it never checks another process's pending exceptions.
 */
void fpu_init(void)
{
	uint32_t cr0;

	__asm__ volatile("movl %%cr0, %0" : "=r"(cr0));
	cr0 |= CR0_NE | CR0_MP;
	__asm__ volatile("movl %0, %%cr0" : : "r"(cr0));
	__asm__ volatile("fninit; fnsave %0" : "=m"(fpu_initial));
	ts_set = false;
	set_ts(true);
}

const uint8_t *fpu_initial_state(void)
{
	return fpu_initial;
}

/* The scheduler is about to run `next`. */
void fpu_switch_to(struct proc *next)
{
	set_ts(next != fpu_owner);
}

/* #NM: the current process used the FPU while someone else owned it. */
void fpu_trap(void)
{
	set_ts(false);
	if (fpu_owner)
		__asm__ volatile("fnsave %0" : "=m"(fpu_owner->fpu));
	__asm__ volatile("frstor %0" : : "m"(current->fpu));
	fpu_owner = current;
}

/* Make p's `fpu` field hold its true state (it stops owning the FPU). */
void fpu_flush(struct proc *p)
{
	if (fpu_owner != p)
		return;
	set_ts(false);
	__asm__ volatile("fnsave %0" : "=m"(p->fpu));
	fpu_owner = NULL;
	set_ts(true);
}

/* p is exiting: its state does not matter any more. */
void fpu_forget(struct proc *p)
{
	if (fpu_owner == p)
		fpu_owner = NULL;
}

/* exec: a new program starts with a freshly initialised unit. */
void fpu_reset(struct proc *p)
{
	fpu_forget(p);
	memcpy(p->fpu, fpu_initial, FPU_STATE_SIZE);
	if (p == current)
		set_ts(true);
}
