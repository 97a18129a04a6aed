/*
 * stdio_file.c - creating and destroying streams: stdin, stdout and
 * stderr, fopen, fdopen, fclose, setvbuf and the status functions.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>
#include "stdio_impl.h"

static unsigned char stdin_buffer[BUFSIZ];
static unsigned char stdout_buffer[BUFSIZ];

/*
 * The standard streams start out in a safe state; __stdio_init() then
 * picks the buffering once it can ask whether fd 0 and 1 are terminals.
 */
static FILE stderr_file = {
	.fd = 2, .flags = FILE_CAN_WRITE | FILE_STATIC, .buf_mode = _IONBF,
	.buf = &stderr_file.one_byte, .buf_size = 1, .unget = EOF,
	.next = NULL,
};
static FILE stdout_file = {
	.fd = 1, .flags = FILE_CAN_WRITE | FILE_STATIC, .buf_mode = _IOLBF,
	.buf = stdout_buffer, .buf_size = BUFSIZ, .unget = EOF,
	.next = &stderr_file,
};
static FILE stdin_file = {
	.fd = 0, .flags = FILE_CAN_READ | FILE_STATIC, .buf_mode = _IOLBF,
	.buf = stdin_buffer, .buf_size = BUFSIZ, .unget = EOF,
	.next = &stdout_file,
};

FILE *stdin = &stdin_file;
FILE *stdout = &stdout_file;
FILE *stderr = &stderr_file;
FILE *__stdio_open_files = &stdin_file;

/* Terminals get line buffering, everything else full buffering. */
void __stdio_init(void)
{
	stdin_file.buf_mode = isatty(0) ? _IOLBF : _IOFBF;
	stdout_file.buf_mode = isatty(1) ? _IOLBF : _IOFBF;
}

/*
 * Decode an fopen mode ("r", "w+", "ab", "re", ...) into FILE_CAN_*
 * flags (returned) and open() flags.  Returns 0 for a bad mode.
 */
int __file_mode_flags(const char *mode, int *open_flags)
{
	int file_flags, oflags;

	switch (mode[0]) {
	case 'r':
		file_flags = FILE_CAN_READ;
		oflags = O_RDONLY;
		break;
	case 'w':
		file_flags = FILE_CAN_WRITE;
		oflags = O_WRONLY | O_CREAT | O_TRUNC;
		break;
	case 'a':
		file_flags = FILE_CAN_WRITE;
		oflags = O_WRONLY | O_CREAT | O_APPEND;
		break;
	default:
		return 0;
	}
	for (const char *p = mode + 1; *p; p++) {
		if (*p == '+') {
			file_flags = FILE_CAN_READ | FILE_CAN_WRITE;
			oflags = (oflags & ~O_ACCMODE) | O_RDWR;
		} else if (*p == 'x') {
			oflags |= O_EXCL;
		} else if (*p == 'e') {
			oflags |= O_CLOEXEC;
		}
		/* 'b' and anything else: ignored, as on Linux */
	}
	*open_flags = oflags;
	return file_flags;
}

/* Set up an unbuffered stream on fd; the caller may then give it a buffer. */
void __file_init(FILE *f, int fd, int flags)
{
	f->fd = fd;
	f->flags = flags;
	f->buf_mode = _IONBF;
	f->buf = &f->one_byte;
	f->buf_size = 1;
	f->read_pos = 0;
	f->read_len = 0;
	f->write_len = 0;
	f->unget = EOF;
	f->next = NULL;
}

/* Make a heap stream on fd with a BUFSIZ buffer and link it in. */
static FILE *new_stream(int fd, int flags)
{
	FILE *f = malloc(sizeof(*f));
	unsigned char *buf = malloc(BUFSIZ);

	if (!f || !buf) {
		free(f);
		free(buf);
		errno = ENOMEM;
		return NULL;
	}
	__file_init(f, fd, flags | FILE_OWNS_BUF);
	f->buf = buf;
	f->buf_size = BUFSIZ;
	f->buf_mode = isatty(fd) ? _IOLBF : _IOFBF;
	f->next = __stdio_open_files;
	__stdio_open_files = f;
	return f;
}

FILE *fopen(const char *path, const char *mode)
{
	int oflags, fd;
	int flags = __file_mode_flags(mode, &oflags);
	FILE *f;

	if (!flags) {
		errno = EINVAL;
		return NULL;
	}
	fd = open(path, oflags, 0666);
	if (fd < 0)
		return NULL;
	f = new_stream(fd, flags);
	if (!f)
		close(fd);
	return f;
}

FILE *fdopen(int fd, const char *mode)
{
	int oflags;
	int flags = __file_mode_flags(mode, &oflags);

	if (!flags) {
		errno = EINVAL;
		return NULL;
	}
	return new_stream(fd, flags);
}

static void unlink_stream(FILE *f)
{
	FILE **link = &__stdio_open_files;

	while (*link && *link != f)
		link = &(*link)->next;
	if (*link)
		*link = f->next;
}

int fclose(FILE *f)
{
	int result = fflush(f);

	if (close(f->fd) < 0)
		result = EOF;
	unlink_stream(f);
	if (f->flags & FILE_OWNS_BUF)
		free(f->buf);
	if (!(f->flags & FILE_STATIC))
		free(f);
	return result;
}

/* Choose the buffering; meant to be called before any I/O on f. */
int setvbuf(FILE *f, char *buf, int mode, size_t size)
{
	unsigned char *new_buf;
	int owned = 0;

	if (mode != _IOFBF && mode != _IOLBF && mode != _IONBF)
		return EOF;
	fflush(f);
	if (mode == _IONBF) {
		new_buf = &f->one_byte;
		size = 1;
	} else if (buf && size > 0) {
		new_buf = (unsigned char *)buf;
	} else if (f->buf_size > 1) {		/* none given: keep ours */
		f->buf_mode = mode;
		return 0;
	} else {
		size = BUFSIZ;
		new_buf = malloc(size);
		if (!new_buf)
			return EOF;
		owned = 1;
	}
	if (f->flags & FILE_OWNS_BUF)
		free(f->buf);
	if (owned)
		f->flags |= FILE_OWNS_BUF;
	else
		f->flags &= ~FILE_OWNS_BUF;
	f->buf = new_buf;
	f->buf_size = size;
	f->buf_mode = mode;
	return 0;
}

void setbuf(FILE *f, char *buf)
{
	if (buf)
		setvbuf(f, buf, _IOFBF, BUFSIZ);
	else
		setvbuf(f, NULL, _IONBF, 0);
}

int fileno(FILE *f)
{
	return f->fd;
}

int feof(FILE *f)
{
	return (f->flags & FILE_EOF) != 0;
}

int ferror(FILE *f)
{
	return (f->flags & FILE_ERROR) != 0;
}

void clearerr(FILE *f)
{
	f->flags &= ~(FILE_EOF | FILE_ERROR);
}
