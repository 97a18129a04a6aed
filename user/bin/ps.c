/*
 * ps - list the processes.
 *
 * Usage: ps
 *
 * The kernel describes every process in the text file /proc/ps: a header
 * line, then one line per process with six fields separated by blanks,
 *
 *     PID PPID PGID STATE WCHAN NAME
 *     1 0 1 S wait init
 *     7 2 7 S pipe-read:3 grep
 *
 * STATE is one letter: R runnable or running, S sleeping, T stopped,
 * Z zombie (exited, not yet waited for).  WCHAN ("wait channel") says
 * what a sleeping process waits for, or is "-": pipe-read:3 means it is
 * blocked reading pipe 3, pipe-write:3 writing it, wait in wait(), tty
 * reading the terminal, sleep in nanosleep(), pause in pause().
 *
 * ps reads that file and prints it again as a table with aligned columns,
 * numbers right-aligned:
 *
 *       PID   PPID   PGID  STATE  WCHAN        NAME
 *         1      0      1  S      wait         init
 *         7      2      7  S      pipe-read:3  grep
 *
 * Testing aid: if the environment variable PS_FILE is set, ps reads that
 * file instead of /proc/ps ("-" means standard input), so the formatting
 * can be tested with made-up input, also on another system.
 *
 * Lines that do not have six fields are reported and skipped.  Errors:
 * "ps: FILE: reason", exit status 1.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COLUMNS 6
#define GAP "  "		/* between two columns */

/* The table: rows of COLUMNS strings; row 0 is the header. */
struct row {
	char *field[COLUMNS];
};

static struct row *rows;
static int row_count, row_cap;

/* Columns 0-2 (PID, PPID, PGID) are numbers: right-aligned. */
static int right_aligned(int column)
{
	return column < 3;
}

static void out_of_memory(void)
{
	fprintf(stderr, "ps: out of memory\n");
	exit(1);
}

/*
 * Split line into COLUMNS fields at blanks; the last field is the rest
 * of the line (so a NAME could contain blanks).  Adds a row to the
 * table; returns 0, or -1 if the line has too few fields.
 */
static int add_row(char *line)
{
	char *fields[COLUMNS];
	char *p = line;

	for (int i = 0; i < COLUMNS; i++) {
		p += strspn(p, " \t");
		if (*p == '\0')
			return -1;
		fields[i] = p;
		if (i < COLUMNS - 1) {
			p += strcspn(p, " \t");
			if (*p != '\0')
				*p++ = '\0';
		}
	}
	if (row_count == row_cap) {
		row_cap = row_cap ? row_cap * 2 : 64;
		rows = realloc(rows, row_cap * sizeof *rows);
		if (rows == NULL)
			out_of_memory();
	}
	for (int i = 0; i < COLUMNS; i++)
		if ((rows[row_count].field[i] = strdup(fields[i])) == NULL)
			out_of_memory();
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
		fprintf(stderr, "ps: %s: %s\n", path, strerror(errno));
		return -1;
	}
	while ((len = getline(&line, &cap, f)) > 0) {
		number++;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == ' '))
			line[--len] = '\0';
		if (len > 0 && add_row(line) < 0)
			fprintf(stderr, "ps: %s: line %d: too few fields\n", path, number);
	}
	failed = ferror(f);
	if (failed)
		fprintf(stderr, "ps: %s: %s\n", path, strerror(errno));
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
	/* The number columns are at least 5 wide: pids grow. */
	for (int c = 0; c < COLUMNS; c++)
		if (right_aligned(c) && width[c] < 5)
			width[c] = 5;
	for (int r = 0; r < row_count; r++) {
		for (int c = 0; c < COLUMNS - 1; c++)
			printf(right_aligned(c) ? "%*s" GAP : "%-*s" GAP, width[c], rows[r].field[c]);
		printf("%s\n", rows[r].field[COLUMNS - 1]);	/* NAME: no padding */
	}
}

int main(int argc, char **argv)
{
	const char *path = getenv("PS_FILE");

	(void)argv;
	if (argc > 1) {
		fprintf(stderr, "usage: ps\n");
		return 2;
	}
	if (path == NULL || path[0] == '\0')
		path = "/proc/ps";
	if (read_report(path) < 0)
		return 1;
	print_table();
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "ps: write error: %s\n", strerror(errno));
		return 1;
	}
	return 0;
}
