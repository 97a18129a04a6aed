/*
 * timer.h - the PIT tick, timed sleeps and the time of day (timer.c).
 */
#ifndef KERNEL_TIMER_H
#define KERNEL_TIMER_H

#include "types.h"

struct proc;

#define HZ 100				/* timer interrupts per second */

extern volatile uint64_t timer_ticks;	/* ticks since boot */

void timer_init(void);
void timer_irq(void);
void timer_sleep(uint64_t deadline, bool interruptible);
void timer_cancel(struct proc *p);
uint64_t timer_ms_to_ticks(uint64_t ms);
uint64_t timer_boot_epoch(void);

#endif
