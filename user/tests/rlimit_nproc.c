/*
 * rlimit_nproc - RLIMIT_NPROC: fork fails with EAGAIN once the limit's
 * worth of processes exist, and works again when they are gone.
 *
 * A manager process sets its soft limit to (processes now) + EXTRA and
 * forks EXTRA children, which block reading a pipe; the next fork fails
 * with EAGAIN and leaves no process behind, and so does a fork in the
 * last child (children inherit the limit).  A limit of 0 fails any fork.
 * Then the manager closes the pipe, every child sees end of file and
 * exits, the manager reaps them all and can fork again.
 *
 * Linux counts the processes of the caller's user, and exempts root;
 * Conduit has only root and applies the limit to all processes (see
 * kernel/proc/rlimit.c).  So on a Linux host the manager first becomes
 * user "nobody" (CONDUIT_HOST_RUN=1, run as root), whose only process it
 * then is.
 *
 * Cleanup on failure: only the manager holds the pipe's write end, so if
 * a CHECK ends it early its children still see end of file and exit, and
 * init reaps them.  Synchronisation: the pipe and waitpid only.
 */
#include <conduit/test.h>
#include <sys/resource.h>

#define EXTRA 3
#define SETUID32 213	/* i386 setuid32 (Conduit's C library has no setuid) */

static int host;

static void set_nproc(rlim_t soft)
{
	struct rlimit r;

	CHECK_EQ(getrlimit(RLIMIT_NPROC, &r), 0);
	r.rlim_cur = soft;
	CHECK_EQ(setrlimit(RLIMIT_NPROC, &r), 0);
}

/* The last child: at the limit itself, so its own fork must fail. */
static int child_fork_result(void)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	if (pid > 0) {
		wait_for_child(pid);
		return 1;
	}
	return errno == EAGAIN ? 0 : 2;
}

static void child(int *fds, int last)
{
	int result = last ? child_fork_result() : 0;
	char c;

	close(fds[1]);
	while (read(fds[0], &c, 1) > 0)
		;
	_exit(result);
}

static void manager(void)
{
	long base = host ? 1 : process_count();
	pid_t pids[EXTRA], pid;
	int fds[2];

	CHECK_EQ(pipe(fds), 0);
	set_nproc(base + EXTRA);
	for (int i = 0; i < EXTRA; i++) {
		pids[i] = fork();
		CHECK(pids[i] >= 0);
		if (pids[i] == 0)
			child(fds, i == EXTRA - 1);
	}
	CHECK_EQ(fork(), -1);
	CHECK_EQ(errno, EAGAIN);
	if (!host)
		CHECK_EQ(process_count(), base + EXTRA);	/* none half made */
	set_nproc(0);
	CHECK_EQ(fork(), -1);
	CHECK_EQ(errno, EAGAIN);
	set_nproc(base + EXTRA);

	CHECK_EQ(close(fds[1]), 0);			/* children: EOF, exit */
	for (int i = 0; i < EXTRA; i++)
		CHECK_EQ(wait_for_child(pids[i]), 0);	/* the last: EAGAIN */
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0)
		_exit(0);
	CHECK_EQ(wait_for_child(pid), 0);
	close(fds[0]);
	_exit(0);
}

int main(void)
{
	pid_t pid;

	host = getenv("CONDUIT_HOST_RUN") != NULL;
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		if (host)
			CHECK_EQ(syscall(SETUID32, 65534), 0);	/* Linux exempts root */
		manager();
	}
	CHECK_EQ(wait_for_child(pid), 0);
	return 0;
}
