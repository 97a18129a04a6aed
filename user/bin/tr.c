/*
 * tr - translate, delete or squeeze characters.
 *
 * Usage: tr SET1 SET2          replace each character of SET1 by the
 *                              one at the same position in SET2
 *        tr -d SET1            delete the characters of SET1
 *        tr -s SET1            squeeze runs of a SET1 character into one
 *        tr -s SET1 SET2       translate, then squeeze SET2 characters
 *        tr -ds SET1 SET2      delete SET1, then squeeze SET2 characters
 *
 * tr is a filter: it reads standard input and writes standard output.
 * A SET is a list of characters, which may contain
 *   a-z            a range (the ends in increasing order)
 *   [:lower:]      a class: lower upper digit alpha alnum space blank punct
 *   \n \t \\ ...   escapes: \\ \a \b \f \n \r \t \v, \NNN in octal
 * If SET2 is shorter than SET1, its last character is repeated, so
 * "tr a-z x" replaces every lower-case letter by x.  Classes expand in
 * order, so "tr '[:lower:]' '[:upper:]'" works like "tr a-z A-Z".
 *
 * How: each SET is expanded into a plain list of characters, which then
 * becomes two 256-entry tables: map[c], the character that c turns into,
 * and a flag per character for "delete" and for "squeeze".  The input is
 * then handled block by block, with one table look-up per character.
 *
 * Errors: "tr: ..." on standard error, exit status 2 for a bad command
 * line, 1 if reading or writing fails.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SET_MAX 4096		/* characters in an expanded set */
#define BUFFER_SIZE 65536

struct set {
	unsigned char chars[SET_MAX];
	int len;
};

static unsigned char map[256];		/* what each character becomes */
static unsigned char delete_it[256];	/* 1: drop this character */
static unsigned char squeeze_it[256];	/* 1: squeeze runs of it */

static void usage(void)
{
	fprintf(stderr, "usage: tr [-ds] SET1 [SET2]\n");
	exit(2);
}

static void set_append(struct set *s, int c)
{
	if (s->len == SET_MAX) {
		fprintf(stderr, "tr: set too long\n");
		exit(2);
	}
	s->chars[s->len++] = (unsigned char)c;
}

/* The classes that may appear as [:name:]. */
static const struct {
	const char *name;
	int (*test)(int);
} classes[] = {
	{ "alnum", isalnum }, { "alpha", isalpha }, { "blank", isblank },
	{ "digit", isdigit }, { "lower", islower }, { "punct", ispunct },
	{ "space", isspace }, { "upper", isupper },
};

/* If p starts a [:class:], append its characters and return its end. */
static const char *expand_class(struct set *s, const char *p)
{
	const char *end;

	if (p[0] != '[' || p[1] != ':' || (end = strstr(p + 2, ":]")) == NULL)
		return NULL;
	for (size_t i = 0; i < sizeof classes / sizeof classes[0]; i++) {
		if (strlen(classes[i].name) == (size_t)(end - p - 2) &&
		    strncmp(classes[i].name, p + 2, end - p - 2) == 0) {
			for (int c = 0; c < 256; c++)
				if (classes[i].test(c))
					set_append(s, c);
			return end + 2;
		}
	}
	fprintf(stderr, "tr: invalid class '%.*s'\n", (int)(end + 2 - p), p);
	exit(2);
}

/* Read one character of a SET at *p, decoding escapes; advance *p. */
static int next_char(const char **p)
{
	const char *s = *p;
	int c;

	if (*s != '\\' || s[1] == '\0') {
		*p = s + 1;
		return (unsigned char)*s;
	}
	s++;
	if (*s >= '0' && *s <= '7') {
		c = 0;
		for (int i = 0; i < 3 && *s >= '0' && *s <= '7'; i++)
			c = c * 8 + (*s++ - '0');
		*p = s;
		return c & 0xff;
	}
	*p = s + 1;
	switch (*s) {
	case 'a': return '\a';
	case 'b': return '\b';
	case 'f': return '\f';
	case 'n': return '\n';
	case 'r': return '\r';
	case 't': return '\t';
	case 'v': return '\v';
	default: return (unsigned char)*s;	/* \\ and \- and the rest */
	}
}

/* Expand a SET argument into a list of characters. */
static void expand_set(struct set *s, const char *text)
{
	const char *p = text;

	s->len = 0;
	while (*p) {
		const char *after_class = expand_class(s, p);
		int low, high;

		if (after_class) {
			p = after_class;
			continue;
		}
		low = next_char(&p);
		if (p[0] != '-' || p[1] == '\0') {
			set_append(s, low);
			continue;
		}
		p++;				/* a range: low-high */
		high = next_char(&p);
		if (high < low) {
			fprintf(stderr, "tr: range '%c-%c' is in reverse order\n", low, high);
			exit(2);
		}
		for (int c = low; c <= high; c++)
			set_append(s, c);
	}
}

/* Fill map[], delete_it[] and squeeze_it[] from the options and sets. */
static void build_tables(int delete, int squeeze, const struct set *set1,
			 const struct set *set2, int have_set2)
{
	for (int c = 0; c < 256; c++)
		map[c] = c;
	if (delete) {
		for (int i = 0; i < set1->len; i++)
			delete_it[set1->chars[i]] = 1;
	} else if (have_set2) {
		for (int i = 0; i < set1->len; i++) {
			int j = i < set2->len ? i : set2->len - 1;

			map[set1->chars[i]] = set2->chars[j];
		}
	}
	if (squeeze) {
		const struct set *s = have_set2 ? set2 : set1;

		for (int i = 0; i < s->len; i++)
			squeeze_it[s->chars[i]] = 1;
	}
}

/* Filter standard input to standard output through the tables. */
static int filter(void)
{
	static unsigned char in[BUFFER_SIZE], out[BUFFER_SIZE];
	int last = -1;			/* the last character written */
	ssize_t n;

	while ((n = read(0, in, sizeof in)) != 0) {
		size_t len = 0;

		if (n < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "tr: read error: %s\n", strerror(errno));
			return 1;
		}
		for (ssize_t i = 0; i < n; i++) {
			int c = in[i];

			if (delete_it[c])
				continue;
			c = map[c];
			if (squeeze_it[c] && c == last)
				continue;
			out[len++] = c;
			last = c;
		}
		if (fwrite(out, 1, len, stdout) != len)
			break;
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "tr: write error: %s\n", strerror(errno));
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	static struct set set1, set2;
	int delete = 0, squeeze = 0, c, operands;

	opterr = 0;
	while ((c = getopt(argc, argv, "ds")) != -1) {
		if (c == 'd')
			delete = 1;
		else if (c == 's')
			squeeze = 1;
		else {
			fprintf(stderr, "tr: invalid option -- '%c'\n", optopt);
			usage();
		}
	}
	operands = argc - optind;
	/* -d alone: one set; -d -s: two; -s alone: one or two; else two. */
	if (operands < 1 || operands > 2 ||
	    (delete && operands != 1 + squeeze) ||
	    (!delete && !squeeze && operands != 2))
		usage();
	expand_set(&set1, argv[optind]);
	if (operands == 2)
		expand_set(&set2, argv[optind + 1]);
	if (!delete && operands == 2 && set2.len == 0 && set1.len > 0) {
		fprintf(stderr, "tr: SET2 must not be empty\n");
		return 2;
	}
	build_tables(delete, squeeze, &set1, &set2, operands == 2);
	return filter();
}
