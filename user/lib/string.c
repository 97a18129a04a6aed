/*
 * string.c - NUL-terminated strings: length, comparison, copying,
 * searching and duplication.
 */
#include <stdlib.h>
#include <string.h>

size_t strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

/* Compare as unsigned chars, as C requires. */
int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n > 0; n--, a++, b++) {
		if (*a != *b || !*a)
			return (unsigned char)*a - (unsigned char)*b;
	}
	return 0;
}

/* Only the "C" locale exists, so collation is plain comparison. */
int strcoll(const char *a, const char *b)
{
	return strcmp(a, b);
}

char *strcpy(char *dst, const char *src)
{
	char *d = dst;

	while ((*d++ = *src++))
		;
	return dst;
}

/* Copies at most n bytes and pads with NULs; may leave dst unterminated. */
char *strncpy(char *dst, const char *src, size_t n)
{
	size_t i = 0;

	for (; i < n && src[i]; i++)
		dst[i] = src[i];
	for (; i < n; i++)
		dst[i] = '\0';
	return dst;
}

/* Like strcpy, but returns a pointer to the copied NUL. */
char *stpcpy(char *dst, const char *src)
{
	while ((*dst = *src++))
		dst++;
	return dst;
}

char *strcat(char *dst, const char *src)
{
	strcpy(dst + strlen(dst), src);
	return dst;
}

/* Appends at most n bytes of src, then always a NUL. */
char *strncat(char *dst, const char *src, size_t n)
{
	char *d = dst + strlen(dst);
	size_t len = strnlen(src, n);

	memcpy(d, src, len);
	d[len] = '\0';
	return dst;
}

char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}

char *strrchr(const char *s, int c)
{
	const char *last = NULL;

	for (;; s++) {
		if (*s == (char)c)
			last = s;
		if (!*s)
			return (char *)last;
	}
}

char *strstr(const char *haystack, const char *needle)
{
	size_t len = strlen(needle);

	for (; *haystack; haystack++)
		if (strncmp(haystack, needle, len) == 0)
			return (char *)haystack;
	return len == 0 ? (char *)haystack : NULL;
}

char *strdup(const char *s)
{
	return strndup(s, strlen(s));
}

/* Copy at most n bytes of s into new memory, always NUL-terminated. */
char *strndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *copy = malloc(len + 1);

	if (copy) {
		memcpy(copy, s, len);
		copy[len] = '\0';
	}
	return copy;
}
