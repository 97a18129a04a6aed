/*
 * fault.c - faults on purpose.  A child may fault (NULL, kernel memory,
 * its own code, privileged instructions, kernel-only interrupt vectors,
 * segment loads, division by zero, running off its stack) or call
 * rt_sigreturn on a frame of garbage, and must then die of the signal
 * that fault allows.  The worker itself probes memory it must not reach,
 * catching the fault with a handler and siglongjmp.
 */
#include <setjmp.h>
#include <stdio.h>
#include <unistd.h>

#include "fuzz.h"
#include "rng.h"

static sigjmp_buf probe_jump;
static volatile sig_atomic_t probing;

void on_fault(int sig, siginfo_t *info, void *context)
{
	(void)context;
	if (info && info->si_code <= 0)
		return;		/* sent with kill(), not a fault: harmless */
	if (probing)
		siglongjmp(probe_jump, sig);
	/* A fault in the fuzzer's own code: report it and stop. */
	say("fuzz: worker %d gen %d seed %u pid %d: fatal signal %d at op %ld\n"
	    "fuzz:   last call: %s\n", worker_index, worker_gen, worker_seed,
	    (int)getpid(), sig, op_number, last_op);
	_exit(3);
}

/* An address the compiler cannot see through. */
volatile unsigned char *opaque(uintptr_t address)
{
	volatile uintptr_t hidden = address;

	return (volatile unsigned char *)hidden;
}

/* ------------------------------------------------------------------ */
/* Children that fault.                                                */

/* Where a garbage sigreturn frame sends the child: it exits 42. */
static void landing(void) __attribute__((noreturn, used));
static void landing(void)
{
#if ON_CONDUIT
	__asm__ volatile("cld\n\tmovl $1, %%eax\n\tmovl %0, %%ebx\n\tint $0x80"
			 : : "i"(SIGRETURN_LANDED) : "memory");
#endif
	_exit(SIGRETURN_LANDED);
}

/* The same, after using the x87 unit, whose state came from the frame. */
static void landing_fpu(void) __attribute__((noreturn, used));
static void landing_fpu(void)
{
#if ON_CONDUIT
	__asm__ volatile("cld\n\tfwait\n\tfld1\n\tfld1\n\tfaddp\n\tfstp %%st(0)\n\tfwait\n\t"
			 "movl $1, %%eax\n\tmovl %0, %%ebx\n\tint $0x80"
			 : : "i"(SIGRETURN_LANDED) : "memory");
#endif
	_exit(SIGRETURN_LANDED);
}

/* Fault number `which` in this process; returns only if it did not fault. */
static void do_fault(int which)
{
	volatile unsigned char *p;
	volatile int zero = 0, x = 1;

	switch (which) {
	case 0: p = opaque(0); (void)*p; break;
	case 1: p = opaque(0); *p = 1; break;
	case 2: p = opaque(0xfff); (void)*p; break;
	case 3: p = opaque(0xc0000000u); (void)*p; break;
	case 4: p = opaque(0xc0100000u); *p = *p; break;
	case 5: p = opaque(0xf0000000u); (void)*p; break;
	case 6: p = opaque(0xfffffffcu); (void)*p; break;
	case 7: p = opaque(text_target_addr); *p = *p; break;
	case 8: ((void (*)(void))opaque(0xc0100000u))(); break;
	case 9: ((void (*)(void))opaque(0))(); break;
	case 10: __asm__ volatile("ud2"); break;
	case 11: __asm__ volatile("hlt"); break;
	case 12: __asm__ volatile("cli"); break;
	case 13: __asm__ volatile("inb $0x60, %%al" : : : "eax"); break;
	case 14: __asm__ volatile("outb %%al, $0xf4" : : "a"(0x11)); break;
	case 15: __asm__ volatile("int $0x0e"); break;
	case 16: __asm__ volatile("int $0x20"); break;
	case 17: __asm__ volatile("int $0x08"); break;
	case 18: __asm__ volatile("int $0x81"); break;
	case 19: x = x / zero; break;
	case 20: __asm__ volatile("movw %w0, %%ds" : : "r"(0x10) : "memory"); break;
	case 21: __asm__ volatile("movw %w0, %%fs; movl %%fs:0, %%eax"
				  : : "r"(0x2b) : "eax", "memory"); break;
#if ON_CONDUIT
	case 22: __asm__ volatile("movl %%cr0, %%eax" : : : "eax"); break;
	case 23: __asm__ volatile("lidt (%0)" : : "r"(scratch)); break;
#else
	case 22: case 23: __asm__ volatile("hlt"); break;
#endif
	}
	(void)x;
}

/* Recurse until the stack region runs out (deep_limit is never met). */
static volatile int deep_limit = -1;

static int deep(int n)
{
	volatile char frame[4096];

	frame[0] = (char)n;
	frame[4095] = (char)n;
	if (n == deep_limit)
		return 0;
	return deep(n + 1) + frame[0] + frame[4095];
}

/* Fault number which, 0 .. NR_FAULTS (running off the stack). */
void fault_run(int which)
{
	if (which == NR_FAULTS)
		deep(0);
	else
		do_fault(which);
}

/* Which signal may a fault kill with?  Any fault signal on a host. */
int fault_signal_ok(int which, int sig)
{
	if (which == NR_FAULTS)
		return sig == SIGSEGV || sig == SIGBUS;
	if (!ON_CONDUIT)
		return sig == SIGSEGV || sig == SIGBUS || sig == SIGILL ||
		       sig == SIGFPE || sig == SIGTRAP;
	if (which == 10)
		return sig == SIGILL;
	if (which == 19)
		return sig == SIGFPE;
	return sig == SIGSEGV || sig == SIGBUS;
}

/*
 * rt_sigreturn on a frame of garbage, except for where it returns to (a
 * landing), its stack and the trap flag: it lands and exits 42, or dies
 * of SIGTRAP/SIGSEGV (SIGFPE after the x87 unit too).  Mode 1 puts the
 * frame on unmapped stack: SIGSEGV.
 */
void garbage_sigreturn(int mode)
{
#if ON_CONDUIT
	int bad_stack = mode == 1;
	static uint32_t frame[128];
	static uint32_t stack[1024];
	uint32_t *f = frame + 1;	/* the kernel reads at esp - 4 */

	for (int i = 0; i < 128; i++)
		frame[i] = rnd();
	/* struct rt_sigframe: sigcontext at byte 164, its eip at +56, esp
	 * at +28, eflags at +64; the saved mask at byte 252. */
	f[-1 + (164 + 56) / 4] = (uint32_t)(uintptr_t)(mode == 2 ? landing_fpu : landing);
	f[-1 + (164 + 28) / 4] = (uint32_t)(uintptr_t)(stack + 1000);
	f[-1 + (164 + 64) / 4] &= ~0x100u;		/* no single-step */
	f[-1 + 252 / 4] = 0;
	f[-1 + 256 / 4] = 0;
	__asm__ volatile("movl %0, %%esp\n\tmovl $173, %%eax\n\tint $0x80"
			 : : "r"(bad_stack ? (uint32_t)0xbf7ff000u : (uint32_t)(uintptr_t)f)
			 : "memory");
	_exit(1);
#else
	(void)mode;
#endif
}

/* ------------------------------------------------------------------ */
/* Probes in the worker: forbidden memory must fault.                  */

/* Page 0 and the kernel, read or written from user mode. */
static void probe_forbidden(void)
{
	static const uint32_t addrs[] = {
		0, 1, 0xffc, 0xc0000000, 0xc0100000, 0xc0100400, 0xc03ff000,
		0xd0000000, 0xf0000000, 0xf0001000, 0xfffff000, 0xffffffff,
	};
	uint32_t a = PICK(addrs);
	int write_it = chance(30);

	snprintf(last_op, sizeof(last_op), "probe %s %#x", write_it ? "write" : "read", a);
	probing = 1;
	if (sigsetjmp(probe_jump, 1) == 0) {
		volatile unsigned char *p = opaque(a);
		if (write_it)
			*p = 0;
		else
			(void)*p;
		probing = 0;
		if (ON_CONDUIT || a < 0x1000)
			bug("user mode %s address %#x without a fault",
			    write_it ? "wrote" : "read", a);
	}
	probing = 0;
}

/* Our own code must not be writable either. */
static void probe_own_code(void)
{
	probing = 1;
	if (sigsetjmp(probe_jump, 1) == 0) {
		volatile unsigned char *p = (unsigned char *)text_target_addr;
		*p = *p;
		probing = 0;
		bug("the program's own code is writable");
	}
	probing = 0;
}

#if ON_CONDUIT
/* Fresh stack far below the live one reads as zero. */
static void probe_fresh_stack(void)
{
	int sig;

	probing = 1;
	sig = sigsetjmp(probe_jump, 1);
	if (sig == 0) {
		volatile uint32_t *p = (uint32_t *)(uintptr_t)((0xbf800000u + below(0x100000)) & ~3u);
		if (*p != 0)
			bug("fresh stack page at %p holds %#x, not zero", (void *)p, *p);
		probing = 0;
	} else {
		probing = 0;
		bug("reading the stack region at 0xbf8xxxxx faulted (signal %d)", sig);
	}
}
#endif

void op_probe(struct call *call)
{
	(void)call;
	probe_forbidden();
	probe_own_code();
#if ON_CONDUIT
	probe_fresh_stack();
#endif
}
