/*
 * file.c - open-file objects: allocation and reference counting.  The
 * system calls that use files through their operations (read, write,
 * lseek, ...) are in sys_fd.c.
 *
 * A file's refs counts the descriptor slots (in all processes) that point
 * to it.  file_put() drops one; the last one calls ops->release, which is
 * where a pipe end learns that it is closed.
 * nr_files counts the files in the system; FILE_MAX bounds it (ENFILE).
 * Both counts change with atomic read-modify-writes and no lock: files are
 * shared by processes on different CPUs (fork, and a descriptor passed on
 * by inheritance), and exactly one file_put sees its count reach zero, so
 * release runs once.  file_alloc reserves its place in nr_files before it
 * allocates, so two CPUs cannot both take the last one.
 *
 * file_open_for_read/_write say what the file was opened for (its access
 * mode): a permission, checked once per call.  They are not blocking
 * conditions; those belong to each kind of file (pipe_readable, ...).
 *
 * file_iov_transfer is readv/writev on any file: one read or write per
 * buffer, in order.  A short transfer ends the call, as Linux's loop for
 * files without vector operations does, and transferred bytes win over an
 * error that comes after them; readv also stops before a buffer the file
 * would make it wait for (its poll says no POLLIN), since a read that got
 * something returns it rather than sleep for more.
 */
#include "fs/file.h"
#include "lib/errno.h"
#include "fs/fd.h"
#include "fs/fs.h"
#include "mm/kmalloc.h"
#include "lib/panic.h"
#include "lib/lib.h"
#include "fs/poll.h"
#include "proc/proc.h"

uint32_t nr_files;

/* A new file with one reference, or NULL (ENFILE / ENOMEM). */
struct file *file_alloc(const struct file_ops *ops, uint32_t flags)
{
	struct file *f;

	if (__atomic_add_fetch(&nr_files, 1, __ATOMIC_RELAXED) > FILE_MAX) {
		__atomic_sub_fetch(&nr_files, 1, __ATOMIC_RELAXED);
		return NULL;
	}
	f = kzalloc(sizeof(*f));
	if (!f) {
		__atomic_sub_fetch(&nr_files, 1, __ATOMIC_RELAXED);
		return NULL;
	}
	f->ops = ops;
	f->refs = 1;
	f->flags = flags;
	return f;
}

/* Why file_alloc just failed: the system table is full, or memory is. */
int file_alloc_error(void)
{
	/* Lock-free read: a race only picks which of two true errors to give. */
	return __atomic_load_n(&nr_files, __ATOMIC_RELAXED) >= FILE_MAX ?
	       -ENFILE : -ENOMEM;
}

struct file *file_get(struct file *f)
{
	__atomic_add_fetch(&f->refs, 1, __ATOMIC_RELAXED);	/* we hold one */
	return f;
}

void file_put(struct file *f)
{
	uint32_t left = __atomic_sub_fetch(&f->refs, 1, __ATOMIC_ACQ_REL);

	assert(left != (uint32_t)-1);	/* a put without a reference */
	if (left > 0)
		return;
	if (f->ops->release)
		f->ops->release(f);
	if (f->inode)
		inode_put(f->inode);
	kfree(f);
	__atomic_sub_fetch(&nr_files, 1, __ATOMIC_RELAXED);
}

bool file_open_for_read(const struct file *f)
{
	return (f->flags & O_ACCMODE) != O_WRONLY;
}

bool file_open_for_write(const struct file *f)
{
	return (f->flags & O_ACCMODE) != O_RDONLY;
}

/* Would a read of f wait now?  Files without poll never make one wait. */
static bool read_would_wait(struct file *f)
{
	return f->ops->poll && !(f->ops->poll(f, NULL) & POLLIN);
}

/* readv/writev's buffers, one read or write each (see the header). */
ssize_t file_iov_transfer(struct file *f, const struct iov_table *v, bool reading)
{
	uint32_t done = 0;

	for (uint32_t i = 0; i < v->count; i++) {
		const struct kiovec *s = iov_at(v, i);
		ssize_t n;

		if (s->len == 0)
			continue;
		if (reading && done && read_would_wait(f))
			break;
		n = reading ? f->ops->read(f, s->base, s->len)
			    : f->ops->write(f, s->base, s->len);
		if (n < 0)
			return done ? (ssize_t)done : n;
		done += n;
		if ((uint32_t)n < s->len)
			break;		/* short: the call ends here */
	}
	return done;
}
