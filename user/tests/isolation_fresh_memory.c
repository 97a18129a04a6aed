/*
 * isolation_fresh_memory - memory handed to a program never holds what
 * another program (or the kernel) left in it.
 *
 * First a child fills 16 MiB of heap and 4 MiB of stack with a pattern and
 * exits, so that many free pages have held that pattern.  Then:
 *   - the parent's new heap (sbrk, 16 MiB) reads as zero, every byte;
 *   - stack pages far below the parent's stack pointer, never used, read
 *     as zero (the stack grows on demand in the top 8 MiB);
 *   - a /tmp file extended by truncate, by a write past its end, or cut
 *     and extended again reads as zero in its holes.
 */
#include <conduit/test.h>
#include <fcntl.h>
#include <stdint.h>

#define MiB (1024 * 1024)
#define PATTERN 0xA5

static int dirty_stack(int depth)
{
	volatile unsigned char frame[4096];

	memset((void *)frame, PATTERN, sizeof(frame));
	return depth > 0 ? dirty_stack(depth - 1) + frame[7] : frame[7];
}

static void check_zero(const unsigned char *p, size_t n, const char *what)
{
	for (size_t i = 0; i < n; i++) {
		if (p[i] != 0) {
			fprintf(stderr, "FAIL: %s: byte %zu of %zu is %#x\n", what, i, n, p[i]);
			exit(1);
		}
	}
}

int main(void)
{
	unsigned char *heap;
	unsigned char buf[4096];
	char path[64];
	volatile unsigned char *below;
	pid_t pid;
	int status, fd;

	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		unsigned char *p = sbrk(16 * MiB);
		if (p == (void *)-1)
			_exit(2);
		memset(p, PATTERN, 16 * MiB);
		dirty_stack(1000);	/* about 4 MiB of stack */
		_exit(0);
	}
	status = wait_for_child(pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);

	heap = sbrk(16 * MiB);
	CHECK(heap != (void *)-1);
	check_zero(heap, 16 * MiB, "fresh heap");
	CHECK(sbrk(-16 * MiB) != (void *)-1);

	/* 2 MiB to 3 MiB below our stack: never used by this process. */
	below = (volatile unsigned char *)(((uintptr_t)buf & ~(uintptr_t)4095) - 3 * MiB);
	for (size_t i = 0; i < MiB; i++)
		if (below[i] != 0) {
			fprintf(stderr, "FAIL: fresh stack at %p is %#x\n",
				(void *)(below + i), below[i]);
			return 1;
		}

	/* Holes in a /tmp file. */
	snprintf(path, sizeof(path), "/tmp/isolation_fresh.%d", (int)getpid());
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	CHECK(fd >= 0);
	CHECK_EQ(ftruncate(fd, 3 * 4096), 0);
	CHECK_EQ(read(fd, buf, sizeof(buf)), (long)sizeof(buf));
	check_zero(buf, sizeof(buf), "a file extended by ftruncate");
	memset(buf, PATTERN, sizeof(buf));
	CHECK_EQ(lseek(fd, 5 * 4096 + 100, SEEK_SET), 5 * 4096 + 100);
	CHECK_EQ(write(fd, buf, 10), 10);
	CHECK_EQ(lseek(fd, 4 * 4096, SEEK_SET), 4 * 4096);
	CHECK_EQ(read(fd, buf, sizeof(buf)), (long)sizeof(buf));
	check_zero(buf, sizeof(buf), "the hole before a write past the end");
	CHECK_EQ(read(fd, buf, 100), 100);
	check_zero(buf, 100, "the start of a page written at offset 100");
	/* Fill a page, cut the file inside it, extend again: the cut part
	 * must come back as zero. */
	memset(buf, PATTERN, sizeof(buf));
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	CHECK_EQ(write(fd, buf, sizeof(buf)), (long)sizeof(buf));
	CHECK_EQ(ftruncate(fd, 1000), 0);
	CHECK_EQ(ftruncate(fd, 4096), 0);
	CHECK_EQ(lseek(fd, 1000, SEEK_SET), 1000);
	CHECK_EQ(read(fd, buf, 3096), 3096);
	check_zero(buf, 3096, "a file cut and extended again");
	CHECK_EQ(close(fd), 0);
	CHECK_EQ(unlink(path), 0);
	return 0;
}
