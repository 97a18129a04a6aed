/*
 * wait.c - wait queues: how a process sleeps until something happens.
 *
 * A wait queue is a list of sleeping processes interested in one event
 * ("data arrived in this pipe", "a child of mine exited").  Every blocking
 * call in Conduit has the same shape, a loop around a named predicate:
 *
 *     while (!pipe_readable(p)) {                     the condition
 *             if ((err = wq_sleep(&p->rd_wait, WAIT_INTERRUPTIBLE,
 *                                 WAIT_NO_DEADLINE)))
 *                     return err;                     a signal: give up
 *     }                                               woken: look again
 *
 * The waker changes the state the predicate reads and then calls
 * wq_wake_all(), which makes every waiter runnable.  Each re-checks its
 * predicate, and those for whom it is still false sleep again.  So a
 * wakeup is a hint: spurious wakeups are harmless, and the predicate, not
 * the wakeup, decides.
 *
 * Why no wakeup is lost.  The danger is the window between "the predicate
 * is false" and "I am asleep on the queue": a wakeup in that window would
 * find nobody on the queue and the sleeper would then sleep forever.  In
 * Conduit there is one CPU and kernel code is never preempted, so a waker
 * in process context cannot run in that window at all.  A waker in an
 * interrupt handler (the console) could, so a condition that an interrupt
 * handler changes is checked, and slept on, with interrupts off (tty.c);
 * wq_sleep itself joins the queue and goes to sleep with interrupts off.
 * The window is closed: every wakeup happens either before the check (and
 * the check sees the new state) or after the sleeper is on the queue.
 *
 * Entry points: wq_sleep() (sleep once), wq_wake_all() (wake), and
 * wq_add() / wq_remove() for poll, which joins several queues before one
 * sched_sleep().  wq_sleep returns what sched_sleep does: 0 (woken: check
 * again), -ERESTARTSYS (a signal is pending: the system call stops here,
 * and signal.c decides between EINTR and a restart) or -ETIMEDOUT.
 */
#include "proc/wait.h"
#include "arch/x86.h"
#include "lib/panic.h"
#include "proc/proc.h"

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

int wq_sleep(struct wait_queue *wq, int flags, uint64_t deadline)
{
	struct waiter w = { .proc = current };
	bool irq = irq_save();	/* on the queue and asleep as one step */
	int err;

	list_init(&w.link);
	wq_add(wq, &w);
	err = sched_sleep(wq, flags, deadline);
	list_del(&w.link);
	irq_restore(irq);
	return err;
}

void wq_wake_all(struct wait_queue *wq)
{
	bool irq = irq_save();
	struct list_head *pos;

	/* Waiters stay on the queue; each removes itself when it runs. */
	for (pos = wq->waiters.next; pos != &wq->waiters; pos = pos->next)
		sched_make_runnable(list_entry(pos, struct waiter, link)->proc);
	irq_restore(irq);
}
