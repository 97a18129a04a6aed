/*
 * stdio_impl.h - the inside of a FILE, shared by the stdio_*.c and
 * printf_*.c files (private to the library).
 *
 * A stream is a file descriptor plus a buffer.  At any moment the buffer
 * holds either input that has been read but not yet handed out
 * (buf[read_pos..read_len)) or output not yet written (buf[0..write_len)),
 * never both: switching direction first flushes output or gives back
 * unread input (see stdio_flush.c).
 */
#ifndef STDIO_IMPL_H
#define STDIO_IMPL_H

#include <stdio.h>

/* flags */
#define FILE_CAN_READ 0x01
#define FILE_CAN_WRITE 0x02
#define FILE_EOF 0x04		/* read hit end of file */
#define FILE_ERROR 0x08		/* a read or write failed */
#define FILE_OWNS_BUF 0x10	/* buf came from malloc: free it */
#define FILE_STATIC 0x20	/* stdin/stdout/stderr: do not free */

struct stdio_file {
	int fd;
	int flags;
	int buf_mode;			/* _IOFBF, _IOLBF or _IONBF */
	unsigned char *buf;
	size_t buf_size;
	size_t read_pos;		/* next input byte to hand out */
	size_t read_len;		/* end of input in buf */
	size_t write_len;		/* pending output bytes in buf */
	int unget;			/* byte pushed back by ungetc, or EOF */
	unsigned char one_byte;		/* the "buffer" of an unbuffered stream */
	struct stdio_file *next;	/* all open streams, for fflush(NULL) */
};

/* The list of open streams (stdio_file.c). */
extern FILE *__stdio_open_files;

void __stdio_init(void);
void __file_init(FILE *f, int fd, int flags);
int __file_mode_flags(const char *mode, int *open_flags);

/* stdio_flush.c */
int __file_write_all(int fd, const void *data, size_t n);
int __file_flush_output(FILE *f);
void __file_drop_input(FILE *f);
int __file_prepare_write(FILE *f);
int __file_prepare_read(FILE *f);
void __stdio_flush_all(void);
void __stdio_flush_line_buffered(void);

/* stdio_write.c */
size_t __file_write(FILE *f, const void *data, size_t n);

/*
 * Where printf output goes: a string (str, str_size), a stream (file) or
 * a descriptor (fd >= 0).  For streams and descriptors, output collects
 * in chunk[] first, so that one printf makes few write() calls even on
 * an unbuffered stream.
 */
struct output {
	char *str;
	size_t str_size;
	FILE *file;
	int fd;
	char chunk[256];
	size_t chunk_len;
	size_t count;			/* characters produced so far */
	int error;			/* a write failed */
};

/* printf_format.c */
int __format(struct output *out, const char *fmt, va_list ap);
void __output_chars(struct output *out, const char *s, size_t n);
void __output_repeat(struct output *out, char c, int n);

/* printf_float.c */
struct format_spec;
void __format_double(struct output *out, const struct format_spec *spec,
		     double value);

/* One parsed conversion, e.g. "%-08.3lld" (printf_format.c). */
struct format_spec {
	int left;		/* '-': pad on the right */
	int plus;		/* '+': always show a sign */
	int space;		/* ' ': a space where '+' would be */
	int alt;		/* '#': 0x prefix, leading octal 0, ... */
	int zero;		/* '0': pad with zeros */
	int width;		/* minimum field width */
	int precision;		/* -1 when not given */
	int length;		/* LENGTH_* below */
	char conversion;	/* 'd', 's', ... */
};

#define LENGTH_NONE 0
#define LENGTH_HH 1
#define LENGTH_H 2
#define LENGTH_L 3
#define LENGTH_LL 4
#define LENGTH_Z 5
#define LENGTH_T 6
#define LENGTH_J 7
#define LENGTH_BIG_L 8

#endif
