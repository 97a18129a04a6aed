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
 *
 * Reading, the widths and the printing are shared with ps
 * (<conduit/table.h>, user/lib/table.c); this file says what a line is
 * and draws the bar.
 */
#include <conduit/table.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FIELDS 7		/* in each line of /proc/pipes */
#define COLUMNS 8		/* printed: the fields plus FILL */
#define BAR_CELLS 10
#define BAR_SIZE (BAR_CELLS + 16)

enum { USED = 1, SIZE = 2 };	/* field numbers */

/* The FILL column for a pipe, "[#####.....]  50%", in bar. */
static void fill_bar(const char *used_text, const char *size_text, char *bar)
{
	unsigned long used = strtoul(used_text, NULL, 10);
	unsigned long size = strtoul(size_text, NULL, 10);
	int cells, percent;

	if (size == 0 || used > size) {
		strcpy(bar, "?");
		return;
	}
	cells = (int)((unsigned long long)used * BAR_CELLS / size);
	percent = (int)((unsigned long long)used * 100 / size);
	bar[0] = '[';
	for (int i = 0; i < BAR_CELLS; i++)
		bar[1 + i] = i < cells ? '#' : '.';
	snprintf(bar + 1 + BAR_CELLS, BAR_SIZE - 1 - BAR_CELLS, "] %3d%%",
		 percent);
}

/*
 * A line: exactly seven fields at blanks, to which the row adds a FILL
 * column ("FILL" itself for the header, line 1).
 */
static const char *pipeinfo_line(struct table *table, char *line,
				 ssize_t len, int number)
{
	char *fields[COLUMNS];
	char bar[BAR_SIZE];

	if (strspn(line, " \t") == (size_t)len)
		return NULL;		/* an empty line */
	if (table_split(line, fields, FIELDS, false) != FIELDS)
		return "expected 7 fields";
	if (number == 1)
		strcpy(bar, "FILL");
	else
		fill_bar(fields[USED], fields[SIZE], bar);
	fields[FIELDS] = bar;
	table_add(table, fields);
	return NULL;
}

static const struct table_spec pipeinfo_table = {
	.program = "pipeinfo",
	.path = "/proc/pipes",
	.path_env = "PIPEINFO_FILE",
	.columns = COLUMNS,
	.right_aligned = 5,	/* PIPE, USED, SIZE, READERS, WRITERS */
	.min_width = 0,
	.parse_line = pipeinfo_line,
};

int main(int argc, char **argv)
{
	(void)argv;
	return table_main(&pipeinfo_table, argc);
}
