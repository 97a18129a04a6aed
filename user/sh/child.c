/*
 * child.c - what a forked child does to become the command it runs.
 *
 * After fork, the child:
 *   1. joins the job's process group and, for a foreground job of an
 *      interactive shell, takes the terminal; then puts back the default
 *      signal dispositions the shell had changed for itself;
 *   2. (run.c has connected its stdin/stdout to the pipeline's pipes)
 *   3. sets the command's own variables ("A=1 cmd") in its copy of the
 *      variable table, exported, so only this command sees them;
 *   4. applies the redirections;
 *   5. runs a builtin and exits with its status, or executes a program.
 *
 * Finding the program: a name with a '/' is used as it is.  Otherwise
 * each directory of $PATH (":"-separated; "/bin" if PATH is unset; an
 * empty entry means ".") is tried in turn with execve.  If none works the
 * child reports, as shells do:
 *   sh: NAME: not found            exit status 127
 *   sh: NAME: Permission denied    exit status 126 (found, not executable)
 * A file that exists but is not a program (execve fails with ENOEXEC) is
 * taken to be a shell script and run with /bin/sh.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"

#define SHELL_PATH "/bin/sh"
#define DEFAULT_PATH "/bin"

void child_set_job(pid_t pgid, bool foreground, bool background)
{
	if (shell.interactive) {
		pid_t group = pgid > 0 ? pgid : getpid();

		setpgid(0, group);
		if (foreground)
			tcsetpgrp(0, group);
		signals_default();
	} else if (background) {
		signals_ignore_interrupts();
	}
	shell.interactive = false;	/* children never do job control */
}

/* execve failed with ENOEXEC: run the file as a script of ours. */
static void exec_script(const char *path, char **argv, char **envp)
{
	struct strlist args;

	sl_init(&args);
	sl_add(&args, xstrdup("sh"));
	sl_add(&args, xstrdup(path));
	for (int i = 1; argv[i] != NULL; i++)
		sl_add(&args, xstrdup(argv[i]));
	execve(SHELL_PATH, args.items, envp);
	errno = ENOEXEC;
}

/* Try to execute path; returns (with errno set) only if that failed. */
static void try_exec(const char *path, char **argv, char **envp)
{
	execve(path, argv, envp);
	if (errno == ENOEXEC)
		exec_script(path, argv, envp);
}

/* "dir/name", where dir is the first len characters of dir ("" is "."). */
static char *join_path(const char *dir, size_t len, const char *name)
{
	char *path = xmalloc(len + strlen(name) + 3);

	if (len == 0) {
		dir = ".";
		len = 1;
	}
	memcpy(path, dir, len);
	path[len] = '/';
	strcpy(path + len + 1, name);
	return path;
}

/* Search PATH for name; returns the errno of the most telling failure. */
static int search_path(const char *name, char **argv, char **envp)
{
	const char *dirs = var_get("PATH");
	int error = ENOENT;

	if (dirs == NULL)
		dirs = DEFAULT_PATH;
	for (;;) {
		size_t len = strcspn(dirs, ":");
		char *path = join_path(dirs, len, name);

		try_exec(path, argv, envp);
		/* Remember e.g. EACCES: found, but could not be run. */
		if (errno != ENOENT && errno != ENOTDIR)
			error = errno;
		free(path);
		if (dirs[len] == '\0')
			return error;
		dirs += len + 1;
	}
}

/* Execute the program argv[0]; never returns. */
static void __attribute__((noreturn)) exec_program(char **argv)
{
	char **envp = vars_environ();
	const char *name = argv[0];
	int error;

	if (strchr(name, '/') != NULL) {
		try_exec(name, argv, envp);
		error = errno;
	} else {
		error = search_path(name, argv, envp);
	}
	if (error == ENOENT && strchr(name, '/') == NULL)
		sh_error("%s: not found", name);
	else
		sh_error("%s: %s", name, strerror(error));
	_exit(error == ENOENT ? 127 : 126);
}

void child_run(const struct command *cmd, struct strlist *argv)
{
	const struct builtin *builtin;

	for (int i = 0; i < cmd->assigns.count; i++)
		if (!var_assign(cmd->assigns.items[i], true))
			_exit(1);
	if (!apply_redirections(cmd->redirs, NULL))
		_exit(1);
	if (argv->count == 0)
		_exit(0);
	builtin = find_builtin(argv->items[0]);
	if (builtin != NULL)
		exit(run_builtin(builtin, argv));
	exec_program(argv->items);
}
