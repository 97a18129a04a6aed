/*
 * stdio_seek.c - stream positions: fseek, ftell, rewind.
 *
 * The stream's position is the descriptor's offset, minus input read
 * ahead but not yet consumed, plus output not yet written.
 */
#include <unistd.h>
#include "stdio_impl.h"

int fseek(FILE *f, long offset, int whence)
{
	if (f->write_len > 0 && __file_flush_output(f) < 0)
		return -1;
	if (whence == SEEK_CUR) {	/* measure before dropping read-ahead */
		long here = ftell(f);
		if (here < 0)
			return -1;
		offset += here;
		whence = SEEK_SET;
	}
	f->read_pos = 0;
	f->read_len = 0;
	f->unget = EOF;
	if (lseek(f->fd, offset, whence) < 0)
		return -1;
	f->flags &= ~FILE_EOF;
	return 0;
}

long ftell(FILE *f)
{
	off_t pos = lseek(f->fd, 0, SEEK_CUR);

	if (pos < 0)
		return -1;
	pos -= (off_t)(f->read_len - f->read_pos);
	if (f->unget != EOF)
		pos--;
	return pos + (off_t)f->write_len;
}

void rewind(FILE *f)
{
	fseek(f, 0, SEEK_SET);
	clearerr(f);
}
