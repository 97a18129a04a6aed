/*
 * sys_fd.c - the system calls on descriptors (sys_fs.c has those on names).
 *
 * read, write, lseek, ioctl, getdents64 and fstat look the descriptor up
 * (fd.h), check what the file was opened for, and call the file's own
 * operation (struct file_ops in file.h): pipe_write for a pipe's write
 * end, tty_write for the console, and so on.  close, dup, dup2, dup3 and
 * fcntl never touch the files themselves, only which slots of the
 * descriptor table point at them (fd.c) and the files' shared status flags.
 *
 * The two kinds of flags: FD_CLOEXEC belongs to one descriptor (F_GETFD /
 * F_SETFD); O_NONBLOCK and O_APPEND belong to the open file and so are
 * shared by every descriptor and process using it (F_GETFL / F_SETFL).
 *
 * Errors, as POSIX and Linux give them: EBADF for a descriptor that is not
 * open, or not open for reading/writing; EINVAL for an operation the file
 * does not support (read/write), for bad flags or commands and for
 * dup3(fd, fd) (before EBADF, as Linux checks it); ESPIPE for
 * lseek on a pipe or terminal, ENOTTY for an ioctl the file does not
 * know, ENOTDIR for getdents on a non-directory; EMFILE when no slot is
 * free.
 */
#include "lib/errno.h"
#include "lib/lib.h"
#include "fs/fs.h"
#include "fs/fd.h"
#include "fs/file.h"
#include "pipe/pipe.h"
#include "proc/proc.h"
#include "syscall/syscall.h"

#define F_DUPFD 0
#define F_GETFD 1
#define F_SETFD 2
#define F_GETFL 3
#define F_SETFL 4
#define F_DUPFD_CLOEXEC 1030
#define F_SETPIPE_SZ 1031
#define F_GETPIPE_SZ 1032
#define FD_CLOEXEC 1

long sys_read(int fd, uaddr_t buf, size_t n)
{
	struct file *f = fd_get(&current->fds, fd);

	if (!f || !file_open_for_read(f))
		return -EBADF;
	if (!f->ops->read)
		return -EINVAL;
	if ((ssize_t)n < 0)
		return -EINVAL;
	if (!user_range_ok(buf, n))
		return -EFAULT;
	return f->ops->read(f, buf, n);
}

long sys_write(int fd, uaddr_t buf, size_t n)
{
	struct file *f = fd_get(&current->fds, fd);

	if (!f || !file_open_for_write(f))
		return -EBADF;
	if (!f->ops->write)
		return -EINVAL;
	if ((ssize_t)n < 0)
		return -EINVAL;
	if (!user_range_ok(buf, n))
		return -EFAULT;
	return f->ops->write(f, buf, n);
}

long sys_close(int fd)
{
	return fd_close(&current->fds, fd);
}

long sys_lseek(int fd, off_t off, int whence)
{
	struct file *f = fd_get(&current->fds, fd);

	if (!f)
		return -EBADF;
	if (!f->ops->lseek)
		return -ESPIPE;
	if (whence < SEEK_SET || whence > SEEK_END)
		return -EINVAL;
	return f->ops->lseek(f, off, whence);
}

long sys_ioctl(int fd, uint32_t cmd, uaddr_t arg)
{
	struct file *f = fd_get(&current->fds, fd);

	if (!f)
		return -EBADF;
	if (!f->ops->ioctl)
		return -ENOTTY;
	return f->ops->ioctl(f, cmd, arg);
}

long sys_getdents64(int fd, uaddr_t buf, size_t n)
{
	struct file *f = fd_get(&current->fds, fd);

	if (!f)
		return -EBADF;
	if (!f->ops->getdents)
		return -ENOTDIR;
	return f->ops->getdents(f, buf, n);
}

long sys_fstat(int fd, uaddr_t ust)
{
	struct file *f = fd_get(&current->fds, fd);
	struct kstat st;

	if (!f)
		return -EBADF;
	memset(&st, 0, sizeof(st));
	if (f->inode)
		fs_fill_stat(f->inode, &st);
	if (f->ops->stat)
		f->ops->stat(f, &st);
	return copy_to_user(ust, &st, sizeof(st));
}

/* Another descriptor >= min_fd for the file behind oldfd. */
static long dup_from(int oldfd, int min_fd, bool cloexec)
{
	struct file *f = fd_get(&current->fds, oldfd);
	int fd;

	if (!f)
		return -EBADF;
	if (min_fd < 0 || min_fd >= FD_MAX)
		return -EINVAL;
	fd = fd_install(&current->fds, file_get(f), min_fd, cloexec);
	if (fd < 0)
		file_put(f);
	return fd;
}

long sys_dup(int oldfd)
{
	return dup_from(oldfd, 0, false);
}

long sys_dup3(int oldfd, int newfd, uint32_t flags)
{
	struct file *f = fd_get(&current->fds, oldfd);
	int fd;

	/* Linux's order: both EINVALs come before any descriptor is looked at,
	 * so dup3(fd, fd, 0) is EINVAL even when fd is not open. */
	if (flags & ~O_CLOEXEC)
		return -EINVAL;
	if (oldfd == newfd)
		return -EINVAL;
	if (!f || newfd < 0 || newfd >= FD_MAX)
		return -EBADF;		/* newfd is left untouched */
	fd = fd_install_at(&current->fds, file_get(f), newfd, flags & O_CLOEXEC);
	if (fd < 0)
		file_put(f);	/* the table could not grow: drop our reference */
	return fd;
}

long sys_dup2(int oldfd, int newfd)
{
	if (oldfd == newfd)	/* nothing to do, but oldfd must be open */
		return fd_get(&current->fds, oldfd) ? newfd : -EBADF;
	return sys_dup3(oldfd, newfd, 0);
}

static long fcntl_setfl(struct file *f, uint32_t arg)
{
	const uint32_t changeable = O_NONBLOCK | O_APPEND;

	f->flags = (f->flags & ~changeable) | (arg & changeable);
	return 0;
}

long sys_fcntl(int fd, int cmd, uint32_t arg)
{
	struct file *f = fd_get(&current->fds, fd);

	if (!f)
		return -EBADF;
	switch (cmd) {
	case F_DUPFD:
		return dup_from(fd, (int)arg, false);
	case F_DUPFD_CLOEXEC:
		return dup_from(fd, (int)arg, true);
	case F_GETFD:
		return fd_get_cloexec(&current->fds, fd) ? FD_CLOEXEC : 0;
	case F_SETFD:
		fd_set_cloexec(&current->fds, fd, arg & FD_CLOEXEC);
		return 0;
	case F_GETFL:
		return f->flags;
	case F_SETFL:
		return fcntl_setfl(f, arg);
	case F_GETPIPE_SZ:
		return pipe_of(f) ? (long)pipe_capacity(pipe_of(f)) : -EBADF;
	case F_SETPIPE_SZ:	/* fixed capacity: see the lab in docs/ */
		return pipe_of(f) ? -EINVAL : -EBADF;
	}
	return -EINVAL;
}
