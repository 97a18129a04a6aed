/*
 * fd.h - per-process descriptor tables (fd.c).
 */
#ifndef KERNEL_FD_H
#define KERNEL_FD_H

#include "lib/types.h"

#define FD_MAX 256		/* descriptors per process: 0 .. FD_MAX-1 */
#define FD_SMALL 32		/* slots kept inside struct proc */

struct file;

/*
 * Owned by one process; only that process (or its exit) changes it.
 * Most processes use a handful of descriptors, so the table starts with
 * FD_SMALL slots inside the process itself and moves to a kmalloc'ed
 * table of FD_MAX slots the first time a higher one is needed.
 */
struct fd_table {
	struct file **file;		/* slots; NULL means free */
	uint32_t *cloexec;		/* FD_CLOEXEC, one bit per slot */
	uint32_t size;			/* FD_SMALL or FD_MAX */
	struct file *small_file[FD_SMALL];
	uint32_t small_cloexec[FD_SMALL / 32];
};

void fd_init(struct fd_table *t);
int fd_install(struct fd_table *t, struct file *f, int min_fd, bool cloexec);
int fd_install_at(struct fd_table *t, struct file *f, int fd, bool cloexec);
int fd_close(struct fd_table *t, int fd);
void fd_close_all(struct fd_table *t);
void fd_close_on_exec(struct fd_table *t);
int fd_copy(struct fd_table *dst, const struct fd_table *src);
bool fd_get_cloexec(const struct fd_table *t, int fd);
void fd_set_cloexec(struct fd_table *t, int fd, bool on);

static inline bool fd_valid(const struct fd_table *t, int fd)
{
	return fd >= 0 && (uint32_t)fd < t->size;
}

/* The file open on fd, or NULL if fd is not open (EBADF for the caller). */
static inline struct file *fd_get(struct fd_table *t, int fd)
{
	return fd_valid(t, fd) ? t->file[fd] : NULL;
}

#endif
