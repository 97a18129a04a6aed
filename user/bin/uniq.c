/*
 * uniq - collapse runs of repeated lines.
 *
 * Usage: uniq [-c] [-d | -u] [FILE]
 *
 * Adjacent equal lines are printed once.  Only *adjacent* repeats are
 * seen, so to count all duplicates sort first: "sort | uniq -c".
 *
 *   -c   put the run length before each line, as "%7d " (like GNU uniq)
 *   -d   print only lines that were repeated (one copy of each)
 *   -u   print only lines that were not repeated
 *
 * No FILE, or "-", means standard input.  A last line without a newline
 * is treated as if it had one.
 *
 * How: keep the previous line and a count.  For each new line, if it
 * equals the previous one, count it; otherwise the previous run is over:
 * print it (if -d/-u allow) and start a new run with this line.
 *
 * Errors: "uniq: FILE: reason", exit status 1 (2 for usage errors).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int show_count, only_repeated, only_single;

/* Print one finished run of `count` copies of line[0..len). */
static void print_run(const char *line, size_t len, unsigned long count)
{
	if (only_repeated && count < 2)
		return;
	if (only_single && count > 1)
		return;
	if (show_count)
		printf("%7lu ", count);
	fwrite(line, 1, len, stdout);
	putchar('\n');
}

/* Swap two line buffers (pointer and capacity). */
static void swap_buffers(char **a, size_t *a_cap, char **b, size_t *b_cap)
{
	char *p = *a;
	size_t cap = *a_cap;

	*a = *b;
	*a_cap = *b_cap;
	*b = p;
	*b_cap = cap;
}

static void uniq_stream(FILE *f)
{
	char *prev = NULL, *line = NULL;
	size_t prev_cap = 0, line_cap = 0, prev_len = 0;
	unsigned long count = 0;	/* 0: no run yet */
	ssize_t len;

	while ((len = getline(&line, &line_cap, f)) > 0 && !ferror(stdout)) {
		if (line[len - 1] == '\n')
			len--;
		if (count > 0 && (size_t)len == prev_len && memcmp(line, prev, len) == 0) {
			count++;
			continue;
		}
		if (count > 0)
			print_run(prev, prev_len, count);
		swap_buffers(&prev, &prev_cap, &line, &line_cap);
		prev_len = len;
		count = 1;
	}
	if (count > 0)
		print_run(prev, prev_len, count);
	free(prev);
	free(line);
}

static void usage(void)
{
	fprintf(stderr, "usage: uniq [-c] [-d | -u] [FILE]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	FILE *f = stdin;
	int c, failed;

	opterr = 0;
	while ((c = getopt(argc, argv, "cdu")) != -1) {
		if (c == 'c')
			show_count = 1;
		else if (c == 'd')
			only_repeated = 1;
		else if (c == 'u')
			only_single = 1;
		else {
			fprintf(stderr, "uniq: invalid option -- '%c'\n", optopt);
			usage();
		}
	}
	if (argc - optind > 1)
		usage();
	if (optind < argc && strcmp(argv[optind], "-") != 0) {
		f = fopen(argv[optind], "r");
		if (f == NULL) {
			fprintf(stderr, "uniq: %s: %s\n", argv[optind], strerror(errno));
			return 1;
		}
	}
	uniq_stream(f);
	failed = ferror(f);
	if (failed)
		fprintf(stderr, "uniq: read error: %s\n", strerror(errno));
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "uniq: write error: %s\n", strerror(errno));
		return 1;
	}
	return failed;
}
