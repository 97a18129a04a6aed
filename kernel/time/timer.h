/*
 * timer.h - the PIT tick, kernel timers, timed sleeps and the wall clock
 * (timer.c).
 */
#ifndef KERNEL_TIMER_H
#define KERNEL_TIMER_H

#include "lib/list.h"

#define HZ 100				/* timer interrupts per second */

/*
 * A one-shot kernel timer: `fire` runs in the timer interrupt once
 * timer_ticks reaches `expires`.  Embedded in its owner (a process's
 * sleep deadline, its alarm).
 */
struct ktimer {
	struct list_head link;		/* on the sorted timer list; irqs off */
	uint64_t expires;
	void (*fire)(struct ktimer *t);
};

extern volatile uint64_t timer_ticks;	/* ticks since boot */

void timer_init(void);
void timer_irq(void);
void ktimer_init(struct ktimer *t, void (*fire)(struct ktimer *t));
void ktimer_start(struct ktimer *t, uint64_t expires);
void ktimer_stop(struct ktimer *t);
bool ktimer_pending(const struct ktimer *t);
uint64_t timer_ms_to_ticks(uint64_t ms);
uint64_t timer_deadline_ms(uint64_t ms);
uint64_t timer_boot_epoch(void);

#endif
