/*
 * util.c - small helpers used everywhere in the shell.
 *
 * Memory: xmalloc and friends never return NULL.  If memory runs out the
 * shell cannot do anything sensible anyway, so it says so and exits; the
 * rest of the code then needs no error path for allocation.
 *
 * struct strbuf is a string that grows as characters are appended
 * (doubling its capacity), and struct strlist a growing array of strings
 * kept NULL-terminated, so that `items` can be handed to execve as argv.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"

static void out_of_memory(void)
{
	static const char message[] = "sh: out of memory\n";

	write(2, message, sizeof(message) - 1);
	_exit(2);
}

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (p == NULL)
		out_of_memory();
	return p;
}

void *xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);

	if (p == NULL)
		out_of_memory();
	return p;
}

char *xstrndup(const char *s, size_t n)
{
	char *copy = xmalloc(n + 1);

	memcpy(copy, s, n);
	copy[n] = '\0';
	return copy;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

void sb_init(struct strbuf *sb)
{
	sb->cap = 16;
	sb->len = 0;
	sb->data = xmalloc(sb->cap);
	sb->data[0] = '\0';
}

void sb_add_char(struct strbuf *sb, char c)
{
	if (sb->len + 1 >= sb->cap) {
		sb->cap *= 2;
		sb->data = xrealloc(sb->data, sb->cap);
	}
	sb->data[sb->len++] = c;
	sb->data[sb->len] = '\0';
}

void sb_add_str(struct strbuf *sb, const char *s)
{
	while (*s != '\0')
		sb_add_char(sb, *s++);
}

void sb_clear(struct strbuf *sb)
{
	sb->len = 0;
	sb->data[0] = '\0';
}

void sb_free(struct strbuf *sb)
{
	free(sb->data);
	sb->data = NULL;
	sb->len = sb->cap = 0;
}

void sl_init(struct strlist *sl)
{
	sl->count = 0;
	sl->cap = 4;
	sl->items = xmalloc(sl->cap * sizeof(char *));
	sl->items[0] = NULL;
}

void sl_add(struct strlist *sl, char *s)
{
	if (sl->count + 1 >= sl->cap) {
		sl->cap *= 2;
		sl->items = xrealloc(sl->items, sl->cap * sizeof(char *));
	}
	sl->items[sl->count++] = s;
	sl->items[sl->count] = NULL;
}

void sl_free(struct strlist *sl)
{
	for (int i = 0; i < sl->count; i++)
		free(sl->items[i]);
	free(sl->items);
	sl->items = NULL;
	sl->count = sl->cap = 0;
}

/* Print "sh: <message>" and a newline on stderr (which is unbuffered). */
void sh_error(const char *fmt, ...)
{
	va_list ap;

	fputs("sh: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* Parse a whole string as a decimal number (with optional sign). */
bool parse_number(const char *s, int *value)
{
	char *end;
	long long n;

	if (*s == '\0')
		return false;
	n = strtoll(s, &end, 10);
	if (*end != '\0' || n > INT_MAX || n < -INT_MAX)
		return false;
	*value = (int)n;
	return true;
}
