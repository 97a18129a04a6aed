/*
 * sys/time.h - struct timeval, gettimeofday() and the interval timers.
 *
 * Like other Unix systems we also make select() visible from here: the
 * include of <sys/select.h> comes last, after struct timeval exists.
 */
#ifndef _SYS_TIME_H
#define _SYS_TIME_H

#include <sys/types.h>

struct timeval {
	time_t tv_sec;
	suseconds_t tv_usec;
};

struct timezone {
	int tz_minuteswest;
	int tz_dsttime;
};

int gettimeofday(struct timeval *tv, struct timezone *tz);

/* Interval timers.  Conduit has the real-time one only (SIGALRM). */
#define ITIMER_REAL 0
#define ITIMER_VIRTUAL 1	/* EINVAL on Conduit */
#define ITIMER_PROF 2		/* EINVAL on Conduit */

struct itimerval {
	struct timeval it_interval;	/* reload value; 0 fires once */
	struct timeval it_value;	/* time to the next expiry; 0 disarms */
};

int setitimer(int which, const struct itimerval *new_value,
	      struct itimerval *old_value);
int getitimer(int which, struct itimerval *curr_value);

#include <sys/select.h>

#endif
