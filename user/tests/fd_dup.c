/*
 * fd_dup - dup, dup2, dup3 and fcntl's descriptor commands.
 *
 *   dup returns the lowest free descriptor, which refers to the same open
 *     file: the two share status flags (O_NONBLOCK set through one shows
 *     through the other) but not FD_CLOEXEC; dup of a closed fd is EBADF;
 *   dup2(old, new): new now refers to old's file, FD_CLOEXEC clear;
 *     an open new is closed first, silently (if it held the last write
 *     end of a pipe, that pipe's reader sees end of file); dup2(fd, fd)
 *     returns fd and changes nothing (FD_CLOEXEC stays set); a bad old fd
 *     gives EBADF and leaves new open and untouched; new out of range
 *     (>= sysconf(_SC_OPEN_MAX), or negative) gives EBADF;
 *   dup3: like dup2, but dup3(fd, fd, 0) is EINVAL, O_CLOEXEC sets
 *     FD_CLOEXEC on the new descriptor, other flags are EINVAL;
 *   fcntl F_DUPFD returns the lowest free descriptor >= arg (arg free:
 *     arg itself; arg taken: the next free one), FD_CLOEXEC clear;
 *     F_DUPFD_CLOEXEC the same with FD_CLOEXEC set; arg >= the
 *     descriptor limit is EINVAL;
 *   F_GETFD/F_SETFD read and write FD_CLOEXEC; F_GETFL/F_SETFL read and
 *     write O_NONBLOCK, and F_GETFL reports the access mode;
 *   close of a closed descriptor is EBADF.
 *
 * Data written through any duplicate of a pipe's write end comes out of
 * the read end in order.
 */
#define _GNU_SOURCE
#include <conduit/test.h>
#include <fcntl.h>

static int is_open(int fd)
{
	return fcntl(fd, F_GETFD) >= 0;
}

/* The lowest descriptor >= from that is not open. */
static int free_from(int from)
{
	int fd = from;

	while (is_open(fd))
		fd++;
	return fd;
}

static int lowest_free(void)
{
	return free_from(0);
}

static void expect_badf(int result)
{
	CHECK_EQ(result, -1);
	CHECK_EQ(errno, EBADF);
}

static void expect_einval(int result)
{
	CHECK_EQ(result, -1);
	CHECK_EQ(errno, EINVAL);
}

static void send_through(int fd, const char *text)
{
	CHECK_EQ(write(fd, text, strlen(text)), strlen(text));
}

static void expect_data(int fd, const char *text)
{
	char buf[64];
	size_t len = strlen(text);

	CHECK_EQ(read(fd, buf, sizeof buf), len);
	CHECK_EQ(memcmp(buf, text, len), 0);
}

static void test_dup(int fds[2])
{
	int low = lowest_free(), d, closed;

	d = dup(fds[1]);
	CHECK_EQ(d, low);
	CHECK_EQ(fcntl(d, F_GETFD), 0);
	CHECK_EQ(fcntl(d, F_GETFL) & O_ACCMODE, O_WRONLY);
	CHECK_EQ(fcntl(fds[0], F_GETFL) & O_ACCMODE, O_RDONLY);
	send_through(fds[1], "a");
	send_through(d, "b");
	expect_data(fds[0], "ab");

	/* Status flags are shared, descriptor flags are not. */
	CHECK_EQ(fcntl(d, F_SETFL, O_NONBLOCK), 0);
	CHECK(fcntl(fds[1], F_GETFL) & O_NONBLOCK);
	CHECK_EQ(fcntl(fds[1], F_SETFL, 0), 0);
	CHECK_EQ(fcntl(d, F_GETFL) & O_NONBLOCK, 0);
	CHECK_EQ(fcntl(d, F_SETFD, FD_CLOEXEC), 0);
	CHECK_EQ(fcntl(d, F_GETFD), FD_CLOEXEC);
	CHECK_EQ(fcntl(fds[1], F_GETFD), 0);

	CHECK_EQ(close(d), 0);
	expect_badf(close(d));
	closed = d;
	expect_badf(dup(closed));
	expect_badf(fcntl(closed, F_GETFD));
	expect_badf(dup(-1));
}

static void test_dup2(int fds[2])
{
	int max = (int)sysconf(_SC_OPEN_MAX);
	int other[2], target, closed;

	CHECK(max > 0);
	target = free_from(lowest_free() + 3);
	CHECK_EQ(dup2(fds[1], target), target);
	CHECK_EQ(fcntl(target, F_GETFD), 0);
	send_through(target, "c");
	expect_data(fds[0], "c");

	/* dup2(fd, fd): nothing happens, even to FD_CLOEXEC. */
	CHECK_EQ(fcntl(target, F_SETFD, FD_CLOEXEC), 0);
	CHECK_EQ(dup2(target, target), target);
	CHECK_EQ(fcntl(target, F_GETFD), FD_CLOEXEC);

	/* Over an open descriptor: the old file is closed, and the new copy
	 * has FD_CLOEXEC clear. */
	CHECK_EQ(pipe(other), 0);
	CHECK_EQ(dup2(other[1], target), target);
	CHECK_EQ(fcntl(target, F_GETFD), 0);
	CHECK_EQ(close(other[1]), 0);
	send_through(target, "d");
	expect_data(other[0], "d");
	CHECK_EQ(dup2(fds[1], target), target);	/* last write end of other */
	{
		char c;

		CHECK_EQ(read(other[0], &c, 1), 0);
	}
	CHECK_EQ(close(other[0]), 0);

	/* A bad old fd: EBADF, and new stays as it was. */
	closed = lowest_free();
	expect_badf(dup2(closed, target));
	CHECK(is_open(target));
	send_through(target, "e");
	expect_data(fds[0], "e");
	expect_badf(dup2(-1, target));
	CHECK(is_open(target));

	/* new out of range. */
	expect_badf(dup2(fds[1], max));
	expect_badf(dup2(fds[1], -1));
	CHECK_EQ(close(target), 0);
}

static void test_dup3(int fds[2])
{
	int target = free_from(lowest_free() + 5);

	expect_einval(dup3(fds[1], fds[1], 0));
	expect_einval(dup3(fds[1], fds[1], O_CLOEXEC));
	expect_einval(dup3(fds[1], target, O_NONBLOCK));
	CHECK(!is_open(target));
	CHECK_EQ(dup3(fds[1], target, O_CLOEXEC), target);
	CHECK_EQ(fcntl(target, F_GETFD), FD_CLOEXEC);
	CHECK_EQ(dup3(fds[1], target, 0), target);
	CHECK_EQ(fcntl(target, F_GETFD), 0);
	send_through(target, "f");
	expect_data(fds[0], "f");
	CHECK_EQ(close(target), 0);
}

static void test_fcntl_dupfd(int fds[2])
{
	int max = (int)sysconf(_SC_OPEN_MAX);
	int base = free_from(lowest_free() + 10), a, b, c, expect;

	a = fcntl(fds[1], F_DUPFD, base);
	CHECK_EQ(a, base);
	CHECK_EQ(fcntl(a, F_GETFD), 0);
	expect = free_from(base);		/* base is taken now */
	b = fcntl(fds[1], F_DUPFD, base);
	CHECK_EQ(b, expect);
	CHECK(b > base);
	expect = free_from(base);
	c = fcntl(fds[1], F_DUPFD_CLOEXEC, base);
	CHECK_EQ(c, expect);
	CHECK(c > b);
	CHECK_EQ(fcntl(c, F_GETFD), FD_CLOEXEC);
	CHECK_EQ(close(b), 0);
	expect = lowest_free();
	b = fcntl(fds[1], F_DUPFD, 0);		/* lowest of all */
	CHECK_EQ(b, expect);
	CHECK(b < base);

	send_through(a, "g");
	send_through(b, "h");
	send_through(c, "i");
	expect_data(fds[0], "ghi");

	expect_einval(fcntl(fds[1], F_DUPFD, max));
	expect_einval(fcntl(fds[1], F_DUPFD_CLOEXEC, max));
	expect_badf(fcntl(lowest_free(), F_DUPFD, 0));

	CHECK_EQ(fcntl(a, F_SETFD, FD_CLOEXEC), 0);
	CHECK_EQ(fcntl(a, F_GETFD), FD_CLOEXEC);
	CHECK_EQ(fcntl(a, F_SETFD, 0), 0);
	CHECK_EQ(fcntl(a, F_GETFD), 0);
	CHECK_EQ(close(a), 0);
	CHECK_EQ(close(b), 0);
	CHECK_EQ(close(c), 0);
}

int main(void)
{
	int fds[2], low_before;

	low_before = lowest_free();
	CHECK_EQ(pipe(fds), 0);
	test_dup(fds);
	test_dup2(fds);
	test_dup3(fds);
	test_fcntl_dupfd(fds);
	CHECK_EQ(close(fds[0]), 0);
	CHECK_EQ(close(fds[1]), 0);
	CHECK_EQ(lowest_free(), low_before);
	return 0;
}
