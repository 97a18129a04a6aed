/*
 * fd.c - per-process descriptor tables.
 *
 * A descriptor is an index into the process's table of `struct file`
 * pointers; the table also keeps the one per-descriptor flag, FD_CLOEXEC.
 * Each occupied slot holds one reference to its file (file.c), so:
 *   - installing a file in a slot consumes one reference,
 *   - fork (fd_copy) takes one more reference per occupied slot,
 *   - closing a slot drops its reference.
 * New descriptors take the lowest free slot >= min_fd, as POSIX requires,
 * and below the caller's RLIMIT_NOFILE soft limit (rlimit.c), which is at
 * most FD_MAX.  Lowering the limit closes nothing: descriptors already
 * above it stay open.  The table grows from FD_SMALL to FD_MAX slots when
 * first needed (fd.h).  Errors: EBADF for a bad descriptor, EMFILE when no
 * slot below the limit is free, ENOMEM if the table cannot grow.
 */
#include "fs/fd.h"
#include "lib/errno.h"
#include "fs/file.h"
#include "mm/kmalloc.h"
#include "lib/lib.h"
#include "proc/rlimit.h"

void fd_init(struct fd_table *t)
{
	t->file = t->small_file;
	t->cloexec = t->small_cloexec;
	t->size = FD_SMALL;
}

/* Move to the big table: FD_MAX slots and their bits in one allocation. */
static int fd_grow(struct fd_table *t)
{
	struct file **big;

	if (t->size == FD_MAX)
		return 0;
	big = kzalloc(FD_MAX * sizeof(*big) + FD_MAX / 8);
	if (!big)
		return -ENOMEM;
	memcpy(big, t->file, t->size * sizeof(*big));
	t->file = big;
	t->cloexec = (uint32_t *)(big + FD_MAX);
	t->cloexec[0] = t->small_cloexec[0];
	t->size = FD_MAX;
	return 0;
}

static void fd_free_table(struct fd_table *t)
{
	if (t->file != t->small_file)
		kfree(t->file);
	fd_init(t);
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

/*
 * Put f (one reference, now owned by the table) in the lowest free slot
 * the caller's RLIMIT_NOFILE allows.
 */
int fd_install(struct fd_table *t, struct file *f, int min_fd, bool cloexec)
{
	int end = rlimit_nofile();

	for (int fd = min_fd < 0 ? 0 : min_fd; fd < end; fd++) {
		if ((uint32_t)fd >= t->size && fd_grow(t))
			return -ENOMEM;
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
	if (fd < 0 || fd >= FD_MAX)
		return -EBADF;
	if ((uint32_t)fd >= t->size && fd_grow(t))
		return -ENOMEM;
	if (t->file[fd])
		fd_close(t, fd);
	t->file[fd] = f;
	fd_set_cloexec(t, fd, cloexec);
	return fd;
}

/* The file behind fd, or NULL; the table keeps its reference. */
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
	for (uint32_t fd = 0; fd < t->size; fd++)
		if (t->file[fd])
			fd_close(t, fd);
	fd_free_table(t);
}

void fd_close_on_exec(struct fd_table *t)
{
	for (uint32_t fd = 0; fd < t->size; fd++)
		if (t->file[fd] && fd_get_cloexec(t, fd))
			fd_close(t, fd);
}

/* fork: the child's table refers to the same open files. */
int fd_copy(struct fd_table *dst, const struct fd_table *src)
{
	fd_init(dst);
	if (src->size > dst->size && fd_grow(dst))
		return -ENOMEM;
	for (uint32_t fd = 0; fd < src->size; fd++)
		dst->file[fd] = src->file[fd] ? file_get(src->file[fd]) : NULL;
	for (uint32_t i = 0; i < src->size / 32; i++)
		dst->cloexec[i] = src->cloexec[i];
	return 0;
}
