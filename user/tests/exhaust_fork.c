/*
 * exhaust_fork - fork until the kernel says no, then let everything go.
 *
 * Each child blocks at once in a read on a pipe whose write end only the
 * parent holds, so it costs little (a kernel stack, a page directory, a
 * struct proc, its stack's page table and page: about 18 KiB, so 8000 of
 * them fit in 256 MiB).  Between forks the parent writes nothing but its
 * stack, so the children share every other page with it.  The parent forks until fork fails:
 * with EAGAIN (the 8000-process limit) or ENOMEM, never anything else and
 * never a panic.  Then it closes the pipe: every child sees end of file and
 * exits, and all are reaped.  Afterwards fork works again, and the process
 * count, the free pages and the kernel's object counts (/proc/meminfo) are
 * back where they were.
 */
#include <conduit/test.h>
#include <fcntl.h>
#include <signal.h>

#define MAX_KIDS 9000

static void snapshot(long *v)
{
	v[0] = meminfo("pages_free");
	v[1] = meminfo("processes");
	v[2] = meminfo("files");
	v[3] = meminfo("pipes");
	v[4] = meminfo("kmalloc_objects");
}

static int warm(int n)
{
	volatile char frame[2048];

	frame[0] = (char)n;
	return n > 0 ? warm(n - 1) + frame[0] : 0;
}

int main(void)
{
	static const char *const names[] = { "pages_free", "processes", "files",
					     "pipes", "kmalloc_objects" };
	long before[5], after[5];
	int fds[2], n = 0, reaped = 0, status, err = 0;
	pid_t pid;

	if (meminfo("kmalloc_objects") < 0) {
		printf("exhaust_fork: not on Conduit (no kmalloc_objects in /proc/meminfo): skipped\n");
		return 0;
	}
	warm(32);
	/* One warm-up round, so that anything allocated once is in place. */
	CHECK_EQ(pipe(fds), 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0)
		_exit(0);
	wait_for_child(pid);
	close(fds[0]);
	close(fds[1]);
	snapshot(before);

	CHECK_EQ(pipe(fds), 0);
	while (n < MAX_KIDS) {
		char c;

		pid = fork();
		if (pid == 0) {
			close(fds[1]);
			while (read(fds[0], &c, 1) < 0 && errno == EINTR)
				;
			_exit(0);
		}
		if (pid < 0) {
			err = errno;
			break;
		}
		n++;
	}
	if (n == MAX_KIDS)
		fprintf(stderr, "FAIL: %d children and fork still works\n", n);
	CHECK(n < MAX_KIDS);
	if (err != EAGAIN && err != ENOMEM)
		fprintf(stderr, "FAIL: fork failed with errno %d (%s), not EAGAIN or ENOMEM\n",
			err, strerror(err));
	CHECK(err == EAGAIN || err == ENOMEM);
	CHECK(n >= 100);
	/* A second refusal, while still full. */
	pid = fork();
	if (pid == 0)
		_exit(0);
	if (pid > 0)
		n++;
	else
		CHECK(errno == EAGAIN || errno == ENOMEM);

	/* Let them all go: end of file for every child. */
	close(fds[1]);
	close(fds[0]);
	for (;;) {
		pid_t got = waitpid(-1, &status, 0);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			break;
		reaped++;
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	CHECK_EQ(errno, ECHILD);
	CHECK_EQ(reaped, n);

	/* Fork works again. */
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0)
		_exit(7);
	status = wait_for_child(pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 7);

	snapshot(after);
	for (int i = 0; i < 5; i++)
		if (before[i] != after[i])
			fprintf(stderr, "FAIL: %s %ld -> %ld after %d children\n",
				names[i], before[i], after[i], n);
	for (int i = 0; i < 5; i++)
		CHECK_EQ(after[i], before[i]);
	return 0;
}
