/*
 * regress_ltp_errnos - error codes that LTP checks and Conduit got wrong,
 * each compared with Linux (run this test on the host to see the same):
 *
 *   dup3_02   dup3(fd, fd, flags) is EINVAL, before any descriptor is
 *             looked at: also for a descriptor that is not open (which
 *             dup2 would call EBADF) and for a bad flag.
 *   mknod09   mknod with a mode that is no file type (S_IFMT, 0030000,
 *             S_IFLNK) is EINVAL, even before the path is looked at (a
 *             missing directory, a bad pointer); a directory is EPERM.
 *   waitpid04, wait403   waitpid/wait4 with pid INT_MIN is ESRCH (the group
 *             -INT_MIN cannot exist), unless the options are bad (EINVAL);
 *             -INT_MAX is an ordinary group id: ECHILD, we have no children.
 */
#include <conduit/test.h>
#include <limits.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#define EXPECT_ERR(call, err)			\
	do {					\
		errno = 0;			\
		CHECK_EQ((call), -1);		\
		CHECK_EQ(errno, (err));		\
	} while (0)

static void check_dup3(void)
{
	EXPECT_ERR(dup3(1, 1, 0), EINVAL);
	EXPECT_ERR(dup3(1, 1, O_CLOEXEC), EINVAL);
	EXPECT_ERR(dup3(99, 99, 0), EINVAL);		/* 99 is not open */
	EXPECT_ERR(syscall(SYS_dup3, -1, -1, 0), EINVAL);
	EXPECT_ERR(dup3(99, 5, 0x1), EINVAL);		/* the flag comes first */
	EXPECT_ERR(dup3(99, 5, 0), EBADF);
	EXPECT_ERR(syscall(SYS_dup3, 1, -1, 0), EBADF);
	EXPECT_ERR(dup2(99, 99), EBADF);		/* dup2 is different */
	CHECK_EQ(dup2(1, 1), 1);
}

static void check_mknod(void)
{
	static const mode_t bad_types[] = { S_IFMT, 0030000, 0050000, 0070000, 0120000 };
	struct stat st;

	for (unsigned i = 0; i < sizeof(bad_types) / sizeof(bad_types[0]); i++) {
		EXPECT_ERR(mknod("/tmp/ltp_mknod", bad_types[i] | 0644, 0), EINVAL);
		EXPECT_ERR(mknod("/no/such/dir/x", bad_types[i] | 0644, 0), EINVAL);
		EXPECT_ERR(syscall(SYS_mknod, 0, bad_types[i] | 0644, 0), EINVAL);
	}
	EXPECT_ERR(stat("/tmp/ltp_mknod", &st), ENOENT);	/* nothing made */
	EXPECT_ERR(mknod("/tmp/ltp_mknod", S_IFDIR | 0755, 0), EPERM);
	CHECK_EQ(mknod("/tmp/ltp_mknod", S_IFIFO | 0644, 0), 0);	/* still works */
	CHECK_EQ(stat("/tmp/ltp_mknod", &st), 0);
	CHECK(S_ISFIFO(st.st_mode));
	CHECK_EQ(unlink("/tmp/ltp_mknod"), 0);
}

static void check_wait_int_min(void)
{
	int status;

	EXPECT_ERR(waitpid(INT_MIN, &status, 0), ESRCH);
	EXPECT_ERR(waitpid(INT_MIN, &status, WNOHANG), ESRCH);
	EXPECT_ERR(waitpid(INT_MIN, &status, 0x4000000), EINVAL);
	EXPECT_ERR(wait4(INT_MIN, &status, 0, NULL), ESRCH);
	EXPECT_ERR(waitpid(-INT_MAX, &status, 0), ECHILD);
}

int main(void)
{
	check_dup3();
	check_mknod();
	check_wait_int_min();
	return 0;
}
