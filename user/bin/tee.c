/*
 * tee - copy standard input to standard output and to files.
 *
 * Usage: tee [-a] [FILE...]
 *
 *   -a   append to the files instead of truncating them.
 *
 * The name is the T-shaped pipe fitting: data flows straight through,
 * and a copy branches off into each FILE.
 *
 * tee reads with read() and writes every block to every output that is
 * still working.  A FILE that cannot be opened (for instance on a
 * read-only file system) or written is reported as "tee: FILE: reason"
 * and dropped; tee goes on with the other outputs and exits 1 at the end.
 * If standard output fails, tee stops copying to it the same way (if
 * SIGPIPE is not ignored, a vanished pipe reader kills tee outright).
 * When no output is left, tee stops reading.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define BUFFER_SIZE 65536
#define MAX_OUTPUTS 64

struct output {
	int fd;			/* -1 once it failed */
	const char *name;
};

static struct output outputs[MAX_OUTPUTS];
static int output_count;
static int status;

/* Write all n bytes to fd, retrying short writes.  0 or -1. */
static int write_all(int fd, const char *data, size_t n)
{
	while (n > 0) {
		ssize_t done = write(fd, data, n);

		if (done < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		data += done;
		n -= done;
	}
	return 0;
}

/* Open FILE for writing and add it to the outputs. */
static void add_file(const char *name, int append)
{
	int flags = O_WRONLY | O_CREAT | (append ? O_APPEND : O_TRUNC);
	int fd = open(name, flags, 0666);

	if (fd < 0) {
		fprintf(stderr, "tee: %s: %s\n", name, strerror(errno));
		status = 1;
		return;
	}
	outputs[output_count].fd = fd;
	outputs[output_count].name = name;
	output_count++;
}

/* Write a block to every working output; returns how many still work. */
static int write_everywhere(const char *data, size_t n)
{
	int working = 0;

	for (int i = 0; i < output_count; i++) {
		if (outputs[i].fd < 0)
			continue;
		if (write_all(outputs[i].fd, data, n) < 0) {
			fprintf(stderr, "tee: %s: %s\n", outputs[i].name, strerror(errno));
			status = 1;
			if (outputs[i].fd > 2)
				close(outputs[i].fd);
			outputs[i].fd = -1;
			continue;
		}
		working++;
	}
	return working;
}

/* Copy standard input to all outputs until end of input. */
static void copy_input(void)
{
	static char buffer[BUFFER_SIZE];

	for (;;) {
		ssize_t n = read(0, buffer, sizeof buffer);

		if (n == 0)
			return;
		if (n < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "tee: standard input: %s\n", strerror(errno));
			status = 1;
			return;
		}
		if (write_everywhere(buffer, n) == 0)
			return;
	}
}

int main(int argc, char **argv)
{
	int append = 0;
	int c;

	opterr = 0;
	while ((c = getopt(argc, argv, "a")) != -1) {
		if (c != 'a') {
			fprintf(stderr, "tee: invalid option -- '%c'\n"
				"usage: tee [-a] [FILE...]\n", optopt);
			return 2;
		}
		append = 1;
	}
	if (argc - optind >= MAX_OUTPUTS) {
		fprintf(stderr, "tee: at most %d files\n", MAX_OUTPUTS - 1);
		return 2;
	}
	outputs[output_count].fd = 1;
	outputs[output_count].name = "standard output";
	output_count++;
	for (int i = optind; i < argc; i++)
		add_file(argv[i], append);

	copy_input();
	for (int i = 1; i < output_count; i++)
		if (outputs[i].fd >= 0 && close(outputs[i].fd) < 0) {
			fprintf(stderr, "tee: %s: %s\n", outputs[i].name, strerror(errno));
			status = 1;
		}
	return status;
}
