/*
 * regress_df_flag - a system call made with the direction flag set must
 * work like any other.
 *
 * The i386 ABI says DF is clear on function entry, and the kernel's C code
 * (memcpy and memset are `rep movsl` / `rep stosl`) relies on it.  A user
 * program may set DF (`std`) and then trap into the kernel; if the entry
 * code does not clear it (`cld`), every copy in that system call runs
 * backwards: bytes land before the buffer, in someone else's memory, and
 * memset clears the wrong bytes.  Found by fuzz (calls made with DF set):
 * the fuzzer's guard bytes below its buffer changed, and a write of 4000
 * bytes into a pipe with DF set hung the machine.
 *
 * The test stays harmless on a broken kernel: its copies are small and
 * stay inside the pipe's and the test's own pages.
 *   - 12 bytes into a pipe, 4 read normally, then a 5-byte read with DF
 *     set into the middle of a buffer: exactly "EFGHI" must land there,
 *     and the bytes before it must be untouched;
 *   - a write with DF set, read back normally;
 *   - sysinfo() with DF set: the fields the kernel zeroes are zero.
 */
#include <conduit/test.h>
#include <stdint.h>
#include <sys/syscall.h>

static long call3_df(long nr, long a, long b, long c)
{
	long ret;

	__asm__ volatile("std\n\tint $0x80\n\tcld"
			 : "=a"(ret)
			 : "0"(nr), "b"(a), "c"(b), "d"(c)
			 : "memory", "cc");
	return ret;
}

int main(void)
{
	unsigned char buf[64];
	uint32_t info[16];
	int fds[2];

	CHECK_EQ(pipe(fds), 0);
	CHECK_EQ(write(fds[1], "ABCDEFGHIJKL", 12), 12);
	CHECK_EQ(read(fds[0], buf, 4), 4);
	memset(buf, '.', sizeof(buf));
	CHECK_EQ(call3_df(SYS_read, fds[0], (long)(buf + 16), 5), 5);
	if (memcmp(buf + 16, "EFGHI", 5) != 0 || buf[12] != '.' || buf[15] != '.' ||
	    buf[21] != '.') {
		fprintf(stderr, "FAIL: a read with DF set gave \"%.24s\" around the "
			"buffer (expected \"....EFGHI.\" at offset 12)\n", (char *)buf);
		return 1;
	}

	CHECK_EQ(read(fds[0], buf, sizeof(buf)), 3);	/* "JKL" */
	CHECK_EQ(call3_df(SYS_write, fds[1], (long)"0123456789", 10), 10);
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(read(fds[0], buf, sizeof(buf)), 10);
	CHECK_EQ(memcmp(buf, "0123456789", 10), 0);

	memset(info, 0xEE, sizeof(info));
	CHECK_EQ(call3_df(SYS_sysinfo, (long)info, 0, 0), 0);
	/* sharedram, bufferram, totalswap, freeswap: words 6..9; the padding
	 * after procs; totalhigh, freehigh; the reserved words 14, 15. */
	for (int i = 6; i <= 9; i++)
		CHECK_EQ(info[i], 0);
	CHECK_EQ(info[10] >> 16, 0);
	CHECK_EQ(info[11], 0);
	CHECK_EQ(info[12], 0);
	CHECK_EQ(info[14], 0);
	CHECK_EQ(info[15], 0);
	close(fds[0]);
	close(fds[1]);
	return 0;
}
