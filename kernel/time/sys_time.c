/*
 * sys_time.c - the system calls that read the clocks and sleep: time,
 * gettimeofday, clock_gettime, clock_getres, nanosleep, clock_nanosleep.
 *
 * Clocks (clock.c, cputime.c):
 *   CLOCK_REALTIME, _COARSE        the time of day (RTC at boot + monotonic)
 *   CLOCK_MONOTONIC, _RAW, _COARSE, CLOCK_BOOTTIME   time since boot
 *   CLOCK_PROCESS_CPUTIME_ID, CLOCK_THREAD_CPUTIME_ID the caller's CPU
 *                                  time, user + system (one thread each)
 * All of them are read from the TSC, to the nanosecond; clock_getres
 * says 1 ns for each (the coarse ones are not coarse here).  Any other
 * clock id is EINVAL.
 *
 * Sleeping: nanosleep and clock_nanosleep turn the request into an
 * absolute CLOCK_MONOTONIC deadline and sleep (sched_sleep, on a label
 * that ps shows as "sleep") until the clock reaches it; the timer
 * interrupt (timer.c) comes at the deadline, so a sleep ends at or just
 * after its time, never before.  A signal cuts it short:
 *   - rem (if given) gets the time left, and the call returns
 *     -ERESTARTSYS with a restart block holding the deadline (signal.c);
 *   - a handler runs: EINTR (NO_RESTART in the syscall table);
 *   - no handler (stop, continue): restart_syscall calls
 *     nanosleep_restart, which sleeps only until the same deadline.
 * clock_nanosleep(TIMER_ABSTIME) needs no block: restarted with the same
 * arguments it waits for the same absolute time.  It sleeps on
 * CLOCK_REALTIME, CLOCK_MONOTONIC and CLOCK_BOOTTIME; nothing ever sets
 * the realtime clock, so an absolute realtime deadline is a fixed
 * monotonic one.  The raw or coarse clocks give EOPNOTSUPP (Linux has no
 * sleep on them), the CPU-time clocks EINVAL.
 */
#include "syscall/syscall.h"
#include "lib/errno.h"
#include "proc/proc.h"
#include "time/cputime.h"
#include "time/timer.h"

#define TIMER_ABSTIME 1
#define NR_CLOCKS 8		/* ids 0 .. CLOCK_BOOTTIME */

/* What ps shows for nanosleep; the deadline or a signal wakes them. */
static WAIT_QUEUE(sleep_label, "sleep");

/* The caller's CPU time, user + system, in ns. */
static uint64_t cputime_ns(void)
{
	uint64_t user, sys;

	cputime_sample(current, &user, &sys);
	return clock_cycles_to_ns(user + sys);
}

/* Clock `clock` now, in ns; -EINVAL for an unknown clock. */
static int clock_read(int clock, uint64_t *ns)
{
	switch (clock) {
	case CLOCK_REALTIME: case CLOCK_REALTIME_COARSE:
		*ns = time_realtime_ns();
		return 0;
	case CLOCK_MONOTONIC: case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE: case CLOCK_BOOTTIME:
		*ns = time_now_ns();
		return 0;
	case CLOCK_PROCESS_CPUTIME_ID: case CLOCK_THREAD_CPUTIME_ID:
		*ns = cputime_ns();
		return 0;
	default:
		return -EINVAL;
	}
}

long sys_clock_gettime(int clock, uaddr_t uts)
{
	struct ktimespec ts;
	uint64_t ns;

	if (clock_read(clock, &ns))
		return -EINVAL;
	ts = ns_to_timespec(ns);
	return copy_to_user(uts, &ts, sizeof(ts));
}

long sys_clock_getres(int clock, uaddr_t uts)
{
	struct ktimespec res = { 0, 1 };

	if (clock < 0 || clock >= NR_CLOCKS)
		return -EINVAL;
	return uts ? copy_to_user(uts, &res, sizeof(res)) : 0;
}

long sys_time(uaddr_t ut)
{
	int32_t t = time_realtime_sec();

	if (ut && copy_to_user(ut, &t, sizeof(t)))
		return -EFAULT;
	return t;
}

long sys_gettimeofday(uaddr_t utv, uaddr_t utz)
{
	struct ktimeval tv = ns_to_timeval(time_realtime_ns());

	(void)utz;		/* the time zone is always UTC */
	return utv ? copy_to_user(utv, &tv, sizeof(tv)) : 0;
}

/* Sleep until `deadline`: 0, or -ERESTARTSYS for a signal. */
static int sleep_until(uint64_t deadline)
{
	int err;

	do
		err = sched_sleep(&sleep_label, WAIT_INTERRUPTIBLE, deadline);
	while (!err);		/* woken early (a stray wakeup): sleep on */
	return err == -ETIMEDOUT ? 0 : err;
}

static long nanosleep_restart(struct restart_block *rb);

/*
 * Sleep until deadline.  Cut short by a signal: the time left goes to
 * urem (if any) and a restart block is left, so a restart sleeps only
 * the rest.
 */
static long sleep_relative(uint64_t deadline, uaddr_t urem)
{
	uint64_t now;
	struct ktimespec rem;

	if (!sleep_until(deadline))
		return 0;
	now = time_now_ns();
	rem = ns_to_timespec(deadline > now ? deadline - now : 0);
	if (urem && copy_to_user(urem, &rem, sizeof(rem)))
		return -EFAULT;
	current->restart.fn = nanosleep_restart;
	current->restart.deadline = deadline;
	current->restart.uaddr = urem;
	return -ERESTARTSYS;	/* EINTR after a handler (NO_RESTART) */
}

static long nanosleep_restart(struct restart_block *rb)
{
	return sleep_relative(rb->deadline, rb->uaddr);
}

/* Read a request; -EFAULT or -EINVAL, or 0 with its length in *ns. */
static int request_ns(uaddr_t ureq, uint64_t *ns)
{
	struct ktimespec req;

	if (copy_from_user(&req, ureq, sizeof(req)))
		return -EFAULT;
	return timespec_to_ns(&req, ns);
}

long sys_nanosleep(uaddr_t ureq, uaddr_t urem)
{
	uint64_t ns;
	int err = request_ns(ureq, &ns);

	if (err)
		return err;
	return sleep_relative(time_deadline(ns), urem);
}

long sys_clock_nanosleep(int clock, uint32_t flags, uaddr_t ureq, uaddr_t urem)
{
	uint64_t ns, offset = 0;
	int err;

	if (clock == CLOCK_MONOTONIC_RAW || clock == CLOCK_REALTIME_COARSE ||
	    clock == CLOCK_MONOTONIC_COARSE)
		return -EOPNOTSUPP;
	if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC &&
	    clock != CLOCK_BOOTTIME)
		return -EINVAL;
	if ((err = request_ns(ureq, &ns)))
		return err;
	if (!(flags & TIMER_ABSTIME))
		return sleep_relative(time_deadline(ns), urem);
	if (clock == CLOCK_REALTIME)
		offset = time_realtime_offset_ns();
	if (ns <= offset)
		return 0;	/* before boot: long past */
	return sleep_until(ns - offset);	/* restarted as it is */
}
