/*
 * dev_files - the character devices in /dev behave as on Linux:
 *
 *   stat     every node is S_ISCHR with Linux's number in st_rdev (1,3
 *            null; 1,5 zero; 1,7 full; 1,8 random; 1,9 urandom; 5,0 tty;
 *            5,1 console) and mode 0666 (console 0620)
 *   null     write takes the full count (even 1 MiB), read gives end of file
 *   zero     reads give zeros, a 1 MiB read too (in one call)
 *   full     write is ENOSPC, read gives zeros
 *   urandom  reads vary (two 64-byte reads differ, and neither is all
 *            zero); /dev/random is the same kind of device
 *   tty      opens the console (a terminal: isatty, tcgetpgrp as on fd 0);
 *            after setsid (no controlling terminal) ENXIO; /dev/console
 *            still opens
 *   lseek    succeeds and gives 0
 *   /dev     is read-only as a directory: no new names (EROFS), no unlink
 *   mknod    of a char device under /tmp gives a node that works like the
 *            device of that number; a number without a driver, a block
 *            device or a socket node fails to open with ENXIO
 * Run on Linux as root from a terminal, with CONDUIT_ON_LINUX set, the
 * same checks pass but two that are Conduit's own: /dev is writable
 * there (devtmpfs), and /dev/console's mode is 0600 on some systems.
 */
#include <conduit/test.h>
#include <stdbool.h>
#include <sys/stat.h>

#define DEV(major, minor) (((major) << 8) | (minor))
#define MiB (1024 * 1024)

static char big[MiB];

static void check_node(const char *path, unsigned rdev, unsigned perm)
{
	struct stat st;

	CHECK_EQ(stat(path, &st), 0);
	if (!S_ISCHR(st.st_mode) || (unsigned)st.st_rdev != rdev)
		fprintf(stderr, "FAIL: %s: mode %o rdev %#x, expected a char device %#x\n",
			path, (unsigned)st.st_mode, (unsigned)st.st_rdev, rdev);
	CHECK(S_ISCHR(st.st_mode));
	CHECK_EQ((unsigned)st.st_rdev, rdev);
	CHECK_EQ(st.st_mode & 07777, perm);
}

static void check_null(const char *path)
{
	int fd = open(path, O_RDWR);
	char c;

	CHECK(fd >= 0);
	CHECK_EQ(write(fd, "hello", 5), 5);
	CHECK_EQ(write(fd, big, sizeof(big)), (long)sizeof(big));
	CHECK_EQ(read(fd, &c, 1), 0);
	CHECK_EQ(lseek(fd, 100, SEEK_SET), 0);
	CHECK_EQ(close(fd), 0);
}

/* A read of zeros into a buffer full of something else. */
static void check_reads_zeros(int fd)
{
	memset(big, 0xA5, sizeof(big));
	CHECK_EQ(read(fd, big, sizeof(big)), (long)sizeof(big));
	for (size_t i = 0; i < sizeof(big); i++)
		if (big[i] != 0)
			CHECK_EQ(big[i], 0);
}

static void check_zero_and_full(void)
{
	int fd = open("/dev/zero", O_RDWR);

	CHECK(fd >= 0);
	check_reads_zeros(fd);
	CHECK_EQ(write(fd, "x", 1), 1);
	CHECK_EQ(lseek(fd, 5, SEEK_CUR), 0);
	close(fd);
	fd = open("/dev/full", O_RDWR);
	CHECK(fd >= 0);
	errno = 0;
	CHECK_EQ(write(fd, "x", 1), -1);
	CHECK_EQ(errno, ENOSPC);
	check_reads_zeros(fd);
	close(fd);
}

static bool all_zero(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

static void check_random(const char *path)
{
	unsigned char a[64], b[64];
	int fd = open(path, O_RDONLY);

	CHECK(fd >= 0);
	CHECK_EQ(read(fd, a, sizeof(a)), (long)sizeof(a));
	CHECK_EQ(read(fd, b, sizeof(b)), (long)sizeof(b));
	CHECK(!all_zero(a, sizeof(a)) && !all_zero(b, sizeof(b)));
	CHECK(memcmp(a, b, sizeof(a)) != 0);
	CHECK_EQ(read(fd, big, sizeof(big)), (long)sizeof(big));
	CHECK(!all_zero((unsigned char *)big + sizeof(big) - 64, 64));
	close(fd);
	fd = open(path, O_WRONLY);
	CHECK(fd >= 0);
	CHECK_EQ(write(fd, a, sizeof(a)), (long)sizeof(a));	/* accepted */
	close(fd);
}

static void check_tty(void)
{
	int fd = open("/dev/tty", O_RDWR), status;
	pid_t pid;

	CHECK(fd >= 0);
	CHECK(isatty(fd));
	CHECK_EQ(tcgetpgrp(fd), tcgetpgrp(0));
	CHECK_EQ(write(fd, "", 0), 0);
	close(fd);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {		/* a new session has no controlling terminal */
		if (setsid() < 0)
			_exit(2);
		errno = 0;
		if (open("/dev/tty", O_RDWR) >= 0 || errno != ENXIO)
			_exit(3);
		_exit(open("/dev/console", O_WRONLY) >= 0 ? 0 : 4);
	}
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 0);
}

static void check_dev_dir(void)
{
	if (getenv("CONDUIT_ON_LINUX"))
		return;
	errno = 0;
	CHECK_EQ(open("/dev/newfile", O_CREAT | O_WRONLY, 0644), -1);
	CHECK_EQ(errno, EROFS);
	errno = 0;
	CHECK_EQ(unlink("/dev/null"), -1);
	CHECK_EQ(errno, EROFS);
	CHECK_EQ(access("/dev/null", W_OK), 0);
}

static void check_open_fails(const char *path, mode_t type, unsigned rdev)
{
	unlink(path);
	CHECK_EQ(mknod(path, type | 0666, rdev), 0);
	errno = 0;
	CHECK_EQ(open(path, O_RDWR), -1);
	CHECK_EQ(errno, ENXIO);
	CHECK_EQ(unlink(path), 0);
}

static void check_mknod(void)
{
	unlink("/tmp/dev_files_null");
	CHECK_EQ(mknod("/tmp/dev_files_null", S_IFCHR | 0666, DEV(1, 3)), 0);
	check_node("/tmp/dev_files_null", DEV(1, 3), 0644);	/* umask 022 */
	check_null("/tmp/dev_files_null");
	CHECK_EQ(unlink("/tmp/dev_files_null"), 0);
	check_open_fails("/tmp/dev_files_none", S_IFCHR, DEV(250, 250));
	check_open_fails("/tmp/dev_files_blk", S_IFBLK, DEV(250, 0));
	check_open_fails("/tmp/dev_files_sock", S_IFSOCK, 0);
}

int main(void)
{
	umask(022);
	check_node("/dev/null", DEV(1, 3), 0666);
	check_node("/dev/zero", DEV(1, 5), 0666);
	check_node("/dev/full", DEV(1, 7), 0666);
	check_node("/dev/random", DEV(1, 8), 0666);
	check_node("/dev/urandom", DEV(1, 9), 0666);
	check_node("/dev/tty", DEV(5, 0), 0666);
	check_node("/dev/console", DEV(5, 1), getenv("CONDUIT_ON_LINUX") ? 0600 : 0620);
	check_null("/dev/null");
	check_zero_and_full();
	check_random("/dev/urandom");
	check_random("/dev/random");
	check_tty();
	check_dev_dir();
	check_mknod();
	return 0;
}
