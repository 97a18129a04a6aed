/*
 * fpu.c - the x87 floating-point unit, switched lazily; and the kernel's
 * SSE bulk copy.
 *
 * Each CPU's FPU registers belong to one process at a time, that CPU's
 * `fpu_owner` (struct cpu).  Most programs never use floating point, so
 * loading 108 bytes on every context switch would be wasted work.  Instead:
 *   - on a switch the CPU's TS flag (CR0) is set, and the first FPU
 *     instruction after it traps (#NM, vector 7); fpu_trap loads the
 *     process's state into the registers and makes it the owner;
 *   - when the owner is switched out, fpu_switch saves its registers into
 *     its own memory.  A process that is not running owns no CPU's FPU, so
 *     it can wake on any CPU and find its state in memory: no CPU ever has
 *     to fetch another CPU's registers.
 * A process's state in memory is `p->fpu`, allocated on its first FPU
 * instruction (a program that never uses the FPU costs nothing); NULL
 * means "the state after fninit", fpu_initial.
 * Invariant: the registers of CPU c hold the true state of c's fpu_owner,
 * which is the process running on c; every other process's true state is
 * its p->fpu (or fpu_initial when NULL).  The kernel itself never uses the
 * FPU (it is compiled with -mgeneral-regs-only); the few places that must
 * see a process's state in memory (fork, signal frames) call fpu_flush.
 *
 * Errors: the first FPU instruction needs 108 bytes of kmalloc; if there
 * are none, fpu_trap says so and the process is killed as out of memory
 * (trap.c), as for a failed copy-on-write.  fork gives ENOMEM.
 *
 * The bulk copy.  The one exception to "the kernel never uses the FPU" is
 * the loop that moves large amounts of bytes between user and kernel
 * memory (vm_copy in vm.c, the copy under every pipe transfer).  Under
 * QEMU's software emulation, where Conduit lives, every emulated memory
 * access costs about the same whatever its width, so an SSE2 move of 16
 * bytes beats `rep movsl`, which makes one emulated access per 4 bytes:
 * 64 KiB pipe transfers got 7% faster (docs/performance.md).  User
 * programs do not get SSE (CR4.OSFXSR stays clear for them, and their
 * SSE instructions fault), so the XMM registers belong to nobody and
 * nothing needs saving: fpu_bulk_begin sets OSFXSR and clears TS,
 * fpu_bulk_end zeroes the registers it used (no pipe data may linger
 * where a later FXSAVE could show it) and puts both back.
 * Rules: process context only, never from an interrupt handler (a
 * handler's copy would clobber the registers of the copy it interrupted;
 * an assertion checks it), and nothing between begin and end may
 * sleep or switch.  On a real CPU `rep movsb` would be the right copy;
 * this one is for the emulator the figures are measured in.
 *
 * Every variable here but fpu_initial and have_sse2 (set once at boot) is
 * per CPU and touched only by its own CPU, so nothing here takes a lock.
 */
#include "arch/fpu.h"
#include "lib/lib.h"
#include "lib/panic.h"
#include "proc/proc.h"
#include "arch/x86.h"
#include "lib/errno.h"
#include "mm/kmalloc.h"

#define CR0_MP 0x2		/* WAIT/FWAIT also trap while TS is set */
#define CR0_TS 0x8
#define CR0_NE 0x20		/* FPU errors as #MF (vector 16), not IRQ 13 */
#define CR4_OSFXSR 0x200	/* SSE instructions allowed */

static uint8_t fpu_initial[FPU_STATE_SIZE];	/* the state after fninit */
static bool have_sse2;			/* CPUID says so; set once at boot */

/* CR0.TS on this CPU; skipped when unchanged, as writing CR0 is not free. */
static void set_ts(bool on)
{
	struct cpu *c = this_cpu();
	uint32_t cr0;

	if (on == c->fpu_ts_set)
		return;
	__asm__ volatile("movl %%cr0, %0" : "=r"(cr0));
	cr0 = on ? cr0 | CR0_TS : cr0 & ~CR0_TS;
	__asm__ volatile("movl %0, %%cr0" : : "r"(cr0));
	c->fpu_ts_set = on;
}

static bool cpu_has_sse2(void)
{
	return cpuid_features_edx() & CPUID_SSE2;
}

static void write_cr4_osfxsr(bool on)
{
	uint32_t cr4;

	__asm__ volatile("movl %%cr4, %0" : "=r"(cr4));
	cr4 = on ? cr4 | CR4_OSFXSR : cr4 & ~CR4_OSFXSR;
	__asm__ volatile("movl %0, %%cr4" : : "r"(cr4));
}

/*
 * CR0.NE: an unmasked x87 exception (a program may unmask them with
 * fldcw) is reported as #MF in the process that caused it, and becomes
 * SIGFPE.  Without it the CPU signals FERR# to the interrupt controller
 * (IRQ 13, the 1980s way), which Conduit does not handle and which made
 * QEMU abort.  CR0.MP: with TS set, FWAIT traps like any FPU instruction,
 * so it never checks another process's pending exceptions.
 */
static void cr0_set_fpu_bits(void)
{
	uint32_t cr0;

	__asm__ volatile("movl %%cr0, %0" : "=r"(cr0));
	cr0 = (cr0 | CR0_NE | CR0_MP) & ~CR0_TS;
	__asm__ volatile("movl %0, %%cr0" : : "r"(cr0));
}

/*
 * Each CPU, as it starts (the boot CPU from sched_init, the others from
 * smp.c): the CR0 bits, a clean unit, no owner, and TS set, so that the
 * first FPU instruction here traps.
 */
void fpu_init_cpu(void)
{
	struct cpu *c = this_cpu();

	cr0_set_fpu_bits();
	__asm__ volatile("fninit");
	c->fpu_owner = NULL;
	c->fpu_ts_set = false;
	set_ts(true);
}

/* The boot CPU, once: the initial state every process starts with. */
void fpu_init(void)
{
	cr0_set_fpu_bits();
	__asm__ volatile("fninit; fnsave %0" : "=m"(fpu_initial));
	have_sse2 = cpu_has_sse2();
	fpu_init_cpu();
}

/* Save this CPU's registers into their owner's memory; nobody owns them. */
static void fpu_save_owner(struct cpu *c)
{
	set_ts(false);		/* fnsave itself would trap with TS set */
	__asm__ volatile("fnsave %0" : "=m"(*c->fpu_owner->fpu));
	c->fpu_owner = NULL;
}

/* The scheduler switches from prev to next on this CPU (runq_lock held). */
void fpu_switch(struct proc *prev, struct proc *next)
{
	struct cpu *c = this_cpu();

	if (prev == next)
		return;
	if (c->fpu_owner == prev)
		fpu_save_owner(c);	/* it may run next on another CPU */
	set_ts(true);
}

/*
 * #NM: the current process's first FPU instruction since it was switched
 * in.  False if its state needs memory and there is none.
 */
bool fpu_trap(void)
{
	struct cpu *c = this_cpu();
	struct proc *p = current;

	if (!p->fpu) {
		p->fpu = kmalloc(FPU_STATE_SIZE);
		if (!p->fpu)
			return false;
		memcpy(p->fpu, fpu_initial, FPU_STATE_SIZE);
	}
	set_ts(false);
	assert(!c->fpu_owner);	/* fpu_switch saved the last one */
	__asm__ volatile("frstor %0" : : "m"(*p->fpu));
	c->fpu_owner = p;
	return true;
}

/* p (the current process) keeps its true state in memory from now on. */
void fpu_flush(struct proc *p)
{
	struct cpu *c = this_cpu();

	if (c->fpu_owner != p)		/* only a running process owns one */
		return;
	fpu_save_owner(c);
	set_ts(true);
}

/* p's state as bytes (the initial state if it never used the FPU). */
const uint8_t *fpu_state(struct proc *p)
{
	fpu_flush(p);
	return p->fpu ? p->fpu : fpu_initial;
}

/* A signal handler returns: p's state becomes img.  False: no memory. */
bool fpu_set_state(struct proc *p, const uint8_t *img)
{
	fpu_flush(p);
	if (!p->fpu && memcmp(img, fpu_initial, FPU_STATE_SIZE) == 0)
		return true;	/* still the initial state: nothing to keep */
	if (!p->fpu)
		p->fpu = kmalloc(FPU_STATE_SIZE);
	if (!p->fpu)
		return false;
	memcpy(p->fpu, img, FPU_STATE_SIZE);
	return true;
}

/* fork: the child gets a copy of the parent's (current's) state. */
int fpu_fork(struct proc *child, struct proc *parent)
{
	fpu_flush(parent);
	if (!parent->fpu)
		return 0;
	child->fpu = kmalloc(FPU_STATE_SIZE);
	if (!child->fpu)
		return -ENOMEM;
	memcpy(child->fpu, parent->fpu, FPU_STATE_SIZE);
	return 0;
}

/* exec, or a handler starting: p (current) gets a freshly initialised unit. */
void fpu_reset(struct proc *p)
{
	fpu_flush(p);
	if (p->fpu)
		memcpy(p->fpu, fpu_initial, FPU_STATE_SIZE);
}

/* p is being freed (or is exiting): its state does not matter any more. */
void fpu_free(struct proc *p)
{
	struct cpu *c = this_cpu();

	if (c->fpu_owner == p)
		c->fpu_owner = NULL;	/* exit: the registers are garbage now */
	kfree(p->fpu);
	p->fpu = NULL;
}

/*
 * A big copy (FPU_BULK_MIN bytes or more) is about to start: turn SSE on
 * for it.  False if this CPU has no SSE2; then copy with memcpy.
 */
bool fpu_bulk_begin(void)
{
	struct cpu *c = this_cpu();

	assert(!c->fpu_bulk_on);	/* nested: an interrupt handler copied */
	if (!have_sse2)
		return false;
	write_cr4_osfxsr(true);
	c->fpu_bulk_saved_ts = c->fpu_ts_set;
	set_ts(false);		/* TS would make SSE trap (#NM) */
	c->fpu_bulk_on = true;
	return true;
}

/*
 * memcpy, 64 bytes per step through four XMM registers.  The asm lists no
 * XMM clobbers: the kernel is compiled with -mgeneral-regs-only, so the
 * compiler never keeps anything in them.
 */
void fpu_bulk_copy(void *dst, const void *src, size_t n)
{
	char *d = dst;
	const char *s = src;

	assert(this_cpu()->fpu_bulk_on);
	for (; n >= 64; d += 64, s += 64, n -= 64)
		__asm__ volatile("movdqu   (%0), %%xmm0\n\t"
				 "movdqu 16(%0), %%xmm1\n\t"
				 "movdqu 32(%0), %%xmm2\n\t"
				 "movdqu 48(%0), %%xmm3\n\t"
				 "movdqu %%xmm0,   (%1)\n\t"
				 "movdqu %%xmm1, 16(%1)\n\t"
				 "movdqu %%xmm2, 32(%1)\n\t"
				 "movdqu %%xmm3, 48(%1)"
				 : : "r"(s), "r"(d) : "memory");
	memcpy(d, s, n);
}

/* The copy is over: wipe the registers, and SSE off again. */
void fpu_bulk_end(void)
{
	struct cpu *c = this_cpu();

	assert(c->fpu_bulk_on);
	__asm__ volatile("pxor %xmm0, %xmm0\n\t"
			 "pxor %xmm1, %xmm1\n\t"
			 "pxor %xmm2, %xmm2\n\t"
			 "pxor %xmm3, %xmm3");
	c->fpu_bulk_on = false;
	write_cr4_osfxsr(false);
	set_ts(c->fpu_bulk_saved_ts);
}
