/*
 * fd.c - per-process descriptor tables.
 *
 * A descriptor is an index into the process's table of `struct file`
 * pointers; the table also keeps the one per-descriptor flag, FD_CLOEXEC.
 * Each occupied slot holds one reference to its file (file.c), so:
 *   - installing a file in a slot consumes one reference,
 *   - fork (fd_copy) takes one more reference per occupied slot,
 *   - closing a slot drops its reference.
 * New descriptors take the lowest free slot >= min_fd, as POSIX requires.
 * Errors: EBADF for a bad descriptor, EMFILE when the table is full.
 */
#include "fd.h"
#include "errno.h"
#include "file.h"

static bool fd_valid(int fd)
{
	return fd >= 0 && fd < FD_MAX;
}

bool fd_get_cloexec(const struct fd_table *t, int fd)
{
	return t->cloexec[fd / 32] & (1u << (fd % 32));
}

void fd_set_cloexec(struct fd_table *t, int fd, bool on)
{
	if (on)
		t->cloexec[fd / 32] |= 1u << (fd % 32);
	else
		t->cloexec[fd / 32] &= ~(1u << (fd % 32));
}

/* Put f (one reference, now owned by the table) in the lowest free slot. */
int fd_install(struct fd_table *t, struct file *f, int min_fd, bool cloexec)
{
	for (int fd = min_fd < 0 ? 0 : min_fd; fd < FD_MAX; fd++) {
		if (!t->file[fd]) {
			t->file[fd] = f;
			fd_set_cloexec(t, fd, cloexec);
			return fd;
		}
	}
	return -EMFILE;
}

/* Put f in slot fd exactly, closing what was there (dup2). */
int fd_install_at(struct fd_table *t, struct file *f, int fd, bool cloexec)
{
	if (!fd_valid(fd))
		return -EBADF;
	if (t->file[fd])
		fd_close(t, fd);
	t->file[fd] = f;
	fd_set_cloexec(t, fd, cloexec);
	return fd;
}

/* The file behind fd, or NULL; the table keeps its reference. */
struct file *fd_get(struct fd_table *t, int fd)
{
	return fd_valid(fd) ? t->file[fd] : NULL;
}

int fd_close(struct fd_table *t, int fd)
{
	struct file *f = fd_get(t, fd);

	if (!f)
		return -EBADF;
	t->file[fd] = NULL;	/* free the slot first: release may sleep */
	fd_set_cloexec(t, fd, false);
	file_put(f);
	return 0;
}

void fd_close_all(struct fd_table *t)
{
	for (int fd = 0; fd < FD_MAX; fd++)
		if (t->file[fd])
			fd_close(t, fd);
}

void fd_close_on_exec(struct fd_table *t)
{
	for (int fd = 0; fd < FD_MAX; fd++)
		if (t->file[fd] && fd_get_cloexec(t, fd))
			fd_close(t, fd);
}

/* fork: the child's table refers to the same open files. */
void fd_copy(struct fd_table *dst, const struct fd_table *src)
{
	for (int fd = 0; fd < FD_MAX; fd++)
		dst->file[fd] = src->file[fd] ? file_get(src->file[fd]) : NULL;
	for (int i = 0; i < FD_MAX / 32; i++)
		dst->cloexec[i] = src->cloexec[i];
}
