/*
 * smp_affinity - sched_setaffinity, sched_getaffinity and sched_getcpu,
 * as Linux has them.
 *
 * The set a process may run on starts as every CPU that runs processes
 * (at least one; it holds the CPU we are on).  Pinned to one CPU c, a
 * process runs on c at once and reports c, its set is exactly {c}, and a
 * child it forks inherits {c}.  Every CPU of the first set is tried in
 * turn.  Masks naming no CPU that runs processes give EINVAL, a set too
 * small to hold the kernel's mask EINVAL, a pid that names nobody ESRCH,
 * a bad pointer EFAULT.  Synchronisation: waitpid only.
 */
#define _GNU_SOURCE
#include <conduit/test.h>
#include <sched.h>

static void check_pinned(int c)
{
	cpu_set_t set;

	CHECK_EQ(sched_getcpu(), c);
	CHECK_EQ(sched_getaffinity(0, sizeof(set), &set), 0);
	CHECK_EQ(CPU_COUNT(&set), 1);
	CHECK(CPU_ISSET(c, &set));
}

/* Pin ourselves to c; a child must inherit exactly that. */
static void pin_and_fork(int c)
{
	cpu_set_t one;
	pid_t pid;

	CPU_ZERO(&one);
	CPU_SET(c, &one);
	CHECK_EQ(sched_setaffinity(0, sizeof(one), &one), 0);
	check_pinned(c);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		check_pinned(c);
		_exit(0);
	}
	CHECK_EQ(wait_for_child(pid), 0);
}

static void check_errors(void)
{
	cpu_set_t set;
	char small[1];
	pid_t gone = fork();

	CHECK(gone >= 0);
	if (gone == 0)
		_exit(0);
	CHECK_EQ(wait_for_child(gone), 0);	/* its pid names nobody now */
	CPU_ZERO(&set);
	CHECK_EQ(sched_setaffinity(0, sizeof(set), &set), -1);
	CHECK_EQ(errno, EINVAL);		/* no CPU at all */
	CPU_SET(CPU_SETSIZE - 1, &set);
	CHECK_EQ(sched_setaffinity(0, sizeof(set), &set), -1);
	CHECK_EQ(errno, EINVAL);		/* only a CPU that does not exist */
	CHECK_EQ(sched_getaffinity(0, sizeof(small), (cpu_set_t *)small), -1);
	CHECK_EQ(errno, EINVAL);		/* too small for the kernel's mask */
	CHECK_EQ(sched_getaffinity(gone, sizeof(set), &set), -1);
	CHECK_EQ(errno, ESRCH);
	CHECK_EQ(sched_getaffinity(0, sizeof(set), (cpu_set_t *)8), -1);
	CHECK_EQ(errno, EFAULT);
}

int main(void)
{
	cpu_set_t all;
	int cpus, here = sched_getcpu();

	CHECK_EQ(sched_getaffinity(0, sizeof(all), &all), 0);
	cpus = CPU_COUNT(&all);
	CHECK(cpus >= 1);
	CHECK(here >= 0 && CPU_ISSET(here, &all));
	for (int c = 0; c < CPU_SETSIZE; c++)
		if (CPU_ISSET(c, &all))
			pin_and_fork(c);
	CHECK_EQ(sched_setaffinity(0, sizeof(all), &all), 0);
	check_errors();
	printf("smp_affinity: %d CPU(s) run processes; each pinned and reported\n", cpus);
	return 0;
}
