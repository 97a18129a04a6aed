/*
 * itimer.h - a process's three interval timers: alarm() and setitimer's
 * ITIMER_REAL, ITIMER_VIRTUAL and ITIMER_PROF (itimer.c).
 */
#ifndef KERNEL_ITIMER_H
#define KERNEL_ITIMER_H

#include "time/timer.h"

struct proc;

/* An interval timer that counts the process's CPU time. */
struct cpu_itimer {
	uint64_t expires;	/* CPU time (TSC cycles) to fire at; 0: disarmed */
	uint64_t interval_ns;	/* the reload value; 0: fires once */
};

/*
 * Kept outside struct proc (which must fit kmalloc's 2016-byte class):
 * allocated with the process (proc_alloc), freed with it (proc_free).
 */
struct itimers {
	struct ktimer real;		/* ITIMER_REAL, alarm(): SIGALRM */
	uint64_t real_interval_ns;	/* ITIMER_REAL's reload value; 0: once */
	struct cpu_itimer virt;		/* user time: SIGVTALRM */
	struct cpu_itimer prof;		/* user + system time: SIGPROF */
	struct proc *proc;		/* the owner */
};

struct itimers *itimers_alloc(struct proc *p);
void itimers_stop(struct itimers *it);
void itimer_cpu_switch(struct proc *next);
void itimer_init_cpu(void);

#endif
