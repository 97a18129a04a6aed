/*
 * redir.c - carry out redirections such as  <in  >out  >>log  2>&1  3<&-
 *
 * Each redirection makes one descriptor N refer to something else:
 *
 *   N<file   open file for reading            (N defaults to 0)
 *   N>file   open for writing, create, empty  (N defaults to 1)
 *   N>>file  open for writing at the end
 *   N>&M     make N a copy of M (dup2); N<&M the same
 *   N>&-     close N;  N<&- the same
 *
 * They are done left to right, so order matters: "cmd >out 2>&1" sends
 * both to out, while "cmd 2>&1 >out" sends stderr to the old stdout.
 *
 * In a child (an external command, or part of a pipeline) the changes
 * are simply made; the process is about to exec anyway.  For a builtin
 * run inside the shell itself ("pwd >file", "jobs 2>&1") they must be
 * undone afterwards, so apply_redirections can first save a copy of each
 * descriptor it changes (the copy is close-on-exec and numbered 10 or
 * above, out of the way), and restore_redirections puts them back in
 * reverse order.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"

#define SAVE_FD_MIN 10

/* Remember what fd is now, before it gets changed. */
static void save_fd(struct saved_fds *saved, int fd)
{
	struct saved_fd *s;

	saved->items = xrealloc(saved->items,
				(saved->count + 1) * sizeof(struct saved_fd));
	s = &saved->items[saved->count++];
	s->fd = fd;
	s->copy = fcntl(fd, F_DUPFD_CLOEXEC, SAVE_FD_MIN);	/* -1: closed */
}

void restore_redirections(struct saved_fds *saved)
{
	for (int i = saved->count - 1; i >= 0; i--) {
		struct saved_fd *s = &saved->items[i];

		if (s->copy >= 0) {
			dup2(s->copy, s->fd);
			close(s->copy);
		} else {
			close(s->fd);
		}
	}
	free(saved->items);
	saved->items = NULL;
	saved->count = 0;
}

static int open_flags(enum redir_op op)
{
	if (op == REDIR_IN)
		return O_RDONLY;
	if (op == REDIR_APPEND)
		return O_WRONLY | O_CREAT | O_APPEND;
	return O_WRONLY | O_CREAT | O_TRUNC;
}

/* N<file, N>file, N>>file: open target and move it to fd. */
static bool redirect_to_file(int fd, enum redir_op op, const char *target)
{
	int opened = open(target, open_flags(op), 0666);

	if (opened < 0) {
		sh_error("%s: %s", target, strerror(errno));
		return false;
	}
	if (opened != fd) {
		if (dup2(opened, fd) < 0) {
			sh_error("%d: %s", fd, strerror(errno));
			close(opened);
			return false;
		}
		close(opened);
	}
	return true;
}

/* N>&M, N<&M, N>&-: copy or close. */
static bool redirect_to_fd(int fd, const char *target)
{
	int from;

	if (strcmp(target, "-") == 0) {
		close(fd);
		return true;
	}
	if (!parse_number(target, &from) || from < 0) {
		sh_error("%s: bad file descriptor", target);
		return false;
	}
	if (dup2(from, fd) < 0) {	/* also checks that from is open */
		sh_error("%d: %s", from, strerror(errno));
		return false;
	}
	return true;
}

/* The target word, expanded: it must give exactly one field. */
static char *expand_target(const char *raw)
{
	struct strlist fields;
	char *target = NULL;

	sl_init(&fields);
	if (expand_word(raw, &fields)) {
		if (fields.count == 1)
			target = xstrdup(fields.items[0]);
		else
			sh_error("%s: ambiguous redirect", raw);
	}
	sl_free(&fields);
	return target;
}

/*
 * Apply a list of redirections in order.  If saved is not NULL, what each
 * one replaces is saved there first (call restore_redirections later,
 * also after a failure).  Returns false, after a message, on the first
 * one that fails.
 */
bool apply_redirections(const struct redir *r, struct saved_fds *saved)
{
	for (; r != NULL; r = r->next) {
		char *target = expand_target(r->target);
		bool ok;

		if (target == NULL)
			return false;
		if (saved != NULL)
			save_fd(saved, r->fd);
		if (r->op == REDIR_DUP_IN || r->op == REDIR_DUP_OUT)
			ok = redirect_to_fd(r->fd, target);
		else
			ok = redirect_to_file(r->fd, r->op, target);
		free(target);
		if (!ok)
			return false;
	}
	return true;
}
