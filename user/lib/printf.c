/*
 * printf.c - the printf family.  Each function only says where the
 * output goes (a struct output) and lets __format() do the work.
 */
#include <stdlib.h>
#include "stdio_impl.h"

static void output_to_string(struct output *out, char *buf, size_t size)
{
	out->str = buf;
	out->str_size = size;
	out->file = NULL;
	out->fd = -1;
	out->chunk_len = 0;
	out->count = 0;
	out->error = 0;
}

int vfprintf(FILE *f, const char *fmt, va_list ap)
{
	struct output out;

	output_to_string(&out, NULL, 0);
	out.file = f;
	return __format(&out, fmt, ap);
}

int vdprintf(int fd, const char *fmt, va_list ap)
{
	struct output out;

	output_to_string(&out, NULL, 0);
	out.fd = fd;
	return __format(&out, fmt, ap);
}

/* Writes at most size - 1 characters and a NUL; returns the full length. */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct output out;

	output_to_string(&out, buf, size);
	return __format(&out, fmt, ap);
}

int vsprintf(char *buf, const char *fmt, va_list ap)
{
	return vsnprintf(buf, (size_t)-1 / 2, fmt, ap);
}

int vprintf(const char *fmt, va_list ap)
{
	return vfprintf(stdout, fmt, ap);
}

/* Measure first, then allocate exactly enough and format again. */
int vasprintf(char **result, const char *fmt, va_list ap)
{
	va_list again;
	int len;

	va_copy(again, ap);
	len = vsnprintf(NULL, 0, fmt, ap);
	*result = len < 0 ? NULL : malloc((size_t)len + 1);
	if (*result)
		vsnprintf(*result, (size_t)len + 1, fmt, again);
	va_end(again);
	return *result ? len : -1;
}

int printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vfprintf(stdout, fmt, ap);
	va_end(ap);
	return n;
}

int fprintf(FILE *f, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vfprintf(f, fmt, ap);
	va_end(ap);
	return n;
}

int dprintf(int fd, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vdprintf(fd, fmt, ap);
	va_end(ap);
	return n;
}

int sprintf(char *buf, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsprintf(buf, fmt, ap);
	va_end(ap);
	return n;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

int asprintf(char **result, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vasprintf(result, fmt, ap);
	va_end(ap);
	return n;
}
