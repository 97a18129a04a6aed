/*
 * wait.c - wait queues: how a process sleeps until something happens,
 * on any number of CPUs, without ever missing the wake-up.
 *
 * A wait queue is a list of sleeping processes interested in one event
 * ("data arrived in this pipe", "a child of mine exited").  Every blocking
 * call has the same shape: a loop around a named predicate, checked under
 * the lock that guards the state it reads (here the pipe's):
 *
 *     spin_lock(&p->lock);
 *     while (!pipe_readable(p)) {                     the condition
 *             err = wq_sleep_locked(&p->rd_wait, &p->lock,
 *                                   WAIT_INTERRUPTIBLE, WAIT_NO_DEADLINE);
 *             if (err)
 *                     break;                          a signal: give up
 *     }                                               woken: look again
 *     ... read, still holding p->lock ...
 *     spin_unlock(&p->lock);
 *
 * The waker changes the state under the same lock and calls wq_wake_all(),
 * which makes every waiter runnable.  Each re-checks its predicate, and
 * those for whom it is still false sleep again.  So a wake-up is a hint:
 * spurious wake-ups are harmless, and the predicate, not the wake-up,
 * decides.
 *
 * The lost wake-up.  The danger is the window between "the predicate is
 * false" and "I am asleep".  A wake-up in that window finds nobody asleep,
 * and the sleeper then sleeps forever.  On one CPU with a kernel that is
 * never preempted no waker could run in the window; with two, one can:
 *
 *     CPU 0: reader                          CPU 1: writer
 *     lock; pipe_readable(p)? no; unlock
 *                                            lock; copy data into the ring
 *                                            wq_wake_all(&p->rd_wait):
 *                                              nobody on the queue yet
 *                                            unlock
 *     join rd_wait; state = SLEEPING
 *     schedule()
 *     ... asleep, with data in the pipe, forever
 *
 * The cure is xv6's rule: let go of the condition's lock only once you are
 * on the queue and marked SLEEPING.  wq_sleep_locked (1) joins the queue
 * and (2) marks the process SLEEPING (sched_sleep_prepare), both while the
 * caller still holds the lock, and only then (3) unlocks and (4) switches
 * out (sched_sleep_commit).  A waker needs the lock to change the state,
 * so it comes either before the check, which then sees its change, or
 * after (1)-(2), and its wake-up finds the sleeper on the queue and sets
 * it RUNNABLE, so that (4) does not sleep at all (sched.c: a process woken
 * while still on its CPU is not queued twice, it just keeps running):
 *
 *     CPU 0: reader                          CPU 1: writer
 *     lock; pipe_readable(p)? no
 *     join rd_wait; state = SLEEPING
 *     unlock                                 lock; copy data into the ring
 *                                            wq_wake_all: state = RUNNABLE
 *     sched_sleep_commit: RUNNABLE already,  unlock
 *     no sleep; lock; check again: data
 *
 * The locks also order memory: what the waker wrote before its unlock is
 * visible to the sleeper after its lock.  The same rule lets
 * wq_wake_all look at an empty queue without taking the queue's lock: a
 * sleeper that could miss the waker's change joined under the lock the
 * waker took to make it, so the waker sees it on the list.  A waker in an interrupt handler
 * is covered the same way (the tty's lock is taken by its interrupt).
 * Signals and deadlines use the same announcement: sched_sleep_commit
 * looks for a pending signal after (2), and a signal sent after that finds
 * the sleeper SLEEPING and wakes it (sched_signal_wake).
 *
 * poll and select wait on several queues at once, so they use the pieces:
 * wq_add on every queue (each file's poll does it, under its own lock),
 * sched_sleep_prepare, then the readiness checks, then sched_sleep_commit
 * or sched_sleep_cancel.  Announce first, look second: the same rule
 * without one lock around it all.
 *
 * Entry points: wq_sleep_locked() (sleep once), wq_wake_all() (wake), and
 * wq_add() / wq_remove().  wq_sleep_locked returns what sched_sleep_commit
 * does: 0 (woken: check again), -ERESTARTSYS (a signal is pending: the
 * system call stops here, and signal.c decides between EINTR and a
 * restart) or -ETIMEDOUT.  Never sleep holding any lock but the one
 * handed to wq_sleep_locked (sched_sleep_commit panics if you do).
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

void wq_wake_all(struct wait_queue *wq)
{
	struct list_head *pos;

	/* Lock-free read: is the queue empty?  The waker changed the state
	 * under the lock that every waiter holds while it joins and checks
	 * (the rule above), so a waiter that could miss the change is on the
	 * list by now, and the list does not look empty while it is (removing
	 * others never makes head.next point at the head).  Most wake-ups
	 * find nobody: a pipe read wakes writers that are rarely there. */
	if (__atomic_load_n(&wq->waiters.next, __ATOMIC_RELAXED) == &wq->waiters)
		return;
	spin_lock(&wq->lock);
	/* Waiters stay on the queue; each removes itself when it runs. */
	for (pos = wq->waiters.next; pos != &wq->waiters; pos = pos->next)
		sched_make_runnable(list_entry(pos, struct waiter, link)->proc);
	spin_unlock(&wq->lock);
}
