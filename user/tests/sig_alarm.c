/*
 * sig_alarm - alarm() delivers SIGALRM after the given number of seconds.
 *
 *   alarm returns the seconds left on the previous alarm (0 if none);
 *     alarm(0) cancels: after alarm(10), alarm(0) returns 10;
 *   with a handler installed, alarm(1) followed by pause(): pause returns
 *     -1 EINTR once the handler has run, no sooner than 1 s after the
 *     alarm was set (999 ms, as the clock is read in whole milliseconds);
 *   a new alarm replaces the old: after alarm(5), alarm(1) returns 5 and
 *     the signal comes after about 1 s (well under 4 s), once;
 *   the default action of SIGALRM terminates (a child sets alarm(1) and
 *     pauses; WTERMSIG == SIGALRM);
 *   a forked child does not inherit a pending alarm: alarm(0) in the
 *     child returns 0.
 *
 * The whole test takes about 3 seconds.
 */
#define _GNU_SOURCE
#include <conduit/test.h>
#include <signal.h>

static volatile sig_atomic_t alarms;

static void on_alarm(int sig)
{
	(void)sig;
	alarms++;
}

static long long now_ms(void)
{
	struct timespec t;

	CHECK_EQ(clock_gettime(CLOCK_MONOTONIC, &t), 0);
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static void install(void)
{
	struct sigaction act;

	memset(&act, 0, sizeof act);
	act.sa_handler = on_alarm;
	sigemptyset(&act.sa_mask);
	CHECK_EQ(sigaction(SIGALRM, &act, NULL), 0);
}

static void return_values(void)
{
	CHECK_EQ(alarm(0), 0);
	CHECK_EQ(alarm(10), 0);
	CHECK_EQ(alarm(0), 10);
	CHECK_EQ(alarm(0), 0);
}

/* alarm(seconds) then pause until the handler ran; returns elapsed ms. */
static long long alarm_and_pause(unsigned int seconds, unsigned int replaces)
{
	long long start;

	alarms = 0;
	start = now_ms();
	if (replaces) {
		CHECK_EQ(alarm(replaces), 0);
		CHECK_EQ(alarm(seconds), replaces);
	} else {
		CHECK_EQ(alarm(seconds), 0);
	}
	while (alarms == 0) {
		CHECK_EQ(pause(), -1);
		CHECK_EQ(errno, EINTR);
	}
	CHECK_EQ(alarms, 1);
	return now_ms() - start;
}

static void default_action(void)
{
	pid_t pid = fork();
	int status;

	CHECK(pid >= 0);
	if (pid == 0) {
		signal(SIGALRM, SIG_DFL);
		alarm(1);
		for (;;)
			pause();
	}
	status = wait_for_child(pid);
	CHECK(WIFSIGNALED(status));
	CHECK_EQ(WTERMSIG(status), SIGALRM);
}

static void not_inherited(void)
{
	pid_t pid;

	CHECK_EQ(alarm(100), 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0)
		_exit(alarm(0) == 0 ? 0 : 1);
	CHECK_EQ(wait_for_child(pid), 0);
	CHECK(alarm(0) > 0);
}

int main(void)
{
	long long ms;

	return_values();
	install();
	ms = alarm_and_pause(1, 0);
	CHECK(ms >= 999);
	ms = alarm_and_pause(1, 5);
	CHECK(ms >= 999);
	CHECK(ms < 4000);
	default_action();
	not_inherited();
	CHECK_EQ(alarms, 1);
	return 0;
}
