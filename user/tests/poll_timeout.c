/*
 * poll_timeout - poll()'s timeout argument: 0, finite and infinite.
 *
 *  1. Timeout 0 only looks: 0 on an empty pipe, 1 if data is there.
 *  2. A finite timeout with nothing happening returns 0, and not before
 *     its time: 100 ms must take at least 99 ms and 250 ms at least
 *     249 ms (CLOCK_MONOTONIC, read in whole milliseconds: one is lost to
 *     the rounding; time_sleep_precision measures in ns).  The
 *     same with nfds 0 (poll(NULL, 0, ms) is a sleep) and with only
 *     skipped (fd -1) entries.  A 1 ms timeout returns 0 as well.
 *  3. Infinite timeouts: -1 and any other negative value wait until the
 *     data comes: a child writes after a short pause and poll returns 1
 *     with POLLIN.  A long finite timeout (20 s) also returns when the
 *     data comes, not at its end (it must take less than 15 s).
 *
 * Apart from that one generous bound, only lower bounds on time are
 * checked; a poll() that never returns is caught by the runner's timeout.  Synchronisation: the children sleep 30 ms before
 * writing, so that the parent is probably inside poll() by then; if the
 * pause is too short, poll() finds the data at once: still correct.
 */
#include <conduit/test.h>
#include <poll.h>

static long now_ms(void)
{
	struct timespec t;

	CHECK_EQ(clock_gettime(CLOCK_MONOTONIC, &t), 0);
	return (long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* poll(p, n, timeout) must return 0 after at least `min_ms`. */
static void times_out(struct pollfd *p, nfds_t n, int timeout, long min_ms)
{
	long start = now_ms(), took;

	CHECK_EQ(poll(p, n, timeout), 0);
	took = now_ms() - start;
	if (took < min_ms) {
		fprintf(stderr, "FAIL poll(%d ms) returned after %ld ms\n",
			timeout, took);
		exit(1);
	}
	for (nfds_t i = 0; i < n; i++)
		CHECK_EQ(p[i].revents, 0);
}

/* A child that writes one byte into fd after a short pause. */
static pid_t late_writer(int fds[2])
{
	pid_t pid = fork();

	CHECK(pid >= 0);
	if (pid == 0) {
		CHECK_EQ(close(fds[0]), 0);
		sleep_ms(30);	/* the parent is probably in poll() by now */
		CHECK_EQ(write(fds[1], "!", 1), 1);
		_exit(0);
	}
	return pid;
}

/* poll(timeout) on the read end is woken by a late writer. */
static void woken(int fds[2], int timeout)
{
	struct pollfd p = { fds[0], POLLIN, 0 };
	long start = now_ms();
	pid_t pid = late_writer(fds);
	char c;

	CHECK_EQ(poll(&p, 1, timeout), 1);
	CHECK(now_ms() - start < 15000);
	CHECK_EQ(p.revents, POLLIN);
	CHECK_EQ(read(fds[0], &c, 1), 1);
	CHECK_EQ(wait_for_child(pid), 0);
}

int main(void)
{
	struct pollfd p[2];
	int fds[2];
	char c;

	CHECK_EQ(pipe(fds), 0);
	p[0].fd = fds[0], p[0].events = POLLIN, p[0].revents = 0;
	p[1].fd = -1, p[1].events = POLLIN, p[1].revents = 0;

	/* 1 */
	CHECK_EQ(poll(p, 1, 0), 0);
	CHECK_EQ(p[0].revents, 0);
	CHECK_EQ(write(fds[1], "d", 1), 1);
	CHECK_EQ(poll(p, 1, 0), 1);
	CHECK_EQ(p[0].revents, POLLIN);
	CHECK_EQ(poll(p, 1, 100), 1);	/* data: no waiting needed */
	CHECK_EQ(read(fds[0], &c, 1), 1);
	p[0].revents = 0;

	/* 2 */
	times_out(p, 1, 100, 99);
	times_out(p, 2, 250, 249);
	times_out(NULL, 0, 100, 99);
	times_out(&p[1], 1, 100, 99);
	times_out(p, 1, 1, 0);

	/* 3 */
	woken(fds, -1);
	woken(fds, -1000);
	woken(fds, 20000);

	CHECK_EQ(close(fds[0]), 0);
	CHECK_EQ(close(fds[1]), 0);
	return 0;
}
