/*
 * cut - print selected parts of every line.
 *
 * Usage: cut -f LIST [-d DELIM] [-s] [FILE...]
 *        cut -c LIST [FILE...]          (-b is the same as -c)
 *
 *   -f LIST   print these fields; fields are separated by DELIM, which
 *             is a tab unless -d gives another single character
 *   -d DELIM  the field delimiter
 *   -s        with -f: skip lines that contain no delimiter (normally
 *             such a line is printed whole)
 *   -c LIST   print these characters (bytes: Conduit is ASCII-only)
 *
 * LIST is one or more ranges separated by commas: N (just N), N-M (N to
 * M), N- (N to the end), -M (1 to M).  Numbering starts at 1.  Whatever
 * the order in LIST, the parts come out in their order in the line,
 * each at most once; selected fields are joined by DELIM.
 *   echo a:b:c:d | cut -d: -f 1,3-     prints  a:c:d
 *
 * How: LIST is turned into an array of ranges, and "is position i
 * selected?" checks them all.  Each line is then walked once.
 *
 * Errors: "cut: ..." on standard error; exit status 2 for a bad command
 * line, 1 for a file that cannot be read.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_RANGES 64
#define TO_END ((unsigned long)-1)

struct range {
	unsigned long low, high;	/* inclusive; high may be TO_END */
};

static struct range ranges[MAX_RANGES];
static int range_count;
static int by_fields;			/* -f, else -c */
static char delimiter = '\t';
static int only_delimited;		/* -s */

static void usage(void)
{
	fprintf(stderr, "usage: cut -f LIST [-d DELIM] [-s] [FILE...]\n"
		"       cut -c LIST [FILE...]\n");
	exit(2);
}

static void bad_list(const char *list)
{
	fprintf(stderr, "cut: invalid list: '%s'\n", list);
	exit(2);
}

/* Read a position (1 or more) at *p and advance *p; 0 if none is there. */
static unsigned long read_position(const char **p)
{
	unsigned long n = 0;

	while (**p >= '0' && **p <= '9')
		n = n * 10 + (*(*p)++ - '0');
	return n;
}

/* Parse LIST ("1,3-5,7-") into ranges[]. */
static void parse_list(const char *list)
{
	const char *p = list;

	do {
		struct range r;

		if (range_count == MAX_RANGES)
			bad_list(list);
		r.low = *p == '-' ? 1 : read_position(&p);
		r.high = r.low;
		if (*p == '-') {
			p++;
			r.high = (*p >= '0' && *p <= '9') ? read_position(&p) : TO_END;
		}
		if (r.low == 0 || r.high == 0 || r.high < r.low)
			bad_list(list);
		ranges[range_count++] = r;
	} while (*p++ == ',');
	if (p[-1] != '\0')
		bad_list(list);
}

static int selected(unsigned long position)
{
	for (int i = 0; i < range_count; i++)
		if (position >= ranges[i].low && position <= ranges[i].high)
			return 1;
	return 0;
}

/* -c: print the selected characters of line[0..len). */
static void cut_chars(const char *line, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (selected(i + 1))
			putchar(line[i]);
	putchar('\n');
}

/* -f: print the selected fields of line[0..len). */
static void cut_fields(const char *line, size_t len)
{
	unsigned long field = 1;
	size_t start = 0;
	int printed = 0;

	if (memchr(line, delimiter, len) == NULL) {
		if (!only_delimited) {
			fwrite(line, 1, len, stdout);
			putchar('\n');
		}
		return;
	}
	for (size_t i = 0; i <= len; i++) {
		if (i < len && line[i] != delimiter)
			continue;
		/* line[start..i) is field number `field` */
		if (selected(field)) {
			if (printed++)
				putchar(delimiter);
			fwrite(line + start, 1, i - start, stdout);
		}
		field++;
		start = i + 1;
	}
	putchar('\n');
}

/* Cut every line of one file ("-" is standard input).  0 or -1. */
static int cut_file(const char *name)
{
	FILE *f = stdin;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int failed;

	if (strcmp(name, "-") != 0 && (f = fopen(name, "r")) == NULL) {
		fprintf(stderr, "cut: %s: %s\n", name, strerror(errno));
		return -1;
	}
	while ((len = getline(&line, &cap, f)) > 0 && !ferror(stdout)) {
		if (line[len - 1] == '\n')
			len--;
		if (by_fields)
			cut_fields(line, len);
		else
			cut_chars(line, len);
	}
	failed = ferror(f);
	if (failed)
		fprintf(stderr, "cut: %s: %s\n", name, strerror(errno));
	free(line);
	if (f != stdin)
		fclose(f);
	return failed ? -1 : 0;
}

/* Parse the options; returns the index of the first operand. */
static int parse_options(int argc, char **argv)
{
	const char *list = NULL;
	int c, modes = 0, have_delimiter = 0;

	while ((c = getopt(argc, argv, ":f:c:b:d:s")) != -1) {
		switch (c) {
		case 'f':
		case 'c':
		case 'b':
			by_fields = c == 'f';
			list = optarg;
			modes++;
			break;
		case 'd':
			if (strlen(optarg) != 1) {
				fprintf(stderr, "cut: the delimiter must be a single character\n");
				usage();
			}
			delimiter = optarg[0];
			have_delimiter = 1;
			break;
		case 's':
			only_delimited = 1;
			break;
		case ':':
			fprintf(stderr, "cut: option requires an argument -- '%c'\n", optopt);
			usage();
			break;
		default:
			fprintf(stderr, "cut: invalid option -- '%c'\n", optopt);
			usage();
		}
	}
	if (modes != 1 || (!by_fields && (have_delimiter || only_delimited)))
		usage();
	parse_list(list);
	return optind;
}

int main(int argc, char **argv)
{
	int first = parse_options(argc, argv);
	int status = 0;

	if (first == argc)
		status = cut_file("-") < 0;
	for (int i = first; i < argc; i++)
		if (cut_file(argv[i]) < 0)
			status = 1;
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "cut: write error: %s\n", strerror(errno));
		return 1;
	}
	return status;
}
