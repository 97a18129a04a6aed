/*
 * cat - copy files, or standard input, to standard output.
 *
 * Usage: cat [FILE...]     No FILE, or "-", means standard input.
 *
 * A file that cannot be opened or read is reported as
 * "cat: FILE: reason"; cat goes on with the rest and exits 1 at the end.
 * A failed write (say, the reader of a pipe went away while SIGPIPE is
 * ignored) ends cat at once with "cat: write error: reason" and status 1:
 * there is no point in reading more.  Normally SIGPIPE simply kills cat.
 *
 * Data is copied with read() and write() in 64 KiB blocks (a whole pipe's
 * worth), with no stdio in between.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BUFFER_SIZE 65536

/* Write all n bytes, retrying after short writes; 0 or -1. */
static int write_all(int fd, const char *data, ssize_t n)
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

/* Copy fd to standard output; name is for messages.  0 or -1. */
static int copy(int fd, const char *name)
{
	static char buffer[BUFFER_SIZE];
	ssize_t n;

	for (;;) {
		n = read(fd, buffer, sizeof buffer);
		if (n == 0)
			return 0;
		if (n < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "cat: %s: %s\n", name, strerror(errno));
			return -1;
		}
		if (write_all(1, buffer, n) < 0) {
			fprintf(stderr, "cat: write error: %s\n", strerror(errno));
			exit(1);
		}
	}
}

/* Open and copy one file ("-" is standard input).  0 or -1. */
static int cat_file(const char *name)
{
	int fd, result;

	if (strcmp(name, "-") == 0)
		return copy(0, "stdin");
	fd = open(name, O_RDONLY);
	if (fd < 0) {
		fprintf(stderr, "cat: %s: %s\n", name, strerror(errno));
		return -1;
	}
	result = copy(fd, name);
	close(fd);
	return result;
}

int main(int argc, char **argv)
{
	int status = 0;

	if (argc < 2)
		return copy(0, "stdin") == 0 ? 0 : 1;
	for (int i = 1; i < argc; i++)
		if (cat_file(argv[i]) < 0)
			status = 1;
	return status;
}
