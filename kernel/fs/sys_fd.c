/*
 * sys_fd.c - the system calls that shuffle descriptors: dup, dup2, dup3
 * and fcntl.  They never touch the files themselves, only which slots of
 * the descriptor table point at them (fd.c) and the files' shared status
 * flags.
 *
 * The two kinds of flags: FD_CLOEXEC belongs to one descriptor (F_GETFD /
 * F_SETFD); O_NONBLOCK and O_APPEND belong to the open file and so are
 * shared by every descriptor and process using it (F_GETFL / F_SETFL).
 * Errors: EBADF for a closed or out-of-range descriptor, EMFILE when no
 * slot is free, EINVAL for bad flags or commands.
 */
#include "lib/errno.h"
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

	if (flags & ~O_CLOEXEC)
		return -EINVAL;
	if (!f || newfd < 0 || newfd >= FD_MAX)
		return -EBADF;		/* newfd is left untouched */
	if (oldfd == newfd)
		return -EINVAL;
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
