/*
 * tty_shell_ttin.c - `cat &` at an interactive shell: cat, a background
 * job, reads the terminal, so it gets SIGTTIN and stops, and the shell
 * reports it as bash does: "[1]+ Stopped (tty input)  cat &" (the words
 * are strsignal(SIGTTIN)).  Before SIGTTIN existed, cat just waited for
 * input, and would have taken the next line typed at the shell.
 *
 * The test starts /bin/sh on the console (interactive: it does job
 * control) with its output going to a pipe, and "types" with TIOCSTI:
 * "cat &"; then, once /proc/ps shows cat stopped (a wait for a condition,
 * bounded by the runner's timeout), "jobs", "kill %1" and "exit".  The
 * shell's output must report the stopped job.
 */
#include <conduit/test.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/ioctl.h>

static void type(const char *s)
{
	for (; *s; s++)
		CHECK_EQ(ioctl(0, TIOCSTI, s), 0);
}

/* The state letter of the process named `name` in /proc/ps, or 0. */
static char state_of(const char *name)
{
	char buf[16384], *line, *save;
	int fd = open("/proc/ps", O_RDONLY);
	ssize_t n;

	CHECK(fd >= 0);
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	CHECK(n > 0);
	buf[n] = 0;
	/* PID PPID PGID STATE WCHAN CPU NAME */
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *f[7], *s2;
		int k = 0;
		for (char *t = strtok_r(line, " ", &s2); t && k < 7; t = strtok_r(NULL, " ", &s2))
			f[k++] = t;
		if (k == 7 && strcmp(f[6], name) == 0 && f[3][0] != 'Z')
			return f[3][0];
	}
	return 0;
}

int main(void)
{
	pid_t old_fg = tcgetpgrp(0), shell;
	char out[4096];
	size_t len = 0;
	ssize_t n;
	int pipefd[2], status;

	if (!isatty(0)) {
		printf("stdin is not the console: nothing to test\n");
		return 1;
	}
	signal(SIGTTOU, SIG_IGN);	/* to take the terminal back at the end */
	CHECK_EQ(pipe(pipefd), 0);
	shell = fork();
	CHECK(shell >= 0);
	if (shell == 0) {
		char *argv[] = { "/bin/sh", NULL };
		dup2(pipefd[1], 1);
		dup2(pipefd[1], 2);
		close(pipefd[0]), close(pipefd[1]);
		signal(SIGTTOU, SIG_DFL);
		execv("/bin/sh", argv);
		_exit(127);
	}
	close(pipefd[1]);
	type("cat &\n");
	while (state_of("cat") != 'T')
		sleep_ms(20);
	type("jobs\nkill %1\nexit\n");
	while (len < sizeof(out) - 1 &&
	       (n = read(pipefd[0], out + len, sizeof(out) - 1 - len)) > 0)
		len += n;
	out[len] = 0;
	CHECK_EQ(waitpid(shell, &status, 0), shell);
	if (!strstr(out, "Stopped (tty input)  cat"))
		fprintf(stderr, "FAIL: the shell said:\n%s\n", out);
	CHECK(strstr(out, "Stopped (tty input)  cat") != NULL);
	CHECK(WIFEXITED(status));
	if (tcgetpgrp(0) != old_fg)
		CHECK_EQ(tcsetpgrp(0, old_fg), 0);
	printf("\n");
	return 0;
}
