/*
 * timer.c - the programmable interval timer (PIT), timed sleeps, and the
 * wall clock.
 *
 * The PIT interrupts HZ times a second (IRQ 0).  Each tick advances
 * timer_ticks, fires the kernel timers that are due, and lets the
 * scheduler account the running process's time slice.
 *
 * Kernel timers (struct ktimer) wait on `timer_list`, kept sorted by
 * expiry, so a tick only looks at the head.  Two kinds exist: a process's
 * sleep deadline (fires: wake the process) and its alarm() (fires: send
 * SIGALRM).  The list is touched with interrupts off, since the tick
 * interrupt walks it.
 *
 * A sleep with a deadline (sched_sleep in sched.c) arms the sleeper's
 * sleep_timer; when it fires the process is made runnable again.
 *
 * The time of day is read once from the CMOS real-time clock at boot and
 * then advanced by ticks.
 */
#include "time/timer.h"
#include "lib/list.h"
#include "proc/proc.h"
#include "arch/x86.h"

#define PIT_FREQ 1193182
#define PIT_CH0 0x40
#define PIT_CMD 0x43

volatile uint64_t timer_ticks;
static struct list_head timer_list = { &timer_list, &timer_list };	/* ktimers by expiry */
static uint64_t boot_epoch;	/* seconds since 1970 at boot */

static uint8_t cmos_read(uint8_t reg)
{
	outb(0x70, reg);
	return inb(0x71);
}

static uint32_t bcd(uint8_t v)
{
	return (v & 0x0F) + (v >> 4) * 10;
}

/* Days from 1970-01-01 to the given date (a Gregorian calendar count). */
static uint64_t days_since_epoch(uint32_t y, uint32_t m, uint32_t d)
{
	static const uint16_t before_month[12] = {
		0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334 };
	uint64_t days = (y - 1970) * 365 + before_month[m - 1] + d - 1;

	days += (y - 1969) / 4 - (y - 1901) / 100 + (y - 1601) / 400;
	if (m > 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))
		days++;
	return days;
}

static void rtc_read_epoch(void)
{
	bool binary = cmos_read(0x0B) & 0x04;
	uint32_t s = cmos_read(0x00), mi = cmos_read(0x02), h = cmos_read(0x04);
	uint32_t d = cmos_read(0x07), mo = cmos_read(0x08), y = cmos_read(0x09);

	if (!binary) {
		s = bcd(s), mi = bcd(mi), h = bcd(h);
		d = bcd(d), mo = bcd(mo), y = bcd(y);
	}
	if (mo < 1 || mo > 12)
		return;
	boot_epoch = days_since_epoch(2000 + y, mo, d) * 86400 +
		     h * 3600 + mi * 60 + s;
}

void timer_init(void)
{
	uint32_t divisor = PIT_FREQ / HZ;

	outb(PIT_CMD, 0x36);	/* channel 0, lo/hi byte, square wave */
	outb(PIT_CH0, divisor & 0xFF);
	outb(PIT_CH0, divisor >> 8);
	rtc_read_epoch();
}

uint64_t timer_boot_epoch(void)
{
	return boot_epoch;
}

uint64_t timer_ms_to_ticks(uint64_t ms)
{
	return (ms * HZ + 999) / 1000;
}

/*
 * The tick count at which a wait of `ms` milliseconds may end: rounded up,
 * plus one tick because the current tick is partly over already, so that a
 * sleep is never shorter than asked.  0 ms means "now".
 */
uint64_t timer_deadline_ms(uint64_t ms)
{
	return ms ? timer_ticks + timer_ms_to_ticks(ms) + 1 : timer_ticks;
}

void ktimer_init(struct ktimer *t, void (*fire)(struct ktimer *t))
{
	list_init(&t->link);
	t->fire = fire;
	t->expires = 0;
}

bool ktimer_pending(const struct ktimer *t)
{
	return !list_empty(&t->link);
}

/* (Re)arm t to fire at tick `expires`. */
void ktimer_start(struct ktimer *t, uint64_t expires)
{
	bool irq = irq_save();
	struct list_head *pos;

	list_del(&t->link);
	t->expires = expires;
	for (pos = timer_list.next; pos != &timer_list; pos = pos->next)
		if (list_entry(pos, struct ktimer, link)->expires > expires)
			break;
	list_add_tail(&t->link, pos);	/* before pos: the list stays sorted */
	irq_restore(irq);
}

void ktimer_stop(struct ktimer *t)
{
	bool irq = irq_save();

	list_del(&t->link);
	irq_restore(irq);
}

void timer_irq(void)
{
	timer_ticks++;
	while (!list_empty(&timer_list)) {
		struct ktimer *t = list_first(&timer_list, struct ktimer, link);
		if (t->expires > timer_ticks)
			break;
		list_del(&t->link);
		t->fire(t);
	}
	sched_tick();
}
