/*
 * fpu_bulk_copy - the kernel's SSE bulk copy (kernel/arch/fpu.c) is invisible
 * to programs.
 *
 * The kernel copies big transfers (1 KiB and more) between user and
 * kernel memory with SSE, which it turns on only for the copy.  What must
 * hold around it:
 *   1. The bytes: writes and reads of sizes on both sides of the 1 KiB
 *      threshold and of 64 bytes (the SSE step), at odd offsets, through
 *      the direct path and the ring, arrive intact and in order.
 *   2. Programs still have no SSE: an SSE instruction right after a big
 *      transfer dies of SIGILL (CR4.OSFXSR was put back).
 *   3. The x87 registers of a process survive another process's bulk copy
 *      and that process's own FPU use after it (CR0.TS was put back, so
 *      the FPU is still switched lazily).  The parent keeps a value in
 *      st(0) across a write() and a read() made in one asm block; the
 *      child waits for the write, writes 64 KiB into a pipe, resets the
 *      FPU (fninit) and computes, then wakes the read.
 *      Every ordering of the two is legal and checked the same way.
 */
#include <conduit/test.h>
#include <signal.h>

#define TOTAL (300 * 1024)

static unsigned char wbuf[70 * 1024 + 64], rbuf[70 * 1024 + 64];
static const size_t sizes[] = { 1, 63, 64, 65, 1023, 1024, 1025, 4095,
				4097, 65536, 65537, 70000 };

static unsigned char pattern(size_t i)
{
	return (unsigned char)(i * 131 + (i >> 9));
}

/* Child: TOTAL bytes of pattern, in writes of every size in `sizes`. */
static void write_stream(int fd)
{
	size_t done = 0;

	for (int k = 0; done < TOTAL; k++) {
		size_t n = sizes[k % 12], off = (size_t)k % 7;
		if (n > TOTAL - done)
			n = TOTAL - done;
		for (size_t i = 0; i < n; i++)
			wbuf[off + i] = pattern(done + i);
		if (write(fd, wbuf + off, n) != (ssize_t)n)
			_exit(1);
		done += n;
	}
	_exit(0);
}

static void check_stream(void)
{
	int fds[2], status;
	size_t done = 0;
	pid_t pid;

	CHECK(pipe(fds) == 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		close(fds[0]);
		write_stream(fds[1]);
	}
	close(fds[1]);
	for (int k = 5;; k++) {		/* to end of file */
		size_t off = (size_t)k % 5 + 1;
		ssize_t got = read(fds[0], rbuf + off, sizes[k % 12]);
		CHECK(got >= 0);
		if (got == 0)
			break;
		for (ssize_t i = 0; i < got; i++)
			CHECK_EQ(rbuf[off + i], pattern(done + i));
		done += got;
	}
	CHECK_EQ(done, (size_t)TOTAL);
	close(fds[0]);
	status = wait_for_child(pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

/* A child moves 64 KiB through a pipe, then tries an SSE instruction. */
static void check_no_user_sse(void)
{
	int fds[2], status;
	pid_t pid;

	CHECK(pipe(fds) == 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		if (write(fds[1], wbuf, 65536) != 65536 ||
		    read(fds[0], rbuf, 65536) != 65536)
			_exit(1);
		__asm__ volatile("pxor %xmm0, %xmm0");
		_exit(0);		/* SSE worked: the test fails */
	}
	status = wait_for_child(pid);
	CHECK(WIFSIGNALED(status));
	CHECK_EQ(WTERMSIG(status), SIGILL);
	close(fds[0]);
	close(fds[1]);
}

/*
 * st(0) = value; write(go_fd, "g", 1); read(data_fd, buf, len); *out =
 * st(0).  One asm block, so the compiler cannot use the FPU in between.
 */
static long hold_fpu_across_read(double value, int go_fd, int data_fd,
				 char *buf, size_t len, double *out)
{
	char go = 'g';
	long ret;

	__asm__ volatile("fldl %[v]\n\t"
			 "movl $4, %%eax\n\t"	/* write */
			 "movl %[gofd], %%ebx\n\t"
			 "leal %[go], %%ecx\n\t"
			 "movl $1, %%edx\n\t"
			 "int $0x80\n\t"
			 "movl $3, %%eax\n\t"	/* read */
			 "movl %[dfd], %%ebx\n\t"
			 "movl %[buf], %%ecx\n\t"
			 "movl %[len], %%edx\n\t"
			 "int $0x80\n\t"
			 "fstpl %[out]"
			 : "=&a"(ret), [out] "=m"(*out)
			 : [v] "m"(value), [gofd] "m"(go_fd), [go] "m"(go),
			   [dfd] "m"(data_fd), [buf] "m"(buf), [len] "m"(len)
			 : "ebx", "ecx", "edx", "memory");
	return ret;
}

static void check_x87_survives(void)
{
	int go[2], done[2], scratch[2], status;
	double kept = 0.0;
	char byte;
	pid_t pid;

	CHECK(pipe(go) == 0 && pipe(done) == 0 && pipe(scratch) == 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		volatile double x;	/* set only after the copy: the
					 * child must not own the FPU yet */
		/* 64 KiB into a pipe nobody waits on: the copy wakes no one,
		 * so no switch can set TS right again before the fninit. */
		if (read(go[0], &byte, 1) != 1 ||
		    write(scratch[1], wbuf, 65536) != 65536)
			_exit(1);
		/* x87 work after the copy, starting with fninit, which would
		 * wipe the parent's registers if TS had been left clear. */
		__asm__ volatile("fninit");
		x = 2.0;
		for (int i = 0; i < 100; i++)
			x = x * 1.5 + 0.25;
		_exit(write(done[1], "d", 1) == 1 && x > 0 ? 0 : 2);
	}
	CHECK_EQ(hold_fpu_across_read(1234.5, go[1], done[0], &byte, 1, &kept),
		 1);
	CHECK(kept == 1234.5);
	status = wait_for_child(pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	close(go[0]), close(go[1]), close(done[0]), close(done[1]);
	close(scratch[0]), close(scratch[1]);
}

int main(void)
{
	check_stream();
	check_no_user_sse();
	for (int round = 0; round < 20; round++)
		check_x87_survives();
	return 0;
}
