/*
 * tail - print the last lines (or bytes) of files or standard input.
 *
 * Usage: tail [-n [+]LINES | -c [+]BYTES | -LINES] [FILE...]
 *
 *   -n N    the last N lines (the default is 10)
 *   -n +N   everything from line N on (line 1 is the first)
 *   -c N    the last N bytes;   -c +N  everything from byte N on
 *   -N      the same as -n N
 *
 * No FILE, or "-", means standard input.  With several files, each is
 * introduced by "==> NAME <==", with a blank line between them.
 *
 * Input may be a pipe, which cannot be seeked, so tail never looks
 * backwards: it reads everything once and remembers only what it may
 * have to print.  For "-n N" that is a ring of the last N lines: line
 * number k goes into slot k % N, overwriting the line N before it, and at
 * the end the ring is printed from the oldest slot on.  For "-c N" it is
 * a buffer that keeps the last N bytes.  For "+N" nothing needs keeping:
 * tail skips the beginning and copies the rest.
 *
 * Errors: "tail: FILE: reason", exit status 1 (2 for usage errors).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CHUNK 65536

static int count_bytes;			/* -c: bytes rather than lines */
static int from_start;			/* "+N": from the start, not the end */
static unsigned long long count = 10;

/* One remembered line, with its newline (the last may lack one). */
struct line {
	char *text;
	size_t len;
};

static void usage(void)
{
	fprintf(stderr, "usage: tail [-n [+]LINES | -c [+]BYTES | -LINES] [FILE...]\n");
	exit(2);
}

static void out_of_memory(void)
{
	fprintf(stderr, "tail: out of memory\n");
	exit(1);
}

/* Parse "N" or "+N" into count and from_start. */
static void parse_count(const char *text)
{
	const char *digits = text[0] == '+' ? text + 1 : text;
	char *end;

	from_start = text[0] == '+';
	errno = 0;
	if (digits[0] >= '0' && digits[0] <= '9') {
		count = strtoull(digits, &end, 10);
		if (*end == '\0' && errno != ERANGE)
			return;
	}
	fprintf(stderr, "tail: invalid number: '%s'\n", text);
	usage();
}

/* "+N" mode: skip N-1 lines or bytes of f, then copy the rest. */
static void copy_from(FILE *f)
{
	unsigned long long skip = count > 0 ? count - 1 : 0;
	static char buffer[CHUNK];
	size_t n;
	int c;

	while (skip > 0 && (c = getc(f)) != EOF)
		if (count_bytes || c == '\n')
			skip--;
	while ((n = fread(buffer, 1, sizeof buffer, f)) > 0 && !ferror(stdout))
		fwrite(buffer, 1, n, stdout);
}

/* "-c N" mode: keep the last N bytes in a buffer, then print them. */
static void last_bytes(FILE *f)
{
	char *buffer = NULL;
	size_t len = 0, n;

	for (;;) {
		char *bigger = realloc(buffer, len + CHUNK);

		if (bigger == NULL)
			out_of_memory();
		buffer = bigger;
		n = fread(buffer + len, 1, CHUNK, f);
		if (n == 0)
			break;
		len += n;
		if (len > count) {		/* forget all but the last count */
			memmove(buffer, buffer + len - count, count);
			len = count;
		}
	}
	fwrite(buffer, 1, len, stdout);
	free(buffer);
}

/* "-n N" mode: keep the last N lines in a ring, then print them. */
static void last_lines(FILE *f)
{
	struct line *ring = NULL;
	size_t used = 0, capacity = 0;	/* ring slots filled, allocated */
	unsigned long long total = 0;	/* lines read so far */
	char *text = NULL;
	size_t text_cap = 0;
	ssize_t len;

	if (count == 0)
		return;
	while ((len = getline(&text, &text_cap, f)) > 0) {
		size_t slot = total++ % count;

		if (slot >= capacity) {		/* grow the ring as lines come */
			capacity = capacity ? capacity * 2 : 64;
			if (capacity > count)
				capacity = count;
			ring = realloc(ring, capacity * sizeof *ring);
			if (ring == NULL)
				out_of_memory();
		}
		if (slot < used)
			free(ring[slot].text);	/* overwrite the oldest line */
		else
			used++;
		ring[slot].text = malloc(len);
		if (ring[slot].text == NULL)
			out_of_memory();
		memcpy(ring[slot].text, text, len);
		ring[slot].len = len;
	}
	/* The oldest line is in the slot after the newest, once full. */
	for (size_t i = 0; i < used; i++) {
		size_t slot = used < count ? i : (total + i) % count;

		fwrite(ring[slot].text, 1, ring[slot].len, stdout);
	}
	for (size_t i = 0; i < used; i++)
		free(ring[i].text);
	free(ring);
	free(text);
}

/*
 * Print the tail of one file ("-" is standard input), after a header if
 * show_header is set.  0, or -1 on error.
 */
static int tail_file(const char *name, int show_header)
{
	static int headers_printed;
	FILE *f = stdin;
	int result = 0;

	if (strcmp(name, "-") == 0) {
		name = "standard input";
	} else if ((f = fopen(name, "r")) == NULL) {
		fprintf(stderr, "tail: %s: %s\n", name, strerror(errno));
		return -1;
	}
	if (show_header)
		printf("%s==> %s <==\n", headers_printed++ ? "\n" : "", name);
	if (from_start)
		copy_from(f);
	else if (count_bytes)
		last_bytes(f);
	else
		last_lines(f);
	if (ferror(f)) {
		fprintf(stderr, "tail: %s: %s\n", name, strerror(errno));
		result = -1;
	}
	if (f != stdin)
		fclose(f);
	return result;
}

/* Parse the options; returns the index of the first operand. */
static int parse_options(int argc, char **argv)
{
	int c;

	if (argc > 1 && argv[1][0] == '-' && argv[1][1] >= '0' && argv[1][1] <= '9') {
		parse_count(argv[1] + 1);	/* old form: -N */
		return 2;
	}
	while ((c = getopt(argc, argv, ":n:c:")) != -1) {
		if (c == 'n' || c == 'c') {
			count_bytes = c == 'c';
			parse_count(optarg);
		} else {
			if (c == ':')
				fprintf(stderr, "tail: option requires an argument -- '%c'\n", optopt);
			else
				fprintf(stderr, "tail: invalid option -- '%c'\n", optopt);
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
		status = tail_file("-", 0) < 0;
	for (int i = first; i < argc && !ferror(stdout); i++)
		if (tail_file(argv[i], argc - first > 1) < 0)
			status = 1;
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "tail: write error: %s\n", strerror(errno));
		return 1;
	}
	return status;
}
