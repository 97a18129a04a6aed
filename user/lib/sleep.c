/*
 * sleep.c - waiting: nanosleep and the sleep()/usleep() conveniences,
 * alarm(), setitimer()/getitimer(), pause() and sched_yield().
 */
#include <errno.h>
#include <sched.h>
#include <time.h>
#include <unistd.h>
#include <sys/time.h>
#include "syscall_internal.h"

int nanosleep(const struct timespec *req, struct timespec *rem)
{
	return __syscall_ret(__syscall2(SYS_nanosleep, (long)req, (long)rem));
}

/* Returns the number of seconds left if a signal cut the sleep short. */
unsigned int sleep(unsigned int seconds)
{
	struct timespec req = { (time_t)seconds, 0 };
	struct timespec rem = { 0, 0 };

	if (nanosleep(&req, &rem) < 0 && errno == EINTR)
		return rem.tv_sec + (rem.tv_nsec > 0);
	return 0;
}

int usleep(useconds_t usec)
{
	struct timespec req;

	req.tv_sec = usec / 1000000;
	req.tv_nsec = (usec % 1000000) * 1000;
	return nanosleep(&req, NULL);
}

unsigned int alarm(unsigned int seconds)
{
	return __syscall1(SYS_alarm, seconds);
}

int setitimer(int which, const struct itimerval *new_value,
	      struct itimerval *old_value)
{
	return __syscall_ret(__syscall3(SYS_setitimer, which, (long)new_value,
					(long)old_value));
}

int getitimer(int which, struct itimerval *curr_value)
{
	return __syscall_ret(__syscall2(SYS_getitimer, which, (long)curr_value));
}

int pause(void)
{
	return __syscall_ret(__syscall0(SYS_pause));
}

int sched_yield(void)
{
	return __syscall_ret(__syscall0(SYS_sched_yield));
}
