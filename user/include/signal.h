/*
 * signal.h - signal numbers, sets, handlers and sigaction().
 *
 * Numbers, flags and layouts are Linux i386's.  struct sigaction is laid
 * out exactly as the kernel's rt_sigaction(2) expects it, so the library
 * can pass it through without copying field by field.
 */
#ifndef _SIGNAL_H
#define _SIGNAL_H

#include <sys/types.h>

#define SIGHUP 1
#define SIGINT 2
#define SIGQUIT 3
#define SIGILL 4
#define SIGTRAP 5
#define SIGABRT 6
#define SIGIOT SIGABRT
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
#define SIGPOLL SIGIO
#define SIGPWR 30
#define SIGSYS 31
#define SIGRTMIN 32
#define SIGRTMAX 64
#define NSIG 65			/* one more than the highest signal number */
#define _NSIG NSIG

typedef void (*sighandler_t)(int);
typedef int sig_atomic_t;

#define SIG_DFL ((sighandler_t)0)
#define SIG_IGN ((sighandler_t)1)
#define SIG_ERR ((sighandler_t)-1)
#define SIG_HOLD ((sighandler_t)2)	/* sigset() only: block the signal */

/* A set of signals: bit (sig - 1) of a 64-bit mask, as the kernel sees it. */
typedef struct {
	unsigned long sig[2];
} sigset_t;

/* sigprocmask() operations */
#define SIG_BLOCK 0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

/* sa_flags */
#define SA_NOCLDSTOP 0x00000001
#define SA_NOCLDWAIT 0x00000002
#define SA_SIGINFO 0x00000004
#define SA_RESTORER 0x04000000
#define SA_ONSTACK 0x08000000
#define SA_RESTART 0x10000000
#define SA_NODEFER 0x40000000
#define SA_RESETHAND 0x80000000
#define SA_NOMASK SA_NODEFER
#define SA_ONESHOT SA_RESETHAND

union sigval {
	int sival_int;
	void *sival_ptr;
};

/*
 * What the kernel tells an SA_SIGINFO handler (128 bytes, Linux i386).
 * The anonymous unions hold the fields that share an offset; which one
 * is meaningful depends on the signal (si_pid for SIGCHLD and kill(),
 * si_addr for SIGSEGV, ...).
 */
typedef struct {
	int si_signo;
	int si_errno;
	int si_code;
	union {				/* offset 12 */
		pid_t si_pid;
		int si_timerid;
		void *si_addr;
		long si_band;
	};
	union {				/* offset 16 */
		uid_t si_uid;
		int si_overrun;
		int si_fd;
	};
	union {				/* offset 20 */
		int si_status;
		union sigval si_value;
	};
	clock_t si_utime;		/* offset 24 */
	clock_t si_stime;		/* offset 28 */
	int si_pad[24];			/* up to 128 bytes */
} siginfo_t;

/* si_code values */
#define SI_USER 0
#define SI_KERNEL 0x80
#define SI_QUEUE (-1)
#define SI_TIMER (-2)
#define CLD_EXITED 1
#define CLD_KILLED 2
#define CLD_DUMPED 3
#define CLD_TRAPPED 4
#define CLD_STOPPED 5
#define CLD_CONTINUED 6

/* The same layout as the kernel's struct for rt_sigaction(2). */
struct sigaction {
	union {
		void (*sa_handler)(int);
		void (*sa_sigaction)(int, siginfo_t *, void *);
	};
	unsigned long sa_flags;
	void (*sa_restorer)(void);
	sigset_t sa_mask;
};

/* An alternate stack for handlers (sigaltstack); Linux i386 layout. */
typedef struct {
	void *ss_sp;
	int ss_flags;
	size_t ss_size;
} stack_t;

#define SS_ONSTACK 1		/* ss_flags: running on the alternate stack */
#define SS_DISABLE 2		/* ss_flags: no alternate stack */
#define MINSIGSTKSZ 2048
#define SIGSTKSZ 8192

sighandler_t signal(int sig, sighandler_t handler);
int sigaction(int sig, const struct sigaction *act, struct sigaction *oldact);
int kill(pid_t pid, int sig);
int killpg(pid_t pgrp, int sig);
int raise(int sig);
int sigprocmask(int how, const sigset_t *set, sigset_t *oldset);
int sigpending(sigset_t *set);
int sigsuspend(const sigset_t *mask);
int sigaltstack(const stack_t *ss, stack_t *old_ss);
int sigemptyset(sigset_t *set);
int sigfillset(sigset_t *set);
int sigaddset(sigset_t *set, int sig);
int sigdelset(sigset_t *set, int sig);
int sigismember(const sigset_t *set, int sig);
void psignal(int sig, const char *message);

/*
 * The System V / XSI signal calls (obsolete, but old programs and LTP
 * use them).  sigset() installs a handler with no SA_RESTART, or with
 * SIG_HOLD just blocks the signal; sighold/sigrelse block and unblock
 * one signal; sigignore sets SIG_IGN; sigpause(sig) unblocks sig and
 * waits for a signal, like sigsuspend.  (This is the XSI sigpause that
 * glibc gives by default, not the BSD one that took a mask.)
 */
sighandler_t sigset(int sig, sighandler_t disposition);
int sighold(int sig);
int sigrelse(int sig);
int sigignore(int sig);
int sigpause(int sig);
char *strsignal(int sig);

#endif
