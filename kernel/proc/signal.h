/*
 * signal.h - per-process signal state, with Linux's numbers and layouts.
 * See signal.c for delivery.
 */
#ifndef KERNEL_SIGNAL_H
#define KERNEL_SIGNAL_H

#include "lib/types.h"
#include "lib/spinlock.h"

#define NSIG 64			/* signals are 1..64; bit (sig - 1) in a set */
#define SIGHUP 1
#define SIGINT 2
#define SIGQUIT 3
#define SIGILL 4
#define SIGTRAP 5
#define SIGABRT 6
#define SIGBUS 7
#define SIGFPE 8
#define SIGKILL 9
#define SIGUSR1 10
#define SIGSEGV 11
#define SIGUSR2 12
#define SIGPIPE 13
#define SIGALRM 14
#define SIGTERM 15
#define SIGSTKFLT 16
#define SIGCHLD 17
#define SIGCONT 18
#define SIGSTOP 19
#define SIGTSTP 20
#define SIGTTIN 21
#define SIGTTOU 22
#define SIGURG 23
#define SIGXCPU 24
#define SIGXFSZ 25
#define SIGVTALRM 26
#define SIGPROF 27
#define SIGWINCH 28
#define SIGIO 29
#define SIGPWR 30
#define SIGSYS 31

#define SIG_DFL 0u
#define SIG_IGN 1u

#define SA_NOCLDSTOP 0x00000001u
#define SA_NOCLDWAIT 0x00000002u
#define SA_SIGINFO 0x00000004u
#define SA_RESTORER 0x04000000u
#define SA_ONSTACK 0x08000000u
#define SA_RESTART 0x10000000u
#define SA_NODEFER 0x40000000u
#define SA_RESETHAND 0x80000000u

typedef uint64_t sigset_t;

static inline sigset_t sig_bit(int sig)
{
	return (sigset_t)1 << (sig - 1);
}

static inline bool sig_valid(int sig)
{
	return sig >= 1 && sig <= NSIG;
}

/* Signals whose default action is to do nothing. */
static inline bool sig_default_ignores(int sig)
{
	return sig == SIGCHLD || sig == SIGURG || sig == SIGWINCH || sig == SIGCONT;
}

/* SIGKILL and SIGSTOP can be neither blocked, caught nor ignored. */
#define SIG_UNBLOCKABLE (sig_bit(SIGKILL) | sig_bit(SIGSTOP))

/* The layout rt_sigaction(2) copies in and out on i386 Linux. */
struct k_sigaction {
	uint32_t handler;	/* SIG_DFL, SIG_IGN or a user address */
	uint32_t flags;		/* SA_* */
	uint32_t restorer;	/* user code that calls rt_sigreturn */
	sigset_t mask;		/* blocked while the handler runs */
};

/* What the sender told us about a pending signal (for SA_SIGINFO). */
struct sig_info {
	int16_t code;		/* SI_USER, SI_KERNEL, CLD_EXITED, ... */
	int16_t status;		/* for SIGCHLD: exit code or signal */
	uint32_t pid_or_addr;	/* the sender (kill, SIGCHLD) or fault address */
};

#define SI_USER 0
#define SI_KERNEL 0x80
#define CLD_EXITED 1
#define CLD_KILLED 2
#define CLD_STOPPED 5
#define CLD_CONTINUED 6

/*
 * Per-process signal state.  `lock` (class SIGNAL) guards every field but
 * saved_mask and restore_mask, which only the process itself uses.  Only
 * the process changes `blocked` and `action`, but always under the lock,
 * because senders on other CPUs read them to decide whether to wake it;
 * the process may read its own without the lock.  Senders set bits in
 * `pending`.  One process's lock is never held while taking another's.
 */
struct sig_state {
	struct spinlock lock;
	bool continued;			/* a SIGCONT resumed us: report it */
	sigset_t pending;		/* sent, not yet delivered */
	sigset_t blocked;		/* the signal mask */
	sigset_t saved_mask;		/* sigsuspend: the mask to go back to */
	bool restore_mask;		/* saved_mask is to be restored */
	struct k_sigaction action[NSIG];
	struct sig_info info[32];	/* for standard signals 1..32 */
};

struct proc;
struct trapframe;

/*
 * How an interrupted sleep goes on without starting over (signal.c):
 * the call that was interrupted leaves what it needs here (its absolute
 * deadline, its user pointers) with `fn` set, and returns -ERESTARTSYS.
 * If no handler runs, the restart runs restart_syscall (number 0), which
 * calls fn.  Only the call that just returned may have one: the system
 * call entry clears `fn` for every other call.
 */
struct restart_block {
	long (*fn)(struct restart_block *rb);	/* NULL: restart the call itself */
	uint64_t deadline;		/* CLOCK_MONOTONIC ns */
	uint32_t uaddr;			/* nanosleep's rem; poll's fds */
	uint32_t count;			/* poll's nfds */
};

void signal_send(struct proc *p, int sig);
void signal_send_info(struct proc *p, int sig, const struct sig_info *info);
void signal_force(struct proc *p, int sig, uint32_t addr);
bool signal_pending(struct proc *p);
void signal_deliver(struct trapframe *tf);
void signal_finish_syscall(struct trapframe *tf);
void signal_fork(struct proc *child, struct proc *parent);
void signal_exec(struct proc *p);
void signal_child_changed(struct proc *child, int code, int status);
void signal_set_blocked(sigset_t mask);
void signal_mask_push(sigset_t mask);
void signal_mask_pop(void);

/* sigframe.c: the user-stack frame a handler runs on. */
bool sigframe_push(struct trapframe *tf, int sig, const struct k_sigaction *act,
		   const struct sig_info *info, sigset_t old_mask);

#endif
