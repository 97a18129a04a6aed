/*
 * fs.c - system calls on path names: directories, links, file status,
 * permissions, special files and file system statistics (statfs).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>
#include "syscall_internal.h"

int chdir(const char *path)
{
	return __syscall_ret(__syscall1(SYS_chdir, (long)path));
}

/*
 * The kernel fills buf and returns the length including the NUL.
 * As on Linux, getcwd(NULL, size) allocates the buffer with malloc.
 */
char *getcwd(char *buf, size_t size)
{
	char *target = buf;
	long ret;

	if (!buf) {
		if (size == 0)
			size = PATH_MAX;
		target = malloc(size);
		if (!target)
			return NULL;
	}
	ret = __syscall_ret(__syscall2(SYS_getcwd, (long)target, (long)size));
	if (ret < 0) {
		if (!buf)
			free(target);
		return NULL;
	}
	return target;
}

int unlink(const char *path)
{
	return __syscall_ret(__syscall1(SYS_unlink, (long)path));
}

int rmdir(const char *path)
{
	return __syscall_ret(__syscall1(SYS_rmdir, (long)path));
}

int link(const char *oldpath, const char *newpath)
{
	return __syscall_ret(__syscall2(SYS_link, (long)oldpath, (long)newpath));
}

int symlink(const char *target, const char *linkpath)
{
	return __syscall_ret(__syscall2(SYS_symlink, (long)target, (long)linkpath));
}

ssize_t readlink(const char *path, char *buf, size_t size)
{
	return __syscall_ret(__syscall3(SYS_readlink, (long)path, (long)buf,
					(long)size));
}

int rename(const char *oldpath, const char *newpath)
{
	return __syscall_ret(__syscall2(SYS_rename, (long)oldpath, (long)newpath));
}

int access(const char *path, int mode)
{
	return __syscall_ret(__syscall2(SYS_access, (long)path, mode));
}

int stat(const char *path, struct stat *st)
{
	return __syscall_ret(__syscall2(SYS_stat, (long)path, (long)st));
}

int lstat(const char *path, struct stat *st)
{
	return __syscall_ret(__syscall2(SYS_lstat, (long)path, (long)st));
}

int fstat(int fd, struct stat *st)
{
	return __syscall_ret(__syscall2(SYS_fstat, fd, (long)st));
}

int mkdir(const char *path, mode_t mode)
{
	return __syscall_ret(__syscall2(SYS_mkdir, (long)path, mode));
}

int mknod(const char *path, mode_t mode, dev_t dev)
{
	return __syscall_ret(__syscall3(SYS_mknod, (long)path, mode, dev));
}

/* A FIFO is a special file made with mknod. */
int mkfifo(const char *path, mode_t mode)
{
	return mknod(path, S_IFIFO | (mode & 07777), 0);
}

mode_t umask(mode_t mask)
{
	return __syscall1(SYS_umask, mask);
}

int chmod(const char *path, mode_t mode)
{
	return __syscall_ret(__syscall2(SYS_chmod, (long)path, mode));
}

int fchmod(int fd, mode_t mode)
{
	return __syscall_ret(__syscall2(SYS_fchmod, fd, mode));
}

/*
 * The kernel's fchmodat takes no flags.  AT_SYMLINK_NOFOLLOW asks not to
 * follow a final symbolic link; Conduit has none, so it changes nothing.
 */
int fchmodat(int dirfd, const char *path, mode_t mode, int flags)
{
	if (flags & ~AT_SYMLINK_NOFOLLOW) {
		errno = EINVAL;
		return -1;
	}
	return __syscall_ret(__syscall3(SYS_fchmodat, dirfd, (long)path, mode));
}

/* The 32-bit-id calls, as glibc uses on i386 (every file is root's). */
int chown(const char *path, uid_t owner, gid_t group)
{
	return __syscall_ret(__syscall3(SYS_chown32, (long)path, owner, group));
}

int fchown(int fd, uid_t owner, gid_t group)
{
	return __syscall_ret(__syscall3(SYS_fchown32, fd, owner, group));
}

int lchown(const char *path, uid_t owner, gid_t group)
{
	return __syscall_ret(__syscall3(SYS_lchown32, (long)path, owner, group));
}

/* remove() deletes a file or an empty directory. */
int remove(const char *path)
{
	if (unlink(path) == 0)
		return 0;
	if (errno == EISDIR)
		return rmdir(path);
	return -1;
}

int statfs(const char *path, struct statfs *buf)
{
	return __syscall_ret(__syscall2(SYS_statfs, (long)path, (long)buf));
}

int fstatfs(int fd, struct statfs *buf)
{
	return __syscall_ret(__syscall2(SYS_fstatfs, fd, (long)buf));
}

/* The 64-bit calls take the size of the structure as a check. */
int statfs64(const char *path, struct statfs64 *buf)
{
	return __syscall_ret(__syscall3(SYS_statfs64, (long)path,
					sizeof(*buf), (long)buf));
}

int fstatfs64(int fd, struct statfs64 *buf)
{
	return __syscall_ret(__syscall3(SYS_fstatfs64, fd, sizeof(*buf),
					(long)buf));
}
