/*
 * sig_itimer - setitimer()/getitimer() with ITIMER_REAL: a periodic timer
 * delivers SIGALRM again and again; getitimer reports what is armed;
 * a zero value disarms and setitimer returns the old setting; a tiny
 * value (1 us) still fires; alarm() shares the timer (and ends the
 * period); a forked child has no timer; bad arguments give EINVAL or
 * EFAULT.  (ITIMER_VIRTUAL and ITIMER_PROF: time_itimer_cpu.)
 *
 * Waits for SIGALRM with sigsuspend() with SIGALRM blocked in between, so
 * no signal can slip by unseen and nothing depends on how fast QEMU runs.
 */
#include <conduit/test.h>
#include <signal.h>
#include <sys/time.h>

static volatile sig_atomic_t alarms;

static void on_alarm(int sig)
{
	(void)sig;
	alarms++;
}

/* Sleep in sigsuspend until at least `count` SIGALRMs have arrived. */
static void wait_for_alarms(int count)
{
	sigset_t none;

	sigemptyset(&none);
	while (alarms < count)
		sigsuspend(&none);
}

static void set_timer(long value_us, long interval_us, struct itimerval *old)
{
	struct itimerval v;

	v.it_value.tv_sec = value_us / 1000000;
	v.it_value.tv_usec = value_us % 1000000;
	v.it_interval.tv_sec = interval_us / 1000000;
	v.it_interval.tv_usec = interval_us % 1000000;
	CHECK_EQ(setitimer(ITIMER_REAL, &v, old), 0);
}

static void check_bad_arguments(void)
{
	struct itimerval v = { { 0, 0 }, { 0, 1000000 } };

	errno = 0;
	CHECK_EQ(setitimer(ITIMER_REAL, &v, NULL), -1);	/* usec too big */
	CHECK_EQ(errno, EINVAL);
	v.it_value.tv_usec = 0;
	v.it_value.tv_sec = -1;
	CHECK_EQ(setitimer(ITIMER_REAL, &v, NULL), -1);
	CHECK_EQ(errno, EINVAL);
	v.it_value.tv_sec = 1;
	CHECK_EQ(setitimer(3, &v, NULL), -1);	/* not a timer */
	CHECK_EQ(errno, EINVAL);
	CHECK_EQ(getitimer(-1, &v), -1);
	CHECK_EQ(errno, EINVAL);
	CHECK_EQ(setitimer(ITIMER_REAL, opaque_pointer(0xC0000000), NULL), -1);
	CHECK_EQ(errno, EFAULT);
	CHECK_EQ(setitimer(ITIMER_REAL, &v, opaque_pointer(1)), -1);
	CHECK_EQ(errno, EFAULT);
	CHECK_EQ(getitimer(ITIMER_REAL, opaque_pointer(0xC0000000)), -1);
	CHECK_EQ(errno, EFAULT);
	CHECK_EQ(getitimer(ITIMER_REAL, &v), 0);	/* the failures armed nothing */
	CHECK(v.it_value.tv_sec == 0 && v.it_value.tv_usec == 0);
}

int main(void)
{
	struct itimerval now, old;
	sigset_t alrm;
	pid_t pid;

	signal(SIGALRM, on_alarm);
	sigemptyset(&alrm);
	sigaddset(&alrm, SIGALRM);
	sigprocmask(SIG_BLOCK, &alrm, NULL);

	CHECK_EQ(getitimer(ITIMER_REAL, &now), 0);	/* nothing armed */
	CHECK(now.it_value.tv_sec == 0 && now.it_value.tv_usec == 0);
	CHECK(now.it_interval.tv_sec == 0 && now.it_interval.tv_usec == 0);

	/* Periodic: 50 ms, then every 30 ms. */
	set_timer(50000, 30000, NULL);
	CHECK_EQ(getitimer(ITIMER_REAL, &now), 0);
	CHECK_EQ(now.it_interval.tv_sec, 0);
	CHECK_EQ(now.it_interval.tv_usec, 30000);
	CHECK(now.it_value.tv_sec == 0 && now.it_value.tv_usec <= 50000);
	wait_for_alarms(4);

	/* Disarm; the old setting comes back. */
	set_timer(0, 0, &old);
	CHECK_EQ(old.it_interval.tv_usec, 30000);
	CHECK(old.it_value.tv_usec <= 30000);
	CHECK_EQ(getitimer(ITIMER_REAL, &now), 0);
	CHECK(now.it_value.tv_sec == 0 && now.it_value.tv_usec == 0);

	/* A value of 1 us still fires, once. */
	alarms = 0;
	set_timer(1, 0, NULL);
	wait_for_alarms(1);
	CHECK_EQ(getitimer(ITIMER_REAL, &now), 0);
	CHECK(now.it_value.tv_sec == 0 && now.it_value.tv_usec == 0);

	/* alarm() is the same timer: it reports and replaces it. */
	set_timer(10 * 1000000L, 1000000, NULL);
	CHECK_EQ(alarm(0), 10);
	CHECK_EQ(getitimer(ITIMER_REAL, &now), 0);
	CHECK(now.it_value.tv_sec == 0 && now.it_interval.tv_sec == 0);

	/* A child does not inherit the timer. */
	set_timer(10 * 1000000L, 0, NULL);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		CHECK_EQ(getitimer(ITIMER_REAL, &now), 0);
		CHECK(now.it_value.tv_sec == 0 && now.it_value.tv_usec == 0);
		_exit(0);
	}
	CHECK_EQ(wait_for_child(pid), 0);
	set_timer(0, 0, NULL);

	check_bad_arguments();
	return 0;
}
