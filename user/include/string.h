/*
 * string.h - memory blocks and NUL-terminated strings, plus strerror()
 * and strsignal() for turning numbers into messages.
 */
#ifndef _STRING_H
#define _STRING_H

#include <stddef.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);

size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
int strcoll(const char *a, const char *b);
char *strcpy(char *dst, const char *src);
char *strncpy(char *dst, const char *src, size_t n);
char *stpcpy(char *dst, const char *src);
char *strcat(char *dst, const char *src);
char *strncat(char *dst, const char *src, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
char *strstr(const char *haystack, const char *needle);
char *strdup(const char *s);
char *strndup(const char *s, size_t n);
size_t strspn(const char *s, const char *accept);
size_t strcspn(const char *s, const char *reject);
char *strpbrk(const char *s, const char *accept);
char *strtok(char *s, const char *delim);
char *strtok_r(char *s, const char *delim, char **saveptr);
char *strsep(char **sp, const char *delim);

char *strerror(int errnum);
char *strsignal(int sig);

/*
 * GNU basename: the part after the last '/', "" if path ends in '/'.  It
 * never changes path.  <libgen.h> has the POSIX basename instead, which
 * also drops trailing slashes; as in glibc, that one wins if <libgen.h>
 * is included (it makes basename a macro), and this one is only declared
 * for _GNU_SOURCE programs.
 */
#if defined(_GNU_SOURCE) && !defined(basename)
char *basename(const char *path);
#endif

/* Also in <strings.h>, as on Linux. */
int strcasecmp(const char *a, const char *b);
int strncasecmp(const char *a, const char *b, size_t n);

#endif
