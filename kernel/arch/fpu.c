/*
 * fpu.c - the x87 floating-point unit, switched lazily; and the kernel's
 * SSE bulk copy.
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
 */
#include "arch/fpu.h"
#include "lib/lib.h"
#include "lib/panic.h"
#include "proc/proc.h"
#include "arch/x86.h"

#define CR0_MP 0x2		/* WAIT/FWAIT also trap while TS is set */
#define CR0_TS 0x8
#define CR0_NE 0x20		/* FPU errors as #MF (vector 16), not IRQ 13 */
#define CR4_OSFXSR 0x200	/* SSE instructions allowed */

static struct proc *fpu_owner;		/* whose state is in the registers */
static uint8_t fpu_initial[FPU_STATE_SIZE];	/* the state after fninit */
static bool ts_set;			/* CR0.TS as we last wrote it */
static bool have_sse2;			/* CPUID says so; set once at boot */
static bool bulk_on;			/* between fpu_bulk_begin and _end */
static bool bulk_saved_ts;		/* TS to put back at fpu_bulk_end */

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

/* The boot CPU: its CR0 bits, and the initial state every process gets. */
void fpu_init(void)
{
	cr0_set_fpu_bits();
	__asm__ volatile("fninit; fnsave %0" : "=m"(fpu_initial));
	ts_set = false;
	set_ts(true);
	have_sse2 = cpu_has_sse2();
}

/*
 * Each other CPU, as it starts (smp.c): the same CR0 bits, a clean FPU,
 * and TS set, so that the first FPU instruction there traps.  ts_set,
 * fpu_owner and the bulk-copy flags above describe the boot CPU; they
 * become per-CPU when processes run on every CPU (issue 15).
 */
void fpu_init_cpu(void)
{
	uint32_t cr0;

	cr0_set_fpu_bits();
	__asm__ volatile("fninit");
	__asm__ volatile("movl %%cr0, %0" : "=r"(cr0));
	__asm__ volatile("movl %0, %%cr0" : : "r"(cr0 | CR0_TS));
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

/*
 * A big copy (FPU_BULK_MIN bytes or more) is about to start: turn SSE on
 * for it.  False if this CPU has no SSE2; then copy with memcpy.
 */
bool fpu_bulk_begin(void)
{
	assert(!bulk_on);	/* nested: an interrupt handler copied */
	if (!have_sse2)
		return false;
	write_cr4_osfxsr(true);
	bulk_saved_ts = ts_set;
	set_ts(false);		/* TS would make SSE trap (#NM) */
	bulk_on = true;
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

	assert(bulk_on);
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
	assert(bulk_on);
	__asm__ volatile("pxor %xmm0, %xmm0\n\t"
			 "pxor %xmm1, %xmm1\n\t"
			 "pxor %xmm2, %xmm2\n\t"
			 "pxor %xmm3, %xmm3");
	bulk_on = false;
	write_cr4_osfxsr(false);
	set_ts(bulk_saved_ts);
}
