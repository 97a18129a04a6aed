/*
 * sysv_signal.c - the System V signal calls of XSI: sigset, sighold,
 * sigrelse, sigignore and sigpause.
 *
 * They predate sigaction and work on one signal at a time; each is a few
 * sigaction/sigprocmask calls.  Two points where they differ from
 * signal():
 *   - sigset(sig, handler) installs the handler with no flags at all, so
 *     interrupted system calls fail with EINTR instead of restarting,
 *     and it also unblocks sig.
 *   - sigset(sig, SIG_HOLD) installs nothing: it blocks sig.
 * sigset returns the previous disposition, or SIG_HOLD if sig was
 * blocked before the call.
 */
#include <signal.h>

/* The set holding just sig; fails with EINVAL for a bad number. */
static int single_signal(int sig, sigset_t *set)
{
	sigemptyset(set);
	return sigaddset(set, sig);
}

/* sigset(sig, SIG_HOLD): block sig, report what was installed. */
static sighandler_t hold_signal(int sig, const sigset_t *set)
{
	struct sigaction old;
	sigset_t old_mask;

	if (sigprocmask(SIG_BLOCK, set, &old_mask) < 0)
		return SIG_ERR;
	if (sigismember(&old_mask, sig))
		return SIG_HOLD;
	if (sigaction(sig, NULL, &old) < 0)
		return SIG_ERR;
	return old.sa_handler;
}

sighandler_t sigset(int sig, sighandler_t disposition)
{
	struct sigaction act, old;
	sigset_t set, old_mask;

	if (single_signal(sig, &set) < 0)
		return SIG_ERR;
	if (disposition == SIG_HOLD)
		return hold_signal(sig, &set);
	act.sa_handler = disposition;
	act.sa_flags = 0;
	act.sa_restorer = NULL;
	sigemptyset(&act.sa_mask);
	if (sigaction(sig, &act, &old) < 0)
		return SIG_ERR;
	if (sigprocmask(SIG_UNBLOCK, &set, &old_mask) < 0)
		return SIG_ERR;
	return sigismember(&old_mask, sig) ? SIG_HOLD : old.sa_handler;
}

int sighold(int sig)
{
	sigset_t set;

	if (single_signal(sig, &set) < 0)
		return -1;
	return sigprocmask(SIG_BLOCK, &set, NULL);
}

int sigrelse(int sig)
{
	sigset_t set;

	if (single_signal(sig, &set) < 0)
		return -1;
	return sigprocmask(SIG_UNBLOCK, &set, NULL);
}

int sigignore(int sig)
{
	struct sigaction act;

	act.sa_handler = SIG_IGN;
	act.sa_flags = 0;
	act.sa_restorer = NULL;
	sigemptyset(&act.sa_mask);
	return sigaction(sig, &act, NULL);
}

/* Unblock sig and wait for a signal; the old mask comes back after. */
int sigpause(int sig)
{
	sigset_t mask;

	if (sigprocmask(SIG_BLOCK, NULL, &mask) < 0)
		return -1;
	if (sigdelset(&mask, sig) < 0)
		return -1;
	return sigsuspend(&mask);
}
