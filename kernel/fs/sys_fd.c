/*
 * sys_fd.c - the system calls on descriptors (sys_fs.c has those on names).
 *
 * read, write, readv, writev, lseek, ioctl, getdents64 and fstat look the
 * descriptor up (fd.h), check what the file was opened for, and call the
 * file's own operation (struct file_ops in file.h): pipe_write for a
 * pipe's write end, tty_write for the console, and so on.  close, dup,
 * dup2, dup3 and fcntl never touch the files themselves, only which slots
 * of the descriptor table point at them (fd.c) and the files' shared
 * status flags.
 *
 * readv and writev copy the iovec array in once (struct iov_table,
 * file.h) and hand it to file_iov_transfer (file.c): one read or write
 * per buffer, in order.  A kind of file whose writes must stay whole
 * offers a writev operation that takes the whole list: a pipe, where a
 * writev of at most PIPE_BUF bytes is as atomic as a write.
 *
 * The two kinds of flags: FD_CLOEXEC belongs to one descriptor (F_GETFD /
 * F_SETFD); O_NONBLOCK and O_APPEND (and a pipe's O_DIRECT, packet mode)
 * belong to the open file and so are shared by every descriptor and
 * process using it (F_GETFL / F_SETFL).  F_GETPIPE_SZ / F_SETPIPE_SZ ask
 * pipe.c for a pipe's capacity; on anything else they are EBADF.
 *
 * Errors, as POSIX and Linux give them: EBADF for a descriptor that is not
 * open, or not open for reading/writing; EINVAL for an operation the file
 * does not support (read/write), for bad flags or commands and for
 * dup3(fd, fd) (before EBADF, as Linux checks it); ESPIPE for
 * lseek on a pipe or terminal, ENOTTY for an ioctl the file does not
 * know, ENOTDIR for getdents on a non-directory; EMFILE when no slot below
 * RLIMIT_NOFILE is free (fd.c), and for a target at or above that limit
 * EBADF from dup2/dup3 and EINVAL from F_DUPFD.  readv/writev: EINVAL for
 * a count below 0 or above IOV_MAX or a total above SSIZE_MAX (POSIX;
 * Linux cuts such a total short instead), EFAULT for an iovec array or a
 * buffer outside user space.
 */
#include "lib/errno.h"
#include "lib/lib.h"
#include "fs/fs.h"
#include "fs/fd.h"
#include "fs/file.h"
#include "mm/kmalloc.h"
#include "pipe/pipe.h"
#include "proc/proc.h"
#include "proc/rlimit.h"
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
#define SSIZE_MAX 0x7FFFFFFFu

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

static void iov_free(struct iov_table *v)
{
	for (uint32_t i = 0; i < ARRAY_SIZE(v->page); i++)
		if (v->page[i])
			kfree(v->page[i]);
}

/* Copy count iovecs in from uiov, a page's worth at a time. */
static int iov_copy_in(struct iov_table *v, uaddr_t uiov)
{
	for (uint32_t i = 0; i < v->count; i += IOV_PER_PAGE) {
		uint32_t n = min_u32(v->count - i, IOV_PER_PAGE);
		struct kiovec *page = kmalloc(n * sizeof(*page));

		v->page[i / IOV_PER_PAGE] = page;
		if (!page)
			return -ENOMEM;
		if (copy_from_user(page, uiov + i * sizeof(*page), n * sizeof(*page)))
			return -EFAULT;
	}
	return 0;
}

/*
 * The iovec array of readv/writev, copied in and checked in Linux's
 * order: the count, the array, the lengths, then that every buffer lies
 * in user space.  (Whether it is mapped shows only when it is used.)
 * The caller frees v whatever the result.
 */
static int iov_fetch(struct iov_table *v, uaddr_t uiov, int count)
{
	int err;

	memset(v, 0, sizeof(*v));
	if (count < 0 || count > IOV_MAX)
		return -EINVAL;
	v->count = count;
	err = iov_copy_in(v, uiov);
	for (uint32_t i = 0; !err && i < v->count; i++) {
		if (iov_at(v, i)->len > SSIZE_MAX - v->total)
			return -EINVAL;
		v->total += iov_at(v, i)->len;
	}
	for (uint32_t i = 0; !err && i < v->count; i++)
		if (!user_range_ok(iov_at(v, i)->base, iov_at(v, i)->len))
			return -EFAULT;
	return err;
}

long sys_readv(int fd, uaddr_t uiov, int count)
{
	struct file *f = fd_get(&current->fds, fd);
	struct iov_table v;
	long ret;

	if (!f || !file_open_for_read(f))
		return -EBADF;
	if (!f->ops->read)
		return -EINVAL;
	ret = iov_fetch(&v, uiov, count);
	if (!ret && v.total)
		ret = file_iov_transfer(f, &v, true);
	iov_free(&v);
	return ret;
}

long sys_writev(int fd, uaddr_t uiov, int count)
{
	struct file *f = fd_get(&current->fds, fd);
	struct iov_table v;
	long ret;

	if (!f || !file_open_for_write(f))
		return -EBADF;
	if (!f->ops->write)
		return -EINVAL;
	ret = iov_fetch(&v, uiov, count);
	if (!ret && v.total)	/* (nothing to write: 0, even on a broken pipe) */
		ret = f->ops->writev ? f->ops->writev(f, &v)
				     : file_iov_transfer(f, &v, false);
	iov_free(&v);
	return ret;
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
	if (f->inode) {
		fs_lock();
		fs_fill_stat(f->inode, &st);
		fs_unlock();
	}
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
	if (min_fd < 0 || (uint32_t)min_fd >= rlimit_nofile())
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
		return -EINVAL;		/* Linux's order: even if oldfd is not open */
	if (!f || newfd < 0 || (uint32_t)newfd >= rlimit_nofile())
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

/* O_DIRECT only on a pipe (packet mode); elsewhere it is ignored. */
static long fcntl_setfl(struct file *f, uint32_t arg)
{
	const uint32_t changeable = O_NONBLOCK | O_APPEND |
				    (pipe_of(f) ? O_DIRECT : 0);

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
	case F_SETPIPE_SZ:
		return pipe_of(f) ? pipe_set_size(pipe_of(f), arg) : -EBADF;
	}
	return -EINVAL;
}
