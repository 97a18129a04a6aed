/*
 * pipe_setsize - fcntl(F_SETPIPE_SZ) changes a pipe's capacity, as on
 * Linux.
 *
 *   defaults: a new pipe holds 65536 bytes, F_GETPIPE_SZ says so on both
 *     ends; a size set through one end shows through the other;
 *   rounding: a request becomes a power-of-two number of pages, at least
 *     one (0, 1, 4095 -> 4096; 4097, 5000 -> 8192; 65537 -> 131072), and
 *     the call returns that; above 2^31 it is EINVAL, nothing changed;
 *   filling a non-blocking pipe until EAGAIN puts in exactly the capacity
 *     when the write size divides it (1024 and 4096 bytes at a time into
 *     4096; 1 and 4096 into 8192; 4096 and 65536 into 131072);
 *   a 4096-byte pipe that holds 1 byte: no POLLOUT, a write of 4096 is
 *     EAGAIN (it would wait: atomic), a write of 4095 goes in;
 *   EBUSY when shrinking below the bytes held (5000 into 4096), from 64
 *     KiB and again from 8 KiB: the capacity stays and every byte comes
 *     out in order; shrinking to a size that holds them (8192) works;
 *   growing and shrinking while the bytes wrap around the ring's end
 *     keeps them in order, and the pipe then takes exactly its new
 *     capacity;
 *   (Conduit only) the two cases where one ring page holds both the
 *     oldest and the newest bytes: growing must part them, shrinking can
 *     bring them together.  Linux counts a pipe's capacity in pages, not
 *     bytes, so it refuses the writes that set these up;
 *   a writer blocked on a full pipe, and a poller waiting for POLLOUT,
 *     both finish when the pipe grows (a child each; the parent waits
 *     for them through a pipe, with a 10 s limit, so that a missing
 *     wakeup fails instead of hanging);
 *   F_SETPIPE_SZ and F_GETPIPE_SZ on a regular file or a closed
 *     descriptor: EBADF;
 *   (Conduit only) shrinking a pipe that used 16 pages to one page gives
 *     back at least 14 (15, less one kmalloc page for its new arrays),
 *     and after everything the free page count is back where it started.
 *
 * Runs on Linux too (set CONDUIT_HOST_RUN=1 to skip the Conduit-only
 * parts).
 */
#define _GNU_SOURCE
#include <conduit/test.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>

static unsigned char out[300000], in[300000];
static int host;

static void pattern(unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)(seed + i * 7 + i / 251);
}

static void make_pipe(int fds[2], int size)
{
	CHECK_EQ(pipe2(fds, O_NONBLOCK), 0);
	if (size)
		CHECK_EQ(fcntl(fds[1], F_SETPIPE_SZ, size), size);
}

static void close_pipe(int fds[2])
{
	CHECK_EQ(close(fds[0]), 0);
	CHECK_EQ(close(fds[1]), 0);
}

/* Write all of out[from, from + n) (it must fit at once). */
static void put(int fd, size_t from, size_t n)
{
	CHECK_EQ(write(fd, out + from, n), (long)n);
}

/* Read n bytes and check they are out[from, from + n). */
static void get(int fd, size_t from, size_t n)
{
	size_t got = 0;

	while (got < n) {
		ssize_t r = read(fd, in, n - got);
		CHECK(r > 0);
		CHECK_EQ(memcmp(in, out + from + got, (size_t)r), 0);
		got += (size_t)r;
	}
}

/* Fill with writes of `chunk` until EAGAIN; returns the bytes that went in. */
static long fill(int fd, size_t chunk)
{
	long total = 0;
	ssize_t n;

	while ((n = write(fd, out, chunk)) > 0)
		total += n;
	CHECK_EQ(n, -1);
	CHECK_EQ(errno, EAGAIN);
	return total;
}

static void check_defaults_and_rounding(void)
{
	static const struct { unsigned ask; int got; } sizes[] = {
		{ 0, 4096 }, { 1, 4096 }, { 4095, 4096 }, { 4096, 4096 },
		{ 4097, 8192 }, { 5000, 8192 }, { 65536, 65536 },
		{ 65537, 131072 }, { 1048576, 1048576 }, { 100, 4096 },
	};
	static const unsigned too_big[] = { 0x80000001u, 0xC0000000u, 0xFFFFFFFFu };
	int fds[2];

	CHECK_EQ(pipe(fds), 0);
	CHECK_EQ(fcntl(fds[0], F_GETPIPE_SZ), 65536);
	CHECK_EQ(fcntl(fds[1], F_GETPIPE_SZ), 65536);
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		CHECK_EQ(fcntl(fds[i % 2], F_SETPIPE_SZ, sizes[i].ask), sizes[i].got);
		CHECK_EQ(fcntl(fds[0], F_GETPIPE_SZ), sizes[i].got);
		CHECK_EQ(fcntl(fds[1], F_GETPIPE_SZ), sizes[i].got);
	}
	for (size_t i = 0; i < sizeof too_big / sizeof too_big[0]; i++) {
		CHECK_EQ(fcntl(fds[1], F_SETPIPE_SZ, too_big[i]), -1);
		CHECK_EQ(errno, EINVAL);
		CHECK_EQ(fcntl(fds[1], F_GETPIPE_SZ), 4096);
	}
	close_pipe(fds);
}

static void check_fill(void)
{
	static const struct { int size; size_t chunk; } cases[] = {
		{ 4096, 1024 }, { 4096, 4096 }, { 8192, 4096 }, { 8192, 1 },
		{ 131072, 65536 }, { 131072, 4096 },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int fds[2];

		make_pipe(fds, cases[i].size);
		CHECK_EQ(fill(fds[1], cases[i].chunk), cases[i].size);
		close_pipe(fds);
	}
}

static void check_small_pipe(void)
{
	struct pollfd pw;
	int fds[2];

	make_pipe(fds, 4096);
	pw.fd = fds[1];
	pw.events = POLLOUT;
	CHECK_EQ(poll(&pw, 1, 0), 1);
	CHECK_EQ(pw.revents, POLLOUT);
	put(fds[1], 0, 1);
	CHECK_EQ(poll(&pw, 1, 0), 0);
	CHECK_EQ(write(fds[1], out, 4096), -1);	/* atomic: all or wait */
	CHECK_EQ(errno, EAGAIN);
	put(fds[1], 1, 4095);
	get(fds[0], 0, 4096);
	close_pipe(fds);
}

static void check_ebusy(void)
{
	int fds[2];

	pattern(out, sizeof out, 1);
	make_pipe(fds, 0);
	put(fds[1], 0, 5000);
	CHECK_EQ(fcntl(fds[0], F_SETPIPE_SZ, 4096), -1);
	CHECK_EQ(errno, EBUSY);
	CHECK_EQ(fcntl(fds[0], F_GETPIPE_SZ), 65536);
	CHECK_EQ(fcntl(fds[1], F_SETPIPE_SZ, 8192), 8192);
	CHECK_EQ(fcntl(fds[1], F_SETPIPE_SZ, 4096), -1);
	CHECK_EQ(errno, EBUSY);
	CHECK_EQ(fcntl(fds[1], F_GETPIPE_SZ), 8192);
	get(fds[0], 0, 5000);
	CHECK_EQ(read(fds[0], in, 1), -1);
	CHECK_EQ(errno, EAGAIN);
	close_pipe(fds);
}

/* Resize to `size`, read back what is held, then fill to the new capacity. */
static void resize_and_check(int fds[2], int size, size_t from, size_t held)
{
	CHECK_EQ(fcntl(fds[1], F_SETPIPE_SZ, size), size);
	get(fds[0], from, held);
	CHECK_EQ(fill(fds[1], 4096), size);
	close_pipe(fds);
}

/* The stream wraps round the ring's end, in ways Linux allows too. */
static void check_wrap(void)
{
	int fds[2];

	pattern(out, sizeof out, 2);
	make_pipe(fds, 8192);		/* grow: bytes 6000..12287 */
	put(fds[1], 0, 8192);
	get(fds[0], 0, 6000);
	put(fds[1], 8192, 4096);
	resize_and_check(fds, 65536, 6000, 6288);

	make_pipe(fds, 0);		/* shrink: bytes 62000..69631 */
	put(fds[1], 0, 65536);
	get(fds[0], 0, 62000);
	put(fds[1], 65536, 4096);
	resize_and_check(fds, 8192, 62000, 7632);

	make_pipe(fds, 16384);		/* grow twice, then shrink */
	put(fds[1], 0, 16384);
	get(fds[0], 0, 10000);
	put(fds[1], 16384, 8192);
	CHECK_EQ(fcntl(fds[1], F_SETPIPE_SZ, 32768), 32768);
	CHECK_EQ(fcntl(fds[1], F_SETPIPE_SZ, 262144), 262144);
	resize_and_check(fds, 16384, 10000, 14576);
}

/* Conduit only: one page holds the oldest and the newest bytes. */
static void check_shared_page(void)
{
	int fds[2];

	pattern(out, sizeof out, 3);
	make_pipe(fds, 4096);		/* bytes 4000..7095 in one page */
	put(fds[1], 0, 4096);
	get(fds[0], 0, 4000);
	put(fds[1], 4096, 3000);
	resize_and_check(fds, 8192, 4000, 3096);

	make_pipe(fds, 4096);		/* the same, grown a lot */
	put(fds[1], 0, 4096);
	get(fds[0], 0, 100);
	put(fds[1], 4096, 100);
	resize_and_check(fds, 65536, 100, 4096);

	make_pipe(fds, 16384);		/* bytes 12000..19383, pages 2-4 */
	put(fds[1], 0, 16384);
	get(fds[0], 0, 12000);
	put(fds[1], 16384, 3000);
	resize_and_check(fds, 8192, 12000, 7384);	/* 2 and 4 meet */
}

/* Is pid asleep?  Read from /proc (Conduit's /proc/ps, or Linux's stat). */
static int asleep(pid_t pid)
{
	char path[64], text[4096], *s;
	ssize_t n;
	int fd;

	snprintf(path, sizeof path, "/proc/%d/stat", pid);
	fd = open(host ? path : "/proc/ps", O_RDONLY);
	if (fd < 0)
		return 0;
	n = read(fd, text, sizeof text - 1);
	close(fd);
	text[n > 0 ? n : 0] = 0;
	if (host)
		return (s = strrchr(text, ')')) != NULL && s[2] == 'S';
	snprintf(path, sizeof path, "\n%d ", pid);
	if (!(s = strstr(text, path)))
		return 0;
	s = strchr(s + 1, ' ');			/* PID PPID PGID STATE */
	s = s ? strchr(s + 1, ' ') : NULL;
	s = s ? strchr(s + 1, ' ') : NULL;
	return s && s[1] == 'S';
}

/* Give pid up to 2 s to fall asleep; the test is right either way. */
static void let_fall_asleep(pid_t pid)
{
	for (int i = 0; i < 2000 && !asleep(pid); i++)
		sleep_ms(1);
}

/* The child's report through `done`, within 10 s, or a failure. */
static void expect_report(int done, pid_t pid)
{
	struct pollfd pd = { done, POLLIN, 0 };
	int ready = poll(&pd, 1, 10000);
	char c = 0;

	if (ready != 1)
		kill(pid, SIGKILL);	/* not woken by the resize: fail, not hang */
	CHECK_EQ(ready, 1);
	CHECK_EQ(read(done, &c, 1), 1);
	CHECK_EQ(c, 'y');
	CHECK_EQ(wait_for_child(pid), 0);
}

static void check_growing_wakes(int use_poll)
{
	int fds[2], done[2];
	pid_t pid;

	pattern(out, sizeof out, 4);
	CHECK_EQ(pipe(fds), 0);
	CHECK_EQ(pipe(done), 0);
	CHECK_EQ(fcntl(fds[1], F_SETPIPE_SZ, 4096), 4096);
	put(fds[1], 0, 4096);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		struct pollfd pw = { fds[1], POLLOUT, 0 };

		if (use_poll)
			CHECK_EQ(poll(&pw, 1, -1), 1);	/* waits for room */
		else
			put(fds[1], 4096, 4096);	/* waits for room */
		CHECK_EQ(write(done[1], "y", 1), 1);
		_exit(0);
	}
	let_fall_asleep(pid);
	CHECK_EQ(fcntl(fds[0], F_SETPIPE_SZ, 8192), 8192);
	expect_report(done[0], pid);
	get(fds[0], 0, use_poll ? 4096 : 8192);
	close_pipe(fds);
	close_pipe(done);
}

static void check_ebadf(const char *self)
{
	int fd = open(self, O_RDONLY);

	CHECK(fd >= 0);
	CHECK_EQ(fcntl(fd, F_SETPIPE_SZ, 8192), -1);
	CHECK_EQ(errno, EBADF);
	CHECK_EQ(fcntl(fd, F_GETPIPE_SZ), -1);
	CHECK_EQ(errno, EBADF);
	CHECK_EQ(close(fd), 0);
	CHECK_EQ(fcntl(fd, F_SETPIPE_SZ, 8192), -1);
	CHECK_EQ(errno, EBADF);
}

/* Conduit only: a shrunk ring keeps one page. */
static void check_shrink_frees(void)
{
	long before;
	int fds[2];

	make_pipe(fds, 0);
	CHECK_EQ(fill(fds[1], 4096), 65536);
	while (read(fds[0], in, sizeof in) > 0)
		;
	before = free_pages();
	CHECK_EQ(fcntl(fds[1], F_SETPIPE_SZ, 4096), 4096);
	CHECK(free_pages() >= before + 14);
	CHECK_EQ(fill(fds[1], 4096), 4096);
	close_pipe(fds);
}

static void round_of_checks(const char *self)
{
	check_defaults_and_rounding();
	check_fill();
	check_small_pipe();
	check_ebusy();
	check_wrap();
	if (!host)
		check_shared_page();
	check_growing_wakes(0);
	check_growing_wakes(1);
	check_ebadf(self);
	if (!host)
		check_shrink_frees();
}

int main(int argc, char **argv)
{
	long baseline;

	(void)argc;
	host = getenv("CONDUIT_HOST_RUN") != NULL;
	round_of_checks(argv[0]);	/* warms up buffers, heap, stack */
	baseline = free_pages();
	round_of_checks(argv[0]);
	if (!host)
		CHECK_EQ(free_pages(), baseline);
	return 0;
}
