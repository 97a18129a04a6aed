/*
 * yes - print a line over and over, until killed.
 *
 * Usage: yes [STRING...]
 *
 * The line is the STRINGs separated by blanks, or "y" without any.
 *
 * yes is the classic endless producer for pipelines like "yes | head -n 3".
 * It must stop when its reader goes away, and it does so the Unix way:
 * writing to a pipe that has no reader left raises SIGPIPE, whose
 * default action kills yes.  So yes does not touch SIGPIPE.  (If it was
 * started with SIGPIPE ignored, the write fails with EPIPE instead, and
 * yes reports "yes: write error: Broken pipe" and exits with status 1.)
 *
 * For speed, yes fills a buffer with as many whole copies of the line as
 * fit in 8 KiB and write()s the whole buffer each time: one system call
 * per ~4,000 "y" lines instead of one per line.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CHUNK 8192

/* The line to repeat: the arguments joined by blanks, plus '\n'. */
static char *make_line(int argc, char **argv, size_t *len)
{
	size_t size = 2;
	char *line;

	for (int i = 1; i < argc; i++)
		size += strlen(argv[i]) + 1;
	line = malloc(size);
	if (line == NULL)
		return NULL;
	strcpy(line, argc > 1 ? "" : "y");
	for (int i = 1; i < argc; i++) {
		if (i > 1)
			strcat(line, " ");
		strcat(line, argv[i]);
	}
	strcat(line, "\n");
	*len = strlen(line);
	return line;
}

/* Fill a buffer with whole copies of the line (at least one). */
static char *fill_buffer(const char *line, size_t len, size_t *filled)
{
	size_t copies = len < CHUNK ? CHUNK / len : 1;
	char *buffer = malloc(copies * len);

	if (buffer == NULL)
		return NULL;
	for (size_t i = 0; i < copies; i++)
		memcpy(buffer + i * len, line, len);
	*filled = copies * len;
	return buffer;
}

int main(int argc, char **argv)
{
	size_t len, size;
	char *line = make_line(argc, argv, &len);
	char *buffer = line ? fill_buffer(line, len, &size) : NULL;

	if (buffer == NULL) {
		fprintf(stderr, "yes: out of memory\n");
		return 1;
	}
	for (;;) {
		size_t done = 0;

		while (done < size) {
			ssize_t n = write(1, buffer + done, size - done);

			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0) {
				fprintf(stderr, "yes: write error: %s\n", strerror(errno));
				return 1;
			}
			done += n;
		}
	}
}
