/*
 * pipeinfo - show every pipe in the system and how full it is.
 *
 * Usage: pipeinfo
 *
 * The kernel describes its pipes in the text file /proc/pipes: a header
 * line, then one line per pipe with seven fields separated by blanks,
 *
 *     PIPE USED SIZE READERS WRITERS RWAIT WWAIT
 *     3 32768 65536 1 1 - 12
 *
 * PIPE is the pipe's number (the same as in ps's "pipe-read:3"), USED
 * the bytes waiting in it, SIZE its capacity, READERS and WRITERS how
 * many open file descriptions refer to its two ends, and RWAIT / WWAIT
 * the pids asleep in read() / write() on it, separated by commas, or "-".
 *
 * pipeinfo prints the same as a table with aligned columns plus a FILL
 * column that draws USED / SIZE as a bar of ten cells:
 *
 *     PIPE   USED   SIZE  READERS  WRITERS  RWAIT  WWAIT  FILL
 *        3  32768  65536        1        1  -      12     [#####.....]  50%
 *
 * Both the bar and the percentage are rounded down, so a bar is full
 * only when the pipe is.
 *
 * Testing aid: if the environment variable PIPEINFO_FILE is set,
 * pipeinfo reads that file instead of /proc/pipes ("-" means standard
 * input), so the output can be tested with made-up input.
 *
 * Lines that do not have seven fields are reported and skipped.  Errors:
 * "pipeinfo: FILE: reason", exit status 1.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FIELDS 7		/* in each line of /proc/pipes */
#define COLUMNS 8		/* printed: the fields plus FILL */
#define BAR_CELLS 10
#define GAP "  "		/* between two columns */

enum { USED = 1, SIZE = 2 };	/* field numbers */

struct row {
	char *field[COLUMNS];
};

static struct row *rows;	/* row 0 is the header */
static int row_count, row_cap;

/* Columns 0-4 (PIPE, USED, SIZE, READERS, WRITERS) are right-aligned. */
static int right_aligned(int column)
{
	return column < 5;
}

static void out_of_memory(void)
{
	fprintf(stderr, "pipeinfo: out of memory\n");
	exit(1);
}

static char *copy(const char *s)
{
	char *c = strdup(s);

	if (c == NULL)
		out_of_memory();
	return c;
}

/* The FILL column for a pipe: "[#####.....]  50%". */
static char *fill_bar(const char *used_text, const char *size_text)
{
	unsigned long used = strtoul(used_text, NULL, 10);
	unsigned long size = strtoul(size_text, NULL, 10);
	char bar[BAR_CELLS + 16];
	int cells, percent;

	if (size == 0 || used > size)
		return copy("?");
	cells = (int)((unsigned long long)used * BAR_CELLS / size);
	percent = (int)((unsigned long long)used * 100 / size);
	bar[0] = '[';
	for (int i = 0; i < BAR_CELLS; i++)
		bar[1 + i] = i < cells ? '#' : '.';
	snprintf(bar + 1 + BAR_CELLS, sizeof bar - 1 - BAR_CELLS, "] %3d%%", percent);
	return copy(bar);
}

/*
 * Split line into FIELDS fields at blanks and add a row to the table,
 * with a FILL column ("FILL" itself for the header).  Returns 0, or -1
 * if the line does not have exactly FIELDS fields.
 */
static int add_row(char *line, int is_header)
{
	char *fields[FIELDS];
	char *saved, *word;
	int n = 0;

	for (word = strtok_r(line, " \t", &saved); word;
	     word = strtok_r(NULL, " \t", &saved)) {
		if (n == FIELDS)
			return -1;
		fields[n++] = word;
	}
	if (n != FIELDS)
		return -1;
	if (row_count == row_cap) {
		row_cap = row_cap ? row_cap * 2 : 64;
		rows = realloc(rows, row_cap * sizeof *rows);
		if (rows == NULL)
			out_of_memory();
	}
	for (int i = 0; i < FIELDS; i++)
		rows[row_count].field[i] = copy(fields[i]);
	rows[row_count].field[FIELDS] = is_header ? copy("FILL")
				       : fill_bar(fields[USED], fields[SIZE]);
	row_count++;
	return 0;
}

/* Read the whole report into the table.  0, or -1 if it cannot be read. */
static int read_report(const char *path)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int failed, number = 0;

	if (f == NULL) {
		fprintf(stderr, "pipeinfo: %s: %s\n", path, strerror(errno));
		return -1;
	}
	while ((len = getline(&line, &cap, f)) > 0) {
		number++;
		if (line[len - 1] == '\n')
			line[--len] = '\0';
		if (strspn(line, " \t") == (size_t)len)
			continue;		/* an empty line */
		if (add_row(line, number == 1) < 0)
			fprintf(stderr, "pipeinfo: %s: line %d: expected %d fields\n",
				path, number, FIELDS);
	}
	failed = ferror(f);
	if (failed)
		fprintf(stderr, "pipeinfo: %s: %s\n", path, strerror(errno));
	free(line);
	if (f != stdin)
		fclose(f);
	return failed ? -1 : 0;
}

static void print_table(void)
{
	int width[COLUMNS] = { 0 };

	for (int r = 0; r < row_count; r++)
		for (int c = 0; c < COLUMNS; c++)
			if ((int)strlen(rows[r].field[c]) > width[c])
				width[c] = strlen(rows[r].field[c]);
	for (int r = 0; r < row_count; r++) {
		for (int c = 0; c < COLUMNS - 1; c++)
			printf(right_aligned(c) ? "%*s" GAP : "%-*s" GAP,
			       width[c], rows[r].field[c]);
		printf("%s\n", rows[r].field[COLUMNS - 1]);	/* FILL: no padding */
	}
}

int main(int argc, char **argv)
{
	const char *path = getenv("PIPEINFO_FILE");

	(void)argv;
	if (argc > 1) {
		fprintf(stderr, "usage: pipeinfo\n");
		return 2;
	}
	if (path == NULL || path[0] == '\0')
		path = "/proc/pipes";
	if (read_report(path) < 0)
		return 1;
	print_table();
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "pipeinfo: write error: %s\n", strerror(errno));
		return 1;
	}
	return 0;
}
