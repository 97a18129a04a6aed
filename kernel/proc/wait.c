/*
 * wait.c - wait queues: how a process sleeps until something happens.
 *
 * A wait queue is a list of sleeping processes interested in one event
 * ("data arrived in this pipe", "a child of mine exited").  The sleeper
 * says what it is waiting for as a predicate, cond(arg), and wq_wait()
 * returns when the predicate is true, when a signal arrives (interruptible
 * waits) or when a deadline passes.  The waker changes the state the
 * predicate reads and then calls wq_wake_all(), which makes every waiter
 * runnable; each re-checks its predicate, and those for whom it is still
 * false go back to sleep.  So a wakeup is a hint, and spurious wakeups are
 * harmless.
 *
 * Why no wakeup is lost.  The danger is the window between "the predicate
 * is false" and "I am asleep on the queue": a wakeup in that window would
 * find nobody on the queue and the sleeper would then sleep forever.  In
 * Conduit there is one CPU and kernel code is never preempted, so a waker
 * in process context cannot run in that window at all.  A waker in an
 * interrupt handler (the console, the timer) could, so wq_wait checks the
 * predicate, joins the queue and switches away all with interrupts off.
 * The window is closed: every wakeup happens either before the check (and
 * the check sees the new state) or after the sleeper is on the queue.
 *
 * Entry points: wq_wait() (sleep), wq_wake_all() (wake), and wq_add() /
 * wq_remove() for poll, which joins several queues before one sleep.
 * Errors: wq_wait returns 0, -EINTR (a signal is pending) or -ETIMEDOUT.
 */
#include "proc/wait.h"
#include "lib/errno.h"
#include "lib/panic.h"
#include "proc/proc.h"
#include "time/timer.h"
#include "arch/x86.h"

void wq_init(struct wait_queue *wq, const char *name, uint32_t id)
{
	list_init(&wq->waiters);
	wq->name = name;
	wq->id = id;
}

void wq_add(struct wait_queue *wq, struct waiter *w)
{
	bool irq = irq_save();

	assert(w->proc == current);	/* one only ever queues oneself */
	if (list_empty(&w->link))
		list_add_tail(&w->link, &wq->waiters);
	irq_restore(irq);
}

void wq_remove(struct waiter *w)
{
	bool irq = irq_save();

	list_del(&w->link);	/* also fine if it was never added */
	irq_restore(irq);
}

bool wq_has_waiters(const struct wait_queue *wq)
{
	return !list_empty(&wq->waiters);
}

/* Why a wait should stop even though cond() is false, or 0 to go on. */
static int wait_interrupted(int flags, uint64_t deadline)
{
	if ((flags & WAIT_INTERRUPTIBLE) && signal_pending(current))
		return -EINTR;
	if (deadline != WAIT_NO_DEADLINE && timer_ticks >= deadline)
		return -ETIMEDOUT;
	return 0;
}

int wq_wait(struct wait_queue *wq, wait_cond_fn cond, void *arg, int flags,
	    uint64_t deadline)
{
	struct waiter w = { .proc = current };
	bool irq = irq_save();	/* closes the lost-wakeup window, see above */
	int err = 0;

	list_init(&w.link);
	while (!cond(arg)) {
		err = wait_interrupted(flags, deadline);
		if (err)
			break;
		wq_add(wq, &w);
		current->wchan = wq;
		timer_sleep(deadline, flags & WAIT_INTERRUPTIBLE);
	}
	current->wchan = NULL;
	list_del(&w.link);
	irq_restore(irq);
	return err;
}

void wq_wake_all(struct wait_queue *wq)
{
	bool irq = irq_save();
	struct list_head *pos;

	/* Waiters stay on the queue; each removes itself when done. */
	for (pos = wq->waiters.next; pos != &wq->waiters; pos = pos->next)
		sched_make_runnable(list_entry(pos, struct waiter, link)->proc);
	irq_restore(irq);
}
