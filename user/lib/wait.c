/*
 * wait.c - waiting for children.  wait4 is the one system call; the
 * others are special cases of it.
 */
#include <sys/wait.h>
#include "syscall_internal.h"

pid_t wait4(pid_t pid, int *status, int options, struct rusage *usage)
{
	return __syscall_ret(__syscall4(SYS_wait4, pid, (long)status, options,
					(long)usage));
}

pid_t waitpid(pid_t pid, int *status, int options)
{
	return wait4(pid, status, options, NULL);
}

pid_t wait(int *status)
{
	return wait4(-1, status, 0, NULL);
}
