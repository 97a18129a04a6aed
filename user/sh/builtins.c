/*
 * builtins.c - commands the shell runs itself, and the table of them.
 *
 * Some commands cannot be programs, because a program runs in a child
 * and a child cannot change its parent: cd (the shell's directory), exit,
 * export and unset (the shell's variables), and the job commands, which
 * need the shell's job table (jobcmds.c).
 *
 * A builtin is a function int f(int argc, char **argv) returning an exit
 * status.  Alone, it runs inside the shell; in a pipeline ("jobs | cat")
 * it runs in a child like any command (run.c, child.c).  It writes with
 * stdio; run_builtin flushes stdout afterwards, so nothing stays in the
 * buffer when the shell undoes redirections or forks.
 *
 * Special and regular builtins.  POSIX sorts builtins into two kinds,
 * and the kind decides what "A=1 builtin" does when it runs in the shell:
 *
 *   special   exit export unset   the assignments stay in the shell
 *                                 afterwards, as if written "A=1; unset B"
 *   regular   cd pwd jobs fg bg   the assignments hold only while the
 *             wait kill           builtin runs, as for a program: after
 *                                 "HOME=/tmp cd" the shell is in /tmp but
 *                                 HOME is what it was (run.c, vars.c)
 *
 * (POSIX's other special builtins, such as set, shift and eval, are not
 * implemented.)
 *
 * Errors go to stderr as "sh: NAME: message".
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"

/* cd [DIR]: change directory (default $HOME), and keep $PWD up to date. */
static int builtin_cd(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : var_get("HOME");
	char *cwd;

	if (argc > 2) {
		sh_error("cd: too many arguments");
		return 1;
	}
	if (dir == NULL) {
		sh_error("cd: HOME not set");
		return 1;
	}
	if (chdir(dir) < 0) {
		sh_error("cd: %s: %s", dir, strerror(errno));
		return 1;
	}
	cwd = getcwd(NULL, 0);
	if (cwd != NULL)
		var_set("PWD", cwd);
	free(cwd);
	return 0;
}

/* pwd: print the current directory. */
static int builtin_pwd(int argc, char **argv)
{
	char *cwd = getcwd(NULL, 0);

	(void)argc;
	(void)argv;
	if (cwd == NULL) {
		sh_error("pwd: %s", strerror(errno));
		return 1;
	}
	printf("%s\n", cwd);
	free(cwd);
	return 0;
}

/* exit [N]: leave with status N, or that of the last command. */
static int builtin_exit(int argc, char **argv)
{
	int status = shell.last_status;

	if (argc > 2) {
		sh_error("exit: too many arguments");
		return 1;
	}
	if (argc == 2 && !parse_number(argv[1], &status)) {
		sh_error("exit: %s: numeric argument required", argv[1]);
		status = 2;
	}
	shell_exit(status & 255);
}

/* export [NAME[=VALUE]]...: put variables in the environment. */
static int builtin_export(int argc, char **argv)
{
	int status = 0;

	if (argc == 1)
		vars_print_exported();
	for (int i = 1; i < argc; i++) {
		char *equals = strchr(argv[i], '=');
		size_t len = strcspn(argv[i], "=");
		char *name = xstrndup(argv[i], len);

		if (!is_valid_name(name, len)) {
			sh_error("export: `%s': not a valid identifier",
				 argv[i]);
			status = 1;
		} else {
			if (equals != NULL)
				var_set(name, equals + 1);
			var_export(name);
		}
		free(name);
	}
	return status;
}

/* unset NAME...: forget variables (and take them out of the environment). */
static int builtin_unset(int argc, char **argv)
{
	int status = 0;

	for (int i = 1; i < argc; i++) {
		if (!is_valid_name(argv[i], strlen(argv[i]))) {
			sh_error("unset: `%s': not a valid identifier",
				 argv[i]);
			status = 1;
		} else {
			var_unset(argv[i]);
		}
	}
	return status;
}

static const struct builtin builtins[] = {
	{ "cd", builtin_cd, false },
	{ "pwd", builtin_pwd, false },
	{ "exit", builtin_exit, true },
	{ "export", builtin_export, true },
	{ "unset", builtin_unset, true },
	{ "jobs", builtin_jobs, false },
	{ "fg", builtin_fg, false },
	{ "bg", builtin_bg, false },
	{ "wait", builtin_wait, false },
	{ "kill", builtin_kill, false },
};

const struct builtin *find_builtin(const char *name)
{
	for (size_t i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++)
		if (strcmp(builtins[i].name, name) == 0)
			return &builtins[i];
	return NULL;
}

int run_builtin(const struct builtin *builtin, struct strlist *argv)
{
	int status = builtin->fn(argv->count, argv->items);

	fflush(stdout);
	return status;
}
