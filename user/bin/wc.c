/*
 * wc - count the lines, words and bytes of files or standard input.
 *
 * Usage: wc [-lwc] [FILE...]
 *
 *   -l  lines (newline characters)      -w  words      -c  bytes
 *
 * Without options all three are shown, in the order lines, words, bytes.
 * No FILE, or "-", means standard input.  A word is a maximal run of
 * characters that are not white space (isspace).  With more than one
 * FILE a last line gives the totals.
 *
 * Layout (the same as GNU wc): each line is the counts, then the file
 * name if there is one.  When a single count of a single input is asked
 * for, it is printed bare ("seq 10 | wc -l" prints "10").  Otherwise
 * every count is right-aligned to the width of the largest number shown,
 * and to at least 7 if some input was not a regular file (a pipe's size
 * is not known in advance, so GNU leaves room).
 *
 * The counting reads with read() in 64 KiB blocks.  A file that cannot
 * be read is reported as "wc: FILE: reason"; the exit status is then 1.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#define BUFFER_SIZE 65536
#define MAX_FILES 256

struct counts {
	unsigned long long lines, words, bytes;
};

static int show_lines, show_words, show_bytes;

static struct counts results[MAX_FILES];
static const char *names[MAX_FILES];	/* NULL: standard input, no name */
static int ok[MAX_FILES];		/* 1 if that input was read */
static int input_count;
static int some_not_regular;		/* a pipe or terminal was among them */

/* Add the lines, words and bytes of fd to *c.  0, or -1 on error. */
static int count_fd(int fd, struct counts *c)
{
	static char buffer[BUFFER_SIZE];
	int in_word = 0;
	ssize_t n;

	while ((n = read(fd, buffer, sizeof buffer)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		c->bytes += n;
		for (ssize_t i = 0; i < n; i++) {
			unsigned char ch = buffer[i];

			if (ch == '\n')
				c->lines++;
			if (isspace(ch)) {
				in_word = 0;
			} else if (!in_word) {
				in_word = 1;
				c->words++;
			}
		}
	}
	return 0;
}

/* Count one input (name NULL or "-" is standard input) into slot i. */
static int count_input(int i, const char *name)
{
	int fd = 0;
	struct stat st;
	int result;

	names[i] = name;
	if (name && strcmp(name, "-") != 0) {
		fd = open(name, O_RDONLY);
		if (fd < 0) {
			fprintf(stderr, "wc: %s: %s\n", name, strerror(errno));
			return -1;
		}
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
		some_not_regular = 1;
	result = count_fd(fd, &results[i]);
	if (result < 0)
		fprintf(stderr, "wc: %s: %s\n", name ? name : "standard input",
			strerror(errno));
	if (fd != 0)
		close(fd);
	ok[i] = result == 0;
	return result;
}

/* Number of decimal digits in n. */
static int digits(unsigned long long n)
{
	int d = 1;

	while (n >= 10) {
		n /= 10;
		d++;
	}
	return d;
}

/* Print one output line; width 0 means "no padding". */
static void print_counts(const struct counts *c, const char *name, int width)
{
	const char *sep = "";

	if (show_lines) {
		printf("%s%*llu", sep, width, c->lines);
		sep = " ";
	}
	if (show_words) {
		printf("%s%*llu", sep, width, c->words);
		sep = " ";
	}
	if (show_bytes)
		printf("%s%*llu", sep, width, c->bytes);
	if (name)
		printf(" %s", name);
	putchar('\n');
}

/* The column width, following the rules in the header comment. */
static int column_width(const struct counts *total)
{
	int width;

	if (show_lines + show_words + show_bytes == 1 && input_count == 1)
		return 0;
	/* The byte total is the largest number: bytes >= lines, words. */
	width = digits(total->bytes);
	if (some_not_regular && width < 7)
		width = 7;
	return width;
}

/* Parse the options; returns the index of the first operand. */
static int parse_options(int argc, char **argv)
{
	int c;

	opterr = 0;
	while ((c = getopt(argc, argv, "lwc")) != -1) {
		if (c == 'l')
			show_lines = 1;
		else if (c == 'w')
			show_words = 1;
		else if (c == 'c')
			show_bytes = 1;
		else {
			fprintf(stderr, "wc: invalid option -- '%c'\n"
				"usage: wc [-lwc] [FILE...]\n", optopt);
			return -1;
		}
	}
	if (!show_lines && !show_words && !show_bytes)
		show_lines = show_words = show_bytes = 1;
	return optind;
}

int main(int argc, char **argv)
{
	struct counts total = { 0, 0, 0 };
	int first = parse_options(argc, argv);
	int status = 0, width;

	if (first < 0)
		return 2;
	if (argc - first > MAX_FILES) {
		fprintf(stderr, "wc: at most %d files\n", MAX_FILES);
		return 2;
	}
	if (first == argc && count_input(input_count++, NULL) < 0)
		status = 1;
	for (int i = first; i < argc; i++)
		if (count_input(input_count++, argv[i]) < 0)
			status = 1;

	for (int i = 0; i < input_count; i++) {
		total.lines += results[i].lines;
		total.words += results[i].words;
		total.bytes += results[i].bytes;
	}
	width = column_width(&total);
	for (int i = 0; i < input_count; i++)
		if (ok[i])
			print_counts(&results[i], names[i], width);
	if (input_count > 1)
		print_counts(&total, "total", width);

	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "wc: write error: %s\n", strerror(errno));
		return 1;
	}
	return status;
}
