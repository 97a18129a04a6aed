/*
 * isolation_kernel_pointers - every system call that takes a pointer
 * refuses kernel addresses with EFAULT: it neither writes kernel memory
 * (reads into it) nor leaks it (writes from it), and the system keeps
 * working afterwards.
 *
 * Addresses: 0xC0000000 (start of the direct map), 0xC0100000 (the kernel
 * image), 0xF0000000 and 0xF0001000 (kernel stacks), 0xFFFFF000.  For
 * each: read, write, stat, fstat, sysinfo, uname, pipe, wait4's status,
 * clock_gettime, gettimeofday, time, nanosleep, getcwd, getdents64, poll,
 * select, rt_sigaction, rt_sigprocmask, rt_sigpending, open, execve,
 * ioctl, mkdir, unlink, chdir.  Also buffers that start at 0xBFFFFFF0 (the
 * program's own) and run past 0xC0000000: read, write, stat, fstat,
 * sysinfo, uname, getdents64.
 * A read that failed consumed nothing.  Then a pipe round trip, a fork and
 * an exec of /bin/true must still work, and no page went missing.
 */
#include <conduit/test.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#ifndef SYS__newselect
#define SYS__newselect SYS_select	/* a Linux x86-64 host */
#endif

static const uint32_t kernel_addresses[] = {
	0xC0000000u, 0xC0100000u, 0xC0101000u, 0xF0000000u, 0xF0001000u,
	0xFFFFF000u,
};
#define STRADDLE 0xBFFFFFF0u	/* 16 bytes of user space, then the kernel */

#define NADDR (sizeof(kernel_addresses) / sizeof(kernel_addresses[0]))

static int failures;

/* A raw call, so that no library code looks at the pointers first. */
static void expect_efault(const char *what, uint32_t addr, long ret)
{
	if (ret != -EFAULT) {
		fprintf(stderr, "FAIL: %s with %#x returned %ld, not -EFAULT\n",
			what, addr, ret);
		failures++;
	}
}

static long raw(long nr, long a, long b, long c, long d, long e)
{
	long ret = syscall(nr, a, b, c, d, e);

	return ret == -1 ? -errno : ret;
}

static int warm(int n)
{
	volatile char frame[2048];

	frame[0] = (char)n;
	return n > 0 ? warm(n - 1) + frame[0] : 0;
}

int main(void)
{
	long pages;
	int fds[2], file, dir, status;
	struct stat st;
	char c;
	pid_t pid;
	uint32_t a = STRADDLE;

	warm(16);
	pages = free_pages();

	CHECK_EQ(pipe(fds), 0);
	file = open("/bin/true", O_RDONLY);
	CHECK(file >= 0);
	dir = open("/", O_RDONLY | O_DIRECTORY);
	CHECK(dir >= 0);
	for (unsigned i = 0; i < NADDR; i++) {
		uint32_t a = kernel_addresses[i];

		CHECK_EQ(write(fds[1], "x", 1), 1);
		expect_efault("read(pipe)", a, raw(SYS_read, fds[0], a, 64, 0, 0));
		CHECK_EQ(read(fds[0], &c, 1), 1);	/* nothing was consumed */
		CHECK_EQ(c, 'x');
		expect_efault("read(file)", a, raw(SYS_read, file, a, 64, 0, 0));
		expect_efault("write(pipe)", a, raw(SYS_write, fds[1], a, 64, 0, 0));
		expect_efault("write(console)", a, raw(SYS_write, 1, a, 64, 0, 0));
		expect_efault("stat buffer", a, raw(SYS_stat, (long)"/bin/true", a, 0, 0, 0));
		expect_efault("stat path", a, raw(SYS_stat, a, (long)&st, 0, 0, 0));
		expect_efault("fstat", a, raw(SYS_fstat, file, a, 0, 0, 0));
		expect_efault("sysinfo", a, raw(SYS_sysinfo, a, 0, 0, 0, 0));
		expect_efault("uname", a, raw(SYS_uname, a, 0, 0, 0, 0));
		expect_efault("pipe", a, raw(SYS_pipe, a, 0, 0, 0, 0));
		expect_efault("clock_gettime", a, raw(SYS_clock_gettime, 0, a, 0, 0, 0));
		expect_efault("gettimeofday", a, raw(SYS_gettimeofday, a, 0, 0, 0, 0));
		expect_efault("time", a, raw(SYS_time, a, 0, 0, 0, 0));
		expect_efault("nanosleep", a, raw(SYS_nanosleep, a, 0, 0, 0, 0));
		expect_efault("getcwd", a, raw(SYS_getcwd, a, 64, 0, 0, 0));
		expect_efault("getdents64", a, raw(SYS_getdents64, dir, a, 4096, 0, 0));
		expect_efault("poll", a, raw(SYS_poll, a, 4, 0, 0, 0));
		expect_efault("select", a, raw(SYS__newselect, 8, a, 0, 0, 0));
		expect_efault("rt_sigaction new", a, raw(SYS_rt_sigaction, SIGUSR1, a, 0, 8, 0));
		expect_efault("rt_sigaction old", a, raw(SYS_rt_sigaction, SIGUSR1, 0, a, 8, 0));
		expect_efault("rt_sigprocmask", a, raw(SYS_rt_sigprocmask, SIG_BLOCK, a, 0, 8, 0));
		expect_efault("rt_sigprocmask old", a, raw(SYS_rt_sigprocmask, SIG_BLOCK, 0, a, 8, 0));
		expect_efault("rt_sigpending", a, raw(SYS_rt_sigpending, a, 8, 0, 0, 0));
		expect_efault("open", a, raw(SYS_open, a, O_RDONLY, 0, 0, 0));
		expect_efault("execve path", a, raw(SYS_execve, a, 0, 0, 0, 0));
		expect_efault("execve argv", a, raw(SYS_execve, (long)"/bin/true", a, 0, 0, 0));
		expect_efault("ioctl(FIONREAD)", a, raw(SYS_ioctl, fds[0], 0x541B, a, 0, 0));
		expect_efault("ioctl(TCGETS)", a, raw(SYS_ioctl, 0, 0x5401, a, 0, 0));
		expect_efault("mkdir", a, raw(SYS_mkdir, a, 0755, 0, 0, 0));
		expect_efault("unlink", a, raw(SYS_unlink, a, 0, 0, 0, 0));
		expect_efault("chdir", a, raw(SYS_chdir, a, 0, 0, 0, 0));
		/* A child's status into kernel memory. */
		pid = fork();
		CHECK(pid >= 0);
		if (pid == 0)
			_exit(0);
		expect_efault("wait4 status", a, raw(SYS_wait4, pid, a, 0, 0, 0));
		waitpid(pid, NULL, 0);		/* reaped now or before */
	}
	/* Buffers running from user space into the kernel's. */
	CHECK_EQ(write(fds[1], "x", 1), 1);
	expect_efault("read(pipe) across", a, raw(SYS_read, fds[0], a, 64, 0, 0));
	CHECK_EQ(read(fds[0], &c, 1), 1);
	expect_efault("read(file) across", a, raw(SYS_read, file, a, 64, 0, 0));
	expect_efault("write(pipe) across", a, raw(SYS_write, fds[1], a, 64, 0, 0));
	expect_efault("stat across", a, raw(SYS_stat, (long)"/bin/true", a, 0, 0, 0));
	expect_efault("fstat across", a, raw(SYS_fstat, file, a, 0, 0, 0));
	expect_efault("sysinfo across", a, raw(SYS_sysinfo, a, 0, 0, 0, 0));
	expect_efault("uname across", a, raw(SYS_uname, a, 0, 0, 0, 0));
	expect_efault("getdents64 across", a, raw(SYS_getdents64, dir, a, 4096, 0, 0));
	close(file);
	close(dir);

	/* Everything still works. */
	CHECK_EQ(write(fds[1], "ok", 2), 2);
	CHECK_EQ(read(fds[0], &c, 1), 1);
	CHECK_EQ(c, 'o');
	CHECK_EQ(read(fds[0], &c, 1), 1);
	CHECK_EQ(c, 'k');
	close(fds[0]);
	close(fds[1]);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		char *argv[] = { "true", NULL };
		execve("/bin/true", argv, NULL);
		_exit(127);
	}
	status = wait_for_child(pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK_EQ(failures, 0);
	CHECK_EQ(free_pages(), pages);
	return 0;
}
