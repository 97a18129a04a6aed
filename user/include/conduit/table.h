/*
 * conduit/table.h - read one of the kernel's text tables (/proc/ps,
 * /proc/pipes) and print it again with aligned columns: the part that
 * /bin/ps and /bin/pipeinfo share (user/lib/table.c).
 *
 * Such a file is a header line, then one line per object, its fields
 * separated by blanks.  A program describes its table in a struct
 * table_spec and calls table_main(), which
 *
 *   1. reads the file spec->path, or the one the environment variable
 *      spec->path_env names ("-": standard input), so that the layout
 *      can be tested with made-up input, also on another system;
 *   2. hands each line, its '\n' removed, to spec->parse_line, which
 *      splits it (table_split) and adds a row of spec->columns fields
 *      (table_add); a line it rejects is reported as
 *      "PROGRAM: FILE: line N: REASON" and skipped;
 *   3. prints the rows: every column as wide as its widest field, two
 *      spaces between columns, the first spec->right_aligned columns
 *      (numbers) right-aligned and at least spec->min_width wide, the
 *      others left-aligned, the last one not padded.
 *
 * Errors: "PROGRAM: FILE: reason" or "PROGRAM: write error: reason",
 * exit status 1; any argument: "usage: PROGRAM", exit status 2.
 *
 * On another system (to run util_procs against programs built there):
 *   cc -idirafter user/include user/bin/ps.c user/lib/table.c
 * finds this header after the system's own.
 */
#ifndef CONDUIT_TABLE_H
#define CONDUIT_TABLE_H

#include <stdbool.h>
#include <sys/types.h>

#define TABLE_MAX_COLUMNS 8

struct table_row {
	char *field[TABLE_MAX_COLUMNS];
};

struct table;

struct table_spec {
	const char *program;	/* for messages: "ps" */
	const char *path;	/* what to read: "/proc/ps" */
	const char *path_env;	/* names another file if set: "PS_FILE" */
	int columns;		/* fields in a printed row */
	int right_aligned;	/* columns 0 .. right_aligned-1 */
	int min_width;		/* of each right-aligned column */
	/*
	 * Line number `number` (from 1) of the file, len bytes: add its row
	 * with table_add and return NULL, or return NULL without adding one
	 * (an empty line), or return what is wrong with it.
	 */
	const char *(*parse_line)(struct table *table, char *line,
				  ssize_t len, int number);
};

struct table {
	const struct table_spec *spec;
	struct table_row *rows;		/* rows[0] is the header */
	int count, cap;
};

/*
 * Split line in place at blanks into at most max fields (pointers into
 * line).  With rest_in_last the last field is the rest of the line, blanks
 * and all (a NAME may contain them).  Returns the number of fields found,
 * or max + 1 if, without rest_in_last, the line has more than max.
 */
int table_split(char *line, char **fields, int max, bool rest_in_last);

/* Add a row: copies of fields[0 .. spec->columns-1]. */
void table_add(struct table *table, char *const fields[]);

/* The whole program: read, print, report errors; returns the exit status. */
int table_main(const struct table_spec *spec, int argc);

#endif
