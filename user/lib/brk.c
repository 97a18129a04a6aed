/*
 * brk.c - moving the end of the data segment (the "program break").
 *
 * The brk system call is Linux's: it takes the wanted break and returns
 * the new break, which is the old one if the request failed.  brk(0)
 * thus just asks where the break is.  sbrk() is built on top and is what
 * malloc uses to get memory.
 */
#include <errno.h>
#include <stdint.h>
#include <unistd.h>
#include "syscall_internal.h"

static uintptr_t current_break;

int brk(void *addr)
{
	uintptr_t result = __syscall1(SYS_brk, (long)addr);

	current_break = result;
	if (result < (uintptr_t)addr) {
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

/* Grow (or shrink) the break by increment; return the old break. */
void *sbrk(int increment)
{
	uintptr_t old;

	if (current_break == 0)
		current_break = __syscall1(SYS_brk, 0);
	old = current_break;
	if (increment == 0)
		return (void *)old;
	if (brk((void *)(old + increment)) < 0)
		return (void *)-1;
	return (void *)old;
}
