/*
 * sys/mman.h - mapping memory: mmap(), munmap() and mprotect(), with
 * Linux i386's flag values.
 *
 * The Conduit kernel does not have these calls yet, so for now they fail
 * with ENOSYS; the declarations let programs that use them compile.
 */
#ifndef _SYS_MMAN_H
#define _SYS_MMAN_H

#include <sys/types.h>

/* prot: what the pages allow */
#define PROT_NONE 0x0
#define PROT_READ 0x1
#define PROT_WRITE 0x2
#define PROT_EXEC 0x4

/* flags: exactly one of MAP_SHARED, MAP_PRIVATE, plus any of the rest */
#define MAP_SHARED 0x01		/* changes are seen by other mappers */
#define MAP_PRIVATE 0x02	/* changes are private (copy on write) */
#define MAP_FIXED 0x10		/* exactly at addr, replacing what is there */
#define MAP_ANONYMOUS 0x20	/* zero-filled memory, no file */
#define MAP_ANON MAP_ANONYMOUS
#define MAP_GROWSDOWN 0x0100
#define MAP_DENYWRITE 0x0800
#define MAP_EXECUTABLE 0x1000
#define MAP_LOCKED 0x2000
#define MAP_NORESERVE 0x4000
#define MAP_POPULATE 0x8000
#define MAP_NONBLOCK 0x10000
#define MAP_STACK 0x20000

#define MAP_FAILED ((void *)-1)

void *mmap(void *addr, size_t length, int prot, int flags, int fd,
	   off_t offset);
int munmap(void *addr, size_t length);
int mprotect(void *addr, size_t length, int prot);

#endif
