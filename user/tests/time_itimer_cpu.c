/*
 * time_itimer_cpu - the CPU-time interval timers, ITIMER_VIRTUAL (user
 * time, SIGVTALRM) and ITIMER_PROF (user + system time, SIGPROF).
 *
 *  1. A busy loop in user mode gets SIGVTALRM from a 50 ms ITIMER_VIRTUAL,
 *     and by then the process has used at least 50 ms of CPU time
 *     (CLOCK_PROCESS_CPUTIME_ID).  The same for ITIMER_PROF.
 *  2. A sleeping process uses no CPU time: with a 20 ms ITIMER_VIRTUAL
 *     and ITIMER_PROF armed, a 200 ms nanosleep brings no signal, and
 *     getitimer shows both with more than 10 ms left.
 *  3. A loop of system calls (getppid) runs partly in the kernel: after
 *     100 ms of it, ITIMER_PROF has counted more than ITIMER_VIRTUAL
 *     (both armed with 10 s at the start; each counts down what it
 *     counts), and getrusage shows system time.
 *  4. A periodic ITIMER_VIRTUAL (10 ms, then every 10 ms) fires again and
 *     again: three signals in a busy loop; getitimer reports its interval
 *     exactly.  setitimer returns the old setting; a zero value disarms.
 *  5. A forked child starts with both timers disarmed.
 *
 * Busy loops stop at a wall-clock limit (5 s) so that a timer that never
 * fires fails the test instead of hanging it.  Nothing depends on how
 * fast the host is: every bound is on CPU time the process itself used.
 */
#include <conduit/test.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/resource.h>
#include <sys/time.h>

#define MS 1000000LL

static volatile sig_atomic_t vtalrms, profs;

static void on_signal(int sig)
{
	if (sig == SIGVTALRM)
		vtalrms++;
	else
		profs++;
}

static long long clock_ns(clockid_t clock)
{
	struct timespec t;

	CHECK_EQ(clock_gettime(clock, &t), 0);
	return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void arm(int which, long value_us, long interval_us)
{
	struct itimerval v = { { interval_us / 1000000, interval_us % 1000000 },
			       { value_us / 1000000, value_us % 1000000 } };

	CHECK_EQ(setitimer(which, &v, NULL), 0);
}

static long long left_ns(int which)
{
	struct itimerval v;

	CHECK_EQ(getitimer(which, &v), 0);
	return v.it_value.tv_sec * 1000000000LL + v.it_value.tv_usec * 1000LL;
}

/* Spin in user mode until *count reaches n; false after 5 s of wall time. */
static bool spin_until(volatile sig_atomic_t *count, int n)
{
	long long give_up = clock_ns(CLOCK_MONOTONIC) + 5000 * MS;

	while (*count < n) {
		for (volatile int i = 0; i < 10000; i++)
			;
		if (clock_ns(CLOCK_MONOTONIC) > give_up)
			return false;
	}
	return true;
}

static void busy_loop_gets_signal(int which, volatile sig_atomic_t *count)
{
	long long cpu0 = clock_ns(CLOCK_PROCESS_CPUTIME_ID);

	*count = 0;
	arm(which, 50000, 0);
	CHECK(spin_until(count, 1));
	CHECK(clock_ns(CLOCK_PROCESS_CPUTIME_ID) - cpu0 >= 50 * MS);
	CHECK_EQ(left_ns(which), 0);		/* one-shot: disarmed now */
}

static void sleep_uses_no_cpu(void)
{
	struct timespec ts = { 0, 200 * MS };

	vtalrms = profs = 0;
	arm(ITIMER_VIRTUAL, 20000, 0);
	arm(ITIMER_PROF, 20000, 0);
	CHECK_EQ(nanosleep(&ts, NULL), 0);
	CHECK_EQ(vtalrms, 0);
	CHECK_EQ(profs, 0);
	CHECK(left_ns(ITIMER_VIRTUAL) > 10 * MS);
	CHECK(left_ns(ITIMER_PROF) > 10 * MS);
	arm(ITIMER_VIRTUAL, 0, 0);
	arm(ITIMER_PROF, 0, 0);
}

static void prof_counts_the_kernel(void)
{
	long long end = clock_ns(CLOCK_MONOTONIC) + 100 * MS, virt, prof;
	struct rusage ru;

	arm(ITIMER_VIRTUAL, 10000000, 0);
	arm(ITIMER_PROF, 10000000, 0);
	while (clock_ns(CLOCK_MONOTONIC) < end)
		for (int i = 0; i < 1000; i++)
			getppid();
	virt = 10000 * MS - left_ns(ITIMER_VIRTUAL);
	prof = 10000 * MS - left_ns(ITIMER_PROF);
	CHECK(virt > 0);
	CHECK(prof > virt);
	arm(ITIMER_VIRTUAL, 0, 0);
	arm(ITIMER_PROF, 0, 0);
	CHECK_EQ(getrusage(RUSAGE_SELF, &ru), 0);
	CHECK(ru.ru_stime.tv_sec > 0 || ru.ru_stime.tv_usec > 0);
}

static void periodic(void)
{
	struct itimerval v, old;

	vtalrms = 0;
	arm(ITIMER_VIRTUAL, 10000, 10000);
	CHECK_EQ(getitimer(ITIMER_VIRTUAL, &v), 0);
	CHECK_EQ(v.it_interval.tv_sec, 0);
	CHECK_EQ(v.it_interval.tv_usec, 10000);
	CHECK(v.it_value.tv_sec == 0 && v.it_value.tv_usec > 0 &&
	      v.it_value.tv_usec <= 10000);
	CHECK(spin_until(&vtalrms, 3));
	memset(&v, 0, sizeof(v));
	CHECK_EQ(setitimer(ITIMER_VIRTUAL, &v, &old), 0);	/* disarm */
	CHECK_EQ(old.it_interval.tv_usec, 10000);
	CHECK(old.it_value.tv_usec > 0 && old.it_value.tv_usec <= 10000);
	CHECK_EQ(left_ns(ITIMER_VIRTUAL), 0);
}

static void child_starts_disarmed(void)
{
	pid_t pid;

	arm(ITIMER_VIRTUAL, 5000000, 0);
	arm(ITIMER_PROF, 5000000, 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		CHECK_EQ(left_ns(ITIMER_VIRTUAL), 0);
		CHECK_EQ(left_ns(ITIMER_PROF), 0);
		_exit(0);
	}
	CHECK_EQ(wait_for_child(pid), 0);
	CHECK(left_ns(ITIMER_VIRTUAL) > 0);
	arm(ITIMER_VIRTUAL, 0, 0);
	arm(ITIMER_PROF, 0, 0);
}

int main(void)
{
	signal(SIGVTALRM, on_signal);
	signal(SIGPROF, on_signal);

	busy_loop_gets_signal(ITIMER_VIRTUAL, &vtalrms);
	busy_loop_gets_signal(ITIMER_PROF, &profs);
	sleep_uses_no_cpu();
	prof_counts_the_kernel();
	periodic();
	child_starts_disarmed();
	return 0;
}
