/*
 * table.c - read a /proc table and print it with aligned columns, for
 * /bin/ps and /bin/pipeinfo.  The rules are in <conduit/table.h>.
 *
 * The rows are kept in memory until the end, because a column's width
 * is known only when every row has been seen.  Out of memory ends the
 * program ("PROGRAM: out of memory", exit status 1): a half-printed
 * table would mislead.
 */
#include <conduit/table.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GAP "  "		/* between two columns */
#define BLANKS " \t"

static void __attribute__((noreturn)) out_of_memory(const struct table *t)
{
	fprintf(stderr, "%s: out of memory\n", t->spec->program);
	exit(1);
}

int table_split(char *line, char **fields, int max, bool rest_in_last)
{
	char *p = line;

	for (int i = 0; i < max; i++) {
		p += strspn(p, BLANKS);
		if (*p == '\0')
			return i;
		fields[i] = p;
		if (rest_in_last && i == max - 1)
			break;
		p += strcspn(p, BLANKS);
		if (*p != '\0')
			*p++ = '\0';
	}
	if (!rest_in_last && p[strspn(p, BLANKS)] != '\0')
		return max + 1;
	return max;
}

void table_add(struct table *t, char *const fields[])
{
	struct table_row *row;

	if (t->count == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->rows = realloc(t->rows, t->cap * sizeof *t->rows);
		if (t->rows == NULL)
			out_of_memory(t);
	}
	row = &t->rows[t->count++];
	for (int i = 0; i < t->spec->columns; i++)
		if ((row->field[i] = strdup(fields[i])) == NULL)
			out_of_memory(t);
}

/* Read the whole file into the table.  0, or -1 if it cannot be read. */
static int table_read(struct table *t, const char *path)
{
	const char *program = t->spec->program;
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int failed, number = 0;

	if (f == NULL) {
		fprintf(stderr, "%s: %s: %s\n", program, path, strerror(errno));
		return -1;
	}
	while ((len = getline(&line, &cap, f)) > 0) {
		const char *wrong;

		number++;
		if (line[len - 1] == '\n')
			line[--len] = '\0';
		wrong = t->spec->parse_line(t, line, len, number);
		if (wrong != NULL)
			fprintf(stderr, "%s: %s: line %d: %s\n", program, path,
				number, wrong);
	}
	failed = ferror(f);
	if (failed)
		fprintf(stderr, "%s: %s: %s\n", program, path, strerror(errno));
	free(line);
	if (f != stdin)
		fclose(f);
	return failed ? -1 : 0;
}

static void table_print(const struct table *t)
{
	const struct table_spec *spec = t->spec;
	int width[TABLE_MAX_COLUMNS] = { 0 };
	int last = spec->columns - 1;

	for (int r = 0; r < t->count; r++)
		for (int c = 0; c < spec->columns; c++)
			if ((int)strlen(t->rows[r].field[c]) > width[c])
				width[c] = strlen(t->rows[r].field[c]);
	/* Number columns may have a minimum width: pids grow. */
	for (int c = 0; c < spec->right_aligned; c++)
		if (width[c] < spec->min_width)
			width[c] = spec->min_width;
	for (int r = 0; r < t->count; r++) {
		for (int c = 0; c < last; c++)
			printf(c < spec->right_aligned ? "%*s" GAP : "%-*s" GAP,
			       width[c], t->rows[r].field[c]);
		printf("%s\n", t->rows[r].field[last]);	/* no padding */
	}
}

int table_main(const struct table_spec *spec, int argc)
{
	struct table t = { spec, NULL, 0, 0 };
	const char *path = getenv(spec->path_env);

	if (argc > 1) {
		fprintf(stderr, "usage: %s\n", spec->program);
		return 2;
	}
	if (path == NULL || path[0] == '\0')
		path = spec->path;
	if (table_read(&t, path) < 0)
		return 1;
	table_print(&t);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "%s: write error: %s\n", spec->program,
			strerror(errno));
		return 1;
	}
	return 0;
}
