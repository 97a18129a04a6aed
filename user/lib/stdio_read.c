/*
 * stdio_read.c - input: fgetc, ungetc, fgets, fread, getline.
 *
 * Input is read into the stream's buffer a buffer-full at a time (on an
 * unbuffered stream, a byte at a time) and handed out from there.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "stdio_impl.h"

/* Refill an empty buffer.  Returns the bytes read, 0 at EOF, -1 on error. */
static ssize_t fill_buffer(FILE *f)
{
	ssize_t n;

	if (__file_prepare_read(f) < 0)
		return -1;
	if (f->buf_mode != _IOFBF)
		__stdio_flush_line_buffered();
	n = read(f->fd, f->buf, f->buf_size);
	if (n < 0) {
		f->flags |= FILE_ERROR;
		return -1;
	}
	if (n == 0)
		f->flags |= FILE_EOF;
	f->read_pos = 0;
	f->read_len = n;
	return n;
}

int fgetc(FILE *f)
{
	if (f->unget != EOF) {
		int c = f->unget;
		f->unget = EOF;
		return c;
	}
	if (f->read_pos >= f->read_len && fill_buffer(f) <= 0)
		return EOF;
	return f->buf[f->read_pos++];
}

int getc(FILE *f)
{
	return fgetc(f);
}

int getchar(void)
{
	return fgetc(stdin);
}

/* One byte of push-back is guaranteed (and all we offer). */
int ungetc(int c, FILE *f)
{
	if (c == EOF || f->unget != EOF)
		return EOF;
	if (f->write_len > 0 && __file_flush_output(f) < 0)
		return EOF;
	f->unget = (unsigned char)c;
	f->flags &= ~FILE_EOF;
	return f->unget;
}

/* Read a line (up to size - 1 bytes, newline included) into buf. */
char *fgets(char *buf, int size, FILE *f)
{
	int n = 0;

	if (size <= 0)
		return NULL;
	while (n < size - 1) {
		int c = fgetc(f);
		if (c == EOF)
			break;
		buf[n++] = (char)c;
		if (c == '\n')
			break;
	}
	if (n == 0 && size > 1)
		return NULL;
	buf[n] = '\0';
	return buf;
}

/* Copy up to n buffered bytes (including a pushed-back one) to p. */
static size_t take_buffered(FILE *f, unsigned char *p, size_t n)
{
	size_t done = 0, chunk;

	if (n > 0 && f->unget != EOF) {
		p[done++] = (unsigned char)f->unget;
		f->unget = EOF;
	}
	chunk = f->read_len - f->read_pos;
	if (chunk > n - done)
		chunk = n - done;
	memcpy(p + done, f->buf + f->read_pos, chunk);
	f->read_pos += chunk;
	return done + chunk;
}

size_t fread(void *buf, size_t size, size_t count, FILE *f)
{
	unsigned char *p = buf;
	size_t total = size * count;
	size_t done;

	if (total == 0)
		return 0;
	done = take_buffered(f, p, total);
	while (done < total) {
		size_t want = total - done;

		if (want >= f->buf_size) {	/* big: read straight into p */
			ssize_t n;
			if (__file_prepare_read(f) < 0)
				break;
			n = read(f->fd, p + done, want);
			if (n <= 0) {
				f->flags |= n == 0 ? FILE_EOF : FILE_ERROR;
				break;
			}
			done += n;
		} else {
			if (fill_buffer(f) <= 0)
				break;
			done += take_buffered(f, p + done, want);
		}
	}
	return done / size;
}

/*
 * Read up to and including delim into *line, growing it with realloc as
 * needed.  Returns the length, or -1 at end of file or on error.
 */
ssize_t getdelim(char **line, size_t *cap, int delim, FILE *f)
{
	size_t len = 0;
	int c;

	if (!line || !cap) {
		errno = EINVAL;
		return -1;
	}
	for (;;) {
		c = fgetc(f);
		if (c == EOF)
			break;
		if (len + 2 > *cap || !*line) {
			size_t new_cap = *cap < 64 ? 128 : *cap * 2;
			char *bigger = realloc(*line, new_cap);
			if (!bigger)
				return -1;
			*line = bigger;
			*cap = new_cap;
		}
		(*line)[len++] = (char)c;
		if (c == delim)
			break;
	}
	if (len == 0)
		return -1;
	(*line)[len] = '\0';
	return (ssize_t)len;
}

ssize_t getline(char **line, size_t *cap, FILE *f)
{
	return getdelim(line, cap, '\n', f);
}
