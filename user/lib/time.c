/*
 * time.c - reading the clocks.
 */
#include <sys/time.h>
#include <time.h>
#include "syscall_internal.h"

time_t time(time_t *t)
{
	time_t now = __syscall_ret(__syscall1(SYS_time, 0));

	if (t)
		*t = now;
	return now;
}

int clock_gettime(clockid_t clock, struct timespec *ts)
{
	return __syscall_ret(__syscall2(SYS_clock_gettime, clock, (long)ts));
}

int clock_getres(clockid_t clock, struct timespec *ts)
{
	return __syscall_ret(__syscall2(SYS_clock_getres, clock, (long)ts));
}

int gettimeofday(struct timeval *tv, struct timezone *tz)
{
	return __syscall_ret(__syscall2(SYS_gettimeofday, (long)tv, (long)tz));
}
