/*
 * fork_exit_status - a child's exit status reaches its parent intact.
 *
 * For every status 0..255 the parent forks a child that exits with that
 * status, and checks what waitpid() reports: WIFEXITED, WEXITSTATUS, and
 * the raw Linux encoding (status << 8).  Each child also checks that
 * getppid() is the parent's pid; if not, it exits with a different code,
 * so the parent sees a wrong status.
 *
 * Finally a batch of children exist at the same time and are reaped with
 * waitpid(-1), in whatever order the kernel reports them.
 */
#include <conduit/test.h>

#define BATCH 32

/* Fork a child that exits with `code` if its parent is `parent`. */
static pid_t fork_exiter(int code, pid_t parent)
{
	pid_t pid = fork();

	CHECK(pid >= 0);
	if (pid == 0) {
		if (getppid() == parent)
			_exit(code);
		_exit((code + 1) & 0xff);	/* wrong on purpose */
	}
	return pid;
}

static void one_at_a_time(pid_t self)
{
	for (int code = 0; code <= 255; code++) {
		pid_t pid = fork_exiter(code, self);
		int status = wait_for_child(pid);

		CHECK(WIFEXITED(status));
		CHECK(!WIFSIGNALED(status));
		CHECK_EQ(WEXITSTATUS(status), code);
		CHECK_EQ(status, code << 8);
	}
}

static void all_at_once(pid_t self)
{
	pid_t pids[BATCH];
	int seen[BATCH] = { 0 };

	for (int i = 0; i < BATCH; i++)
		pids[i] = fork_exiter(100 + i, self);

	for (int reaped = 0; reaped < BATCH; reaped++) {
		int status = 0;
		pid_t pid = waitpid(-1, &status, 0);
		int i;

		CHECK(pid > 0);
		for (i = 0; i < BATCH && pids[i] != pid; i++)
			;
		CHECK(i < BATCH);		/* one of ours */
		CHECK(!seen[i]);		/* reported only once */
		seen[i] = 1;
		CHECK(WIFEXITED(status));
		CHECK_EQ(WEXITSTATUS(status), 100 + i);
	}
	CHECK_EQ(waitpid(-1, NULL, 0), -1);
	CHECK_EQ(errno, ECHILD);
}

int main(void)
{
	pid_t self = getpid();

	one_at_a_time(self);
	all_at_once(self);
	return 0;
}
