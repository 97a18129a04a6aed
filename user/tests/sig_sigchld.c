/*
 * sig_sigchld - the parent gets SIGCHLD when a child exits or is killed,
 * with siginfo describing the child.
 *
 *   default disposition: SIGCHLD is ignored (the parent survives its
 *     children's deaths, with and without raise(SIGCHLD));
 *   a child that exits with status 7: an SA_SIGINFO handler sees
 *     si_signo == SIGCHLD, si_code == CLD_EXITED, si_pid == the child,
 *     si_status == 7; waitpid then reports exit status 7;
 *   a child killed by SIGKILL: si_code == CLD_KILLED, si_status ==
 *     SIGKILL;
 *   five children exiting: the handler runs at least once (SIGCHLDs may
 *     merge) and all five can be reaped.
 *
 * SIGCHLD is blocked before each fork and the parent waits with
 * sigsuspend, so it cannot miss the signal whatever the order.  The
 * killed child blocks in read on a pipe that never gets data.
 */
#define _GNU_SOURCE
#include <conduit/test.h>
#include <signal.h>

static volatile sig_atomic_t calls;
static volatile int got_signo, got_code, got_pid, got_status;

static void on_sigchld(int sig, siginfo_t *info, void *context)
{
	(void)sig;
	(void)context;
	calls++;
	got_signo = info->si_signo;
	got_code = info->si_code;
	got_pid = info->si_pid;
	got_status = info->si_status;
}

static sigset_t block_sigchld(void)
{
	sigset_t set, old;

	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	CHECK_EQ(sigprocmask(SIG_BLOCK, &set, &old), 0);
	return old;
}

static void wait_for_sigchld(const sigset_t *wait_mask)
{
	while (calls == 0) {
		CHECK_EQ(sigsuspend(wait_mask), -1);
		CHECK_EQ(errno, EINTR);
	}
}

static void default_ignored(void)
{
	pid_t pid;

	CHECK_EQ(raise(SIGCHLD), 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0)
		_exit(0);
	CHECK_EQ(wait_for_child(pid), 0);
}

static void install(void)
{
	struct sigaction act;

	memset(&act, 0, sizeof act);
	act.sa_sigaction = on_sigchld;
	act.sa_flags = SA_SIGINFO | SA_RESTART;
	sigemptyset(&act.sa_mask);
	CHECK_EQ(sigaction(SIGCHLD, &act, NULL), 0);
}

static void child_exits(void)
{
	sigset_t old = block_sigchld();
	pid_t pid;

	calls = 0;
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0)
		_exit(7);
	wait_for_sigchld(&old);
	CHECK_EQ(calls, 1);
	CHECK_EQ(got_signo, SIGCHLD);
	CHECK_EQ(got_code, CLD_EXITED);
	CHECK_EQ(got_pid, pid);
	CHECK_EQ(got_status, 7);
	CHECK_EQ(wait_for_child(pid), 7 << 8);
	CHECK_EQ(sigprocmask(SIG_SETMASK, &old, NULL), 0);
}

static void child_killed(void)
{
	sigset_t old = block_sigchld();
	int fds[2];
	pid_t pid;
	char c;

	CHECK_EQ(pipe(fds), 0);
	calls = 0;
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		close(fds[1]);
		read(fds[0], &c, 1);	/* blocks: the parent holds the write end */
		_exit(1);
	}
	CHECK_EQ(kill(pid, SIGKILL), 0);
	wait_for_sigchld(&old);
	CHECK_EQ(calls, 1);
	CHECK_EQ(got_signo, SIGCHLD);
	CHECK_EQ(got_code, CLD_KILLED);
	CHECK_EQ(got_pid, pid);
	CHECK_EQ(got_status, SIGKILL);
	CHECK_EQ(wait_for_child(pid), SIGKILL);
	CHECK_EQ(sigprocmask(SIG_SETMASK, &old, NULL), 0);
	close(fds[0]);
	close(fds[1]);
}

static void several_children(void)
{
	sigset_t old = block_sigchld();
	pid_t pids[5];

	calls = 0;
	for (int i = 0; i < 5; i++) {
		pids[i] = fork();
		CHECK(pids[i] >= 0);
		if (pids[i] == 0)
			_exit(i);
	}
	for (int i = 0; i < 5; i++)
		CHECK_EQ(wait_for_child(pids[i]), i << 8);
	/* All five are gone, so at least one SIGCHLD is pending. */
	CHECK_EQ(calls, 0);
	CHECK_EQ(sigprocmask(SIG_SETMASK, &old, NULL), 0);
	CHECK(calls >= 1);
	CHECK_EQ(got_signo, SIGCHLD);
	CHECK_EQ(waitpid(-1, NULL, WNOHANG), -1);
	CHECK_EQ(errno, ECHILD);
}

int main(void)
{
	default_ignored();
	install();
	child_exits();
	child_killed();
	several_children();
	signal(SIGCHLD, SIG_DFL);
	return 0;
}
