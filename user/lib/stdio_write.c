/*
 * stdio_write.c - unformatted output: fwrite, fputc, fputs and friends.
 *
 * Everything funnels into __file_write(), which fills the buffer and
 * writes it out when it is full (_IOFBF), also after a newline (_IOLBF),
 * or not at all (_IONBF: straight to write()).
 */
#include <string.h>
#include "stdio_impl.h"

static size_t write_unbuffered(FILE *f, const unsigned char *data, size_t n)
{
	if (__file_write_all(f->fd, data, n) < 0) {
		f->flags |= FILE_ERROR;
		return 0;
	}
	return n;
}

/* Returns how many bytes were accepted (n unless an error happened). */
size_t __file_write(FILE *f, const void *data, size_t n)
{
	const unsigned char *p = data;
	size_t done = 0;

	if (__file_prepare_write(f) < 0)
		return 0;
	if (f->buf_mode == _IONBF)
		return write_unbuffered(f, p, n);

	while (done < n) {
		size_t room, chunk;

		if (f->write_len == f->buf_size && __file_flush_output(f) < 0)
			return done;
		if (f->write_len == 0 && n - done >= f->buf_size)	/* big: skip the copy */
			return done + write_unbuffered(f, p + done, n - done);
		room = f->buf_size - f->write_len;
		chunk = n - done < room ? n - done : room;
		memcpy(f->buf + f->write_len, p + done, chunk);
		f->write_len += chunk;
		done += chunk;
	}
	if (f->buf_mode == _IOLBF && memchr(p, '\n', n))
		__file_flush_output(f);
	return done;
}

size_t fwrite(const void *buf, size_t size, size_t count, FILE *f)
{
	size_t total = size * count;

	if (total == 0)
		return 0;
	return __file_write(f, buf, total) / size;
}

int fputc(int c, FILE *f)
{
	unsigned char byte = (unsigned char)c;

	if (__file_write(f, &byte, 1) != 1)
		return EOF;
	return byte;
}

int putc(int c, FILE *f)
{
	return fputc(c, f);
}

int putchar(int c)
{
	return fputc(c, stdout);
}

int fputs(const char *s, FILE *f)
{
	size_t n = strlen(s);

	if (__file_write(f, s, n) != n)
		return EOF;
	return 0;
}

/* puts adds a newline. */
int puts(const char *s)
{
	if (fputs(s, stdout) == EOF || fputc('\n', stdout) == EOF)
		return EOF;
	return 0;
}
