/*
 * sig_default_actions - what a signal does when nobody handles it.
 *
 * For each signal a fresh child with the default disposition sends the
 * signal to itself, with raise() and in a second child with kill() from
 * the parent while the child is blocked in read:
 *
 *   terminate: SIGHUP, SIGINT, SIGKILL, SIGUSR1, SIGUSR2, SIGPIPE,
 *     SIGALRM, SIGTERM, SIGSTKFLT, SIGVTALRM, SIGPROF, SIGIO, SIGPWR: the
 *     child dies and WTERMSIG is that signal;
 *   ignore: SIGCHLD, SIGURG, SIGWINCH, and SIGCONT for a running process:
 *     the child carries on and exits 0.
 *
 * (Signals whose default action dumps core are left out: on a host they
 * might write core files.  Stop signals are in sig_stop_cont.)  In the
 * kill() variant the child reports "ready" through a pipe before it
 * blocks; for the ignored signals the parent then closes the pipe the
 * child reads, and the child exits 0 at end of file.
 */
#define _GNU_SOURCE
#include <conduit/test.h>
#include <signal.h>

static const int terminating[] = { SIGHUP, SIGINT, SIGKILL, SIGUSR1,
	SIGUSR2, SIGPIPE, SIGALRM, SIGTERM, SIGSTKFLT, SIGVTALRM, SIGPROF,
	SIGIO, SIGPWR };
static const int ignored[] = { SIGCHLD, SIGURG, SIGWINCH, SIGCONT };

#define COUNT(a) ((int)(sizeof a / sizeof a[0]))

static int by_raise(int sig)
{
	pid_t pid = fork();

	CHECK(pid >= 0);
	if (pid == 0) {
		signal(sig, SIG_DFL);
		raise(sig);
		_exit(0);
	}
	return wait_for_child(pid);
}

static int by_kill(int sig)
{
	int ready[2], hold[2], status;
	pid_t pid;
	char c;

	CHECK_EQ(pipe(ready), 0);
	CHECK_EQ(pipe(hold), 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		close(hold[1]);
		signal(sig, SIG_DFL);
		CHECK_EQ(write(ready[1], "r", 1), 1);
		while (read(hold[0], &c, 1) != 0)
			;
		_exit(0);
	}
	close(hold[0]);
	CHECK_EQ(read(ready[0], &c, 1), 1);
	CHECK_EQ(kill(pid, sig), 0);
	close(hold[1]);		/* lets an unharmed child finish */
	status = wait_for_child(pid);
	close(ready[0]);
	close(ready[1]);
	return status;
}

static void expect_terminated(int status, int sig)
{
	if (!WIFSIGNALED(status) || WTERMSIG(status) != sig)
		fprintf(stderr, "sig_default_actions: signal %d: status 0x%x\n",
			sig, status);
	CHECK(WIFSIGNALED(status));
	CHECK_EQ(WTERMSIG(status), sig);
}

int main(void)
{
	for (int i = 0; i < COUNT(terminating); i++) {
		expect_terminated(by_raise(terminating[i]), terminating[i]);
		expect_terminated(by_kill(terminating[i]), terminating[i]);
	}
	for (int i = 0; i < COUNT(ignored); i++) {
		CHECK_EQ(by_raise(ignored[i]), 0);
		CHECK_EQ(by_kill(ignored[i]), 0);
	}
	return 0;
}
