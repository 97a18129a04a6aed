/*
 * tmpfs_chmod - chmod, fchmod, fchmodat and chown on files under /tmp.
 *
 *  1. chmod sets the permission bits (07777) and keeps the file type,
 *     whatever type bits the mode argument carries; stat and fstat show
 *     it, access(X_OK) follows it; fchmod does the same through a
 *     descriptor, for directories and FIFOs too.
 *  2. fchmodat: AT_FDCWD, a directory descriptor with a relative path,
 *     an absolute path (the descriptor is then not looked at), EBADF and
 *     ENOTDIR for a bad or non-directory descriptor with a relative path;
 *     the C library's flag AT_SYMLINK_NOFOLLOW is accepted, others EINVAL.
 *  3. Errors: ENOENT (missing, or ""), ENOTDIR ("file/"), EFAULT, EBADF;
 *     on Conduit also EROFS outside /tmp.
 *  4. chown/fchown/lchown to root (0) or "keep" (-1) succeed and, as on
 *     Linux, clear a file's set-user-ID bit (and set-group-ID when group
 *     execute is set) but not a directory's; on Conduit, where root is the
 *     only user, any other owner is EPERM; the 16-bit chown call takes
 *     0xFFFF for "keep".
 * Never touches anything outside its own names in /tmp (it also runs on
 * a Linux host, as root).
 */
#include <conduit/test.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#define DIR_PATH "/tmp/tmpfs_chmod.d"
#define FILE_PATH DIR_PATH "/f"
#define FIFO_PATH DIR_PATH "/fifo"

static int host;

static unsigned mode_of(const char *path)
{
	struct stat st;

	CHECK_EQ(stat(path, &st), 0);
	return st.st_mode;
}

static unsigned fmode_of(int fd)
{
	struct stat st;

	CHECK_EQ(fstat(fd, &st), 0);
	return st.st_mode;
}

static void modes(int fd)
{
	int dfd;

	CHECK_EQ(chmod(FILE_PATH, 0600), 0);
	CHECK_EQ(mode_of(FILE_PATH), S_IFREG | 0600);
	CHECK_EQ(fmode_of(fd), S_IFREG | 0600);
	CHECK_EQ(access(FILE_PATH, X_OK), -1);
	CHECK_EQ(errno, EACCES);
	CHECK_EQ(fchmod(fd, 07777), 0);
	CHECK_EQ(mode_of(FILE_PATH), S_IFREG | 07777);
	CHECK_EQ(access(FILE_PATH, X_OK), 0);
	CHECK_EQ(chmod(FILE_PATH, S_IFDIR | 0644), 0);	/* type bits ignored */
	CHECK_EQ(mode_of(FILE_PATH), S_IFREG | 0644);
	CHECK_EQ(chmod(FILE_PATH, 0), 0);
	CHECK_EQ(mode_of(FILE_PATH), S_IFREG);

	CHECK_EQ(chmod(DIR_PATH, 0700), 0);
	CHECK_EQ(mode_of(DIR_PATH), S_IFDIR | 0700);
	dfd = open(DIR_PATH, O_RDONLY);
	CHECK(dfd >= 0);
	CHECK_EQ(fchmod(dfd, 01755), 0);
	CHECK_EQ(mode_of(DIR_PATH), S_IFDIR | 01755);
	CHECK_EQ(close(dfd), 0);
	CHECK_EQ(mkfifo(FIFO_PATH, 0600), 0);
	CHECK_EQ(chmod(FIFO_PATH, 0640), 0);
	CHECK_EQ(mode_of(FIFO_PATH), S_IFIFO | 0640);
	CHECK_EQ(unlink(FIFO_PATH), 0);
}

static void at_calls(int fd)
{
	int dfd = open(DIR_PATH, O_RDONLY);

	CHECK(dfd >= 0);
	CHECK_EQ(fchmodat(AT_FDCWD, FILE_PATH, 0611, 0), 0);
	CHECK_EQ(mode_of(FILE_PATH), S_IFREG | 0611);
	CHECK_EQ(fchmodat(dfd, "f", 0622, 0), 0);
	CHECK_EQ(mode_of(FILE_PATH), S_IFREG | 0622);
	CHECK_EQ(fchmodat(dfd, "./f", 0633, AT_SYMLINK_NOFOLLOW), 0);
	CHECK_EQ(mode_of(FILE_PATH), S_IFREG | 0633);
	CHECK_EQ(fchmodat(99, FILE_PATH, 0644, 0), 0);	/* absolute */
	CHECK_EQ(mode_of(FILE_PATH), S_IFREG | 0644);
	CHECK_EQ(fchmodat(99, "f", 0600, 0), -1);
	CHECK_EQ(errno, EBADF);
	CHECK_EQ(fchmodat(fd, "f", 0600, 0), -1);
	CHECK_EQ(errno, ENOTDIR);
	CHECK_EQ(fchmodat(dfd, "", 0600, 0), -1);
	CHECK_EQ(errno, ENOENT);
	CHECK_EQ(fchmodat(dfd, "f", 0600, 0x1234), -1);
	CHECK_EQ(errno, EINVAL);
	CHECK_EQ(mode_of(FILE_PATH), S_IFREG | 0644);
	CHECK_EQ(close(dfd), 0);
}

static void errors(void)
{
	CHECK_EQ(chmod(DIR_PATH "/missing", 0600), -1);
	CHECK_EQ(errno, ENOENT);
	CHECK_EQ(chmod("", 0600), -1);
	CHECK_EQ(errno, ENOENT);
	CHECK_EQ(chmod(FILE_PATH "/", 0600), -1);
	CHECK_EQ(errno, ENOTDIR);
	CHECK_EQ(chmod(opaque_pointer(1), 0600), -1);
	CHECK_EQ(errno, EFAULT);
	CHECK_EQ(fchmod(99, 0600), -1);
	CHECK_EQ(errno, EBADF);
	CHECK_EQ(fchown(99, 0, 0), -1);
	CHECK_EQ(errno, EBADF);
	CHECK_EQ(chown(DIR_PATH "/missing", 0, 0), -1);
	CHECK_EQ(errno, ENOENT);
	if (host)
		return;
	CHECK_EQ(chmod("/bin/sh", 0777), -1);		/* the initramfs */
	CHECK_EQ(errno, EROFS);
	CHECK_EQ(chmod("/", 0777), -1);
	CHECK_EQ(errno, EROFS);
	CHECK_EQ(chown("/bin/sh", 0, 0), -1);
	CHECK_EQ(errno, EROFS);
}

static void owners(int fd)
{
	CHECK_EQ(chmod(FILE_PATH, 06755), 0);
	CHECK_EQ(chown(FILE_PATH, -1, -1), 0);
	CHECK_EQ(mode_of(FILE_PATH), S_IFREG | 0755);	/* suid, sgid cleared */
	CHECK_EQ(chmod(FILE_PATH, 06745), 0);
	CHECK_EQ(fchown(fd, 0, 0), 0);
	CHECK_EQ(mode_of(FILE_PATH), S_IFREG | 02745);	/* no g+x: sgid kept */
	CHECK_EQ(lchown(FILE_PATH, 0, -1), 0);
	CHECK_EQ(chmod(DIR_PATH, 06755), 0);
	CHECK_EQ(chown(DIR_PATH, 0, 0), 0);
	CHECK_EQ(mode_of(DIR_PATH), S_IFDIR | 06755);	/* directories keep */
	CHECK_EQ(syscall(SYS_chown, FILE_PATH, 0xFFFF, 0), 0);	/* 16-bit */
	if (host)
		return;
	CHECK_EQ(chown(FILE_PATH, 1, 0), -1);
	CHECK_EQ(errno, EPERM);
	CHECK_EQ(fchown(fd, 0, 100), -1);
	CHECK_EQ(errno, EPERM);
	CHECK_EQ(syscall(SYS_chown, FILE_PATH, 0xFFFE, 0xFFFF), -1);
	CHECK_EQ(errno, EPERM);
}

int main(void)
{
	int fd;

	host = getenv("CONDUIT_HOST_RUN") != NULL;
	unlink(FILE_PATH), unlink(FIFO_PATH), rmdir(DIR_PATH);	/* leftovers */
	umask(022);
	CHECK_EQ(mkdir(DIR_PATH, 0755), 0);
	fd = open(FILE_PATH, O_RDWR | O_CREAT, 0644);
	CHECK(fd >= 0);
	CHECK_EQ(mode_of(FILE_PATH), S_IFREG | 0644);
	modes(fd);
	at_calls(fd);
	errors();
	owners(fd);
	CHECK_EQ(close(fd), 0);
	CHECK_EQ(unlink(FILE_PATH), 0);
	CHECK_EQ(rmdir(DIR_PATH), 0);
	return 0;
}
