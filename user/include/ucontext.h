/*
 * ucontext.h - the machine state a signal handler gets as its third
 * argument: void handler(int sig, siginfo_t *info, void *context), where
 * context points to a ucontext_t.
 *
 * The layout is Linux i386's, and exactly the "uc" part of the frame the
 * kernel pushes (kernel/proc/sigframe.c): the interrupted registers in
 * uc_mcontext.gregs[] (index them with REG_EAX, REG_EIP, ...) and the
 * signal mask that was in force in uc_sigmask.  Changing them in the
 * handler changes what rt_sigreturn restores.
 *
 * uc_mcontext.fpregs points to the x87 state the kernel saved (the
 * 108-byte fnsave image; the status field after it is not part of the
 * frame).  glibc's ucontext_t is longer (a 128-byte sigset_t and room for
 * getcontext()); Conduit has no getcontext/setcontext/makecontext.
 */
#ifndef _UCONTEXT_H
#define _UCONTEXT_H

#include <signal.h>

typedef int greg_t;

#define NGREG 19
typedef greg_t gregset_t[NGREG];

/* Indices into gregset_t, in the kernel's struct sigcontext order. */
enum {
	REG_GS = 0,
	REG_FS,
	REG_ES,
	REG_DS,
	REG_EDI,
	REG_ESI,
	REG_EBP,
	REG_ESP,
	REG_EBX,
	REG_EDX,
	REG_ECX,
	REG_EAX,
	REG_TRAPNO,
	REG_ERR,
	REG_EIP,
	REG_CS,
	REG_EFL,
	REG_UESP,		/* the user stack pointer at the signal */
	REG_SS
};

/* One x87 register (80 bits) and the fnsave image. */
struct _libc_fpreg {
	unsigned short significand[4];
	unsigned short exponent;
};

struct _libc_fpstate {
	unsigned long cw;		/* control word */
	unsigned long sw;		/* status word */
	unsigned long tag;
	unsigned long ipoff;
	unsigned long cssel;
	unsigned long dataoff;
	unsigned long datasel;
	struct _libc_fpreg _st[8];
	unsigned long status;
};

typedef struct _libc_fpstate *fpregset_t;

typedef struct {
	gregset_t gregs;
	fpregset_t fpregs;		/* NULL if no FPU state was saved */
	unsigned long oldmask;		/* the first 32 bits of the old mask */
	unsigned long cr2;		/* the fault address of a page fault */
} mcontext_t;

typedef struct ucontext_t {
	unsigned long uc_flags;
	struct ucontext_t *uc_link;	/* unused: always NULL */
	stack_t uc_stack;
	mcontext_t uc_mcontext;
	sigset_t uc_sigmask;		/* the mask to restore */
} ucontext_t;

#endif
