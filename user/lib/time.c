/*
 * time.c - reading the clocks, clock_nanosleep, and times().
 */
#include <sys/time.h>
#include <sys/times.h>
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

/* The raw call returns -errno; POSIX wants the error number itself. */
int clock_nanosleep(clockid_t clock, int flags, const struct timespec *req,
		    struct timespec *rem)
{
	return -__syscall4(SYS_clock_nanosleep, clock, flags, (long)req,
			   (long)rem);
}

clock_t times(struct tms *buf)
{
	return __syscall_ret(__syscall1(SYS_times, (long)buf));
}
