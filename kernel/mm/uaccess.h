/*
 * uaccess.h - the one path by which the kernel touches user memory.
 */
#ifndef KERNEL_UACCESS_H
#define KERNEL_UACCESS_H

#include "lib/types.h"

/*
 * A user-space address.  It is an integer, not a pointer, on purpose: the
 * kernel must never dereference it directly, only pass it to the functions
 * below, which check it.
 */
typedef uint32_t uaddr_t;

int copy_from_user(void *dst, uaddr_t src, size_t n);
int copy_to_user(uaddr_t dst, const void *src, size_t n);
int clear_user(uaddr_t dst, size_t n);
int strncpy_from_user(char *dst, uaddr_t src, size_t max);
bool user_range_ok(uaddr_t addr, size_t n);

#endif
