/*
 * kill_child - kill() ends a child whatever it is doing, and wait4 reports
 * the signal.
 *
 *   a child spinning in user mode: WNOHANG first reports it still running
 *     (it can never exit by itself), then SIGKILL ends it;
 *   a child in a 1000-second nanosleep: SIGKILL must wake and end it (if
 *     it did not, the runner's timeout would fail the test);
 *   a child blocked in waitpid for its own grandchild: SIGKILL ends it
 *     (the grandchild notices it was orphaned and exits);
 *   SIGTERM, SIGINT and SIGUSR1 with no handler terminate the child too.
 *
 * The status must be exactly the signal number (Linux encoding, no
 * core-dump bit for these signals).  Also: kill() of a pid that no longer
 * exists fails with ESRCH, and of an invalid signal number with EINVAL.
 */
#include <conduit/test.h>
#include <signal.h>

static void spin_forever(void)
{
	volatile unsigned long counter = 0;

	for (;;)
		counter++;
}

/* The grandchild: wait until orphaned, then exit. */
static void grandchild(pid_t parent)
{
	while (getppid() == parent)
		sleep_ms(5);
	_exit(0);
}

static void wait_for_grandchild(void)
{
	pid_t self = getpid();
	pid_t pid = fork();

	if (pid == 0)
		grandchild(self);
	if (pid < 0)
		_exit(1);
	waitpid(pid, NULL, 0);
	_exit(2);		/* the grandchild never exits while we live */
}

static pid_t start_child(void (*body)(void))
{
	pid_t pid = fork();

	CHECK(pid >= 0);
	if (pid == 0) {
		body();
		_exit(3);
	}
	return pid;
}

static void sleep_long(void)
{
	sleep_ms(1000L * 1000);
}

/* Send `signal_number` to pid and check it is reported as the cause. */
static void kill_and_check(pid_t pid, int signal_number)
{
	CHECK_EQ(kill(pid, signal_number), 0);
	CHECK_EQ(wait_for_child(pid), signal_number);
}

int main(void)
{
	int status;
	pid_t pid;

	pid = start_child(spin_forever);
	CHECK_EQ(waitpid(pid, &status, WNOHANG), 0);
	kill_and_check(pid, SIGKILL);

	/* The short sleep only makes it likely that the child is already
	 * asleep when the signal comes; the outcome must be the same. */
	pid = start_child(sleep_long);
	sleep_ms(50);
	kill_and_check(pid, SIGKILL);

	pid = start_child(wait_for_grandchild);
	sleep_ms(50);
	kill_and_check(pid, SIGKILL);

	kill_and_check(start_child(spin_forever), SIGTERM);
	kill_and_check(start_child(spin_forever), SIGINT);
	kill_and_check(start_child(sleep_long), SIGUSR1);

	/* pid was reaped above, so it no longer exists. */
	CHECK_EQ(kill(pid, SIGKILL), -1);
	CHECK_EQ(errno, ESRCH);
	CHECK_EQ(kill(getpid(), 1000), -1);
	CHECK_EQ(errno, EINVAL);

	CHECK_EQ(waitpid(-1, &status, WNOHANG), -1);
	CHECK_EQ(errno, ECHILD);
	return 0;
}
