/*
 * procs_1000.c - at least 1,000 processes can be alive at once.
 *
 * The parent forks 1,000 children that each sleep for a long time, checks
 * through sysinfo() that they all exist together, then kills and reaps
 * every one and checks that the process count and the free pages are back
 * where they started.  Nothing here depends on timing: the children sleep
 * far longer than the test takes, and are killed, not awaited.
 */
#include <conduit/test.h>
#include <signal.h>

#define NCHILD 1000

static pid_t kids[NCHILD];

int main(void)
{
	int base_procs, status;
	long base_pages;

	/* Warm up: the first fork grows our own stack and heap a little. */
	pid_t warm = fork();
	CHECK(warm >= 0);
	if (warm == 0)
		_exit(0);
	wait_for_child(warm);
	base_procs = process_count();
	base_pages = free_pages();

	for (int i = 0; i < NCHILD; i++) {
		kids[i] = fork();
		CHECK(kids[i] >= 0);
		if (kids[i] == 0) {
			struct timespec t = { 3600, 0 };
			nanosleep(&t, NULL);
			_exit(2);	/* never reached: we are killed first */
		}
	}
	CHECK_EQ(process_count(), base_procs + NCHILD);

	for (int i = 0; i < NCHILD; i++)
		CHECK_EQ(kill(kids[i], SIGKILL), 0);
	for (int i = 0; i < NCHILD; i++) {
		CHECK_EQ(waitpid(kids[i], &status, 0), kids[i]);
		CHECK(WIFSIGNALED(status));
		CHECK_EQ(WTERMSIG(status), SIGKILL);
	}
	CHECK_EQ(process_count(), base_procs);
	CHECK_EQ(free_pages(), base_pages);
	return 0;
}
