/*
 * fd.c - system calls on file descriptors: reading, writing (also
 * scattered: readv, writev), closing, seeking, pipes and duplication.
 */
#include <sys/uio.h>
#include <unistd.h>
#include "syscall_internal.h"

ssize_t read(int fd, void *buf, size_t count)
{
	return __syscall_ret(__syscall3(SYS_read, fd, (long)buf, (long)count));
}

ssize_t write(int fd, const void *buf, size_t count)
{
	return __syscall_ret(__syscall3(SYS_write, fd, (long)buf, (long)count));
}

ssize_t readv(int fd, const struct iovec *iov, int count)
{
	return __syscall_ret(__syscall3(SYS_readv, fd, (long)iov, count));
}

ssize_t writev(int fd, const struct iovec *iov, int count)
{
	return __syscall_ret(__syscall3(SYS_writev, fd, (long)iov, count));
}

int close(int fd)
{
	return __syscall_ret(__syscall1(SYS_close, fd));
}

off_t lseek(int fd, off_t offset, int whence)
{
	return __syscall_ret(__syscall3(SYS_lseek, fd, offset, whence));
}

int pipe(int fds[2])
{
	return __syscall_ret(__syscall1(SYS_pipe, (long)fds));
}

int pipe2(int fds[2], int flags)
{
	return __syscall_ret(__syscall2(SYS_pipe2, (long)fds, flags));
}

int dup(int fd)
{
	return __syscall_ret(__syscall1(SYS_dup, fd));
}

int dup2(int oldfd, int newfd)
{
	return __syscall_ret(__syscall2(SYS_dup2, oldfd, newfd));
}

int dup3(int oldfd, int newfd, int flags)
{
	return __syscall_ret(__syscall3(SYS_dup3, oldfd, newfd, flags));
}

int fsync(int fd)
{
	return __syscall_ret(__syscall1(SYS_fsync, fd));
}

int ftruncate(int fd, off_t length)
{
	return __syscall_ret(__syscall2(SYS_ftruncate, fd, length));
}

int truncate(const char *path, off_t length)
{
	return __syscall_ret(__syscall2(SYS_truncate, (long)path, length));
}
