/*
 * time_cpu_accounting - user and system time: CLOCK_PROCESS_CPUTIME_ID,
 * getrusage (RUSAGE_SELF, RUSAGE_CHILDREN), times(), and wait4's rusage.
 *
 *  1. CPU time moves while the process runs and not while it sleeps:
 *     100 ms of busy loop adds more than 50 ms to CLOCK_PROCESS_CPUTIME_ID
 *     (QEMU's TSC is the host's, so even a busy host charges the loop its
 *     wall time), a 100 ms nanosleep less than 20 ms.  The thread clock
 *     reads the same time (one thread per process).
 *  2. A child's time reaches its parent only when it is waited for: a
 *     child spins for SPIN_MS of CPU time and says so through a pipe;
 *     until the parent has waited, RUSAGE_CHILDREN and tms_cutime show
 *     nothing; after waitpid they show at least 3/4 of it (the rest
 *     could have been system time: the child's clock_gettime calls).
 *     Grandchildren count too: a second child waits for its own
 *     spinning child, and after the parent waits for it, RUSAGE_CHILDREN
 *     holds both spins.  The parent's own user time stays small.
 *  3. wait4's rusage is the reaped child's (with its children's) times.
 *  4. times() returns the clock ticks since boot, which move forward;
 *     getrusage with another `who` is EINVAL; bad pointers are EFAULT.
 */
#include <conduit/test.h>
#include <sys/resource.h>
#include <stdbool.h>
#include <sys/times.h>

#define MS 1000000LL
#define SPIN_MS 200

static long long clock_ns(clockid_t clock)
{
	struct timespec t;

	CHECK_EQ(clock_gettime(clock, &t), 0);
	return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static long long tv_ns(struct timeval tv)
{
	return tv.tv_sec * 1000000000LL + tv.tv_usec * 1000LL;
}

/* Use ms of CPU time, by this process's own clock. */
static void spin_cpu(long ms)
{
	long long end = clock_ns(CLOCK_PROCESS_CPUTIME_ID) + ms * MS;

	while (clock_ns(CLOCK_PROCESS_CPUTIME_ID) < end)
		for (volatile int i = 0; i < 100000; i++)
			;
}

static void cpu_clock_moves_only_when_running(void)
{
	struct timespec ts = { 0, 100 * MS };
	long long cpu, wall_end, t;

	cpu = clock_ns(CLOCK_PROCESS_CPUTIME_ID);
	wall_end = clock_ns(CLOCK_MONOTONIC) + 100 * MS;
	while (clock_ns(CLOCK_MONOTONIC) < wall_end)
		;
	CHECK(clock_ns(CLOCK_PROCESS_CPUTIME_ID) - cpu > 50 * MS);
	cpu = clock_ns(CLOCK_PROCESS_CPUTIME_ID);
	CHECK_EQ(nanosleep(&ts, NULL), 0);
	CHECK(clock_ns(CLOCK_PROCESS_CPUTIME_ID) - cpu < 20 * MS);
	t = clock_ns(CLOCK_THREAD_CPUTIME_ID);
	cpu = clock_ns(CLOCK_PROCESS_CPUTIME_ID);
	CHECK(cpu >= t && cpu - t < 20 * MS);
}

static long long children_user_ns(void)
{
	struct rusage ru;

	CHECK_EQ(getrusage(RUSAGE_CHILDREN, &ru), 0);
	return tv_ns(ru.ru_utime);
}

/* A child that spins `ms`, optionally first waiting for a spinning child. */
static pid_t spinner(long ms, bool with_grandchild, int done_fd)
{
	pid_t pid = fork();

	CHECK(pid >= 0);
	if (pid == 0) {
		if (with_grandchild)
			CHECK_EQ(wait_for_child(spinner(ms, false, -1)), 0);
		else
			spin_cpu(ms);
		if (done_fd >= 0)
			CHECK_EQ(write(done_fd, "d", 1), 1);
		_exit(0);
	}
	return pid;
}

static void children_times(void)
{
	struct tms t;
	struct rusage self;
	int fds[2];
	pid_t pid;
	char c;

	CHECK_EQ(pipe(fds), 0);
	CHECK_EQ(children_user_ns(), 0);
	pid = spinner(SPIN_MS, false, fds[1]);
	CHECK_EQ(read(fds[0], &c, 1), 1);	/* it has spun */
	CHECK_EQ(children_user_ns(), 0);	/* but is not waited for */
	CHECK(times(&t) != (clock_t)-1);
	CHECK_EQ(t.tms_cutime, 0);
	CHECK_EQ(wait_for_child(pid), 0);
	CHECK(children_user_ns() >= SPIN_MS * MS * 3 / 4);
	CHECK(times(&t) != (clock_t)-1);
	CHECK(t.tms_cutime >= SPIN_MS / 10 * 3 / 4);	/* 100 ticks a second */

	pid = spinner(SPIN_MS / 2, true, -1);
	CHECK_EQ(wait_for_child(pid), 0);
	CHECK(children_user_ns() >= (SPIN_MS + SPIN_MS / 2) * MS * 3 / 4);

	CHECK_EQ(getrusage(RUSAGE_SELF, &self), 0);
	CHECK(tv_ns(self.ru_utime) < children_user_ns());
	CHECK_EQ(close(fds[0]), 0);
	CHECK_EQ(close(fds[1]), 0);
}

static void wait4_rusage(void)
{
	struct rusage ru;
	int status;
	pid_t pid = spinner(SPIN_MS / 2, false, -1);

	memset(&ru, 0xff, sizeof(ru));
	CHECK_EQ(wait4(pid, &status, 0, &ru), pid);
	CHECK_EQ(status, 0);
	CHECK(tv_ns(ru.ru_utime) >= SPIN_MS / 2 * MS * 3 / 4);
	CHECK(ru.ru_utime.tv_usec >= 0 && ru.ru_utime.tv_usec < 1000000);
	CHECK(ru.ru_stime.tv_usec >= 0 && ru.ru_stime.tv_usec < 1000000);
	CHECK_EQ(ru.ru_maxrss, 0);		/* not counted: zero, not garbage */
}

static void errors_and_ticks(void)
{
	struct rusage ru;
	clock_t a, b;

	a = times(NULL);
	spin_cpu(20);
	b = times(NULL);
	CHECK(a >= 0 && b > a);
	errno = 0;
	CHECK_EQ(getrusage(5, &ru), -1);
	CHECK_EQ(errno, EINVAL);
	CHECK_EQ(getrusage(RUSAGE_SELF, opaque_pointer(0xC0000000)), -1);
	CHECK_EQ(errno, EFAULT);
	CHECK_EQ(getrusage(RUSAGE_THREAD, &ru), 0);
	CHECK(times(opaque_pointer(1)) == (clock_t)-1);
	CHECK_EQ(errno, EFAULT);
}

int main(void)
{
	cpu_clock_moves_only_when_running();
	children_times();
	wait4_rusage();
	errors_and_ticks();
	return 0;
}
