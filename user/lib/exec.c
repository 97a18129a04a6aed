/*
 * exec.c - replacing the process image: execve() and its conveniences.
 *
 * execv uses the current environ; the "p" forms search the directories
 * in $PATH (default "/bin") when the name has no slash; the "l" forms
 * take the arguments as a NULL-terminated list instead of an array.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <limits.h>
#include "syscall_internal.h"

#define DEFAULT_PATH "/bin"

int execve(const char *path, char *const argv[], char *const envp[])
{
	return __syscall_ret(__syscall3(SYS_execve, (long)path, (long)argv,
					(long)envp));
}

int execv(const char *path, char *const argv[])
{
	return execve(path, argv, environ);
}

/* Try "dir/file" for each dir in the colon-separated path list. */
static int exec_search(const char *file, const char *dirs, char *const argv[])
{
	char path[PATH_MAX];
	size_t file_len = strlen(file);
	int saw_eacces = 0;

	while (1) {
		const char *colon = strchr(dirs, ':');
		size_t dir_len = colon ? (size_t)(colon - dirs) : strlen(dirs);

		/* an empty entry means the current directory */
		const char *dir = dir_len ? dirs : ".";
		size_t n = dir_len ? dir_len : 1;

		if (n + 1 + file_len < sizeof(path)) {
			memcpy(path, dir, n);
			path[n] = '/';
			memcpy(path + n + 1, file, file_len + 1);
			execve(path, argv, environ);
			if (errno == EACCES)
				saw_eacces = 1;
			else if (errno != ENOENT && errno != ENOTDIR)
				return -1;
		}
		if (!colon)
			break;
		dirs = colon + 1;
	}
	errno = saw_eacces ? EACCES : ENOENT;
	return -1;
}

int execvp(const char *file, char *const argv[])
{
	const char *dirs;

	if (file[0] == '\0') {
		errno = ENOENT;
		return -1;
	}
	if (strchr(file, '/'))
		return execve(file, argv, environ);
	dirs = getenv("PATH");
	if (!dirs)
		dirs = DEFAULT_PATH;
	return exec_search(file, dirs, argv);
}

/* Count the arguments after "first" up to and including the NULL. */
static int count_args(const char *first, va_list ap)
{
	int n = 1;

	if (!first)
		return 1;
	while (va_arg(ap, const char *))
		n++;
	return n + 1;
}

int execl(const char *path, const char *arg, ...)
{
	va_list ap;
	int n;

	va_start(ap, arg);
	n = count_args(arg, ap);
	va_end(ap);

	char *argv[n];
	va_start(ap, arg);
	argv[0] = (char *)arg;
	for (int i = 1; i < n; i++)
		argv[i] = va_arg(ap, char *);
	va_end(ap);
	return execv(path, argv);
}

int execlp(const char *file, const char *arg, ...)
{
	va_list ap;
	int n;

	va_start(ap, arg);
	n = count_args(arg, ap);
	va_end(ap);

	char *argv[n];
	va_start(ap, arg);
	argv[0] = (char *)arg;
	for (int i = 1; i < n; i++)
		argv[i] = va_arg(ap, char *);
	va_end(ap);
	return execvp(file, argv);
}

/* execle: the list is followed by the environment array. */
int execle(const char *path, const char *arg, ...)
{
	va_list ap;
	char **envp;
	int n;

	va_start(ap, arg);
	n = count_args(arg, ap);
	va_end(ap);

	char *argv[n];
	va_start(ap, arg);
	argv[0] = (char *)arg;
	for (int i = 1; i < n; i++)
		argv[i] = va_arg(ap, char *);
	envp = va_arg(ap, char **);
	va_end(ap);
	return execve(path, argv, envp);
}
