/*
 * stdio_flush.c - moving buffered data to and from the kernel, and
 * switching a stream between reading and writing.
 *
 * Failed writes are not retried (only EINTR is): the stream is marked
 * with an error and its pending output is dropped, so a program writing
 * to a closed pipe sees errors instead of hanging.
 */
#include <errno.h>
#include <unistd.h>
#include "stdio_impl.h"

/* write() all n bytes, retrying short writes.  0 on success, -1 on error. */
int __file_write_all(int fd, const void *data, size_t n)
{
	const char *p = data;

	while (n > 0) {
		ssize_t done = write(fd, p, n);
		if (done < 0 && errno == EINTR)
			continue;
		if (done <= 0)
			return -1;
		p += done;
		n -= done;
	}
	return 0;
}

/* Write out the pending output. */
int __file_flush_output(FILE *f)
{
	int result = 0;

	if (f->write_len > 0 && __file_write_all(f->fd, f->buf, f->write_len) < 0) {
		f->flags |= FILE_ERROR;
		result = EOF;
	}
	f->write_len = 0;
	return result;
}

/*
 * Forget input we read ahead but did not hand out, moving the file
 * offset back so the descriptor is where the program thinks the stream
 * is.  (On pipes the lseek fails, and the data is simply lost.)
 */
void __file_drop_input(FILE *f)
{
	off_t unread = (off_t)(f->read_len - f->read_pos);

	if (f->unget != EOF)
		unread++;
	if (unread > 0)
		lseek(f->fd, -unread, SEEK_CUR);
	f->read_pos = 0;
	f->read_len = 0;
	f->unget = EOF;
}

int __file_prepare_write(FILE *f)
{
	if (!(f->flags & FILE_CAN_WRITE)) {
		f->flags |= FILE_ERROR;
		errno = EBADF;
		return -1;
	}
	if (f->read_len > f->read_pos || f->unget != EOF)
		__file_drop_input(f);
	return 0;
}

int __file_prepare_read(FILE *f)
{
	if (!(f->flags & FILE_CAN_READ)) {
		f->flags |= FILE_ERROR;
		errno = EBADF;
		return -1;
	}
	if (f->write_len > 0 && __file_flush_output(f) < 0)
		return -1;
	return 0;
}

/*
 * fflush(f): write pending output, or give back unread input.
 * fflush(NULL): write the pending output of every stream.
 */
int fflush(FILE *f)
{
	if (!f) {
		__stdio_flush_all();
		return 0;
	}
	if (f->write_len > 0)
		return __file_flush_output(f);
	if (f->read_len > f->read_pos || f->unget != EOF)
		__file_drop_input(f);
	return 0;
}

void __stdio_flush_all(void)
{
	for (FILE *f = __stdio_open_files; f; f = f->next)
		__file_flush_output(f);
}

/* Called before a line-buffered or unbuffered stream reads: C says
 * pending output on line-buffered streams (a prompt) must appear first. */
void __stdio_flush_line_buffered(void)
{
	for (FILE *f = __stdio_open_files; f; f = f->next)
		if (f->buf_mode == _IOLBF)
			__file_flush_output(f);
}
