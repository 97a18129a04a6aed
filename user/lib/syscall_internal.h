/*
 * syscall_internal.h - how library code makes system calls (private to
 * user/lib, not installed for programs).
 *
 * __syscall6() in syscall_entry.S does the real work; the shorter forms pass
 * zeros for the unused arguments.  They return what the kernel returned:
 * a value in [-4095, -1] is -errno.  __syscall_ret() turns that into the
 * C convention: set errno and return -1.
 */
#ifndef SYSCALL_INTERNAL_H
#define SYSCALL_INTERNAL_H

#include <sys/syscall.h>

long __syscall6(long nr, long a1, long a2, long a3, long a4, long a5,
		long a6);
long __syscall_ret(long result);

static inline long __syscall0(long nr)
{
	return __syscall6(nr, 0, 0, 0, 0, 0, 0);
}

static inline long __syscall1(long nr, long a1)
{
	return __syscall6(nr, a1, 0, 0, 0, 0, 0);
}

static inline long __syscall2(long nr, long a1, long a2)
{
	return __syscall6(nr, a1, a2, 0, 0, 0, 0);
}

static inline long __syscall3(long nr, long a1, long a2, long a3)
{
	return __syscall6(nr, a1, a2, a3, 0, 0, 0);
}

static inline long __syscall4(long nr, long a1, long a2, long a3, long a4)
{
	return __syscall6(nr, a1, a2, a3, a4, 0, 0);
}

static inline long __syscall5(long nr, long a1, long a2, long a3, long a4,
			      long a5)
{
	return __syscall6(nr, a1, a2, a3, a4, a5, 0);
}

#endif
