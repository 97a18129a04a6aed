/*
 * pgrp_setpgid_exec - setpgid on a child that has already run execve
 * fails with EACCES (POSIX; Linux does the same), while before the exec
 * it works.  A child that made a session of its own is EPERM instead:
 * Linux checks the session first.
 *
 * The test re-executes itself (argv[0] is its path) as
 *   pgrp_setpgid_exec --exec-wait FD
 * and that image writes one byte to FD (so the parent knows the exec is
 * done) and then waits for end of file on stdin, a pipe from the parent.
 */
#include <conduit/test.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>

/* The re-executed image: say we are here, then wait to be let go. */
static int wait_role(const char *fd_text)
{
	int fd = atoi(fd_text);
	char c;

	if (write(fd, "x", 1) != 1)
		return 2;
	while (read(0, &c, 1) > 0)
		;
	return 0;
}

/* Fork a child that (maybe after setsid) execs the wait role; *hold is
 * the write end of its stdin, closed to let it go. */
static pid_t start_child(const char *self, bool new_session, bool exec_it, int *hold)
{
	int ready[2], in[2];
	char fd_text[16];
	pid_t pid;
	char c;

	CHECK_EQ(pipe(ready), 0);
	CHECK_EQ(pipe(in), 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		char *argv[] = { (char *)self, "--exec-wait", fd_text, NULL };
		dup2(in[0], 0);
		close(in[0]), close(in[1]), close(ready[0]);
		snprintf(fd_text, sizeof(fd_text), "%d", ready[1]);
		if (new_session && setsid() < 0)
			_exit(3);
		if (exec_it)
			execv(self, argv);
		_exit(wait_role(fd_text));
	}
	close(in[0]), close(ready[1]);
	CHECK_EQ(read(ready[0], &c, 1), 1);	/* exec'd (or not), and waiting */
	close(ready[0]);
	*hold = in[1];
	return pid;
}

static void finish(pid_t pid, int hold)
{
	int status;

	close(hold);
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 0);
}

int main(int argc, char **argv)
{
	pid_t pid;
	int hold;

	if (argc == 3 && strcmp(argv[1], "--exec-wait") == 0)
		return wait_role(argv[2]);

	pid = start_child(argv[0], false, false, &hold);	/* not exec'd */
	CHECK_EQ(setpgid(pid, pid), 0);
	CHECK_EQ(getpgid(pid), pid);
	finish(pid, hold);

	pid = start_child(argv[0], false, true, &hold);		/* exec'd */
	errno = 0;
	CHECK_EQ(setpgid(pid, pid), -1);
	CHECK_EQ(errno, EACCES);
	errno = 0;
	CHECK_EQ(setpgid(pid, getpgrp()), -1);
	CHECK_EQ(errno, EACCES);
	CHECK_EQ(getpgid(pid), getpgrp());			/* unchanged */
	finish(pid, hold);

	pid = start_child(argv[0], true, true, &hold);		/* own session */
	errno = 0;
	CHECK_EQ(setpgid(pid, pid), -1);
	CHECK_EQ(errno, EPERM);
	finish(pid, hold);

	CHECK_EQ(setpgid(0, 0), 0);		/* the caller itself: exec'd, but fine */
	return 0;
}
