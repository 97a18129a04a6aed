/*
 * fork_sequential - 100 fork/exit/wait rounds, one after the other.
 *
 * Each round: fork returns the child's pid to the parent and 0 to the
 * child; the child exits with the low byte of its own getpid(), so the
 * parent can check that fork's return value and the child's idea of its
 * pid agree.  waitpid(-1) must return exactly that child, never ECHILD
 * while a child exists.  Afterwards, with no children left, waitpid(-1)
 * (blocking or WNOHANG) and waitpid() on a process that is not our child
 * fail with ECHILD.
 */
#include <conduit/test.h>

#define ROUNDS 100

int main(void)
{
	pid_t self = getpid();
	int status;

	CHECK(self > 0);
	CHECK_EQ(waitpid(-1, &status, WNOHANG), -1);
	CHECK_EQ(errno, ECHILD);

	for (int i = 0; i < ROUNDS; i++) {
		pid_t pid = fork();

		CHECK(pid >= 0);
		if (pid == 0)
			_exit(getpid() & 0xff);
		CHECK(pid != self);

		status = -1;
		CHECK_EQ(waitpid(-1, &status, 0), pid);
		CHECK(WIFEXITED(status));
		CHECK_EQ(WEXITSTATUS(status), pid & 0xff);
		CHECK_EQ(getpid(), self);
	}

	CHECK_EQ(waitpid(-1, &status, 0), -1);
	CHECK_EQ(errno, ECHILD);
	CHECK_EQ(waitpid(-1, &status, WNOHANG), -1);
	CHECK_EQ(errno, ECHILD);
	CHECK_EQ(waitpid(getppid(), &status, 0), -1);	/* not our child */
	CHECK_EQ(errno, ECHILD);
	return 0;
}
