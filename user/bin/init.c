/*
 * init - the first user process (pid 1).
 *
 * The kernel starts it with fds 0, 1 and 2 open on the console.  It
 * prints a one-line hint, starts /bin/sh as its child, and then waits in
 * a loop.  Waiting matters for more than the shell: when any process
 * exits before its children, those orphans are re-parented to pid 1, and
 * only init's wait() lets their zombies go away.  When the shell itself
 * exits, init exits 0, and the kernel powers the machine off.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/types.h>
#include <sys/wait.h>

#define SHELL "/bin/sh"

static pid_t start_shell(void)
{
	char *argv[] = { "sh", NULL };
	char *envp[] = { "PATH=/bin", "HOME=/", NULL };
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		execve(SHELL, argv, envp);
		fprintf(stderr, "init: %s: %s\n", SHELL, strerror(errno));
		_exit(127);
	}
	return pid;
}

int main(void)
{
	pid_t shell;

	printf("init: starting %s; type 'exit' to power off\n", SHELL);
	shell = start_shell();
	if (shell < 0) {
		fprintf(stderr, "init: fork: %s\n", strerror(errno));
		return 1;
	}

	for (;;) {
		int status;
		pid_t pid = waitpid(-1, &status, 0);

		if (pid == shell)
			return 0;
		if (pid < 0 && errno != EINTR) {
			fprintf(stderr, "init: waitpid: %s\n", strerror(errno));
			return 1;
		}
		/* Otherwise an orphan was reaped; keep waiting. */
	}
}
