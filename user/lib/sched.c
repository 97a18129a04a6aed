/*
 * sched.c - the CPU affinity calls and sched_getcpu, as glibc has them.
 */
#include <sched.h>
#include <string.h>
#include <sys/syscall.h>
#include "syscall_internal.h"

int sched_setaffinity(pid_t pid, size_t setsize, const cpu_set_t *set)
{
	return __syscall_ret(__syscall3(SYS_sched_setaffinity, pid, setsize,
					(long)set));
}

/* The kernel writes the bytes it has (its return value); glibc zeroes
 * the rest of the caller's set and returns 0, and so do we. */
int sched_getaffinity(pid_t pid, size_t setsize, cpu_set_t *set)
{
	long n = __syscall3(SYS_sched_getaffinity, pid, setsize, (long)set);

	if (n < 0)
		return __syscall_ret(n);
	memset((char *)set + n, 0, setsize - n);
	return 0;
}

int sched_getcpu(void)
{
	unsigned cpu;
	long err = __syscall3(SYS_getcpu, (long)&cpu, 0, 0);

	return err < 0 ? __syscall_ret(err) : (int)cpu;
}

int __sched_cpucount(size_t setsize, const cpu_set_t *set)
{
	int n = 0;

	for (size_t i = 0; i < setsize / sizeof(unsigned long); i++)
		n += __builtin_popcountl(set->__bits[i]);
	return n;
}
