/*
 * pipe_efault - bad user pointers given to pipe, pipe2, read and write
 * fail with EFAULT, leak nothing and lose no data.
 *
 * "Bad" is NULL, an address in the kernel's part of the address space
 * (0xC0000000, on Linux x86-64 simply unmapped), and, for the calls that
 * store into user memory, a read-only page (a const array in .rodata).
 *
 *   pipe and pipe2 with a bad array: -1 EFAULT, and the lowest free
 *     descriptor is what it was before (no descriptor was left open);
 *   read of a pipe holding data into a bad buffer: -1 EFAULT, and the
 *     data is still there (FIONREAD unchanged; a good read then returns
 *     all of it);
 *   write from a bad buffer: -1 EFAULT and nothing is added to the pipe
 *     (FIONREAD unchanged, and the next good write's bytes come next).
 *
 * The pipe always holds data when read is called, so the read cannot
 * block.
 */
#define _GNU_SOURCE
#include <conduit/test.h>
#include <fcntl.h>
#include <sys/ioctl.h>

#define KERNEL_BASE 0xC0000000UL

static const int read_only[64] = { 1, 2, 3 };

static int lowest_free(void)
{
	int fd = 0;

	while (fcntl(fd, F_GETFD) >= 0)
		fd++;
	return fd;
}

static int buffered(int fd)
{
	int n = -1;

	CHECK_EQ(ioctl(fd, FIONREAD, &n), 0);
	return n;
}

static void bad_pipe_arrays(void)
{
	unsigned long bad[3] = { 0, KERNEL_BASE, (unsigned long)read_only };
	int low = lowest_free();

	for (int i = 0; i < 3; i++) {
		CHECK_EQ(pipe(opaque_pointer(bad[i])), -1);
		CHECK_EQ(errno, EFAULT);
		CHECK_EQ(lowest_free(), low);
		CHECK_EQ(pipe2(opaque_pointer(bad[i]), O_CLOEXEC), -1);
		CHECK_EQ(errno, EFAULT);
		CHECK_EQ(lowest_free(), low);
	}
	CHECK_EQ(read_only[0], 1);
	CHECK_EQ(read_only[1], 2);
}

static void bad_buffers(void)
{
	unsigned long bad[3] = { 0, KERNEL_BASE, (unsigned long)read_only };
	static const char data[] = "still here";
	char buf[64];
	int fds[2];

	CHECK_EQ(pipe(fds), 0);
	CHECK_EQ(write(fds[1], data, sizeof data), sizeof data);
	for (int i = 0; i < 3; i++) {
		CHECK_EQ(read(fds[0], opaque_pointer(bad[i]), sizeof buf), -1);
		CHECK_EQ(errno, EFAULT);
		CHECK_EQ(buffered(fds[0]), sizeof data);
	}
	CHECK_EQ(read_only[0], 1);

	/* Writes from unreadable memory (read-only is readable: skip it). */
	for (int i = 0; i < 2; i++) {
		CHECK_EQ(write(fds[1], opaque_pointer(bad[i]), 16), -1);
		CHECK_EQ(errno, EFAULT);
		CHECK_EQ(buffered(fds[0]), sizeof data);
	}
	CHECK_EQ(write(fds[1], "+", 1), 1);
	CHECK_EQ(read(fds[0], buf, sizeof buf), sizeof data + 1);
	CHECK_EQ(memcmp(buf, data, sizeof data), 0);
	CHECK_EQ(buf[sizeof data], '+');
	CHECK_EQ(close(fds[0]), 0);
	CHECK_EQ(close(fds[1]), 0);
}

int main(void)
{
	bad_pipe_arrays();
	bad_buffers();
	return 0;
}
