/*
 * tty_shell_ctrl_c.c - Ctrl-C typed at an interactive shell kills the
 * running foreground pipeline, not the shell.
 *
 * The test starts /bin/sh on the console (so it is interactive and does
 * job control), then "types" into the console with TIOCSTI, as a user
 * would:   yes | cat | sleep 1000      then Ctrl-C, then   exit $?
 * The pipeline blocks (sleep never reads), so it is surely still running
 * when Ctrl-C comes; the test waits until /proc/ps shows the `sleep`
 * before typing it (a wait for a condition, bounded by the runner's
 * timeout).  The shell must survive Ctrl-C, and `exit $?` must report the
 * pipeline's status: 130 = 128 + SIGINT.
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

/* Is a process with this name in /proc/ps, other than a zombie? */
static bool running(const char *name)
{
	char buf[8192], *line;
	int fd = open("/proc/ps", O_RDONLY);
	ssize_t n;

	CHECK(fd >= 0);
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	CHECK(n > 0);
	buf[n] = 0;
	for (line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
		size_t len = strlen(line), nlen = strlen(name);
		if (len > nlen && strcmp(line + len - nlen, name) == 0 &&
		    line[len - nlen - 1] == ' ' && !strstr(line, " Z "))
			return true;
	}
	return false;
}

int main(void)
{
	pid_t old_fg = tcgetpgrp(0), shell;
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
	while (!running("sleep"))
		sleep_ms(20);
	type("\x03");
	type("exit $?\n");
	CHECK_EQ(waitpid(shell, &status, 0), shell);
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 130);
	CHECK_EQ(running("yes"), false);
	tcsetpgrp(0, old_fg);
	printf("\n");
	return 0;
}
