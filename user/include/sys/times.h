/*
 * sys/times.h - times(): the CPU time of this process and of its
 * children that have been waited for, in clock ticks of
 * sysconf(_SC_CLK_TCK) (100) per second.
 */
#ifndef _SYS_TIMES_H
#define _SYS_TIMES_H

#include <sys/types.h>

struct tms {
	clock_t tms_utime;	/* user CPU time */
	clock_t tms_stime;	/* system CPU time */
	clock_t tms_cutime;	/* user time of children waited for */
	clock_t tms_cstime;	/* system time of children waited for */
};

/* Returns the clock ticks since boot, or (clock_t)-1 on error. */
clock_t times(struct tms *buf);

#endif
