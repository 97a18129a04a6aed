/*
 * signal.c - installing handlers, changing the signal mask, and the
 * alternate signal stack.  (The System V calls sigset, sighold, ... are
 * in sysv_signal.c.)
 *
 * All of this goes through the rt_* system calls, which take a 64-bit
 * signal set and its size (8 bytes).
 *
 * Returning from a handler: the kernel makes the handler "return" to
 * sa_restorer, which we always point at __restore_rt (sigrestore.S), a
 * two-instruction call of rt_sigreturn.  Linux builds the frame that
 * rt_sigreturn undoes only for SA_SIGINFO handlers (others get an older
 * frame for the old sigreturn call), so we always ask the kernel for
 * SA_SIGINFO.  A plain handler void h(int) is unaffected: it simply
 * ignores the two extra arguments.  wants_siginfo[] remembers whether the
 * program itself asked for SA_SIGINFO, so that the flags we report back
 * are the ones it set.
 */
#include <errno.h>
#include <signal.h>
#include "syscall_internal.h"

#define KERNEL_SIGSET_SIZE 8

void __restore_rt(void);

static unsigned char wants_siginfo[NSIG];

int sigaction(int sig, const struct sigaction *act, struct sigaction *oldact)
{
	struct sigaction kernel_act;
	const struct sigaction *new_act = NULL;
	int had_siginfo;
	long ret;

	if (sig < 1 || sig >= NSIG) {
		errno = EINVAL;
		return -1;
	}
	had_siginfo = wants_siginfo[sig];
	if (act) {
		kernel_act = *act;
		kernel_act.sa_flags |= SA_RESTORER | SA_SIGINFO;
		kernel_act.sa_restorer = __restore_rt;
		new_act = &kernel_act;
	}
	ret = __syscall4(SYS_rt_sigaction, sig, (long)new_act, (long)oldact,
			 KERNEL_SIGSET_SIZE);
	if (ret < 0)
		return __syscall_ret(ret);
	if (act)
		wants_siginfo[sig] = (act->sa_flags & SA_SIGINFO) != 0;
	if (oldact && !had_siginfo)
		oldact->sa_flags &= ~SA_SIGINFO;
	return 0;
}

/*
 * signal() with BSD semantics, like glibc: the handler stays installed
 * after it runs and interrupted system calls are restarted.
 */
sighandler_t signal(int sig, sighandler_t handler)
{
	struct sigaction act, old;

	act.sa_handler = handler;
	act.sa_flags = SA_RESTART;
	act.sa_restorer = NULL;
	sigemptyset(&act.sa_mask);
	if (sigaction(sig, &act, &old) < 0)
		return SIG_ERR;
	return old.sa_handler;
}

int sigprocmask(int how, const sigset_t *set, sigset_t *oldset)
{
	return __syscall_ret(__syscall4(SYS_rt_sigprocmask, how, (long)set,
					(long)oldset, KERNEL_SIGSET_SIZE));
}

int sigpending(sigset_t *set)
{
	return __syscall_ret(__syscall2(SYS_rt_sigpending, (long)set,
					KERNEL_SIGSET_SIZE));
}

/* Wait for a signal with mask temporarily in force; always returns -1. */
int sigsuspend(const sigset_t *mask)
{
	return __syscall_ret(__syscall2(SYS_rt_sigsuspend, (long)mask,
					KERNEL_SIGSET_SIZE));
}

/* Handlers with SA_ONSTACK run on the stack set here. */
int sigaltstack(const stack_t *ss, stack_t *old_ss)
{
	return __syscall_ret(__syscall2(SYS_sigaltstack, (long)ss,
					(long)old_ss));
}
