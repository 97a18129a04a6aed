/*
 * mman.c - memory mappings: mmap, munmap, mprotect.
 *
 * mmap goes through mmap2 (192), as glibc does on i386: mmap2 takes the
 * file offset in 4096-byte pages, so a 32-bit offset argument can reach
 * far into a large file.  An offset that is not a whole number of pages
 * fails with EINVAL, as Linux's mmap does.  (The Conduit kernel has none
 * of these calls yet: they fail with ENOSYS.)
 */
#include <errno.h>
#include <sys/mman.h>
#include "syscall_internal.h"

#define MMAP_PAGE 4096

void *mmap(void *addr, size_t length, int prot, int flags, int fd,
	   off_t offset)
{
	long pages = (long)((unsigned long)offset / MMAP_PAGE);

	if (offset % MMAP_PAGE != 0) {
		errno = EINVAL;
		return MAP_FAILED;
	}
	/* failure is -1, which is MAP_FAILED */
	return (void *)__syscall_ret(__syscall6(SYS_mmap2, (long)addr,
						(long)length, prot, flags, fd,
						pages));
}

int munmap(void *addr, size_t length)
{
	return __syscall_ret(__syscall2(SYS_munmap, (long)addr, (long)length));
}

int mprotect(void *addr, size_t length, int prot)
{
	return __syscall_ret(__syscall3(SYS_mprotect, (long)addr, (long)length,
					prot));
}
