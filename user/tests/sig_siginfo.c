/*
 * sig_siginfo - an SA_SIGINFO handler gets the signal number, a siginfo
 * describing the sender, and a non-NULL context pointer.
 *
 *   kill(getpid(), SIGUSR1): si_signo == SIGUSR1, si_code == SI_USER,
 *     si_pid == our pid, si_uid == getuid();
 *   kill(parent, SIGUSR2) from a child: si_pid == the child's pid,
 *     si_code == SI_USER.  SIGUSR2 is blocked before the fork and the
 *     parent waits in sigsuspend, so the order does not matter;
 *   sigaction reports SA_SIGINFO and the same sa_sigaction back.
 */
#define _GNU_SOURCE
#include <conduit/test.h>
#include <signal.h>

static volatile sig_atomic_t calls;
static volatile int got_sig, got_signo, got_code, got_pid, got_uid;
static volatile int got_context;

static void on_signal(int sig, siginfo_t *info, void *context)
{
	calls++;
	got_sig = sig;
	got_signo = info->si_signo;
	got_code = info->si_code;
	got_pid = info->si_pid;
	got_uid = (int)info->si_uid;
	got_context = context != NULL;
}

static void install(int sig)
{
	struct sigaction act, old;

	memset(&act, 0, sizeof act);
	act.sa_sigaction = on_signal;
	act.sa_flags = SA_SIGINFO;
	sigemptyset(&act.sa_mask);
	CHECK_EQ(sigaction(sig, &act, NULL), 0);
	memset(&old, 0, sizeof old);
	CHECK_EQ(sigaction(sig, NULL, &old), 0);
	CHECK(old.sa_flags & SA_SIGINFO);
	CHECK(old.sa_sigaction == on_signal);
}

static void from_self(void)
{
	install(SIGUSR1);
	calls = 0;
	CHECK_EQ(kill(getpid(), SIGUSR1), 0);
	CHECK_EQ(calls, 1);
	CHECK_EQ(got_sig, SIGUSR1);
	CHECK_EQ(got_signo, SIGUSR1);
	CHECK_EQ(got_code, SI_USER);
	CHECK_EQ(got_pid, getpid());
	CHECK_EQ(got_uid, (int)getuid());
	CHECK(got_context);
}

static void from_child(void)
{
	sigset_t block, wait_mask;
	pid_t parent = getpid(), pid;

	install(SIGUSR2);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR2);
	CHECK_EQ(sigprocmask(SIG_BLOCK, &block, &wait_mask), 0);
	calls = 0;
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		CHECK_EQ(kill(parent, SIGUSR2), 0);
		_exit(0);
	}
	while (calls == 0) {
		CHECK_EQ(sigsuspend(&wait_mask), -1);
		CHECK_EQ(errno, EINTR);
	}
	CHECK_EQ(calls, 1);
	CHECK_EQ(got_sig, SIGUSR2);
	CHECK_EQ(got_signo, SIGUSR2);
	CHECK_EQ(got_code, SI_USER);
	CHECK_EQ(got_pid, pid);
	CHECK_EQ(got_uid, (int)getuid());
	CHECK(got_context);
	CHECK_EQ(wait_for_child(pid), 0);
	CHECK_EQ(sigprocmask(SIG_SETMASK, &wait_mask, NULL), 0);
}

int main(void)
{
	from_self();
	from_child();
	return 0;
}
