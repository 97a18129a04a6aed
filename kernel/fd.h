/*
 * fd.h - per-process descriptor tables (fd.c).
 */
#ifndef KERNEL_FD_H
#define KERNEL_FD_H

#include "types.h"

#define FD_MAX 256		/* descriptors per process: 0 .. FD_MAX-1 */

struct file;

/* Owned by one process; only that process (or its exit) changes it. */
struct fd_table {
	struct file *file[FD_MAX];		/* NULL means the slot is free */
	uint32_t cloexec[FD_MAX / 32];		/* FD_CLOEXEC, one bit per fd */
};

int fd_install(struct fd_table *t, struct file *f, int min_fd, bool cloexec);
int fd_install_at(struct fd_table *t, struct file *f, int fd, bool cloexec);
struct file *fd_get(struct fd_table *t, int fd);
int fd_close(struct fd_table *t, int fd);
void fd_close_all(struct fd_table *t);
void fd_close_on_exec(struct fd_table *t);
void fd_copy(struct fd_table *dst, const struct fd_table *src);
bool fd_get_cloexec(const struct fd_table *t, int fd);
void fd_set_cloexec(struct fd_table *t, int fd, bool on);

#endif
