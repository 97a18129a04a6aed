/*
 * resource.c - resource limits and usage: getrlimit, setrlimit,
 * getrusage, and getdtablesize (the descriptor limit).
 *
 * The system calls are the ones glibc uses on i386:
 *   getrlimit -> ugetrlimit (191), which fills a struct rlimit of 32-bit
 *                values (a limit too big for 32 bits reads as
 *                RLIM_INFINITY);
 *   setrlimit -> prlimit64 (340) on the calling process (pid 0), with
 *                64-bit values, RLIM_INFINITY becoming the 64-bit
 *                infinity; no old limit is asked for;
 *   getrusage -> getrusage (77).
 * (The old getrlimit (76) and setrlimit (75) calls exist in Linux too,
 * but glibc no longer makes them.)
 */
#include <limits.h>
#include <sys/resource.h>
#include <unistd.h>
#include "syscall_internal.h"

/* prlimit64's view of a limit. */
struct rlimit64 {
	unsigned long long rlim_cur;
	unsigned long long rlim_max;
};

#define RLIM64_INFINITY (~0ULL)

int getrlimit(int resource, struct rlimit *rlim)
{
	return __syscall_ret(__syscall2(SYS_ugetrlimit, resource, (long)rlim));
}

static unsigned long long widen_limit(rlim_t value)
{
	return value == RLIM_INFINITY ? RLIM64_INFINITY : value;
}

int setrlimit(int resource, const struct rlimit *rlim)
{
	struct rlimit64 wide;

	wide.rlim_cur = widen_limit(rlim->rlim_cur);
	wide.rlim_max = widen_limit(rlim->rlim_max);
	return __syscall_ret(__syscall4(SYS_prlimit64, 0, resource,
					(long)&wide, 0));
}

int getrusage(int who, struct rusage *usage)
{
	return __syscall_ret(__syscall2(SYS_getrusage, who, (long)usage));
}

/*
 * The size of the descriptor table: the RLIMIT_NOFILE soft limit, or,
 * on a kernel without resource limits, its fixed table size OPEN_MAX.
 */
int getdtablesize(void)
{
	struct rlimit rlim;

	if (getrlimit(RLIMIT_NOFILE, &rlim) < 0)
		return OPEN_MAX;
	if (rlim.rlim_cur > INT_MAX)
		return INT_MAX;
	return (int)rlim.rlim_cur;
}
