/*
 * pipe_sigpipe - writing to a pipe that has no reader left.
 *
 *   default disposition: the writer is killed by SIGPIPE (wait status is
 *     exactly "terminated by SIGPIPE"), checked in a child;
 *   SIG_IGN: write fails with EPIPE, every time, for small and large
 *     writes, blocking or non-blocking write end;
 *   a handler: write fails with EPIPE, and the handler has run exactly
 *     once for each failing write by the time write returns (counted in
 *     a volatile sig_atomic_t);
 *   SIGPIPE blocked: write fails with EPIPE and SIGPIPE is left pending
 *     (once, however many writes failed); when it is unblocked with a
 *     handler installed, the handler runs exactly once.
 *
 * No other process is involved except the child of the first case, so
 * there is nothing to synchronise beyond waitpid.
 */
#define _GNU_SOURCE
#include <conduit/test.h>
#include <fcntl.h>
#include <signal.h>

static volatile sig_atomic_t sigpipe_count;

static void on_sigpipe(int sig)
{
	if (sig == SIGPIPE)
		sigpipe_count++;
}

static void set_handler(int sig, void (*handler)(int))
{
	struct sigaction act;

	memset(&act, 0, sizeof act);
	act.sa_handler = handler;
	sigemptyset(&act.sa_mask);
	CHECK_EQ(sigaction(sig, &act, NULL), 0);
}

/* A pipe whose read end is already closed; returns the write end. */
static int broken_pipe(int flags)
{
	int fds[2];

	CHECK_EQ(pipe2(fds, flags), 0);
	CHECK_EQ(close(fds[0]), 0);
	return fds[1];
}

static void expect_epipe(int fd, size_t len)
{
	static char buf[100000];

	CHECK_EQ(write(fd, buf, len), -1);
	CHECK_EQ(errno, EPIPE);
}

static void default_kills(void)
{
	pid_t pid = fork();
	int status;

	CHECK(pid >= 0);
	if (pid == 0) {
		int fd = broken_pipe(0);

		set_handler(SIGPIPE, SIG_DFL);
		write(fd, "x", 1);
		_exit(0);		/* must not get here */
	}
	status = wait_for_child(pid);
	CHECK(WIFSIGNALED(status));
	CHECK_EQ(WTERMSIG(status), SIGPIPE);
}

static void ignored(void)
{
	int fd = broken_pipe(0);
	int nb = broken_pipe(O_NONBLOCK);

	set_handler(SIGPIPE, SIG_IGN);
	expect_epipe(fd, 1);
	expect_epipe(fd, 1);
	expect_epipe(fd, 4096);
	expect_epipe(fd, 100000);
	expect_epipe(nb, 1);
	expect_epipe(nb, 100000);
	close(fd);
	close(nb);
}

static void handled(void)
{
	int fd = broken_pipe(0);

	sigpipe_count = 0;
	set_handler(SIGPIPE, on_sigpipe);
	for (int i = 1; i <= 3; i++) {
		expect_epipe(fd, 10);
		CHECK_EQ(sigpipe_count, i);
	}
	expect_epipe(fd, 100000);
	CHECK_EQ(sigpipe_count, 4);
	close(fd);
}

static void blocked(void)
{
	sigset_t set, old, pending;
	int fd = broken_pipe(0);

	sigpipe_count = 0;
	set_handler(SIGPIPE, on_sigpipe);
	sigemptyset(&set);
	sigaddset(&set, SIGPIPE);
	CHECK_EQ(sigprocmask(SIG_BLOCK, &set, &old), 0);
	CHECK(!sigismember(&old, SIGPIPE));

	expect_epipe(fd, 10);
	expect_epipe(fd, 10);
	CHECK_EQ(sigpipe_count, 0);
	CHECK_EQ(sigpending(&pending), 0);
	CHECK(sigismember(&pending, SIGPIPE));

	CHECK_EQ(sigprocmask(SIG_SETMASK, &old, NULL), 0);
	CHECK_EQ(sigpipe_count, 1);		/* two writes, one signal */
	CHECK_EQ(sigpending(&pending), 0);
	CHECK(!sigismember(&pending, SIGPIPE));
	close(fd);
}

int main(void)
{
	default_kills();
	ignored();
	handled();
	blocked();
	set_handler(SIGPIPE, SIG_DFL);
	return 0;
}
