/*
 * stdio.h - buffered input and output on FILE streams, and printf.
 *
 * A FILE is a file descriptor plus a buffer; its insides are private to
 * the library (see user/lib/stdio_impl.h).  stdout is line-buffered on a
 * terminal and fully buffered otherwise; stderr is unbuffered.
 */
#ifndef _STDIO_H
#define _STDIO_H

#include <stddef.h>
#include <stdarg.h>
#include <sys/types.h>

typedef struct stdio_file FILE;
typedef long fpos_t;

#define EOF (-1)
#define BUFSIZ 4096
#define FILENAME_MAX 4096
#define FOPEN_MAX 256

/* setvbuf() modes */
#define _IOFBF 0	/* fully buffered */
#define _IOLBF 1	/* line buffered */
#define _IONBF 2	/* unbuffered */

#ifndef SEEK_SET
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#endif

extern FILE *stdin;
extern FILE *stdout;
extern FILE *stderr;

#define PRINTF_LIKE(fmt, args) __attribute__((format(printf, fmt, args)))
#define SCANF_LIKE(fmt, args) __attribute__((format(scanf, fmt, args)))

/* Opening and closing */
FILE *fopen(const char *path, const char *mode);
FILE *fdopen(int fd, const char *mode);
int fclose(FILE *f);
int fflush(FILE *f);
int setvbuf(FILE *f, char *buf, int mode, size_t size);
void setbuf(FILE *f, char *buf);
int fileno(FILE *f);

/* Formatted output */
int printf(const char *fmt, ...) PRINTF_LIKE(1, 2);
int fprintf(FILE *f, const char *fmt, ...) PRINTF_LIKE(2, 3);
int dprintf(int fd, const char *fmt, ...) PRINTF_LIKE(2, 3);
int sprintf(char *buf, const char *fmt, ...) PRINTF_LIKE(2, 3);
int snprintf(char *buf, size_t size, const char *fmt, ...) PRINTF_LIKE(3, 4);
int asprintf(char **result, const char *fmt, ...) PRINTF_LIKE(2, 3);
int vprintf(const char *fmt, va_list ap) PRINTF_LIKE(1, 0);
int vfprintf(FILE *f, const char *fmt, va_list ap) PRINTF_LIKE(2, 0);
int vdprintf(int fd, const char *fmt, va_list ap) PRINTF_LIKE(2, 0);
int vsprintf(char *buf, const char *fmt, va_list ap) PRINTF_LIKE(2, 0);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap) PRINTF_LIKE(3, 0);
int vasprintf(char **result, const char *fmt, va_list ap) PRINTF_LIKE(2, 0);

/* Formatted input, from a string only (see user/lib/scanf.c) */
int sscanf(const char *str, const char *fmt, ...) SCANF_LIKE(2, 3);
int vsscanf(const char *str, const char *fmt, va_list ap) SCANF_LIKE(2, 0);

/* Character and string output */
int fputc(int c, FILE *f);
int putc(int c, FILE *f);
int putchar(int c);
int fputs(const char *s, FILE *f);
int puts(const char *s);
size_t fwrite(const void *buf, size_t size, size_t count, FILE *f);

/* Input */
int fgetc(FILE *f);
int getc(FILE *f);
int getchar(void);
int ungetc(int c, FILE *f);
char *fgets(char *buf, int size, FILE *f);
size_t fread(void *buf, size_t size, size_t count, FILE *f);
ssize_t getline(char **line, size_t *cap, FILE *f);
ssize_t getdelim(char **line, size_t *cap, int delim, FILE *f);

/* Position */
int fseek(FILE *f, long offset, int whence);
long ftell(FILE *f);
void rewind(FILE *f);

/* Status */
int feof(FILE *f);
int ferror(FILE *f);
void clearerr(FILE *f);

/* Errors and files */
void perror(const char *message);
int remove(const char *path);
int rename(const char *oldpath, const char *newpath);

#undef PRINTF_LIKE
#undef SCANF_LIKE

#endif
