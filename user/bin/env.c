/*
 * env - print the environment, or run a command in a changed one.
 *
 * Usage: env [-i] [-u NAME]... [NAME=VALUE]... [COMMAND [ARG...]]
 *
 *   -i           start from an empty environment
 *   -u NAME      remove NAME from the environment
 *   NAME=VALUE   set NAME (replacing an old value)
 *
 * Without COMMAND, env prints the resulting environment, one NAME=VALUE
 * per line.  With COMMAND, env execs it with that environment: the
 * program replaces env in the same process, so "env X=1 cmd" is cmd
 * with one more variable.  COMMAND is looked up in $PATH (default /bin)
 * if it has no '/'.  Options must come before the first NAME=VALUE.
 *
 * How: env builds its own array of "NAME=VALUE" strings, starting from a
 * copy of `environ` (the process's environment, set up by execve), and
 * passes it to execve() -- or just prints it.
 *
 * Exit status: that of COMMAND; 127 if COMMAND was not found, 126 if it
 * could not be run; 2 for usage errors; 1 if printing failed.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DEFAULT_PATH "/bin"

extern char **environ;

static char **vars;		/* the new environment, NULL-terminated */
static int var_count;

static void out_of_memory(void)
{
	fprintf(stderr, "env: out of memory\n");
	exit(1);
}

static void usage(void)
{
	fprintf(stderr, "usage: env [-i] [-u NAME]... [NAME=VALUE]... [COMMAND [ARG...]]\n");
	exit(2);
}

/* Index of the variable called name (up to '=' or the end), or -1. */
static int find_var(const char *name)
{
	size_t len = strcspn(name, "=");

	for (int i = 0; i < var_count; i++)
		if (strncmp(vars[i], name, len) == 0 && vars[i][len] == '=')
			return i;
	return -1;
}

/* Set "NAME=VALUE", replacing an old value of NAME. */
static void set_var(char *assignment)
{
	int i = find_var(assignment);
	char **bigger;

	if (i >= 0) {
		vars[i] = assignment;
		return;
	}
	bigger = realloc(vars, (var_count + 2) * sizeof *vars);
	if (bigger == NULL)
		out_of_memory();
	vars = bigger;
	vars[var_count++] = assignment;
	vars[var_count] = NULL;
}

/* Remove NAME, keeping the order of the others. */
static void unset_var(const char *name)
{
	int i = find_var(name);

	if (i < 0)
		return;
	memmove(&vars[i], &vars[i + 1], (var_count - i) * sizeof *vars);
	var_count--;
}

/* Exec COMMAND with the new environment, searching its PATH.  No return. */
static void run(char **argv)
{
	int path_var = find_var("PATH");
	const char *dirs = path_var >= 0 ? vars[path_var] + 5 : NULL;
	char path[PATH_MAX];
	int error = ENOENT;

	if (strchr(argv[0], '/')) {
		execve(argv[0], argv, vars);
		error = errno;
	} else {
		if (dirs == NULL || dirs[0] == '\0')
			dirs = DEFAULT_PATH;
		while (*dirs) {
			size_t len = strcspn(dirs, ":");

			snprintf(path, sizeof path, "%.*s/%s", (int)len,
				 len ? dirs : ".", argv[0]);
			execve(path, argv, vars);
			if (errno != ENOENT)
				error = errno;	/* found, but could not run it */
			dirs += len + (dirs[len] == ':');
		}
	}
	fprintf(stderr, "env: %s: %s\n", argv[0], strerror(error));
	exit(error == ENOENT ? 127 : 126);
}

int main(int argc, char **argv)
{
	const char **unset_names = calloc(argc, sizeof *unset_names);
	int i = 1, clear = 0, unset_count = 0;

	vars = calloc(1, sizeof *vars);
	if (vars == NULL || unset_names == NULL)
		out_of_memory();
	/* Options: -i (or just "-"), -u NAME, and "--" to end them. */
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "-i") == 0 || strcmp(argv[i], "-") == 0) {
			clear = 1;
		} else if (strcmp(argv[i], "-u") == 0 && i + 1 < argc) {
			unset_names[unset_count++] = argv[++i];
		} else if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		} else {
			fprintf(stderr, "env: invalid option: %s\n", argv[i]);
			usage();
		}
	}
	for (char **e = environ; !clear && e && *e; e++)
		set_var(*e);
	for (int j = 0; j < unset_count; j++)
		unset_var(unset_names[j]);
	for (; i < argc && strchr(argv[i], '=') && argv[i][0] != '='; i++)
		set_var(argv[i]);

	if (i < argc)
		run(argv + i);
	for (int j = 0; j < var_count; j++)
		printf("%s\n", vars[j]);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "env: write error: %s\n", strerror(errno));
		return 1;
	}
	return 0;
}
