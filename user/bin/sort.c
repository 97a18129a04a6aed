/*
 * sort - sort lines of text.
 *
 * Usage: sort [-rnu] [FILE...]
 *
 *   -n   compare by the number at the start of each line (leading blanks,
 *        an optional '-', digits, an optional fraction); a line without
 *        a number counts as 0
 *   -r   reverse the order
 *   -u   print only the first of each run of equal lines (equal by the
 *        comparison in use: with -n, "1" and "01" are equal)
 *
 * Without -n, lines are compared byte by byte (the "C" locale).  No FILE,
 * or "-", means standard input; all the lines of all the files are
 * sorted together.  A last line without a newline gets one.
 *
 * The sort is stable: lines that compare equal keep their input order
 * (also with -r).  This is like GNU "sort -s"; without -s, GNU sort
 * breaks ties by comparing whole lines.
 *
 * How: all lines are read into memory (getline), an array of pointers to
 * them is sorted with a merge sort (stable, and O(n log n) in the worst
 * case, unlike qsort which promises neither), and printed.  Numbers are
 * compared as text, digit by digit, so they can have any length.
 *
 * Errors: "sort: FILE: reason", exit status 1 (2 for usage errors).
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct line {
	char *text;		/* without the newline */
	size_t len;
};

static struct line *lines;
static size_t line_count, line_cap;
static int numeric, reverse, unique;

static void out_of_memory(void)
{
	fprintf(stderr, "sort: out of memory\n");
	exit(1);
}

/* ---- reading ---- */

static void add_line(const char *text, size_t len)
{
	if (line_count == line_cap) {
		line_cap = line_cap ? line_cap * 2 : 1024;
		lines = realloc(lines, line_cap * sizeof *lines);
		if (lines == NULL)
			out_of_memory();
	}
	lines[line_count].text = malloc(len + 1);
	if (lines[line_count].text == NULL)
		out_of_memory();
	memcpy(lines[line_count].text, text, len);
	lines[line_count].text[len] = '\0';
	lines[line_count].len = len;
	line_count++;
}

/* Read all lines of one file ("-" is standard input).  0 or -1. */
static int read_file(const char *name)
{
	FILE *f = stdin;
	char *text = NULL;
	size_t cap = 0;
	ssize_t len;
	int failed;

	if (strcmp(name, "-") != 0 && (f = fopen(name, "r")) == NULL) {
		fprintf(stderr, "sort: %s: %s\n", name, strerror(errno));
		return -1;
	}
	while ((len = getline(&text, &cap, f)) > 0)
		add_line(text, len - (text[len - 1] == '\n'));
	failed = ferror(f);
	if (failed)
		fprintf(stderr, "sort: %s: %s\n", name, strerror(errno));
	free(text);
	if (f != stdin)
		fclose(f);
	return failed ? -1 : 0;
}

/* ---- comparing ---- */

/* Byte-by-byte comparison; a prefix sorts first. */
static int compare_text(const struct line *a, const struct line *b)
{
	size_t n = a->len < b->len ? a->len : b->len;
	int c = memcmp(a->text, b->text, n);

	if (c != 0)
		return c;
	return (a->len > b->len) - (a->len < b->len);
}

/* The parts of the number a line starts with. */
struct number {
	int negative;
	const char *integer;	/* digits, without leading zeros */
	size_t integer_len;
	const char *fraction;	/* digits after the '.' */
	size_t fraction_len;
};

static struct number parse_number(const char *s)
{
	struct number n = { 0, "", 0, "", 0 };

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '-') {
		n.negative = 1;
		s++;
	}
	while (*s == '0')
		s++;
	n.integer = s;
	while (isdigit((unsigned char)*s))
		s++;
	n.integer_len = s - n.integer;
	if (*s == '.') {
		n.fraction = ++s;
		while (isdigit((unsigned char)*s))
			s++;
		n.fraction_len = s - n.fraction;
		while (n.fraction_len > 0 && n.fraction[n.fraction_len - 1] == '0')
			n.fraction_len--;	/* 1.50 is 1.5 */
	}
	if (n.integer_len == 0 && n.fraction_len == 0)
		n.negative = 0;			/* -0 is 0 */
	return n;
}

/* Compare the sizes of two non-negative numbers. */
static int compare_magnitude(const struct number *a, const struct number *b)
{
	int c;

	/* More integer digits (no leading zeros) means larger. */
	if (a->integer_len != b->integer_len)
		return a->integer_len < b->integer_len ? -1 : 1;
	c = memcmp(a->integer, b->integer, a->integer_len);
	if (c != 0)
		return c;
	/* Fractions compare digit by digit; a missing digit is a 0. */
	for (size_t i = 0; i < a->fraction_len || i < b->fraction_len; i++) {
		char da = i < a->fraction_len ? a->fraction[i] : '0';
		char db = i < b->fraction_len ? b->fraction[i] : '0';

		if (da != db)
			return da < db ? -1 : 1;
	}
	return 0;
}

static int compare_numbers(const struct line *a, const struct line *b)
{
	struct number na = parse_number(a->text);
	struct number nb = parse_number(b->text);
	int c;

	if (na.negative != nb.negative)
		return na.negative ? -1 : 1;
	c = compare_magnitude(&na, &nb);
	return na.negative ? -c : c;
}

/* The comparison in use: <0, 0 or >0, as for qsort. */
static int compare(const struct line *a, const struct line *b)
{
	int c = numeric ? compare_numbers(a, b) : compare_text(a, b);

	return reverse ? -c : c;
}

/* ---- sorting ---- */

/*
 * Sort a[0..n) stably, using tmp (room for n) as scratch space.  Split in
 * two halves, sort each, then merge; on ties the left half's line goes
 * first, which is what makes the sort stable.
 */
static void merge_sort(struct line *a, struct line *tmp, size_t n)
{
	size_t half = n / 2, i = 0, j = half, k = 0;

	if (n < 2)
		return;
	merge_sort(a, tmp, half);
	merge_sort(a + half, tmp, n - half);
	while (i < half && j < n) {
		if (compare(&a[j], &a[i]) < 0)
			tmp[k++] = a[j++];
		else
			tmp[k++] = a[i++];
	}
	while (i < half)
		tmp[k++] = a[i++];
	while (j < n)
		tmp[k++] = a[j++];
	memcpy(a, tmp, n * sizeof *a);
}

static void print_lines(void)
{
	for (size_t i = 0; i < line_count && !ferror(stdout); i++) {
		if (unique && i > 0 && compare(&lines[i - 1], &lines[i]) == 0)
			continue;
		fwrite(lines[i].text, 1, lines[i].len, stdout);
		putchar('\n');
	}
}

int main(int argc, char **argv)
{
	struct line *tmp;
	int status = 0, c;

	opterr = 0;
	while ((c = getopt(argc, argv, "nru")) != -1) {
		if (c == 'n')
			numeric = 1;
		else if (c == 'r')
			reverse = 1;
		else if (c == 'u')
			unique = 1;
		else {
			fprintf(stderr, "sort: invalid option -- '%c'\n"
				"usage: sort [-rnu] [FILE...]\n", optopt);
			return 2;
		}
	}
	if (optind == argc)
		status = read_file("-") < 0;
	for (int i = optind; i < argc; i++)
		if (read_file(argv[i]) < 0)
			status = 1;

	tmp = malloc((line_count ? line_count : 1) * sizeof *tmp);
	if (tmp == NULL)
		out_of_memory();
	merge_sort(lines, tmp, line_count);
	print_lines();
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "sort: write error: %s\n", strerror(errno));
		return 1;
	}
	return status;
}
