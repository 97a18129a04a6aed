/*
 * <conduit/smp_test.h> - placing the processes of a test on different
 * CPUs, for the smp_* tests.  smp_find_cpus() learns the CPUs this process
 * may use (sched_getaffinity), and smp_pin_slot(i) puts the caller on the
 * i-th of them, round-robin, and checks that it got there (sched_getcpu).
 * With one CPU nothing is pinned and the test runs all on it, after a
 * note line saying so.  Include after <conduit/test.h>, with _GNU_SOURCE.
 */
#ifndef CONDUIT_SMP_TEST_H
#define CONDUIT_SMP_TEST_H

#include <sched.h>
#include <stdio.h>

static int smp_cpu_list[CPU_SETSIZE];
static int smp_ncpus;

/* Learn the CPUs we may use; `who: note: only CPU N available, what`. */
static inline int smp_find_cpus(const char *who, const char *what)
{
	cpu_set_t set;

	CHECK_EQ(sched_getaffinity(0, sizeof(set), &set), 0);
	for (int c = 0; c < CPU_SETSIZE; c++)
		if (CPU_ISSET(c, &set))
			smp_cpu_list[smp_ncpus++] = c;
	CHECK(smp_ncpus >= 1);
	if (smp_ncpus == 1)
		printf("%s: note: only CPU %d available, %s\n", who,
		       smp_cpu_list[0], what);
	fflush(stdout);
	return smp_ncpus;
}

/* Run the calling process on the slot-th available CPU (round-robin). */
static inline void smp_pin_slot(int slot)
{
	int c = smp_cpu_list[slot % smp_ncpus];
	cpu_set_t one;

	if (smp_ncpus == 1)
		return;
	CPU_ZERO(&one);
	CPU_SET(c, &one);
	CHECK_EQ(sched_setaffinity(0, sizeof(one), &one), 0);
	CHECK_EQ(sched_getcpu(), c);
}

#endif
