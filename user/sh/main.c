/*
 * main.c - start-up, the read-parse-run loop, and leaving.
 *
 *   sh                    read commands from stdin; if stdin is a
 *                         terminal the shell is INTERACTIVE: it prompts
 *                         with "$ " (and "> " for a continued command),
 *                         and does job control
 *   sh FILE [ARG...]      run the script FILE with $0=FILE, $1=ARG...
 *   sh -c TEXT [NAME [ARG...]]
 *                         run TEXT with $0=NAME, $1=ARG...
 *
 * The shell's exit status is that of the last command it ran (or the N
 * of `exit N`).
 *
 * Reading a command: a line is read and parsed.  If the parser says the
 * text is incomplete (an open quote, a trailing | or && ...), the next
 * line is appended, after a newline, and the whole text is parsed again.
 * A syntax error ends a script (status 2) but not an interactive shell.
 *
 * Job control set-up (interactive only): the shell puts itself in a
 * process group of its own, makes it the terminal's foreground group and
 * sets its signal dispositions (signals.c).  Before each prompt it
 * collects finished background jobs and reports them (jobs.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"

#define SCRIPT_FD_MIN 10	/* keep the script's fd out of the way */

extern char **environ;		/* POSIX: the program declares it */

struct shell shell;
static pid_t original_pgid;	/* the terminal's group before we took it */

/* What reading a command gave. */
enum read_result {
	READ_OK,		/* a complete command (or an empty line) */
	READ_MORE,		/* incomplete so far: read another line */
	READ_EOF,		/* end of input */
	READ_ERROR,		/* syntax error, reported; $? is 2 */
	READ_INTERRUPTED	/* Ctrl-C at the prompt */
};

/* Leave the shell; interactive shells tidy up their jobs and terminal. */
void shell_exit(int status)
{
	if (shell.interactive) {
		jobs_hang_up_stopped();
		if (original_pgid > 0 && original_pgid != shell.pgid)
			tcsetpgrp(0, original_pgid);
	}
	fflush(stdout);
	exit(status);
}

static void set_params(char *name, char **params, int count)
{
	shell.name = name;
	shell.params = params;
	shell.param_count = count;
}

static void init_job_control(void)
{
	signals_interactive();
	original_pgid = tcgetpgrp(0);
	if (getpgrp() != shell.pid)
		setpgid(0, 0);
	shell.pgid = getpgrp();
	tcsetpgrp(0, shell.pgid);
}

/* Parse text; READ_MORE if it is incomplete. */
static enum read_result parse_text(const char *text, struct and_or **list)
{
	enum parse_result r = parse(text, list);

	if (r == PARSE_ERROR) {
		shell.last_status = 2;
		return READ_ERROR;
	}
	return r == PARSE_INCOMPLETE ? READ_MORE : READ_OK;
}

static enum read_result unexpected_end(void)
{
	sh_error("syntax error: unexpected end of file");
	shell.last_status = 2;
	return READ_ERROR;
}

/* Prompt (if interactive) and append one more line to text. */
static enum read_result read_more(struct input *in, struct strbuf *text,
				  const char *prompt)
{
	char *line;

	if (shell.interactive)
		fputs(prompt, stderr);
	switch (input_read_line(in, &line)) {
	case LINE_INTERRUPTED:
		return READ_INTERRUPTED;
	case LINE_EOF:
		return text->len == 0 ? READ_EOF : unexpected_end();
	case LINE_OK:
		break;
	}
	if (text->len > 0)
		sb_add_char(text, '\n');
	sb_add_str(text, line);
	free(line);
	return READ_OK;
}

/* Read lines until they form a complete command, and parse it. */
static enum read_result read_command(struct input *in, struct and_or **list)
{
	struct strbuf text;
	enum read_result result;
	const char *prompt = "$ ";

	sb_init(&text);
	got_sigint = 0;		/* only a Ctrl-C from now on counts */
	do {
		result = read_more(in, &text, prompt);
		if (result == READ_OK)
			result = parse_text(text.data, list);
		prompt = "> ";
	} while (result == READ_MORE);
	sb_free(&text);
	return result;
}

/* The main loop: read, run, until end of input. */
static void __attribute__((noreturn)) run_input(struct input *in)
{
	for (;;) {
		struct and_or *list;
		enum read_result result;

		jobs_reap();
		if (shell.interactive)
			jobs_notify();
		result = read_command(in, &list);
		if (result == READ_EOF)
			break;
		if (result == READ_INTERRUPTED) {
			end_interrupted_line();
			shell.last_status = 130;
		}
		if (result == READ_ERROR && !shell.interactive)
			shell_exit(2);
		if (result == READ_OK) {
			run_list(list);
			free_list(list);
		}
	}
	if (shell.interactive)
		fputs("exit\n", stderr);
	shell_exit(shell.last_status);
}

/* sh -c TEXT [NAME [ARG...]] */
static void __attribute__((noreturn)) run_command_string(int argc, char **argv)
{
	struct and_or *list;
	enum parse_result r;

	if (argc < 3) {
		sh_error("-c: option requires an argument");
		exit(2);
	}
	if (argc > 3)
		set_params(argv[3], argv + 4, argc - 4);
	r = parse(argv[2], &list);
	if (r == PARSE_INCOMPLETE)
		unexpected_end();
	if (r != PARSE_OK)
		exit(2);
	run_list(list);
	free_list(list);
	shell_exit(shell.last_status);
}

/* sh FILE [ARG...] */
static void __attribute__((noreturn)) run_script(int argc, char **argv)
{
	struct input in;
	int fd = open(argv[1], O_RDONLY | O_CLOEXEC);
	int high;

	if (fd < 0) {
		sh_error("%s: %s", argv[1], strerror(errno));
		exit(127);
	}
	high = fcntl(fd, F_DUPFD_CLOEXEC, SCRIPT_FD_MIN);
	if (high >= 0) {
		close(fd);
		fd = high;
	}
	set_params(argv[1], argv + 2, argc - 2);
	input_open(&in, fd, false);
	run_input(&in);
}

/* sh: commands from stdin. */
static void __attribute__((noreturn)) run_stdin(void)
{
	struct input in;

	shell.interactive = isatty(0);
	if (shell.interactive)
		init_job_control();
	input_open(&in, 0, true);
	run_input(&in);
}

int main(int argc, char **argv)
{
	shell.pid = getpid();
	shell.pgid = getpgrp();
	set_params(argc > 0 ? argv[0] : "sh", NULL, 0);
	vars_import(environ);
	if (argc > 1 && strcmp(argv[1], "-c") == 0)
		run_command_string(argc, argv);
	if (argc > 1 && argv[1][0] == '-') {
		sh_error("%s: invalid option", argv[1]);
		return 2;
	}
	if (argc > 1)
		run_script(argc, argv);
	run_stdin();
	return 0;
}
