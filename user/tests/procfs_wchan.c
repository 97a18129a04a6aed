/*
 * procfs_wchan - /proc/ps shows where a process sleeps, and the test
 * helper wait_for_wchan() (conduit/test.h) waits for exactly that.
 *
 *   A child reading an empty pipe: wait_for_wchan(pid, "pipe-read")
 *   returns, and /proc/ps says "S pipe-read:N".
 *   A child writing more than a pipe holds: once wait_for_wchan(pid,
 *   "pipe-write") returns, the pipe must be full (FIONREAD), since the
 *   writer sleeps only then.
 *   A child in waitpid for a child of its own, blocked reading: "wait".
 *
 *   The failures, in a forked checker whose stderr is captured: the wrong
 *   channel (after WCHAN_WAIT_MS), a zombie and a pid that does not exist
 *   (at once).  Each must exit 1 and name the pid and what it saw.
 */
#define _GNU_SOURCE
#define WCHAN_WAIT_MS 2000	/* the wrong-channel case waits this long */
#include <conduit/test.h>
#include <signal.h>
#include <sys/ioctl.h>

#define CAPACITY 65536

static char buf[CAPACITY + 100];

/* A child that blocks reading fds[0] (nobody writes) until killed. */
static pid_t start_reader(int fds[2])
{
	pid_t pid = fork();
	char c;

	CHECK(pid >= 0);
	if (pid == 0) {
		close(fds[1]);
		read(fds[0], &c, 1);
		_exit(0);
	}
	return pid;
}

static void kill_and_reap(pid_t pid)
{
	int status;

	CHECK_EQ(kill(pid, SIGKILL), 0);
	status = wait_for_child(pid);
	CHECK(WIFSIGNALED(status));
}

static void blocked_reader(void)
{
	int fds[2];
	char seen[64];
	pid_t pid;

	CHECK_EQ(pipe(fds), 0);
	pid = start_reader(fds);
	wait_for_wchan(pid, "pipe-read");
	CHECK_EQ(ps_look(pid, seen, sizeof(seen)), 1);
	CHECK(strncmp(seen, "S pipe-read:", 12) == 0);
	kill_and_reap(pid);
	close(fds[0]);
	close(fds[1]);
}

static void blocked_writer(void)
{
	int fds[2], n = -1;
	pid_t pid;

	CHECK_EQ(pipe(fds), 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		close(fds[0]);
		write(fds[1], buf, sizeof(buf));
		_exit(0);
	}
	CHECK_EQ(close(fds[1]), 0);
	wait_for_wchan(pid, "pipe-write");
	CHECK_EQ(ioctl(fds[0], FIONREAD, &n), 0);
	CHECK_EQ(n, CAPACITY);
	kill_and_reap(pid);
	close(fds[0]);
}

static void blocked_in_wait(void)
{
	int fds[2];
	pid_t pid;

	CHECK_EQ(pipe(fds), 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		pid_t reader = start_reader(fds);

		close(fds[0]);
		close(fds[1]);
		_exit(waitpid(reader, NULL, 0) == reader ? 0 : 1);
	}
	wait_for_wchan(pid, "wait");
	/* Our write end was the last: its reader gets end of file, exits,
	 * and so its waitpid returns. */
	close(fds[1]);
	close(fds[0]);
	CHECK_EQ(wait_for_child(pid), 0);
}

/*
 * Run wait_for_wchan(pid, prefix) in a forked checker; it must fail:
 * exit 1 with a message naming pid and containing `saw`.
 */
static void expect_failure(pid_t pid, const char *prefix, const char *saw)
{
	static char err[512];
	char name[32];
	size_t got = 0;
	ssize_t n;
	int fds[2], status;
	pid_t checker;

	CHECK_EQ(pipe(fds), 0);
	checker = fork();
	CHECK(checker >= 0);
	if (checker == 0) {
		dup2(fds[1], 2);
		close(fds[0]);
		close(fds[1]);
		wait_for_wchan(pid, prefix);
		_exit(0);		/* it did not fail: wrong */
	}
	close(fds[1]);
	while ((n = read(fds[0], err + got, sizeof(err) - 1 - got)) > 0)
		got += (size_t)n;
	err[got] = '\0';
	close(fds[0]);
	status = wait_for_child(checker);
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 1);
	snprintf(name, sizeof(name), "pid %d ", (int)pid);
	if (strncmp(err, "FAIL wait_for_wchan: ", 21) != 0 ||
	    strstr(err, name) == NULL || strstr(err, saw) == NULL) {
		fprintf(stderr, "FAIL: expected \"%s\" and \"%s\" in: %s\n",
			name, saw, err);
		exit(1);
	}
}

static void failures(void)
{
	int fds[2];
	pid_t pid;

	CHECK_EQ(pipe(fds), 0);
	pid = start_reader(fds);
	wait_for_wchan(pid, "pipe-read");
	expect_failure(pid, "pipe-write", "S pipe-read:");
	kill_and_reap(pid);
	close(fds[0]);
	close(fds[1]);

	pid = fork();			/* a zombie until we reap it */
	CHECK(pid >= 0);
	if (pid == 0)
		_exit(0);
	expect_failure(pid, "wait", "Z -");
	CHECK_EQ(wait_for_child(pid), 0);
	expect_failure(pid, "wait", "no line in /proc/ps");
}

int main(void)
{
	if (access("/proc/ps", R_OK) != 0)
		return 0;	/* not on Conduit: nothing to check */
	blocked_reader();
	blocked_writer();
	blocked_in_wait();
	failures();
	return 0;
}
