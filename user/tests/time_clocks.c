/*
 * time_clocks - the clocks: clock_gettime and clock_getres for every
 * clock glibc asks for, gettimeofday and time at full precision, and
 * clock_nanosleep's and nanosleep's argument rules.
 *
 *  1. clock_getres says 1 ns for clocks 0..7 (REALTIME, MONOTONIC, the
 *     two CPU-time clocks, MONOTONIC_RAW, the coarse ones, BOOTTIME), and
 *     accepts a NULL result; any other id (8, 11, 100, -1) is EINVAL, for
 *     clock_gettime too.
 *  2. clock_gettime gives a valid timespec on each; the monotonic clocks
 *     never go back; REALTIME agrees with time() to the second, and
 *     REALTIME - MONOTONIC stays put (nothing sets the clock).
 *  3. Precision: reading CLOCK_MONOTONIC until it changes, it changes by
 *     less than 1 ms (a 100 Hz tick would make it jump by 10 ms), and
 *     gettimeofday by less than 1000 us.
 *  4. clock_nanosleep returns error numbers (not -1): EINVAL for an
 *     unknown clock, a CPU-time clock or tv_nsec = 10^9, EOPNOTSUPP for
 *     MONOTONIC_RAW, EFAULT for a bad request; an absolute time already
 *     past (or 0 on CLOCK_REALTIME) returns 0 at once.  A handled signal
 *     ends a relative sleep with EINTR and the time left in rem (the
 *     child sends it once /proc/ps shows the parent asleep).
 *     nanosleep: EINVAL for a negative tv_nsec, 0 for a zero request.
 */
#include <conduit/test.h>
#include <signal.h>
#include <sys/time.h>

#define MS 1000000LL

static long long clock_ns(clockid_t clock)
{
	struct timespec t;

	CHECK_EQ(clock_gettime(clock, &t), 0);
	CHECK(t.tv_sec >= 0 && t.tv_nsec >= 0 && t.tv_nsec < 1000000000);
	return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void resolutions(void)
{
	static const int bad[] = { 8, 11, 100, -1 };
	struct timespec res;

	for (int c = 0; c <= 7; c++) {
		res.tv_sec = res.tv_nsec = -1;
		CHECK_EQ(clock_getres(c, &res), 0);
		CHECK_EQ(res.tv_sec, 0);
		CHECK_EQ(res.tv_nsec, 1);
		CHECK_EQ(clock_getres(c, NULL), 0);
		clock_ns(c);
	}
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		errno = 0;
		CHECK_EQ(clock_getres(bad[i], &res), -1);
		CHECK_EQ(errno, EINVAL);
		CHECK_EQ(clock_gettime(bad[i], &res), -1);
		CHECK_EQ(errno, EINVAL);
	}
	CHECK_EQ(clock_gettime(CLOCK_MONOTONIC, opaque_pointer(0xC0000000)), -1);
	CHECK_EQ(errno, EFAULT);
}

static void agreement(void)
{
	static const int monotonic[] = { CLOCK_MONOTONIC, CLOCK_MONOTONIC_RAW,
					 CLOCK_MONOTONIC_COARSE, CLOCK_BOOTTIME };
	long long offset1, offset2, r;
	time_t t;

	for (unsigned i = 0; i < 4; i++) {
		long long a = clock_ns(monotonic[i]), b = clock_ns(monotonic[i]);
		CHECK(b >= a);
	}
	t = time(NULL);
	r = clock_ns(CLOCK_REALTIME) / 1000000000;
	CHECK(r >= t && r - t <= 1);
	offset1 = clock_ns(CLOCK_REALTIME) - clock_ns(CLOCK_MONOTONIC);
	sleep_ms(20);
	offset2 = clock_ns(CLOCK_REALTIME_COARSE) - clock_ns(CLOCK_MONOTONIC_COARSE);
	CHECK(offset2 - offset1 < MS && offset1 - offset2 < MS);
}

static void precision(void)
{
	long long a = clock_ns(CLOCK_MONOTONIC), b;
	struct timeval t0, t1;
	long us;

	while ((b = clock_ns(CLOCK_MONOTONIC)) == a)
		;
	CHECK(b - a < MS);
	CHECK_EQ(gettimeofday(&t0, NULL), 0);
	do
		CHECK_EQ(gettimeofday(&t1, NULL), 0);
	while (t1.tv_sec == t0.tv_sec && t1.tv_usec == t0.tv_usec);
	us = (t1.tv_sec - t0.tv_sec) * 1000000L + (t1.tv_usec - t0.tv_usec);
	CHECK(us > 0 && us < 1000);
	CHECK(t1.tv_usec >= 0 && t1.tv_usec < 1000000);
}

static void on_usr1(int sig)
{
	(void)sig;
}

static void sleep_errors(void)
{
	struct timespec ts = { 0, 1000000000 }, past, rem;
	struct sigaction sa;
	pid_t pid;

	CHECK_EQ(clock_nanosleep(100, 0, &ts, NULL), EINVAL);
	ts.tv_nsec = 1000;
	CHECK_EQ(clock_nanosleep(CLOCK_PROCESS_CPUTIME_ID, 0, &ts, NULL), EINVAL);
	CHECK_EQ(clock_nanosleep(CLOCK_MONOTONIC_RAW, 0, &ts, NULL), EOPNOTSUPP);
	CHECK_EQ(clock_nanosleep(CLOCK_MONOTONIC, 0, opaque_pointer(0), NULL), EFAULT);
	ts.tv_nsec = 1000000000;
	CHECK_EQ(clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, NULL), EINVAL);
	CHECK_EQ(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL), EINVAL);
	CHECK_EQ(clock_gettime(CLOCK_MONOTONIC, &past), 0);
	CHECK_EQ(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &past, NULL), 0);
	past.tv_sec = past.tv_nsec = 0;
	CHECK_EQ(clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &past, NULL), 0);
	CHECK_EQ(nanosleep(&past, NULL), 0);
	past.tv_nsec = -1;
	errno = 0;
	CHECK_EQ(nanosleep(&past, NULL), -1);
	CHECK_EQ(errno, EINVAL);

	/* A handler ends a relative clock_nanosleep: EINTR, and rem. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		wait_asleep(getppid(), "sleep");	/* in clock_nanosleep */
		kill(getppid(), SIGUSR1);
		_exit(0);
	}
	ts.tv_sec = 20, ts.tv_nsec = 0;
	rem.tv_sec = rem.tv_nsec = -1;
	CHECK_EQ(clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, &rem), EINTR);
	CHECK(rem.tv_sec >= 5 && rem.tv_sec < 20);
	CHECK(rem.tv_nsec >= 0 && rem.tv_nsec < 1000000000);
	CHECK_EQ(wait_for_child(pid), 0);
}

int main(void)
{
	resolutions();
	agreement();
	precision();
	sleep_errors();
	return 0;
}
