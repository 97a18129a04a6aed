/*
 * timer.h - kernel timers and the one-shot timer interrupt (timer.c).
 * The clock they count in is clock.h's.
 */
#ifndef KERNEL_TIMER_H
#define KERNEL_TIMER_H

#include "lib/list.h"
#include "lib/spinlock.h"
#include "time/clock.h"

struct timer_cpu;

/*
 * A one-shot kernel timer: `fire` runs in the timer interrupt, with
 * interrupts off, once time_now_ns() has reached `expires` (CLOCK_MONOTONIC
 * ns).  Embedded in its owner (a sleeper's stack, a process's alarm, the
 * scheduler's time slice).
 */
struct ktimer {
	struct list_head link;		/* on cpu's timer list; cpu->lock */
	uint64_t expires;		/* cpu->lock */
	void (*fire)(struct ktimer *t);
	struct timer_cpu *cpu;		/* whose list it was last put on; its owner */
};

/*
 * One CPU's timekeeping state, all of it, reached through
 * timer_this_cpu(): each CPU has its own, with its own local APIC timer.
 * The list fields are guarded by `lock` (other CPUs stop timers on it);
 * the rest is touched only by its own CPU, with interrupts off.
 */
struct timer_cpu {
	struct spinlock lock;		/* guards timers, programmed, firing */
	struct list_head timers;	/* pending ktimers, soonest first */
	uint64_t programmed;		/* when the LAPIC timer goes off; TIME_NEVER: stopped */
	struct ktimer *firing;		/* whose fire() runs now, or NULL */
	uint64_t cpu_stamp;		/* cputime.c: TSC when the running process was last charged */
	struct ktimer cpu_itimer;	/* itimer.c: the running process's ITIMER_VIRTUAL/PROF */
	struct ktimer slice;		/* sched.c: armed while someone else waits to run */
	uint64_t slice_end;		/* sched.c: when the running process's slice ends */
};

struct timer_cpu *timer_this_cpu(void);
void timer_init(void);
void timer_init_cpu(void);
void timer_irq(void);
void ktimer_init(struct ktimer *t, void (*fire)(struct ktimer *t));
void ktimer_start(struct ktimer *t, uint64_t expires);
void ktimer_stop(struct ktimer *t);
bool ktimer_pending(const struct ktimer *t);

#endif
