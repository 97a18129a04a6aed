/*
 * fcntl.c - open(), creat(), fcntl() and ioctl().
 *
 * open, fcntl and ioctl take an optional third argument; we fetch it with
 * va_arg only when the flags or command say it is there.
 */
#include <fcntl.h>
#include <stdarg.h>
#include <sys/ioctl.h>
#include "syscall_internal.h"

int open(const char *path, int flags, ...)
{
	mode_t mode = 0;

	if (flags & O_CREAT) {
		va_list ap;
		va_start(ap, flags);
		mode = va_arg(ap, mode_t);
		va_end(ap);
	}
	return __syscall_ret(__syscall3(SYS_open, (long)path, flags, mode));
}

int creat(const char *path, mode_t mode)
{
	return open(path, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

/* Every fcntl command we know takes either nothing or one int/pointer. */
int fcntl(int fd, int cmd, ...)
{
	va_list ap;
	long arg;

	va_start(ap, cmd);
	arg = va_arg(ap, long);
	va_end(ap);
	return __syscall_ret(__syscall3(SYS_fcntl, fd, cmd, arg));
}

int ioctl(int fd, unsigned long request, ...)
{
	va_list ap;
	void *arg;

	va_start(ap, request);
	arg = va_arg(ap, void *);
	va_end(ap);
	return __syscall_ret(__syscall3(SYS_ioctl, fd, (long)request, (long)arg));
}
