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
 * Why no wake-up is lost, on several CPUs.  The danger is the window
 * between "the predicate is false" and "I am asleep": a wake-up in that
 * window finds nobody asleep, and the sleeper then sleeps forever.  With
 * one CPU and a kernel that is never preempted, no waker could run in the
 * window.  With two CPUs one can, at any instant:
 *
 *     CPU 0: reader                          CPU 1: writer
 *     pipe_readable(p)? no
 *                                            copies data into the ring
 *                                            wq_wake_all(&p->rd_wait):
 *                                              the reader is not asleep
 *                                              yet: nothing to do
 *     state = SLEEPING; schedule()
 *     ... asleep, with data in the pipe, forever
 *
 * The cure is to announce before looking.  A sleeper (1) joins the queue,
 * (2) marks itself SLEEPING (sched_sleep_prepare), (3) checks the
 * predicate, and only then (4) switches out (sched_sleep_commit), or
 * cancels if the predicate held.  A waker changes the state first and then
 * wakes everyone on the queue.  Whatever the interleaving, either the
 * waker's change comes before (3), and the check sees it, or it comes
 * after (1)-(2), and its wake-up finds the sleeper on the queue and sets it
 * RUNNABLE, so that (4) does not sleep at all (sched.c: a process woken
 * while still on its CPU is not queued twice, it just keeps running):
 *
 *     CPU 0: reader                          CPU 1: writer
 *     wq_add; state = SLEEPING
 *     pipe_readable(p)? no
 *                                            copies data into the ring
 *                                            wq_wake_all: state = RUNNABLE
 *     sched_sleep_commit: RUNNABLE already,
 *     no sleep; check again: data
 *
 * Both steps are done under locks (the queue's lock for its list, the run
 * queue lock for the state), which also order the memory accesses: what the
 * waker wrote before its wake-up is visible to the sleeper after it.
 * A waker in an interrupt handler is covered the same way.
 *
 * wq_sleep() below is steps (1), (2) and (4) for a caller that checked its
 * predicate just before, which is safe only while the predicate cannot
 * change between its check and wq_sleep's announcement: with interrupts
 * off and processes running on one CPU (today's callers, docs/locking.md).
 * Callers move to the announce-then-check loop as their subsystem takes its
 * locks; poll (poll.c) already has that shape.
 *
 * Entry points: wq_sleep() (sleep once), wq_wake_all() (wake), and
 * wq_add() / wq_remove() for poll, which joins several queues before one
 * sched_sleep().  wq_sleep returns what sched_sleep does: 0 (woken: check
 * again), -ERESTARTSYS (a signal is pending: the system call stops here,
 * and signal.c decides between EINTR and a restart) or -ETIMEDOUT.
 */
#include "proc/wait.h"
#include "arch/x86.h"
#include "lib/spinlock.h"
#include "lib/panic.h"
#include "proc/proc.h"

void wq_init(struct wait_queue *wq, const char *name, uint32_t id)
{
	list_init(&wq->waiters);
	spin_init(&wq->lock, LOCK_WAITQ);
	wq->name = name;
	wq->id = id;
}

void wq_add(struct wait_queue *wq, struct waiter *w)
{
	assert(w->proc == current);	/* one only ever queues oneself */
	spin_lock(&wq->lock);
	if (list_empty(&w->link))
		list_add_tail(&w->link, &wq->waiters);
	w->wq = wq;
	spin_unlock(&wq->lock);
}

void wq_remove(struct waiter *w)
{
	if (!w->wq)
		return;		/* never added */
	spin_lock(&w->wq->lock);
	list_del(&w->link);
	spin_unlock(&w->wq->lock);
	w->wq = NULL;
}

/* Lock-free read: a hint for statistics and ps, never for a decision. */
bool wq_has_waiters(const struct wait_queue *wq)
{
	return !list_empty(&wq->waiters);
}

/*
 * Sleep on wq, holding `lock`, the lock that guards the caller's condition
 * (the pipe's, procs_lock for wait4): the caller checked its predicate
 * under it, and every waker changes the condition under it too.  We join
 * the queue and announce the sleep before letting go, so a waker that
 * takes the lock after us finds us on the queue, and its wake-up makes the
 * sleep not happen (sched_sleep_commit).  Returns with `lock` held again,
 * and what sched_sleep_commit returned: 0 means "look again".
 */
int wq_sleep_locked(struct wait_queue *wq, struct spinlock *lock, int flags,
		    uint64_t deadline)
{
	struct waiter w = { .proc = current };
	int err;

	list_init(&w.link);
	wq_add(wq, &w);
	sched_sleep_prepare(wq, flags);
	spin_unlock(lock);
	err = sched_sleep_commit(flags, deadline);
	wq_remove(&w);
	spin_lock(lock);
	return err;
}

int wq_sleep(struct wait_queue *wq, int flags, uint64_t deadline)
{
	struct waiter w = { .proc = current };
	int err;

	list_init(&w.link);
	wq_add(wq, &w);
	err = sched_sleep(wq, flags, deadline);
	wq_remove(&w);
	return err;
}

void wq_wake_all(struct wait_queue *wq)
{
	struct list_head *pos;

	spin_lock(&wq->lock);
	/* Waiters stay on the queue; each removes itself when it runs. */
	for (pos = wq->waiters.next; pos != &wq->waiters; pos = pos->next)
		sched_make_runnable(list_entry(pos, struct waiter, link)->proc);
	spin_unlock(&wq->lock);
}
