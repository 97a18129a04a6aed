/*
 * syscall.c - errno, and turning kernel results into C results.
 *
 * The kernel returns -errno on failure.  C functions instead return -1
 * and leave the reason in the global errno; __syscall_ret() does that
 * translation for every wrapper in the library.
 */
#include <errno.h>
#include <stdarg.h>
#include <unistd.h>
#include "syscall_internal.h"

int errno;

long __syscall_ret(long result)
{
	if (result < 0 && result >= -4095) {
		errno = (int)-result;
		return -1;
	}
	return result;
}

/* long syscall(long number, ...): make any system call, up to 6 args. */
long syscall(long number, ...)
{
	va_list ap;
	long a[6];

	va_start(ap, number);
	for (int i = 0; i < 6; i++)
		a[i] = va_arg(ap, long);
	va_end(ap);
	return __syscall_ret(__syscall6(number, a[0], a[1], a[2], a[3], a[4], a[5]));
}
