/*
 * isolation_pipe_stale - a pipe gives back only what was written into it:
 * never bytes an earlier pipe (or anything else) left in the kernel's
 * pages, and never more than was asked for.
 *
 *   - Many pipes are filled with a pattern (64 KiB each, so every page of
 *     their buffers holds it), read empty and closed, so the free pages
 *     are full of the pattern.
 *   - A new pipe gets 1 byte; a read of 64 KiB returns exactly that byte,
 *     FIONREAD said 1, and the rest of the reader's buffer is untouched.
 *   - The same at every offset the ring can wrap at: writes of sizes that
 *     end at and across page boundaries, read back exactly.
 *   - Reading into a buffer that ends at a bad address consumes nothing:
 *     the data is still there for the next read.
 */
#include <conduit/test.h>
#include <sys/ioctl.h>

#define PATTERN 0xC3
#define UNTOUCHED 0x11
#define FIONREAD_CMD 0x541B

static unsigned char big[65536 + 16];

int main(void)
{
	int fds[2];
	unsigned char b;
	int n;

	/* Dirty the kernel's free pages with the pattern, through pipes. */
	for (int k = 0; k < 16; k++) {
		CHECK_EQ(pipe(fds), 0);
		memset(big, PATTERN, 65536);
		CHECK_EQ(write(fds[1], big, 65536), 65536);
		CHECK_EQ(read(fds[0], big, 65536), 65536);
		close(fds[0]);
		close(fds[1]);
	}

	/* A new pipe: 1 byte in, exactly 1 byte out. */
	CHECK_EQ(pipe(fds), 0);
	b = 0x42;
	CHECK_EQ(write(fds[1], &b, 1), 1);
	n = -1;
	CHECK_EQ(ioctl(fds[0], FIONREAD_CMD, &n), 0);
	CHECK_EQ(n, 1);
	memset(big, UNTOUCHED, sizeof(big));
	CHECK_EQ(read(fds[0], big, 65536), 1);
	CHECK_EQ(big[0], 0x42);
	for (int i = 1; i < 65536 + 16; i++)
		if (big[i] != UNTOUCHED) {
			fprintf(stderr, "FAIL: read of 1 byte changed byte %d to %#x\n", i, big[i]);
			return 1;
		}

	/* Sizes that end at and across page boundaries, through the ring. */
	for (int size = 1; size < 20000; size = size * 3 + 1) {
		static unsigned char out[20000], in[20000 + 64];
		for (int i = 0; i < size; i++)
			out[i] = (unsigned char)(i * 7 + size);
		CHECK_EQ(write(fds[1], out, size), size);
		memset(in, UNTOUCHED, sizeof(in));
		CHECK_EQ(read(fds[0], in, sizeof(in)), size);
		CHECK_EQ(memcmp(in, out, size), 0);
		CHECK_EQ(in[size], UNTOUCHED);
	}

	/* A bad buffer consumes nothing. */
	CHECK_EQ(write(fds[1], "abc", 3), 3);
	CHECK_EQ(read(fds[0], opaque_pointer(0xC0000000u), 3), -1);
	CHECK_EQ(errno, EFAULT);
	CHECK_EQ(read(fds[0], opaque_pointer(0xBFFFFFFFu), 3), -1);
	CHECK_EQ(errno, EFAULT);
	memset(big, 0, 4);
	CHECK_EQ(read(fds[0], big, 3), 3);
	CHECK_EQ(memcmp(big, "abc", 3), 0);
	close(fds[0]);
	close(fds[1]);
	return 0;
}
