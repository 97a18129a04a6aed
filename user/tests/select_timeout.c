/*
 * select_timeout - select()'s timeout: zero, finite and NULL (forever),
 * and what it leaves in the struct timeval.
 *
 *  1. {0, 0} only looks: 0 on an empty pipe, and the read set comes back
 *     empty.
 *  2. A finite timeout with nothing happening returns 0, not before its
 *     time: 100 ms takes at least 99 ms (CLOCK_MONOTONIC, read in whole
 *     milliseconds), the set comes back empty, and the timeval is
 *     left at {0, 0}: Linux writes back the time not slept.  The same
 *     with nfds 0 and no sets (select as a sleep).
 *  3. NULL waits until a child writes: select returns 1 with the read end
 *     set.  A long timeout (20 s) also returns when the data comes (in
 *     less than 15 s), and the timeval then holds the time left: more
 *     than 5 s, at most 20 s.
 *  4. A negative tv_sec or tv_usec is EINVAL.
 *
 * Only lower bounds on time are checked, apart from the generous 15 s
 * one.  Synchronisation: the child sleeps 30 ms before writing (the
 * parent is probably inside select() by then; if not, select finds the
 * data at once: still correct).
 */
#include <conduit/test.h>
#include <sys/select.h>
#include <sys/time.h>

static long now_ms(void)
{
	struct timespec t;

	CHECK_EQ(clock_gettime(CLOCK_MONOTONIC, &t), 0);
	return (long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static void times_out(int fd, long ms)
{
	struct timeval tv = { ms / 1000, (ms % 1000) * 1000 };
	long start = now_ms(), took;
	fd_set r;

	FD_ZERO(&r);
	if (fd >= 0)
		FD_SET(fd, &r);
	CHECK_EQ(select(fd + 1, fd >= 0 ? &r : NULL, NULL, NULL, &tv), 0);
	took = now_ms() - start;
	if (took < ms - 1) {
		fprintf(stderr, "FAIL select(%ld ms) returned after %ld ms\n",
			ms, took);
		exit(1);
	}
	if (fd >= 0)
		CHECK(!FD_ISSET(fd, &r));
	CHECK_EQ(tv.tv_sec, 0);
	CHECK_EQ(tv.tv_usec, 0);
}

/* select(timeout) is woken by a child's write; returns the timeval. */
static struct timeval woken(int fds[2], struct timeval *timeout)
{
	struct timeval tv = timeout ? *timeout : (struct timeval){ 0, 0 };
	long start = now_ms();
	pid_t pid;
	fd_set r;
	char c;

	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		sleep_ms(30);	/* the parent is probably in select() by now */
		CHECK_EQ(write(fds[1], "!", 1), 1);
		_exit(0);
	}
	FD_ZERO(&r);
	FD_SET(fds[0], &r);
	CHECK_EQ(select(fds[0] + 1, &r, NULL, NULL, timeout ? &tv : NULL), 1);
	CHECK(now_ms() - start < 15000);
	CHECK(FD_ISSET(fds[0], &r));
	CHECK_EQ(read(fds[0], &c, 1), 1);
	CHECK_EQ(wait_for_child(pid), 0);
	return tv;
}

int main(void)
{
	struct timeval tv = { 0, 0 }, left;
	int fds[2];
	fd_set r;

	CHECK_EQ(pipe(fds), 0);

	/* 1 */
	FD_ZERO(&r);
	FD_SET(fds[0], &r);
	CHECK_EQ(select(fds[0] + 1, &r, NULL, NULL, &tv), 0);
	CHECK(!FD_ISSET(fds[0], &r));

	/* 2 */
	times_out(fds[0], 100);
	times_out(-1, 100);

	/* 3 */
	woken(fds, NULL);
	tv.tv_sec = 20, tv.tv_usec = 0;
	left = woken(fds, &tv);
	CHECK(left.tv_sec >= 5);
	CHECK(left.tv_sec < 20 || (left.tv_sec == 20 && left.tv_usec == 0));
	CHECK(left.tv_usec >= 0 && left.tv_usec < 1000000);

	/* 4 */
	FD_ZERO(&r);
	FD_SET(fds[0], &r);
	tv.tv_sec = -1, tv.tv_usec = 0;
	errno = 0;
	CHECK_EQ(select(fds[0] + 1, &r, NULL, NULL, &tv), -1);
	CHECK_EQ(errno, EINVAL);
	tv.tv_sec = 0, tv.tv_usec = -1;
	errno = 0;
	CHECK_EQ(select(fds[0] + 1, &r, NULL, NULL, &tv), -1);
	CHECK_EQ(errno, EINVAL);

	CHECK_EQ(close(fds[0]), 0);
	CHECK_EQ(close(fds[1]), 0);
	return 0;
}
