/*
 * tty_job_control.c - Ctrl-C and Ctrl-Z typed at the console reach the
 * foreground process group, and only it.
 *
 * A two-process pipeline (a writer that never stops and a reader that
 * never stops) is put in a process group of its own, which becomes the
 * terminal's foreground group (tcsetpgrp).  Typing Ctrl-Z (through the
 * TIOCSTI ioctl, the same path as a keystroke) must stop both members
 * (waitpid WUNTRACED sees WSTOPSIG == SIGTSTP); SIGCONT resumes them;
 * typing Ctrl-C must then kill both with SIGINT.  The test itself, in
 * another group, is untouched (it would die of SIGINT otherwise).
 * Afterwards the terminal's foreground group is given back: by then the
 * test is itself a background process, so, like a shell, it ignores
 * SIGTTOU for that tcsetpgrp (else it would be stopped, or, its group
 * being orphaned, get ENOTTY, as on Linux).
 *
 * Synchronisation: the members tell the test they are running through a
 * pipe before anything is typed; waitpid reports each stop and death.
 */
#include <conduit/test.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/ioctl.h>

static void type(char c)
{
	CHECK_EQ(ioctl(0, TIOCSTI, &c), 0);
}

/* Fork a member of group *pgid (the first one founds it). */
static pid_t start_member(pid_t *pgid, int in, int out, int ready)
{
	pid_t pid = fork();
	char buf[512];

	CHECK(pid >= 0);
	if (pid == 0) {
		setpgid(0, *pgid);
		signal(SIGINT, SIG_DFL);
		signal(SIGTSTP, SIG_DFL);
		CHECK_EQ(write(ready, "r", 1), 1);
		memset(buf, 'y', sizeof(buf));
		for (;;) {
			if (in >= 0)
				read(in, buf, sizeof(buf));
			else
				write(out, buf, sizeof(buf));
		}
	}
	setpgid(pid, *pgid ? *pgid : pid);	/* both sides: no race */
	if (!*pgid)
		*pgid = pid;
	return pid;
}

static void expect_both(pid_t a, pid_t b, bool stopped, int sig)
{
	pid_t pids[2] = { a, b };

	for (int i = 0; i < 2; i++) {
		int status;
		CHECK_EQ(waitpid(pids[i], &status, WUNTRACED), pids[i]);
		if (stopped) {
			CHECK(WIFSTOPPED(status));
			CHECK_EQ(WSTOPSIG(status), sig);
		} else {
			CHECK(WIFSIGNALED(status));
			CHECK_EQ(WTERMSIG(status), sig);
		}
	}
}

int main(void)
{
	pid_t old_fg = tcgetpgrp(0), group = 0, writer, reader;
	int data[2], ready[2];
	char tokens[2];

	if (!isatty(0) || old_fg < 0) {
		printf("stdin is not the console: nothing to test\n");
		return 1;
	}
	signal(SIGINT, SIG_IGN);	/* belt and braces: we are not the target */
	signal(SIGTSTP, SIG_IGN);
	CHECK_EQ(pipe(data), 0);
	CHECK_EQ(pipe(ready), 0);
	writer = start_member(&group, -1, data[1], ready[1]);
	reader = start_member(&group, data[0], -1, ready[1]);
	close(data[0]), close(data[1]);
	CHECK_EQ(read(ready[0], tokens, 1), 1);
	CHECK_EQ(read(ready[0], tokens + 1, 1), 1);
	CHECK_EQ(tcsetpgrp(0, group), 0);
	CHECK_EQ(tcgetpgrp(0), group);

	type('\x1a');				/* Ctrl-Z */
	expect_both(writer, reader, true, SIGTSTP);
	CHECK_EQ(kill(-group, SIGCONT), 0);
	type('\x03');				/* Ctrl-C */
	expect_both(writer, reader, false, SIGINT);

	signal(SIGTTOU, SIG_IGN);		/* we are in the background now */
	CHECK_EQ(tcsetpgrp(0, old_fg), 0);
	return 0;
}
