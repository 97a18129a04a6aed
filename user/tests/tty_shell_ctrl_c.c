/*
 * tty_shell_ctrl_c.c - Ctrl-C typed at an interactive shell kills the
 * running foreground pipeline, not the shell.
 *
 * The test starts /bin/sh on the console (so it is interactive and does
 * job control), then "types" into the console with TIOCSTI, as a user
 * would:   yes | cat | sleep 1000      then Ctrl-C, then   exit $?
 * The pipeline blocks (sleep never reads), so it is surely still running
 * when Ctrl-C comes; the test waits until /proc/ps shows a `sleep` in the
 * terminal's foreground group, which the shell sets for the pipeline,
 * before typing it (a wait for a condition, bounded by the runner's
 * timeout).  The shell must survive Ctrl-C, and `exit $?` must report the
 * pipeline's status: 130 = 128 + SIGINT.
 */
#include <conduit/test.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/ioctl.h>

/* Split one /proc/ps line; false for the header or a malformed line. */
static bool sscanf_line(char *line, int *pid, int *ppid, int *pgid, char *state,
			char *wchan, char *name)
{
	char *f[7];
	int n = 0;

	for (char *t = strtok_r(line, " ", &line); t && n < 7; t = strtok_r(NULL, " ", &line))
		f[n++] = t;
	if (n != 7 || f[0][0] < '0' || f[0][0] > '9')
		return false;
	*pid = atoi(f[0]), *ppid = atoi(f[1]), *pgid = atoi(f[2]);
	*state = f[3][0];
	strcpy(wchan, f[4]);
	strcpy(name, f[6]);	/* f[5] is the CPU */
	return true;
}

static void type(const char *s)
{
	for (; *s; s++)
		CHECK_EQ(ioctl(0, TIOCSTI, s), 0);
}

/*
 * Is a live process with this name in process group pgid (any group if
 * pgid is 0)?  /proc/ps lines: PID PPID PGID STATE WCHAN CPU NAME.
 */
static bool running(const char *name, pid_t pgid)
{
	char buf[16384], *line, state, wchan[64], pname[64];
	int fd = open("/proc/ps", O_RDONLY), pid, ppid, group;
	ssize_t n;

	CHECK(fd >= 0);
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	CHECK(n > 0);
	buf[n] = 0;
	for (line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
		if (sscanf_line(line, &pid, &ppid, &group, &state, wchan, pname) &&
		    strcmp(pname, name) == 0 && state != 'Z' &&
		    (pgid == 0 || group == pgid))
			return true;
	}
	return false;
}

int main(void)
{
	pid_t old_fg = tcgetpgrp(0), shell, job;
	int status;

	if (!isatty(0)) {
		printf("stdin is not the console: nothing to test\n");
		return 1;
	}
	signal(SIGINT, SIG_IGN);
	signal(SIGTTOU, SIG_IGN);
	shell = fork();
	CHECK(shell >= 0);
	if (shell == 0) {
		char *argv[] = { "/bin/sh", NULL };
		signal(SIGINT, SIG_DFL);
		execv("/bin/sh", argv);
		_exit(127);
	}
	type("yes | cat | sleep 1000\n");
	while (tcgetpgrp(0) == getpgrp() || !running("sleep", tcgetpgrp(0)))
		sleep_ms(20);
	job = tcgetpgrp(0);
	type("\x03");
	type("exit $?\n");
	CHECK_EQ(waitpid(shell, &status, 0), shell);
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 130);
	CHECK_EQ(running("yes", job), false);
	CHECK_EQ(running("sleep", job), false);
	tcsetpgrp(0, old_fg);
	printf("\n");
	return 0;
}
