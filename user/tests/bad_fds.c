/*
 * bad_fds - descriptors that are not open are rejected with EBADF, and
 * open() hands out the lowest free descriptor.
 *
 * Conduit starts tests with only 0, 1 and 2 open, but the lowest-free rule
 * is checked without assuming that: every descriptor below the one open()
 * returned must already be in use (fstat succeeds on it).
 */
#include <conduit/test.h>
#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>

static void check_not_open(int fd)
{
	char byte = 'x';
	struct stat st;

	CHECK_EQ(read(fd, &byte, 1), -1);
	CHECK_EQ(errno, EBADF);
	CHECK_EQ(write(fd, &byte, 1), -1);
	CHECK_EQ(errno, EBADF);
	CHECK_EQ(lseek(fd, 0, SEEK_SET), -1);
	CHECK_EQ(errno, EBADF);
	CHECK_EQ(fstat(fd, &st), -1);
	CHECK_EQ(errno, EBADF);
	CHECK_EQ(close(fd), -1);
	CHECK_EQ(errno, EBADF);
}

/* fd must be the lowest free descriptor: all below it are in use. */
static void check_lowest(int fd)
{
	struct stat st;

	CHECK(fd >= 0);
	for (int lower = 0; lower < fd; lower++)
		CHECK_EQ(fstat(lower, &st), 0);
}

int main(int argc, char **argv)
{
	const char *file = argv[0];
	char byte;
	int first, second, again;

	(void)argc;
	check_not_open(50);
	check_not_open(-1);
	check_not_open(1000000);
	check_not_open(INT_MAX);

	first = open(file, O_RDONLY);
	check_lowest(first);
	second = open(file, O_RDONLY);
	CHECK(second > first);
	check_lowest(second);

	/* Closing the first makes its number the lowest free one again. */
	CHECK_EQ(close(first), 0);
	check_not_open(first);		/* includes a second close: EBADF */
	again = open(file, O_RDONLY);
	CHECK_EQ(again, first);

	/* A read-only descriptor cannot be written. */
	CHECK_EQ(write(second, "x", 1), -1);
	CHECK_EQ(errno, EBADF);
	CHECK_EQ(read(second, &byte, 1), 1);

	CHECK_EQ(close(again), 0);
	CHECK_EQ(close(second), 0);
	check_not_open(second);
	return 0;
}
