/*
 * orphans - when a parent exits, its children are re-parented to init
 * (pid 1), and init reaps them when they exit.
 *
 * The test forks a middle process that forks ORPHANS grandchildren and
 * exits at once.  Each grandchild polls getppid() until its parent is no
 * longer the middle process, then checks that the new parent is 1 and
 * exits.  Nobody but init can see a grandchild's exit status, so a
 * grandchild that finds the wrong parent reports it the only way it can:
 * it prints a message and kills the test's main process with SIGKILL,
 * which the runner reports as a failure.
 *
 * The main process then waits until sysinfo().procs, which counts zombies
 * too, is back to its starting value: that happens only once init has
 * reaped every grandchild.  It polls with short sleeps; if it gives up
 * after MAX_WAIT_MS it reports the counts.  (On Linux the new parent may
 * be a "subreaper" rather than 1, and procs counts every thread of the
 * machine, so run this under a pid namespace there, and expect noise.)
 */
#include <conduit/test.h>
#include <signal.h>

#define ORPHANS 5
#define POLL_MS 5
#define MAX_WAIT_MS 20000

/* A grandchild: wait to be orphaned, check the new parent, exit. */
static void orphan(pid_t middle, pid_t test_main)
{
	pid_t parent;

	while ((parent = getppid()) == middle)
		sleep_ms(POLL_MS);
	if (parent != 1) {
		fprintf(stderr, "FAIL orphans: orphan %d has parent %d, expected 1\n",
			(int)getpid(), (int)parent);
		kill(test_main, SIGKILL);
	}
	_exit(0);
}

/* The middle process: fork the grandchildren, then exit without waiting. */
static void middle(pid_t test_main)
{
	pid_t self = getpid();

	for (int i = 0; i < ORPHANS; i++) {
		pid_t pid = fork();

		if (pid == 0)
			orphan(self, test_main);
		if (pid < 0)
			_exit(1);
	}
	_exit(0);
}

int main(void)
{
	pid_t test_main = getpid();
	long procs_before = process_count();
	long procs_now = procs_before;
	pid_t pid;
	int waited_ms = 0;

	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0)
		middle(test_main);
	CHECK_EQ(wait_for_child(pid), 0);	/* every fork worked */

	/* Procs may also drop below the start if unrelated processes end. */
	while (waited_ms < MAX_WAIT_MS) {
		procs_now = process_count();
		if (procs_now <= procs_before)
			break;
		sleep_ms(POLL_MS);
		waited_ms += POLL_MS;
	}
	if (procs_now > procs_before)
		CHECK_EQ(procs_now, procs_before);	/* fails, showing both */

	/* The grandchildren were never our children. */
	CHECK_EQ(waitpid(-1, NULL, WNOHANG), -1);
	CHECK_EQ(errno, ECHILD);
	return 0;
}
