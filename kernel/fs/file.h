/*
 * file.h - open-file objects and the file-operations table (file.c).
 *
 * A `struct file` is what open(), pipe() and friends create: one open of
 * something, with its own position and status flags.  Descriptors point at
 * files; dup() and fork() share one file between several descriptors, so a
 * file is reference counted and released when the last descriptor goes.
 *
 * Every kind of file (console, regular file, directory, pipe end) supplies a
 * `struct file_ops`.  Missing operations mean "not supported", and the
 * generic code in file.c picks the POSIX error for them.
 */
#ifndef KERNEL_FILE_H
#define KERNEL_FILE_H

#include "lib/types.h"
#include "mm/uaccess.h"

struct file;
struct inode;
struct kstat;
struct poll_table;
struct iov_table;

struct file_ops {
	ssize_t (*read)(struct file *f, uaddr_t buf, size_t n);
	ssize_t (*write)(struct file *f, uaddr_t buf, size_t n);
	/* writev as one write (pipes: PIPE_BUF atomicity); optional */
	ssize_t (*writev)(struct file *f, const struct iov_table *v);
	off_t (*lseek)(struct file *f, off_t off, int whence);
	int (*ioctl)(struct file *f, uint32_t cmd, uaddr_t arg);
	int (*getdents)(struct file *f, uaddr_t buf, size_t n);
	void (*stat)(struct file *f, struct kstat *st);	/* after inode's */
	uint32_t (*poll)(struct file *f, struct poll_table *pt);
	void (*release)(struct file *f);	/* the last reference is gone */
};

/* Access mode and status flags, Linux values. */
#define O_ACCMODE 3
#define O_RDONLY 0
#define O_WRONLY 1
#define O_RDWR 2
#define O_CREAT 0100
#define O_EXCL 0200
#define O_NOCTTY 0400
#define O_TRUNC 01000
#define O_APPEND 02000
#define O_NONBLOCK 04000
#define O_DIRECT 040000		/* on a pipe's write end: packet mode */
#define O_DIRECTORY 0200000
#define O_CLOEXEC 02000000

#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2

#define FILE_MAX 4096		/* open files in the whole system (ENFILE) */

struct file {
	const struct file_ops *ops;
	uint32_t refs;		/* descriptors (and in-kernel users) holding it */
	uint32_t flags;		/* O_ACCMODE bits and O_NONBLOCK / O_APPEND /
				   O_DIRECT (pipes) */
	off_t pos;		/* read/write position, for seekable files */
	struct inode *inode;	/* what was opened; NULL for pipes */
	void *priv;		/* per-kind data, e.g. the pipe */
	uint32_t version;	/* per-kind: a pipe's read end keeps the count of
				   write opens it has seen (poll's POLLHUP rule) */
};

/*
 * The buffers of one readv/writev (sys_fd.c): Linux's struct iovec, as
 * user space passed them, checked and copied in once.  Up to IOV_MAX of
 * them, IOV_PER_PAGE to a page.
 */
struct kiovec {
	uaddr_t base;
	uint32_t len;
};

#define IOV_MAX 1024
#define IOV_PER_PAGE (PAGE_SIZE / sizeof(struct kiovec))

struct iov_table {
	struct kiovec *page[IOV_MAX / IOV_PER_PAGE];
	uint32_t count;
	uint32_t total;		/* bytes in all, at most SSIZE_MAX */
};

static inline const struct kiovec *iov_at(const struct iov_table *v, uint32_t i)
{
	return &v->page[i / IOV_PER_PAGE][i % IOV_PER_PAGE];
}

extern uint32_t nr_files;

struct file *file_alloc(const struct file_ops *ops, uint32_t flags);
int file_alloc_error(void);
struct file *file_get(struct file *f);
void file_put(struct file *f);
bool file_open_for_read(const struct file *f);
bool file_open_for_write(const struct file *f);
ssize_t file_iov_transfer(struct file *f, const struct iov_table *v, bool reading);

#endif
