/*
 * timer.c - kernel timers, and the one-shot timer interrupt that fires
 * them.
 *
 * There is no periodic tick.  A kernel timer (struct ktimer) says "call
 * fire() at `expires`" (CLOCK_MONOTONIC ns, clock.c), and the local APIC
 * timer (lapic.c) is programmed, one shot at a time, for the soonest of
 * them.  When nothing is pending the APIC timer is stopped and an idle
 * CPU sleeps in `hlt` until some other interrupt comes.
 *
 *   timers: [ sleep of pid 7 @ 5.003 s ] -> [ slice @ 5.020 s ] -> [ alarm of pid 3 @ 9 s ]
 *              ^ the LAPIC timer is programmed for 5.003 s (`programmed`)
 *
 * The timers live on their CPU's list (struct timer_cpu, timer.h), sorted
 * by expiry, so the interrupt only looks at the head:
 *   - ktimer_start() inserts in order (after timers with the same expiry)
 *     and, if the new timer is now the soonest, programs the LAPIC timer
 *     for it at once;
 *   - ktimer_stop() only unlinks.  If it was the head the LAPIC timer
 *     still goes off at the old time, finds nothing due and is programmed
 *     for the new head: one early interrupt is cheaper than reprogramming
 *     on every stop (a sleep woken by data stops its timer every time);
 *   - timer_irq(), the T_LAPIC_TIMER interrupt, reads the clock once,
 *     fires every timer whose expiry has come, in order, and programs the
 *     LAPIC timer for the new head.
 * The LAPIC timer may go off early (its rate is measured, not known) or
 * late (QEMU runs on a busy host); the clock, not the interrupt, decides
 * what is due, so a timer never fires before its time, and one that is
 * not due yet is simply programmed again.
 *
 * Users: sched_sleep's deadline (sched.c: a sleeper's timer on its own
 * kernel stack), alarm() and setitimer (itimer.c), the time slice
 * (sched.c), the CPU-time itimers' check (itimer.c).  Each fire()
 * callback runs in the interrupt with interrupts off; it may start timers
 * (a periodic alarm starts itself again) but must not sleep.
 *
 * Several CPUs.  Each CPU has its own struct timer_cpu (timer_cpus[],
 * picked by timer_this_cpu()) and its own LAPIC timer: ktimer_start puts a
 * timer on the list of the CPU that calls it, and it fires there.  A list
 * is guarded by its `lock` (LOCK_TIMERS, taken after the run queue's, as
 * schedule() starts the slice timer with the run queue locked).  The
 * interrupt fires each due timer with the lock *released*, so fire() may
 * start timers itself and may take the run queue lock to wake a sleeper.
 *
 * The one subtle case: stopping a timer that is firing right now on
 * another CPU.  A sleeper woken by data on CPU 1 stops its deadline timer
 * while CPU 0 may be inside that timer's fire(); if ktimer_stop returned
 * at once, the sleeper would return and its stack, which holds the timer,
 * would be reused under the running fire().  So the list records the
 * timer it is firing (`firing`) and ktimer_stop waits until that is over.
 * Hence the rule: never call ktimer_stop holding a lock that some fire()
 * takes (the run queue lock, a signal lock).
 */
#include "time/timer.h"
#include "arch/cpu.h"
#include "arch/lapic.h"
#include "arch/x86.h"

static struct timer_cpu timer_cpus[MAX_CPUS];

struct timer_cpu *timer_this_cpu(void)
{
	return &timer_cpus[this_cpu()->id];
}

/* Each CPU, on itself, before its first timer. */
void timer_init_cpu(void)
{
	struct timer_cpu *tc = timer_this_cpu();

	list_init(&tc->timers);
	spin_init(&tc->lock, LOCK_TIMERS);
	tc->programmed = TIME_NEVER;
}

/* The clock first (calibrated against the PIT), then the APIC timer
 * (calibrated against the clock). */
void timer_init(void)
{
	timer_init_cpu();
	clock_init();
	lapic_init();
}

/* Program the LAPIC timer for the soonest pending timer, or stop it. */
static void timer_program(struct timer_cpu *tc)
{
	uint64_t next = TIME_NEVER, now;

	if (!list_empty(&tc->timers))
		next = list_first(&tc->timers, struct ktimer, link)->expires;
	if (next == tc->programmed)
		return;
	tc->programmed = next;
	if (next == TIME_NEVER) {
		lapic_timer_stop();
		return;
	}
	now = time_now_ns();
	lapic_timer_start(next > now ? next - now : 0);
}

void ktimer_init(struct ktimer *t, void (*fire)(struct ktimer *t))
{
	list_init(&t->link);
	t->fire = fire;
	t->expires = TIME_NEVER;
	t->cpu = NULL;
}

/* A hint, unless the caller owns t: it may fire on another CPU meanwhile. */
bool ktimer_pending(const struct ktimer *t)
{
	return !list_empty(&t->link);
}

/*
 * Stop t, and wait if it is firing on another CPU right now.  Only t's
 * owner starts and stops it, so t->cpu does not change under us.
 */
void ktimer_stop(struct ktimer *t)
{
	struct timer_cpu *tc = t->cpu;

	if (!tc)
		return;			/* never started */
	spin_lock(&tc->lock);
	/* Firing on another CPU: wait.  On this one we are inside its own
	 * fire() (a timer may stop and restart itself): nothing to wait for. */
	while (tc->firing == t && tc != timer_this_cpu()) {
		spin_unlock(&tc->lock);
		__asm__ volatile("pause" ::: "memory");
		spin_lock(&tc->lock);
	}
	/* Unlink after the wait: the fire() we waited for may have started
	 * t again (a periodic alarm does), on that same CPU's list. */
	list_del(&t->link);	/* the LAPIC timer may go off for nothing */
	spin_unlock(&tc->lock);
}

/* (Re)arm t to fire once time_now_ns() >= expires, on this CPU. */
void ktimer_start(struct ktimer *t, uint64_t expires)
{
	struct timer_cpu *tc = timer_this_cpu();
	struct list_head *pos;

	if (t->cpu != tc)
		ktimer_stop(t);		/* it may be on another CPU's list */
	spin_lock(&tc->lock);
	list_del(&t->link);
	t->cpu = tc;
	t->expires = expires;
	for (pos = tc->timers.next; pos != &tc->timers; pos = pos->next)
		if (list_entry(pos, struct ktimer, link)->expires > expires)
			break;
	list_add_tail(&t->link, pos);	/* before pos: the list stays sorted */
	if (expires < tc->programmed)
		timer_program(tc);
	spin_unlock(&tc->lock);
}

/*
 * The LAPIC timer went off (trap.c): fire what is due, program the next.
 * Each fire() runs with the list unlocked (see the header).
 */
void timer_irq(void)
{
	struct timer_cpu *tc = timer_this_cpu();
	uint64_t now = time_now_ns();

	spin_lock(&tc->lock);
	tc->programmed = TIME_NEVER;	/* a one-shot: it is stopped now */
	while (!list_empty(&tc->timers)) {
		struct ktimer *t = list_first(&tc->timers, struct ktimer, link);
		if (t->expires > now)
			break;
		list_del(&t->link);
		tc->firing = t;
		spin_unlock(&tc->lock);
		t->fire(t);
		spin_lock(&tc->lock);
		tc->firing = NULL;	/* ktimer_stop may go on now */
	}
	timer_program(tc);
	spin_unlock(&tc->lock);
}
