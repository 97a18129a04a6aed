/*
 * libgen.c - splitting a path name into its directory and last part:
 * dirname() and the two basename()s.
 *
 * POSIX dirname and basename (<libgen.h>) ignore trailing slashes, so
 * "/usr/lib/" splits like "/usr/lib" into "/usr" and "lib"; they cut the
 * path in place by writing a NUL.  The GNU basename (<string.h> with
 * _GNU_SOURCE) only looks for the last '/' and never writes: it gives ""
 * for "/usr/lib/".  The results follow glibc, including one oddity POSIX
 * allows: a path that starts with exactly two slashes keeps them
 * ("//a" has dirname "//"), because "//" may mean something else than
 * "/" on some systems.
 */
#define _GNU_SOURCE		/* the GNU basename's prototype */
#include <string.h>
#include <libgen.h>

static char dot[] = ".";

/* The length of path without its trailing slashes (at least 1). */
static size_t without_trailing_slashes(const char *path)
{
	size_t len = strlen(path);

	while (len > 1 && path[len - 1] == '/')
		len--;
	return len;
}

char *dirname(char *path)
{
	size_t end;

	if (!path || !*path)
		return dot;
	end = without_trailing_slashes(path);
	while (end > 0 && path[end - 1] != '/')	/* drop the last part */
		end--;
	if (end == 0)
		return dot;			/* no slash: "name" */
	while (end > 1 && path[end - 1] == '/')	/* and the slashes before it */
		end--;
	if (end == 1 && path[1] == '/' && path[2] != '/')
		end = 2;			/* exactly "//" at the start */
	path[end] = '\0';
	return path;
}

char *__xpg_basename(char *path)
{
	size_t end;
	char *last;

	if (!path || !*path)
		return dot;
	end = without_trailing_slashes(path);
	if (end == 1 && path[0] == '/')
		return path + strlen(path) - 1;	/* only slashes: "/" */
	path[end] = '\0';
	last = strrchr(path, '/');
	return last ? last + 1 : path;
}

/* The GNU one; <libgen.h> made "basename" a macro for the POSIX one. */
#undef basename
char *basename(const char *path)
{
	const char *last = strrchr(path, '/');

	return (char *)(last ? last + 1 : path);
}
