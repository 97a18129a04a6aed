/*
 * clock.c - the kernel's clock: nanoseconds since boot, read from the
 * processor's time-stamp counter, and the time of day.
 *
 * The TSC counts at a constant rate (`rdtsc`, a few cycles to read, no
 * interrupt needed), but nothing tells us that rate.  So clock_init()
 * measures it once, against a clock whose rate is known: the PIT, the
 * 1,193,182 Hz interval timer of every PC.  Its channel 2 is started as a
 * one-shot of PIT_WINDOW counts; we read the TSC when it starts and when
 * its output goes high (bit 5 of port 0x61), three times, and keep the
 * median (a host that pauses QEMU during one window cannot spoil it).
 * The rate is kept in kHz (tsc_khz) and as two scale factors (below).
 *
 *     time_now_ns() = (rdtsc() - tsc_at_boot) * ns per cycle
 *
 * is CLOCK_MONOTONIC: it starts at 0 in clock_init and never goes back.
 * CLOCK_REALTIME is the CMOS real-time clock's reading at boot (whole
 * seconds since 1970) plus CLOCK_MONOTONIC; nothing sets the clock, so
 * the two differ by a constant.  Deadlines of sleeps and timers
 * (timer.c) are CLOCK_MONOTONIC nanoseconds; TIME_NEVER is "no deadline".
 *
 * Scaling without division.  ns = cycles * 10^6 / tsc_khz would need a
 * 64-bit division on every reading, and cycles * 10^6 overflows 64 bits
 * after a few hours.  Instead the factor "ns per cycle" is kept as a
 * fixed-point number with 32 fraction bits (ns_per_cycle_q32 =
 * 2^32 * 10^6 / tsc_khz), and scale_q32(a, q) computes a * q / 2^32
 * exactly from four 32x32-bit products, so no bits are lost.  The same
 * helper turns ns into cycles (cputime.c, itimer.c) and into local APIC
 * timer counts (lapic.c).
 *
 * The TSC rate is also what turns other TSC readings into time
 * (clock_tsc_to_ns, clock_cycles_to_ns: CPU time accounting, trace
 * timestamps).  Several CPUs (issue 15): their TSCs run in step on
 * QEMU and on every CPU with an invariant TSC, so one calibration serves
 * them all.
 *
 * Everything here is set once at boot and only read afterwards: no lock.
 */
#include "time/clock.h"
#include "lib/errno.h"
#include "lib/lib.h"
#include "lib/panic.h"
#include "arch/x86.h"

#define PIT_HZ 1193182
#define PIT_CH2 0x42
#define PIT_CMD 0x43
#define PIT_PORT_B 0x61		/* bit 0: channel 2 gate, 1: speaker, 5: channel 2 out */
#define PIT_WINDOW 29830	/* counts: 25 ms */
#define CALIBRATIONS 3

static uint64_t tsc_at_boot;
static uint32_t tsc_khz;
static uint64_t ns_per_cycle_q32;	/* 2^32 * ns per TSC cycle */
static uint64_t cycles_per_ns_q32;	/* 2^32 * TSC cycles per ns */
static uint64_t boot_epoch_ns;		/* CLOCK_REALTIME at time 0 */

/* a * q32 / 2^32, exactly (as long as the result fits in 64 bits). */
uint64_t scale_q32(uint64_t a, uint64_t q32)
{
	uint32_t al = a, ah = a >> 32, ql = q32, qh = q32 >> 32;

	return ((uint64_t)ah * qh << 32) + (uint64_t)ah * ql +
	       (uint64_t)al * qh + ((uint64_t)al * ql >> 32);
}

/* TSC cycles while PIT channel 2 counts PIT_WINDOW down to 0 (mode 0). */
static uint64_t tsc_cycles_in_pit_window(void)
{
	uint8_t port_b = inb(PIT_PORT_B);
	uint64_t start, now;

	outb(PIT_PORT_B, (port_b & ~0x02) | 0x01);	/* gate on, speaker off */
	outb(PIT_CMD, 0xB0);		/* channel 2, low then high byte, mode 0 */
	outb(PIT_CH2, PIT_WINDOW & 0xFF);
	outb(PIT_CH2, PIT_WINDOW >> 8);	/* the count starts now */
	start = rdtsc();
	do {
		now = rdtsc();
		if (now - start > (1ull << 40))	/* minutes at any clock rate */
			panic("clock: PIT channel 2 never finished counting");
	} while (!(inb(PIT_PORT_B) & 0x20));
	outb(PIT_PORT_B, port_b);
	return now - start;
}

static void tsc_calibrate(void)
{
	uint64_t c[CALIBRATIONS], t;

	for (int i = 0; i < CALIBRATIONS; i++)
		c[i] = tsc_cycles_in_pit_window();
	for (int i = 0; i < CALIBRATIONS; i++)	/* sort, for the median */
		for (int j = i + 1; j < CALIBRATIONS; j++)
			if (c[j] < c[i])
				t = c[i], c[i] = c[j], c[j] = t;
	/* kHz = cycles / (PIT_WINDOW / PIT_HZ seconds) / 1000 */
	tsc_khz = c[CALIBRATIONS / 2] * PIT_HZ / ((uint64_t)PIT_WINDOW * 1000);
	if (tsc_khz == 0)
		panic("clock: the TSC does not advance");
	ns_per_cycle_q32 = (NSEC_PER_MSEC << 32) / tsc_khz;
	cycles_per_ns_q32 = ((uint64_t)tsc_khz << 32) / NSEC_PER_MSEC;
}

/* ---- the CMOS real-time clock, read once ---- */

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

/* Seconds since 1970 (UTC), or 0 if the RTC makes no sense. */
static uint64_t rtc_read_epoch(void)
{
	bool binary = cmos_read(0x0B) & 0x04;
	uint32_t s, mi, h, d, mo, y;

	for (int i = 0; i < 100000 && (cmos_read(0x0A) & 0x80); i++)
		;		/* an update is in progress: wait it out */
	s = cmos_read(0x00), mi = cmos_read(0x02), h = cmos_read(0x04);
	d = cmos_read(0x07), mo = cmos_read(0x08), y = cmos_read(0x09);
	if (!binary) {
		s = bcd(s), mi = bcd(mi), h = bcd(h);
		d = bcd(d), mo = bcd(mo), y = bcd(y);
	}
	if (mo < 1 || mo > 12)
		return 0;
	return days_since_epoch(2000 + y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
}

void clock_init(void)
{
	if (!(cpuid_features_edx() & CPUID_TSC))
		panic("clock: this CPU has no time-stamp counter (CPUID.1:EDX bit 4)");
	tsc_at_boot = rdtsc();
	boot_epoch_ns = rtc_read_epoch() * NSEC_PER_SEC;
	tsc_calibrate();
	printk("clock: TSC at %u kHz\n", tsc_khz);
}

uint32_t clock_tsc_khz(void)
{
	return tsc_khz;
}

uint64_t clock_cycles_to_ns(uint64_t cycles)
{
	return scale_q32(cycles, ns_per_cycle_q32);
}

uint64_t clock_ns_to_cycles(uint64_t ns)
{
	return scale_q32(ns, cycles_per_ns_q32);
}

uint64_t clock_tsc_to_ns(uint64_t tsc)
{
	return clock_cycles_to_ns(tsc - tsc_at_boot);
}

uint64_t time_now_ns(void)
{
	return clock_tsc_to_ns(rdtsc());
}

uint64_t time_realtime_offset_ns(void)
{
	return boot_epoch_ns;
}

uint64_t time_realtime_ns(void)
{
	return boot_epoch_ns + time_now_ns();
}

uint32_t time_realtime_sec(void)
{
	return time_realtime_ns() / NSEC_PER_SEC;
}

/* The deadline `delta_ns` from now; TIME_NEVER only for "forever". */
uint64_t time_deadline(uint64_t delta_ns)
{
	uint64_t now = time_now_ns();

	return delta_ns >= TIME_NEVER - now ? TIME_NEVER - 1 : now + delta_ns;
}

/* ---- the user's time formats ---- */

int timespec_to_ns(const struct ktimespec *ts, uint64_t *ns)
{
	if (ts->tv_sec < 0 || ts->tv_nsec < 0 || ts->tv_nsec >= (int32_t)NSEC_PER_SEC)
		return -EINVAL;
	*ns = ts->tv_sec * NSEC_PER_SEC + ts->tv_nsec;
	return 0;
}

int timeval_to_ns(const struct ktimeval *tv, uint64_t *ns)
{
	if (tv->tv_sec < 0 || tv->tv_usec < 0 || tv->tv_usec >= 1000000)
		return -EINVAL;
	*ns = tv->tv_sec * NSEC_PER_SEC + tv->tv_usec * NSEC_PER_USEC;
	return 0;
}

/* Times past 2038 (32-bit tv_sec) are not representable: they saturate. */
struct ktimespec ns_to_timespec(uint64_t ns)
{
	uint64_t sec = ns / NSEC_PER_SEC;
	struct ktimespec ts = { sec, ns % NSEC_PER_SEC };

	if (sec > 0x7FFFFFFF)
		ts.tv_sec = 0x7FFFFFFF, ts.tv_nsec = NSEC_PER_SEC - 1;
	return ts;
}

struct ktimeval ns_to_timeval(uint64_t ns)
{
	struct ktimespec ts = ns_to_timespec(ns);
	struct ktimeval tv = { ts.tv_sec, ts.tv_nsec / 1000 };

	return tv;
}

/* Rounded up to whole microseconds: a pending timer never reads as 0. */
struct ktimeval ns_to_timeval_up(uint64_t ns)
{
	return ns_to_timeval(ns + NSEC_PER_USEC - 1);
}
