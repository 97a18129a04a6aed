/*
 * ps - list the processes.
 *
 * Usage: ps
 *
 * The kernel describes every process in the text file /proc/ps: a header
 * line, then one line per process with seven fields separated by blanks,
 *
 *     PID PPID PGID STATE WCHAN CPU NAME
 *     1 0 1 S wait 0 init
 *     7 2 7 S pipe-read:3 1 grep
 *
 * STATE is one letter: R runnable or running, S sleeping, T stopped,
 * Z zombie (exited, not yet waited for).  WCHAN ("wait channel") says
 * what a sleeping process waits for, or is "-": pipe-read:3 means it is
 * blocked reading pipe 3, pipe-write:3 writing it, wait in wait(), tty
 * reading the terminal, sleep in nanosleep(), pause in pause().  CPU is
 * the CPU the process runs on, or last ran on.
 *
 * ps reads that file and prints it again as a table with aligned columns,
 * numbers right-aligned:
 *
 *       PID   PPID   PGID  STATE  WCHAN        CPU  NAME
 *         1      0      1  S      wait         0    init
 *         7      2      7  S      pipe-read:3  1    grep
 *
 * Testing aid: if the environment variable PS_FILE is set, ps reads that
 * file instead of /proc/ps ("-" means standard input), so the formatting
 * can be tested with made-up input, also on another system.
 *
 * Lines that do not have seven fields are reported and skipped.  Errors:
 * "ps: FILE: reason", exit status 1.
 *
 * Reading, the widths and the printing are shared with pipeinfo
 * (<conduit/table.h>, user/lib/table.c); this file says what a line is.
 */
#include <conduit/table.h>
#include <stddef.h>

#define COLUMNS 7

/*
 * A line: seven fields at blanks; the last is the rest of the line (so a
 * NAME could contain blanks), without trailing spaces.
 */
static const char *ps_line(struct table *table, char *line, ssize_t len,
			   int number)
{
	char *fields[COLUMNS];

	(void)number;
	while (len > 0 && line[len - 1] == ' ')
		line[--len] = '\0';
	if (len == 0)
		return NULL;		/* an empty line */
	if (table_split(line, fields, COLUMNS, true) < COLUMNS)
		return "too few fields";
	table_add(table, fields);
	return NULL;
}

static const struct table_spec ps_table = {
	.program = "ps",
	.path = "/proc/ps",
	.path_env = "PS_FILE",
	.columns = COLUMNS,
	.right_aligned = 3,	/* PID, PPID, PGID */
	.min_width = 5,		/* pids grow */
	.parse_line = ps_line,
};

int main(int argc, char **argv)
{
	(void)argv;
	return table_main(&ps_table, argc);
}
