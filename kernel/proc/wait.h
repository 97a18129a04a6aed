/*
 * wait.h - wait queues, the one way a process blocks until something
 * happens (wait.c); the sleep itself is sched_sleep_commit() in sched.c.
 */
#ifndef KERNEL_WAIT_H
#define KERNEL_WAIT_H

#include "lib/list.h"
#include "lib/spinlock.h"
#include "time/clock.h"

struct proc;

struct wait_queue {
	struct spinlock lock;		/* guards waiters */
	struct list_head waiters;	/* struct waiter, FIFO */
	const char *name;		/* what sleepers here wait for, for ps */
	uint32_t id;			/* which one, e.g. the pipe number; or 0 */
};

/* A wait queue defined statically, e.g. static WAIT_QUEUE(sleepers, "sleep"). */
#define WAIT_QUEUE(var, label) \
	struct wait_queue var = { { 0, LOCK_WAITQ, -1, 0 }, \
				  { &var.waiters, &var.waiters }, label, 0 }

/* One process's place on one queue; lives on the sleeper's kernel stack. */
struct waiter {
	struct list_head link;		/* on wq->waiters; wq->lock */
	struct proc *proc;
	struct wait_queue *wq;		/* the queue it is on, or NULL */
};

#define WAIT_INTERRUPTIBLE 1	/* a pending signal ends the sleep */
#define WAIT_NO_DEADLINE TIME_NEVER	/* deadlines: CLOCK_MONOTONIC ns (clock.h) */

void wq_init(struct wait_queue *wq, const char *name, uint32_t id);
int wq_sleep_locked(struct wait_queue *wq, struct spinlock *lock, int flags,
		    uint64_t deadline);
void wq_wake_all(struct wait_queue *wq);
bool wq_has_waiters(const struct wait_queue *wq);

/* The lower-level pieces, for waiting on several queues at once (poll). */
void wq_add(struct wait_queue *wq, struct waiter *w);
void wq_remove(struct waiter *w);

#endif
