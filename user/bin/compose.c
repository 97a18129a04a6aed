/*
 * compose - run commands connected by pipes, like a shell pipeline.
 *
 * Usage: compose "CMD1 ARGS" "CMD2 ARGS" ... "CMDN ARGS"
 *
 *   compose "seq 10" "grep 1" "wc -l"      is   seq 10 | grep 1 | wc -l
 *
 * Each argument is one command, split into words at blanks (no quotes,
 * no variables: this is not a shell).  A command name without a '/' is
 * looked up in /bin.
 *
 * How the plumbing is built, for N commands and N-1 pipes:
 *
 *   for each command i, from left to right:
 *     - unless it is the last one, make a new pipe for its output;
 *     - fork; in the child:
 *         dup2(the previous pipe's read end, 0)   unless i is the first
 *         dup2(the new pipe's write end, 1)       unless i is the last
 *         close every other pipe descriptor, then execv() the program;
 *     - in the parent: close the previous read end and the new write
 *       end (the children have them now) and keep the new read end for
 *       the next command.
 *
 * Closing the unused ends matters: a reader only sees end-of-file when
 * *every* write end of its pipe is closed, and a writer only gets
 * SIGPIPE when every read end is.  The parent holds at most one pipe end
 * at any moment, and each child holds only the two it uses.
 *
 * Exit status (like a shell without "pipefail"): that of the last
 * command; 128+N if it was killed by signal N.  In addition, every
 * command that failed is reported on standard error, e.g.
 *     compose: command 2 (grep): exit status 1
 *     compose: command 1 (yes): killed by signal 9 (Killed)
 * so nothing goes unnoticed -- the same information as bash's PIPESTATUS.
 * One exception: a command other than the last that was killed by
 * SIGPIPE is not reported, because that is the normal way for a
 * producer to stop when its reader has finished ("yes" | "head -n 3").
 *
 * A command that cannot be run exits with 127 ("compose: NAME: reason"
 * from the child).  Usage errors exit with 2.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#define BIN_DIR "/bin/"

struct command {
	char **argv;		/* the words, NULL-terminated */
	pid_t pid;
	int status;		/* from waitpid */
};

static void out_of_memory(void)
{
	fprintf(stderr, "compose: out of memory\n");
	exit(1);
}

/* Split text into words at blanks; returns a NULL-terminated array. */
static char **split_words(const char *text)
{
	char *copy = strdup(text);
	char **words = calloc(strlen(text) / 2 + 2, sizeof *words);
	char *saved, *word;
	int n = 0;

	if (copy == NULL || words == NULL)
		out_of_memory();
	for (word = strtok_r(copy, " \t\n", &saved); word;
	     word = strtok_r(NULL, " \t\n", &saved))
		words[n++] = word;
	words[n] = NULL;
	return words;
}

/* In the child: become the command.  Never returns. */
static void exec_command(char **argv)
{
	char *path = argv[0];

	if (strchr(argv[0], '/') == NULL) {
		path = malloc(strlen(BIN_DIR) + strlen(argv[0]) + 1);
		if (path == NULL)
			out_of_memory();
		strcpy(path, BIN_DIR);
		strcat(path, argv[0]);
	}
	execv(path, argv);
	fprintf(stderr, "compose: %s: %s\n", argv[0], strerror(errno));
	_exit(127);
}

/*
 * Start command i of n.  in_fd is the read end of the previous pipe (or
 * -1 for the first command).  Returns the read end of the new pipe that
 * carries this command's output (or -1 for the last command).
 */
static int start_command(struct command *cmd, int i, int n, int in_fd)
{
	int pipe_fds[2] = { -1, -1 };

	if (i < n - 1 && pipe(pipe_fds) < 0) {
		fprintf(stderr, "compose: pipe: %s\n", strerror(errno));
		exit(1);
	}
	fflush(stdout);
	cmd->pid = fork();
	if (cmd->pid < 0) {
		fprintf(stderr, "compose: fork: %s\n", strerror(errno));
		exit(1);
	}
	if (cmd->pid == 0) {
		if (in_fd >= 0) {
			dup2(in_fd, 0);
			close(in_fd);
		}
		if (pipe_fds[1] >= 0) {
			dup2(pipe_fds[1], 1);
			close(pipe_fds[1]);
			close(pipe_fds[0]);	/* that end is the next command's */
		}
		exec_command(cmd->argv);
	}
	if (in_fd >= 0)
		close(in_fd);
	if (pipe_fds[1] >= 0)
		close(pipe_fds[1]);
	return pipe_fds[0];
}

/* Report a failed command; returns its status as a shell would show it. */
static int check_status(const struct command *cmd, int i, int last)
{
	int status = cmd->status;

	if (WIFEXITED(status)) {
		if (WEXITSTATUS(status) != 0)
			fprintf(stderr, "compose: command %d (%s): exit status %d\n",
				i + 1, cmd->argv[0], WEXITSTATUS(status));
		return WEXITSTATUS(status);
	}
	if (!(WTERMSIG(status) == SIGPIPE && !last))
		fprintf(stderr, "compose: command %d (%s): killed by signal %d (%s)\n",
			i + 1, cmd->argv[0], WTERMSIG(status), strsignal(WTERMSIG(status)));
	return 128 + WTERMSIG(status);
}

int main(int argc, char **argv)
{
	int n = argc - 1, in_fd = -1, result = 0;
	struct command *cmds;

	if (n < 1) {
		fprintf(stderr, "usage: compose \"CMD1 ARGS\" \"CMD2 ARGS\" ...\n");
		return 2;
	}
	cmds = calloc(n, sizeof *cmds);
	if (cmds == NULL)
		out_of_memory();
	for (int i = 0; i < n; i++) {
		cmds[i].argv = split_words(argv[i + 1]);
		if (cmds[i].argv[0] == NULL) {
			fprintf(stderr, "compose: command %d is empty\n", i + 1);
			return 2;
		}
	}

	for (int i = 0; i < n; i++)
		in_fd = start_command(&cmds[i], i, n, in_fd);

	for (int i = 0; i < n; i++) {
		while (waitpid(cmds[i].pid, &cmds[i].status, 0) < 0) {
			if (errno != EINTR) {
				fprintf(stderr, "compose: waitpid: %s\n", strerror(errno));
				return 1;
			}
		}
	}
	for (int i = 0; i < n; i++)
		result = check_status(&cmds[i], i, i == n - 1);
	return result;
}
