/*
 * sys/uio.h - scatter/gather I/O: readv() and writev() move data between
 * a file and several buffers in one call, as if the buffers were one.
 */
#ifndef _SYS_UIO_H
#define _SYS_UIO_H

#include <sys/types.h>

struct iovec {
	void *iov_base;		/* start of one buffer */
	size_t iov_len;		/* its size in bytes */
};

#define UIO_MAXIOV 1024		/* most entries in one call (IOV_MAX) */

ssize_t readv(int fd, const struct iovec *iov, int count);
ssize_t writev(int fd, const struct iovec *iov, int count);

#endif
