/*
 * sh - a first, simple shell.
 *
 * It prints the prompt "$ ", reads a line, splits it into words at blanks
 * and runs it:
 *
 *   exit [N]     leave the shell with status N (default: the status of
 *                the last command).
 *   cd [DIR]     change directory (default "/"); errors are reported.
 *   anything     else is a program: fork, then execve in the child, then
 *                waitpid in the parent.  A name without a '/' is looked up
 *                in /bin.  A missing program gives "NAME: not found", and
 *                a child killed by a signal gives "Killed by signal N".
 *
 * At end of input (read returns 0) the shell exits.  There are no
 * quotes, variables, redirections or pipelines yet; a fuller shell comes
 * later.
 *
 * Input is read with read(2) on fd 0.  The console returns one line per
 * read, but lines are split out of a buffer anyway, so that a file or
 * anything else that returns several lines at once works too.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/types.h>
#include <sys/wait.h>

#define LINE_SIZE 1024
#define MAX_WORDS 64
#define PATH_SIZE 256

extern char **environ;

static char input[LINE_SIZE];	/* bytes read but not yet used */
static int input_len;
static int last_status;

/* Take the first line (up to and without '\n') out of input into line. */
static void take_line(char *line, int len, int skip)
{
	memcpy(line, input, len);
	line[len] = '\0';
	memmove(input, input + len + skip, input_len - len - skip);
	input_len -= len + skip;
}

/*
 * Read the next line into line (LINE_SIZE bytes), without its newline.
 * Returns 1 for a line, 0 at end of input.  A line too long for the
 * buffer is cut into pieces.
 */
static int read_line(char *line)
{
	for (;;) {
		char *newline = memchr(input, '\n', input_len);
		ssize_t n;

		if (newline != NULL) {
			take_line(line, newline - input, 1);
			return 1;
		}
		if (input_len == LINE_SIZE - 1) {
			take_line(line, input_len, 0);
			return 1;
		}
		n = read(0, input + input_len, LINE_SIZE - 1 - input_len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n < 0)
				fprintf(stderr, "sh: read: %s\n", strerror(errno));
			if (input_len == 0)
				return 0;
			take_line(line, input_len, 0);	/* last, unended line */
			return 1;
		}
		input_len += n;
	}
}

/* Split line in place into words at blanks; returns the word count. */
static int split_words(char *line, char **words)
{
	int count = 0;
	char *p = line;

	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			break;
		if (count == MAX_WORDS) {
			fprintf(stderr, "sh: too many words\n");
			return 0;
		}
		words[count++] = p;
		while (*p != '\0' && *p != ' ' && *p != '\t')
			p++;
		if (*p != '\0')
			*p++ = '\0';
	}
	words[count] = NULL;
	return count;
}

static void builtin_exit(char **words)
{
	exit(words[1] != NULL ? atoi(words[1]) : last_status);
}

static void builtin_cd(char **words)
{
	const char *dir = words[1] != NULL ? words[1] : "/";

	if (chdir(dir) < 0) {
		fprintf(stderr, "cd: %s: %s\n", dir, strerror(errno));
		last_status = 1;
	} else {
		last_status = 0;
	}
}

/* Child side: turn into the program, or explain why not. */
static void exec_program(char **words)
{
	char path[PATH_SIZE];

	if (strchr(words[0], '/') != NULL)
		snprintf(path, sizeof path, "%s", words[0]);
	else
		snprintf(path, sizeof path, "/bin/%s", words[0]);
	execve(path, words, environ);
	if (errno == ENOENT) {
		fprintf(stderr, "%s: not found\n", words[0]);
		_exit(127);
	}
	fprintf(stderr, "%s: %s\n", words[0], strerror(errno));
	_exit(126);
}

/* Run a program and wait for it; sets last_status. */
static void run_program(char **words)
{
	pid_t pid;
	int status;

	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "sh: fork: %s\n", strerror(errno));
		last_status = 1;
		return;
	}
	if (pid == 0)
		exec_program(words);

	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			fprintf(stderr, "sh: waitpid: %s\n", strerror(errno));
			last_status = 1;
			return;
		}
	}
	if (WIFSIGNALED(status)) {
		fprintf(stderr, "Killed by signal %d\n", WTERMSIG(status));
		last_status = 128 + WTERMSIG(status);
	} else {
		last_status = WEXITSTATUS(status);
	}
}

static void run_line(char *line)
{
	char *words[MAX_WORDS + 1];

	if (split_words(line, words) == 0)
		return;
	if (strcmp(words[0], "exit") == 0)
		builtin_exit(words);
	else if (strcmp(words[0], "cd") == 0)
		builtin_cd(words);
	else
		run_program(words);
}

int main(void)
{
	char line[LINE_SIZE];

	for (;;) {
		fputs("$ ", stdout);
		fflush(stdout);
		if (!read_line(line))
			break;
		run_line(line);
	}
	return last_status;
}
