/*
 * signals.c - a worker's signal handlers, and its record of what it did
 * to each signal, which decides what it may safely send itself: only
 * signals it handles or ignores, never one that would kill it.
 */
#include <string.h>

#include "fuzz.h"
#include "longrun.h"
#include "rng.h"

int disposition[65];
volatile sig_atomic_t signal_count, alarm_count;
sigset_t base_mask;		/* restored after every call */

/*
 * Signals whose handling the fuzzer may change at random.  Not SIGTTIN
 * and SIGTTOU: a worker may put itself in a group of its own, a
 * background job, and then a read of the console (or a change of its
 * modes) would stop it for good, or loop in a restarted call; ignored,
 * they make such calls fail with EIO or go ahead (signals_setup).
 */
static const int fuzzable_signals[] = {
	SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGTERM, SIGSTKFLT,
	SIGCONT, SIGTSTP, SIGURG, SIGXCPU, SIGXFSZ,
	SIGVTALRM, SIGPROF, SIGWINCH, SIGIO, SIGPWR, 34, 35, 40, 50, 63, 64,
};

#define NR_FUZZABLE (sizeof(fuzzable_signals) / sizeof(fuzzable_signals[0]))

void on_signal(int sig)
{
	(void)sig;
	signal_count++;
}

static void on_alarm(int sig)
{
	(void)sig;
	alarm_count++;
}

static void set_fault_handler(int sig)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_fault;
	sa.sa_flags = SA_SIGINFO | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

static int default_ignored(int sig)
{
	return sig == SIGCHLD || sig == SIGURG || sig == SIGWINCH || sig == SIGCONT;
}

static int is_fault_signal(int sig)
{
	return sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE ||
	       sig == SIGTRAP || sig == SIGABRT || sig == SIGSYS;
}

/* May this process send sig to itself (or its own group) safely? */
int self_signal_ok(int sig)
{
	if (sig == 0)
		return 1;
	if (sig < 1 || sig > 64 || sig == SIGKILL || sig == SIGSTOP)
		return 0;
	if (sig == SIGALRM || sig == SIGPIPE || sig == SIGCHLD)
		return 1;	/* always handled */
	if (is_fault_signal(sig))
		return 0;
	switch (disposition[sig]) {
	case D_HANDLER: case D_IGNORE:
		return 1;
	case D_DEFAULT:
		return default_ignored(sig);
	default:
		return 0;
	}
}

int is_fuzzable_signal(long sig)
{
	for (unsigned i = 0; i < NR_FUZZABLE; i++)
		if (fuzzable_signals[i] == sig)
			return 1;
	return 0;
}

int fuzzable_signal(void)
{
	return PICK(fuzzable_signals);
}

/*
 * Handle the fuzzable signals (but SIGCONT, SIGURG, SIGWINCH, ignored by
 * default anyway), SIGALRM without SA_RESTART so that it ends a blocked
 * call, and the faults, which probes expect and which otherwise mean the
 * fuzzer itself went wrong.
 */
void signals_setup(void)
{
	for (int s = 1; s <= 64; s++)
		disposition[s] = D_DEFAULT;
	for (unsigned i = 0; i < NR_FUZZABLE; i++) {
		int s = fuzzable_signals[i];
		if (s == SIGCONT || s == SIGURG || s == SIGWINCH)
			continue;
		set_handler(s, on_signal, SA_RESTART);
		disposition[s] = D_HANDLER;
	}
	set_handler(SIGTTIN, SIG_IGN, 0);	/* terminal job control: see above */
	set_handler(SIGTTOU, SIG_IGN, 0);
	disposition[SIGTTIN] = disposition[SIGTTOU] = D_IGNORE;
	set_handler(SIGALRM, on_alarm, 0);
	set_handler(SIGPIPE, on_signal, 0);
	set_handler(SIGCHLD, on_signal, SA_RESTART);
	set_fault_handler(SIGSEGV);
	set_fault_handler(SIGBUS);
	set_fault_handler(SIGILL);
	set_fault_handler(SIGFPE);
	set_fault_handler(SIGTRAP);
	sigemptyset(&base_mask);
	sigprocmask(SIG_SETMASK, &base_mask, NULL);
}
