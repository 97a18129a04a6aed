/*
 * clock.h - the kernel's clock (clock.c): nanoseconds since boot from the
 * TSC, the time of day, and the time formats of the system calls.
 */
#ifndef KERNEL_CLOCK_H
#define KERNEL_CLOCK_H

#include "lib/types.h"

#define NSEC_PER_SEC 1000000000ull
#define NSEC_PER_MSEC 1000000ull
#define NSEC_PER_USEC 1000ull
#define TIME_NEVER (~0ull)		/* a deadline that never comes */

/* Linux's clock ids (clock_gettime, clock_getres, clock_nanosleep). */
#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID 3
#define CLOCK_MONOTONIC_RAW 4
#define CLOCK_REALTIME_COARSE 5
#define CLOCK_MONOTONIC_COARSE 6
#define CLOCK_BOOTTIME 7

/* The i386 layouts: every field is a 32-bit long. */
struct ktimespec {
	int32_t tv_sec, tv_nsec;
};

struct ktimeval {
	int32_t tv_sec, tv_usec;
};

void clock_init(void);
uint64_t time_now_ns(void);		/* CLOCK_MONOTONIC: since boot */
uint64_t time_realtime_ns(void);	/* CLOCK_REALTIME: since 1970 */
uint32_t time_realtime_sec(void);	/* ... in seconds (file times) */
uint64_t time_realtime_offset_ns(void);	/* REALTIME - MONOTONIC */
uint64_t time_deadline(uint64_t delta_ns);	/* now + delta, never overflowing */

uint32_t clock_tsc_khz(void);
uint64_t clock_tsc_to_ns(uint64_t tsc);	/* a TSC reading as time since boot */
uint64_t clock_cycles_to_ns(uint64_t cycles);
uint64_t clock_ns_to_cycles(uint64_t ns);
uint64_t scale_q32(uint64_t a, uint64_t q32);

int timespec_to_ns(const struct ktimespec *ts, uint64_t *ns);
int timeval_to_ns(const struct ktimeval *tv, uint64_t *ns);
struct ktimespec ns_to_timespec(uint64_t ns);
struct ktimeval ns_to_timeval(uint64_t ns);
struct ktimeval ns_to_timeval_up(uint64_t ns);

#endif
