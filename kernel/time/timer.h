/*
 * timer.h - kernel timers and the one-shot timer interrupt (timer.c).
 * The clock they count in is clock.h's.
 */
#ifndef KERNEL_TIMER_H
#define KERNEL_TIMER_H

#include "lib/list.h"
#include "time/clock.h"

/*
 * A one-shot kernel timer: `fire` runs in the timer interrupt, with
 * interrupts off, once time_now_ns() has reached `expires` (CLOCK_MONOTONIC
 * ns).  Embedded in its owner (a sleeper's stack, a process's alarm, the
 * scheduler's time slice).
 */
struct ktimer {
	struct list_head link;		/* on its CPU's timer list; irqs off */
	uint64_t expires;
	void (*fire)(struct ktimer *t);
};

/*
 * One CPU's timekeeping state, all of it, reached only through
 * timer_this_cpu().  There is one CPU today; with several (issue 15) each
 * gets its own, with its own local APIC timer and timer list, and only
 * timer_this_cpu() changes.  Touched with interrupts off (the timer
 * interrupt uses all of it).
 */
struct timer_cpu {
	struct list_head timers;	/* pending ktimers, soonest first */
	uint64_t programmed;		/* when the LAPIC timer goes off; TIME_NEVER: stopped */
	uint64_t cpu_stamp;		/* cputime.c: TSC when the running process was last charged */
	struct ktimer cpu_itimer;	/* itimer.c: the running process's ITIMER_VIRTUAL/PROF */
	struct ktimer slice;		/* sched.c: armed while someone else waits to run */
	uint64_t slice_end;		/* sched.c: when the running process's slice ends */
};

struct timer_cpu *timer_this_cpu(void);
void timer_init(void);
void timer_irq(void);
void ktimer_init(struct ktimer *t, void (*fire)(struct ktimer *t));
void ktimer_start(struct ktimer *t, uint64_t expires);
void ktimer_stop(struct ktimer *t);
bool ktimer_pending(const struct ktimer *t);

#endif
