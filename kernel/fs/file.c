/*
 * file.c - open-file objects: allocation, reference counting, and the
 * generic system calls that work on any file through its operations
 * (read, write, lseek, ioctl, close, fstat, getdents).
 *
 * A file's refs counts the descriptor slots (in all processes) that point
 * to it.  file_put() drops one; the last one calls ops->release, which is
 * where a pipe end learns that it is closed.
 * nr_files counts the files in the system; FILE_MAX bounds it (ENFILE).
 *
 * Errors, as POSIX and Linux give them: EBADF for a descriptor that is not
 * open, or not open for reading/writing; EINVAL for an operation the file
 * does not support (read/write), ESPIPE for lseek on a pipe or terminal,
 * ENOTTY for an ioctl it does not know, ENOTDIR for getdents on a
 * non-directory.
 */
#include "fs/file.h"
#include "lib/errno.h"
#include "fs/fd.h"
#include "fs/fs.h"
#include "mm/kmalloc.h"
#include "lib/panic.h"
#include "lib/lib.h"
#include "proc/proc.h"

uint32_t nr_files;

/* A new file with one reference, or NULL (ENFILE / ENOMEM). */
struct file *file_alloc(const struct file_ops *ops, uint32_t flags)
{
	struct file *f;

	if (nr_files >= FILE_MAX)
		return NULL;
	f = kzalloc(sizeof(*f));
	if (!f)
		return NULL;
	f->ops = ops;
	f->refs = 1;
	f->flags = flags;
	nr_files++;
	return f;
}

/* Why file_alloc just failed: the system table is full, or memory is. */
int file_alloc_error(void)
{
	return nr_files >= FILE_MAX ? -ENFILE : -ENOMEM;
}

struct file *file_get(struct file *f)
{
	f->refs++;
	return f;
}

void file_put(struct file *f)
{
	assert(f->refs > 0);
	if (--f->refs > 0)
		return;
	if (f->ops->release)
		f->ops->release(f);
	if (f->inode)
		inode_put(f->inode);
	kfree(f);
	nr_files--;
}

bool file_readable(const struct file *f)
{
	return (f->flags & O_ACCMODE) != O_WRONLY;
}

bool file_writable(const struct file *f)
{
	return (f->flags & O_ACCMODE) != O_RDONLY;
}

long sys_read(int fd, uaddr_t buf, size_t n)
{
	struct file *f = fd_get(&current->fds, fd);

	if (!f || !file_readable(f))
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

	if (!f || !file_writable(f))
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
