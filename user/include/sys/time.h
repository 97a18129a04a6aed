/*
 * sys/time.h - struct timeval and gettimeofday().
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

#include <sys/select.h>

#endif
