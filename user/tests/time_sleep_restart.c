/*
 * time_sleep_restart - a sleep cut short by a stop and continue goes on
 * for only what was left of it (Linux's restart_syscall, issue 13 item 14).
 *
 *  1. Seven children each sleep SLEEP_NS (1 s) with one call: nanosleep,
 *     clock_nanosleep (relative, and TIMER_ABSTIME), poll on an empty
 *     pipe, ppoll, select and pselect6.  Once /proc/ps shows every one
 *     asleep in it (WCHAN "sleep" or "poll"), the parent stops them all
 *     (SIGSTOP, and waitpid(WUNTRACED) until each has stopped), waits
 *     STOP_NS (0.5 s), and continues them (SIGCONT).  No handler runs, so
 *     each call restarts.  Each child measures its call on CLOCK_MONOTONIC
 *     and reports through a pipe; the call must have returned its normal
 *     result (0, a timeout), never early, and:
 *       - nanosleep, clock_nanosleep and poll keep their deadline (a
 *         restart block): they end within LATE_MAX (0.3 s) of SLEEP_NS.
 *         Starting over after the continue, as they used to, takes at
 *         least SLEEP_NS + STOP_NS = 1.5 s: the bound leaves 0.2 s of
 *         slack for a busy host and 0.2 s before that failure;
 *       - ppoll, select and pselect6 do what Linux does: they write the
 *         time left into their timeout when the stop interrupts them and
 *         restart with it, so the time stopped is not counted: they end
 *         within LATE_MAX of SLEEP_NS + STOP_NS.
 *  2. A restart block belongs to the call that left it: a nanosleep cut
 *     short by a handled signal fails with EINTR (and rem holds the time
 *     left); a read that then blocks, stopped and continued, restarts as
 *     a read (it returns the byte the parent writes after SIGCONT), not
 *     as the old sleep.
 *  3. restart_syscall (0) called directly, with nothing to restart, fails
 *     with EINTR, as on Linux.
 *
 * Synchronisation: /proc/ps tells when a child sleeps in its call (the
 * loop looks until it does, yielding in between), waitpid tells when it
 * stopped; nothing depends on a sleep being long enough.
 */
#include <conduit/test.h>
#include <poll.h>
#include <signal.h>
#include <sys/select.h>
#include <sys/syscall.h>

#define SLEEP_NS 1000000000LL
#define STOP_NS 500000000LL
#define LATE_MAX 300000000LL
#define KINDS 7

static const char *const kind_names[KINDS] = {
	"nanosleep", "clock_nanosleep", "clock_nanosleep(ABSTIME)", "poll",
	"ppoll", "select", "pselect6",
};

static long long now_ns(void)
{
	struct timespec t;

	CHECK_EQ(clock_gettime(CLOCK_MONOTONIC, &t), 0);
	return t.tv_sec * 1000000000LL + t.tv_nsec;
}

/* Sleep SLEEP_NS with the call of this kind; its result. */
static long sleep_by(int kind, int idle_fd)
{
	struct timespec ts = { 1, 0 }, abs;
	struct pollfd p = { idle_fd, POLLIN, 0 };
	struct timeval tv = { 1, 0 };
	long long deadline;
	fd_set r;

	FD_ZERO(&r);
	FD_SET(idle_fd, &r);
	switch (kind) {
	case 0: return nanosleep(&ts, NULL);
	case 1: return clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, NULL);
	case 2:
		deadline = now_ns() + SLEEP_NS;
		abs.tv_sec = deadline / 1000000000, abs.tv_nsec = deadline % 1000000000;
		return clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &abs, NULL);
	case 3: return poll(&p, 1, 1000);
	case 4: return syscall(SYS_ppoll, &p, 1, &ts, NULL, 8);
	case 5: return select(idle_fd + 1, &r, NULL, NULL, &tv);
	default: return pselect(idle_fd + 1, &r, NULL, NULL, &ts, NULL);
	}
}

/* The child: one timed call, then its result and duration to `report`. */
static void __attribute__((noreturn)) sleeper(int kind, int idle_fd, int report)
{
	long long start = now_ns(), took[2];

	took[1] = sleep_by(kind, idle_fd);
	took[0] = now_ns() - start;
	CHECK_EQ(write(report, took, sizeof(took)), (long)sizeof(took));
	_exit(0);
}

static void stop_and_continue(const pid_t *pids, int n)
{
	struct timespec pause = { 0, STOP_NS };
	int status;

	for (int i = 0; i < n; i++)
		CHECK_EQ(kill(pids[i], SIGSTOP), 0);
	for (int i = 0; i < n; i++) {
		CHECK_EQ(waitpid(pids[i], &status, WUNTRACED), pids[i]);
		CHECK(WIFSTOPPED(status));
	}
	CHECK_EQ(nanosleep(&pause, NULL), 0);
	for (int i = 0; i < n; i++)
		CHECK_EQ(kill(pids[i], SIGCONT), 0);
}

static void restart_sleeps(void)
{
	int idle[2], report[KINDS][2];
	pid_t pids[KINDS];
	long long took[2];

	CHECK_EQ(pipe(idle), 0);
	for (int k = 0; k < KINDS; k++) {
		CHECK_EQ(pipe(report[k]), 0);
		pids[k] = fork();
		CHECK(pids[k] >= 0);
		if (pids[k] == 0)
			sleeper(k, idle[0], report[k][1]);
	}
	for (int k = 0; k < KINDS; k++)
		wait_asleep(pids[k], k < 3 ? "sleep" : "poll");
	stop_and_continue(pids, KINDS);
	for (int k = 0; k < KINDS; k++) {
		CHECK_EQ(read(report[k][0], took, sizeof(took)), (long)sizeof(took));
		CHECK_EQ(wait_for_child(pids[k]), 0);
		long long want = k < 4 ? SLEEP_NS : SLEEP_NS + STOP_NS;
		if (took[1] != 0 || took[0] < want || took[0] >= want + LATE_MAX) {
			fprintf(stderr, "FAIL %s(1 s), stopped for 0.5 s: returned %ld after %ld ms, not %ld\n",
				kind_names[k], (long)took[1], (long)(took[0] / 1000000),
				(long)(want / 1000000));
			exit(1);
		}
		CHECK_EQ(close(report[k][0]), 0);
		CHECK_EQ(close(report[k][1]), 0);
	}
	CHECK_EQ(close(idle[0]), 0);
	CHECK_EQ(close(idle[1]), 0);
}

static void on_usr1(int sig)
{
	(void)sig;
}

/* The child of part 2: a handled signal ends its sleep, then it reads. */
static void __attribute__((noreturn)) eintr_then_read(int in, int out)
{
	struct timespec ts = { 10, 0 }, rem = { 0, 0 };
	struct sigaction sa;
	char c;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;		/* no SA_RESTART */
	CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
	CHECK_EQ(write(out, "r", 1), 1);	/* the handler is in place */
	CHECK_EQ(nanosleep(&ts, &rem), -1);
	CHECK_EQ(errno, EINTR);
	CHECK(rem.tv_sec > 0 && rem.tv_sec <= 10);
	CHECK_EQ(read(in, &c, 1), 1);		/* stopped and continued in here */
	CHECK_EQ(c, 'x');
	_exit(0);
}

static void block_is_not_reused(void)
{
	int to_child[2], from_child[2];
	pid_t pid;
	char c;

	CHECK_EQ(pipe(to_child), 0);
	CHECK_EQ(pipe(from_child), 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0)
		eintr_then_read(to_child[0], from_child[1]);
	CHECK_EQ(read(from_child[0], &c, 1), 1);
	wait_asleep(pid, "sleep");
	CHECK_EQ(kill(pid, SIGUSR1), 0);
	wait_asleep(pid, "pipe-read");
	stop_and_continue(&pid, 1);
	CHECK_EQ(write(to_child[1], "x", 1), 1);
	CHECK_EQ(wait_for_child(pid), 0);
	CHECK_EQ(close(to_child[0]), 0);
	CHECK_EQ(close(to_child[1]), 0);
	CHECK_EQ(close(from_child[0]), 0);
	CHECK_EQ(close(from_child[1]), 0);
}

int main(void)
{
	restart_sleeps();
	block_is_not_reused();

	/* 3 */
	errno = 0;
	CHECK_EQ(syscall(SYS_restart_syscall), -1);
	CHECK_EQ(errno, EINTR);
	return 0;
}
