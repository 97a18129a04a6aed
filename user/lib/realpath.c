/*
 * realpath.c - the canonical absolute name of a path: no ".", "..",
 * repeated slashes or symbolic links.
 *
 * The walk keeps two strings: `done`, the resolved part (absolute, each
 * component checked to exist), and `todo`, what is left of the path.
 * Each step takes one component off the front of todo (repeated
 * slashes just separate components):
 *   "."          nothing to do;
 *   ".."         drop the last component of done (done is real
 *                directories only, so this is the true parent);
 *   a name       append it to done and lstat the result: it must exist,
 *                and if anything follows it in todo it must be a
 *                directory (ENOTDIR otherwise);
 *   a symlink    (found by that lstat) its target is put in front of
 *                todo; an absolute target also restarts done at "/".
 * A relative path starts with done = getcwd().  path itself may be of
 * any length (as in glibc).  Errors: ENOENT (a component is missing, or
 * path is ""), ENOTDIR, ENAMETOOLONG (a component is longer than
 * NAME_MAX, or the result or an expansion would not fit in PATH_MAX),
 * ELOOP (more than MAXSYMLINKS links), EINVAL (path is NULL), and
 * whatever lstat, readlink, getcwd or malloc fail with.
 *
 * Conduit has no symbolic links yet (lstat never reports one), so the
 * symlink step is written but not yet exercised on Conduit.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAXSYMLINKS 20

struct resolve {
	char done[PATH_MAX];
	char *todo;			/* from malloc: path, or an expansion */
	size_t pos;			/* next unread character of todo */
	int links;			/* symbolic links followed so far */
};

static int fail(int error)
{
	errno = error;
	return -1;
}

/* Remove the last component of done ("/a/b" -> "/a", "/a" -> "/"). */
static void drop_last(char *done)
{
	char *slash = strrchr(done, '/');

	if (slash == done)
		slash[1] = '\0';
	else
		*slash = '\0';
}

/* Append "/name" (len bytes of name) to done. */
static int append(char *done, const char *name, size_t len)
{
	size_t used = strlen(done);

	if (used > 1)
		done[used++] = '/';
	else
		used = 1;		/* done is "/" */
	if (used + len >= PATH_MAX)
		return fail(ENAMETOOLONG);
	memcpy(done + used, name, len);
	done[used + len] = '\0';
	return 0;
}

/*
 * done names a symbolic link: todo becomes its target followed by the
 * rest of todo.
 */
static int follow_link(struct resolve *r)
{
	char target[PATH_MAX];
	size_t rest = strlen(r->todo + r->pos);
	char *todo;
	ssize_t n;

	if (++r->links > MAXSYMLINKS)
		return fail(ELOOP);
	n = readlink(r->done, target, sizeof(target));
	if (n < 0)
		return -1;
	if ((size_t)n + rest >= PATH_MAX)
		return fail(ENAMETOOLONG);
	todo = malloc((size_t)n + rest + 1);
	if (!todo)
		return -1;
	memcpy(todo, target, (size_t)n);
	memcpy(todo + n, r->todo + r->pos, rest + 1);
	free(r->todo);
	r->todo = todo;
	r->pos = 0;
	if (n > 0 && target[0] == '/')
		strcpy(r->done, "/");
	else
		drop_last(r->done);
	return 0;
}

/* Resolve the component of len bytes at todo + pos, then skip it. */
static int resolve_component(struct resolve *r, size_t len)
{
	const char *name = r->todo + r->pos;
	struct stat st;

	r->pos += len;
	if (len == 1 && name[0] == '.')
		return 0;
	if (len == 2 && name[0] == '.' && name[1] == '.') {
		drop_last(r->done);
		return 0;
	}
	if (append(r->done, name, len) < 0 || lstat(r->done, &st) < 0)
		return -1;
	if (S_ISLNK(st.st_mode))
		return follow_link(r);
	if (!S_ISDIR(st.st_mode) && r->todo[r->pos] == '/')
		return fail(ENOTDIR);
	return 0;
}

static int resolve_path(struct resolve *r, const char *path)
{
	if (path[0] == '/')
		strcpy(r->done, "/");
	else if (!getcwd(r->done, sizeof(r->done)))
		return -1;
	while (r->todo[r->pos]) {
		size_t len;

		while (r->todo[r->pos] == '/')
			r->pos++;
		len = strcspn(r->todo + r->pos, "/");
		if (len > 0 && resolve_component(r, len) < 0)
			return -1;
	}
	return 0;
}

/*
 * resolved must have room for PATH_MAX bytes; if it is NULL the result
 * is in memory from malloc, which the caller frees.
 */
char *realpath(const char *path, char *resolved)
{
	struct resolve *r;
	char *result = NULL;

	if (!path) {
		errno = EINVAL;
		return NULL;
	}
	if (!*path) {
		errno = ENOENT;
		return NULL;
	}
	r = malloc(sizeof(*r));		/* 4 KiB: big for a small stack */
	if (!r)
		return NULL;
	r->todo = strdup(path);
	r->pos = 0;
	r->links = 0;
	if (r->todo && resolve_path(r, path) == 0)
		result = resolved ? strcpy(resolved, r->done) : strdup(r->done);
	free(r->todo);
	free(r);
	return result;
}
