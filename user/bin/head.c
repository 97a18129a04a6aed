/*
 * head - print the first lines (or bytes) of files or standard input.
 *
 * Usage: head [-n LINES | -c BYTES | -LINES] [FILE...]
 *
 *   -n N   the first N lines (the default is 10)
 *   -c N   the first N bytes
 *   -N     the same as -n N (the old form, e.g. "head -3")
 *
 * No FILE, or "-", means standard input.  With several files, each is
 * introduced by a line "==> NAME <==", with a blank line between them.
 *
 * head reads with read() and stops reading as soon as it has printed
 * enough.  That matters in a pipeline: in "yes | head -n 3", head exits
 * after three lines, the pipe loses its only reader, and yes is killed
 * by SIGPIPE.  Errors: "head: FILE: reason", exit status 1.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BUFFER_SIZE 65536

static int count_bytes;			/* -c: count bytes, not lines */
static unsigned long long limit = 10;	/* lines or bytes to print */

static void usage(void)
{
	fprintf(stderr, "usage: head [-n LINES | -c BYTES | -LINES] [FILE...]\n");
	exit(2);
}

/* Parse a count like "10"; a bad one is a usage error. */
static unsigned long long parse_count(const char *text)
{
	char *end;
	unsigned long long n;

	if (text[0] < '0' || text[0] > '9') {
		fprintf(stderr, "head: invalid number: '%s'\n", text);
		usage();
	}
	errno = 0;
	n = strtoull(text, &end, 10);
	if (*end != '\0' || errno == ERANGE) {
		fprintf(stderr, "head: invalid number: '%s'\n", text);
		usage();
	}
	return n;
}

/*
 * How many of the n bytes at data to print, given that `left` lines or
 * bytes are still wanted; *left is decreased accordingly.
 */
static size_t take(const char *data, size_t n, unsigned long long *left)
{
	size_t i;

	if (count_bytes) {
		i = n < *left ? n : (size_t)*left;
		*left -= i;
		return i;
	}
	for (i = 0; i < n && *left > 0; i++)
		if (data[i] == '\n')
			(*left)--;
	return i;
}

/* Copy the head of fd to standard output.  0, or -1 on a read error. */
static int head_fd(int fd, const char *name)
{
	static char buffer[BUFFER_SIZE];
	unsigned long long left = limit;

	while (left > 0) {
		ssize_t n = read(fd, buffer, sizeof buffer);

		if (n == 0)
			break;
		if (n < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "head: %s: %s\n", name, strerror(errno));
			return -1;
		}
		fwrite(buffer, 1, take(buffer, n, &left), stdout);
		if (ferror(stdout))
			break;			/* main() reports it */
	}
	return 0;
}

/*
 * Print the head of one file ("-" is standard input), after a header
 * if show_header is set.  0, or -1 on error.
 */
static int head_file(const char *name, int show_header)
{
	static int headers_printed;
	int fd = 0, result;

	if (strcmp(name, "-") == 0) {
		name = "standard input";
	} else if ((fd = open(name, O_RDONLY)) < 0) {
		fprintf(stderr, "head: %s: %s\n", name, strerror(errno));
		return -1;
	}
	if (show_header)
		printf("%s==> %s <==\n", headers_printed++ ? "\n" : "", name);
	result = head_fd(fd, name);
	if (fd != 0)
		close(fd);
	return result;
}

/* Parse the options; returns the index of the first operand. */
static int parse_options(int argc, char **argv)
{
	int c;

	if (argc > 1 && argv[1][0] == '-' && argv[1][1] >= '0' && argv[1][1] <= '9') {
		limit = parse_count(argv[1] + 1);	/* old form: -N */
		return 2;
	}
	/* The leading ':' makes getopt quiet and return ':' for "-n" alone. */
	while ((c = getopt(argc, argv, ":n:c:")) != -1) {
		if (c == 'n' || c == 'c') {
			count_bytes = c == 'c';
			limit = parse_count(optarg);
		} else {
			if (c == ':')
				fprintf(stderr, "head: option requires an argument -- '%c'\n", optopt);
			else
				fprintf(stderr, "head: invalid option -- '%c'\n", optopt);
			usage();
		}
	}
	return optind;
}

int main(int argc, char **argv)
{
	int first = parse_options(argc, argv);
	int status = 0;

	if (first == argc)
		status = head_fd(0, "standard input") < 0;
	for (int i = first; i < argc && !ferror(stdout); i++)
		if (head_file(argv[i], argc - first > 1) < 0)
			status = 1;
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "head: write error: %s\n", strerror(errno));
		return 1;
	}
	return status;
}
