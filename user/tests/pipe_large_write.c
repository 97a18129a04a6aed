/*
 * pipe_large_write - one write() far larger than the pipe (1 MiB into a
 * 64 KiB pipe) blocks as often as needed and completes in full.
 *
 * Both directions: a child makes the single 1 MiB write and checks it
 * returned 1 MiB while the parent reads, and then the parent makes one
 * 1 MiB write while a child reads.  The reader uses reads of an odd size
 * (7777 bytes) and checks every byte against its position, the total,
 * and end of file right after it.
 */
#define _GNU_SOURCE
#include <conduit/test.h>
#include <stdint.h>

#define SIZE (1024 * 1024)
#define READ_SIZE 7777

static unsigned char big[SIZE];

static unsigned char pattern(uint32_t i)
{
	return (unsigned char)((i * 2654435761u) >> 24);
}

static void fill(void)
{
	for (uint32_t i = 0; i < SIZE; i++)
		big[i] = pattern(i);
}

/* Read everything until end of file and check it; returns normally only
 * if all of it was right. */
static void read_and_check(int fd)
{
	static unsigned char buf[READ_SIZE];
	uint32_t pos = 0;
	ssize_t n;

	while ((n = read(fd, buf, sizeof buf)) > 0) {
		CHECK((size_t)n <= SIZE - pos);
		for (ssize_t i = 0; i < n; i++)
			CHECK_EQ(buf[i], pattern(pos + (uint32_t)i));
		pos += (uint32_t)n;
	}
	CHECK_EQ(n, 0);
	CHECK_EQ(pos, SIZE);
}

int main(void)
{
	int fds[2];
	pid_t pid;

	fill();

	/* Child writes, parent reads. */
	CHECK_EQ(pipe(fds), 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		close(fds[0]);
		CHECK_EQ(write(fds[1], big, SIZE), SIZE);
		_exit(0);
	}
	CHECK_EQ(close(fds[1]), 0);
	read_and_check(fds[0]);
	CHECK_EQ(wait_for_child(pid), 0);
	CHECK_EQ(close(fds[0]), 0);

	/* Parent writes, child reads. */
	CHECK_EQ(pipe(fds), 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		close(fds[1]);
		read_and_check(fds[0]);
		_exit(0);
	}
	CHECK_EQ(close(fds[0]), 0);
	CHECK_EQ(write(fds[1], big, SIZE), SIZE);
	CHECK_EQ(close(fds[1]), 0);
	CHECK_EQ(wait_for_child(pid), 0);
	return 0;
}
