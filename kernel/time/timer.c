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
 * Locking: the list and `programmed` are touched with interrupts off
 * (the interrupt walks them).  With several CPUs (issue 15) each CPU has
 * its own struct timer_cpu (timer_this_cpu() will pick it) and a timer is
 * started and fired on one CPU.
 */
#include "time/timer.h"
#include "arch/lapic.h"
#include "arch/x86.h"

static struct timer_cpu boot_cpu = {
	.timers = { &boot_cpu.timers, &boot_cpu.timers },
	.programmed = TIME_NEVER,
};

struct timer_cpu *timer_this_cpu(void)
{
	return &boot_cpu;
}

/* The clock first (calibrated against the PIT), then the APIC timer
 * (calibrated against the clock). */
void timer_init(void)
{
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
}

bool ktimer_pending(const struct ktimer *t)
{
	return !list_empty(&t->link);
}

/* (Re)arm t to fire once time_now_ns() >= expires. */
void ktimer_start(struct ktimer *t, uint64_t expires)
{
	bool irq = irq_save();
	struct timer_cpu *tc = timer_this_cpu();
	struct list_head *pos;

	list_del(&t->link);
	t->expires = expires;
	for (pos = tc->timers.next; pos != &tc->timers; pos = pos->next)
		if (list_entry(pos, struct ktimer, link)->expires > expires)
			break;
	list_add_tail(&t->link, pos);	/* before pos: the list stays sorted */
	if (expires < tc->programmed)
		timer_program(tc);
	irq_restore(irq);
}

void ktimer_stop(struct ktimer *t)
{
	bool irq = irq_save();

	list_del(&t->link);	/* the LAPIC timer may go off for nothing */
	irq_restore(irq);
}

/* The LAPIC timer went off (trap.c): fire what is due, program the next. */
void timer_irq(void)
{
	struct timer_cpu *tc = timer_this_cpu();
	uint64_t now = time_now_ns();

	tc->programmed = TIME_NEVER;	/* a one-shot: it is stopped now */
	while (!list_empty(&tc->timers)) {
		struct ktimer *t = list_first(&tc->timers, struct ktimer, link);
		if (t->expires > now)
			break;
		list_del(&t->link);
		t->fire(t);
	}
	timer_program(tc);
}
