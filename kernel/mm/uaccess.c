/*
 * uaccess.c - copying between kernel buffers and the current process's
 * memory.  Every system call that takes a user pointer uses these, so a
 * bad pointer is caught in one place and becomes EFAULT.
 *
 * Each user value is fetched once into a kernel buffer and used from
 * there: a racing process cannot change an argument after it was checked.
 * The work is done by vm_copy_to/vm_copy_from (vm.c), which check every
 * page against the page tables.
 */
#include "mm/uaccess.h"
#include "lib/errno.h"
#include "lib/lib.h"
#include "mm/memlayout.h"
#include "proc/proc.h"
#include "mm/vm.h"

/* A range entirely inside user space, without wrapping around. */
bool user_range_ok(uaddr_t addr, size_t n)
{
	if (n == 0)
		return true;	/* an empty range touches nothing */
	return addr >= USER_LOW && addr <= USER_TOP && n <= USER_TOP - addr;
}

int copy_from_user(void *dst, uaddr_t src, size_t n)
{
	if (!user_range_ok(src, n))
		return -EFAULT;
	return vm_copy_from(current->mm, dst, src, n);
}

int copy_to_user(uaddr_t dst, const void *src, size_t n)
{
	if (!user_range_ok(dst, n))
		return -EFAULT;
	return vm_copy_to(current->mm, dst, src, n);
}

int clear_user(uaddr_t dst, size_t n)
{
	static const char zeros[256];

	while (n > 0) {
		size_t chunk = min_u32(n, sizeof(zeros));
		int err = copy_to_user(dst, zeros, chunk);
		if (err)
			return err;
		dst += chunk, n -= chunk;
	}
	return 0;
}

/*
 * Copy a NUL-terminated string of at most max-1 characters.  Returns its
 * length, -EFAULT, or -ENAMETOOLONG if no NUL came within max bytes.
 */
int strncpy_from_user(char *dst, uaddr_t src, size_t max)
{
	for (size_t i = 0; i < max; i++) {
		const char *p = src + i < USER_TOP ?
				vm_user_page(current->mm, src + i, false) : NULL;
		if (!p)
			return -EFAULT;
		dst[i] = *p;
		if (!*p)
			return i;
	}
	return -ENAMETOOLONG;
}
