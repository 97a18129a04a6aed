/*
 * bad_pointers - system calls given bad user pointers fail with EFAULT
 * instead of crashing the kernel, touching kernel memory, or killing the
 * caller.
 *
 * "Bad" means NULL (page 0 is never mapped), an address in the kernel's
 * part of the address space (0xC0000000 and up), or a buffer that starts
 * in user space but runs past 0xC0000000.  Every pointer goes through
 * opaque_pointer() so the compiler neither warns nor optimises.
 *
 * For wait4 with a bad status pointer the kernel may or may not have
 * reaped the child when it reports EFAULT; both are accepted, but the
 * child must be reaped exactly once in the end.
 *
 * Note: the write tests use fd 1, the console.  (On Linux, if stdout is
 * /dev/null, write() never looks at the buffer and succeeds.)
 */
#include <conduit/test.h>
#include <fcntl.h>
#include <sys/stat.h>

#define KERNEL_BASE 0xC0000000UL
#define KERNEL_IMAGE 0xC0100000UL

static void check_write(void)
{
	CHECK_EQ(write(1, opaque_pointer(0), 10), -1);
	CHECK_EQ(errno, EFAULT);
	CHECK_EQ(write(1, opaque_pointer(KERNEL_BASE), 10), -1);
	CHECK_EQ(errno, EFAULT);
	CHECK_EQ(write(1, opaque_pointer(KERNEL_BASE - 1), 16), -1);
	CHECK_EQ(errno, EFAULT);
}

static void check_read(const char *file)
{
	char magic[4];
	int fd = open(file, O_RDONLY);

	CHECK(fd >= 0);
	CHECK_EQ(read(fd, opaque_pointer(0), 16), -1);
	CHECK_EQ(errno, EFAULT);
	CHECK_EQ(read(fd, opaque_pointer(KERNEL_IMAGE), 16), -1);
	CHECK_EQ(errno, EFAULT);
	CHECK_EQ(read(fd, opaque_pointer(KERNEL_BASE - 8), 16), -1);
	CHECK_EQ(errno, EFAULT);

	/* Nothing was consumed: the file still starts with the ELF magic. */
	CHECK_EQ(read(fd, magic, 4), 4);
	CHECK_EQ(memcmp(magic, "\177ELF", 4), 0);
	CHECK_EQ(close(fd), 0);
}

static void check_open(void)
{
	CHECK_EQ(open(opaque_pointer(0), O_RDONLY), -1);
	CHECK_EQ(errno, EFAULT);
	CHECK_EQ(open(opaque_pointer(KERNEL_BASE), O_RDONLY), -1);
	CHECK_EQ(errno, EFAULT);
}

static void check_wait(void)
{
	pid_t pid = fork();
	pid_t again;
	int status = 0;

	CHECK(pid >= 0);
	if (pid == 0)
		_exit(7);
	CHECK_EQ(waitpid(pid, opaque_pointer(KERNEL_BASE), 0), -1);
	CHECK_EQ(errno, EFAULT);

	again = waitpid(pid, &status, 0);
	if (again == -1) {
		CHECK_EQ(errno, ECHILD);	/* reaped by the failed call */
	} else {
		CHECK_EQ(again, pid);		/* still there: reaped now */
		CHECK_EQ(status, 7 << 8);
	}

	/* A NULL status pointer is allowed: "I don't want the status". */
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0)
		_exit(0);
	CHECK_EQ(waitpid(pid, NULL, 0), pid);

	CHECK_EQ(waitpid(-1, &status, WNOHANG), -1);
	CHECK_EQ(errno, ECHILD);
}

static void check_other_calls(void)
{
	CHECK_EQ(fstat(1, opaque_pointer(0)), -1);
	CHECK_EQ(errno, EFAULT);
	CHECK_EQ(fstat(1, opaque_pointer(KERNEL_BASE)), -1);
	CHECK_EQ(errno, EFAULT);
	CHECK_EQ(sysinfo(opaque_pointer(KERNEL_BASE)), -1);
	CHECK_EQ(errno, EFAULT);
	CHECK_EQ(nanosleep(opaque_pointer(KERNEL_BASE), NULL), -1);
	CHECK_EQ(errno, EFAULT);
}

int main(int argc, char **argv)
{
	(void)argc;
	check_write();
	check_read(argv[0]);
	check_open();
	check_wait();
	check_other_calls();

	/* Still alive and well. */
	CHECK_EQ(write(1, "", 0), 0);
	CHECK(getpid() > 0);
	return 0;
}
