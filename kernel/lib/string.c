/*
 * string.c - memory and string functions for the kernel.
 *
 * memcpy moves 4 bytes at a time with `rep movsl` (plus a byte tail): it is
 * the copy under every pipe transfer and page copy, so it must not be a
 * byte loop.  Everything else here is plain and unoptimised.
 */
#include "lib/lib.h"

void *memset(void *dst, int c, size_t n)
{
	void *d = dst;
	uint32_t word = (uint8_t)c * 0x01010101u;
	size_t words = n / 4;

	__asm__ volatile("rep stosl" : "+D"(d), "+c"(words) : "a"(word) : "memory");
	words = n % 4;
	__asm__ volatile("rep stosb" : "+D"(d), "+c"(words) : "a"(word) : "memory");
	return dst;
}

void *memcpy(void *dst, const void *src, size_t n)
{
	void *d = dst;
	const void *s = src;
	size_t words = n / 4, bytes = n % 4;

	__asm__ volatile("rep movsl\n\t"
			 "movl %3, %%ecx\n\t"
			 "rep movsb"
			 : "+D"(d), "+S"(s), "+c"(words)
			 : "r"(bytes)
			 : "memory");
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	uint8_t *d = dst;
	const uint8_t *s = src;

	if (d <= s || d >= s + n)
		return memcpy(dst, src, n);
	while (n--)		/* overlapping, copy backwards */
		d[n] = s[n];
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const uint8_t *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

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

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (uint8_t)*a - (uint8_t)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (uint8_t)*a - (uint8_t)*b;
		if (!*a)
			break;
	}
	return 0;
}

char *strchr(const char *s, int c)
{
	for (; *s; s++)
		if (*s == (char)c)
			return (char *)s;
	return c ? NULL : (char *)s;
}

/* Copy with truncation; always terminates when size > 0. */
size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len < size - 1 ? len : size - 1;
		memcpy(dst, src, n);
		dst[n] = 0;
	}
	return len;
}

char *strstr(const char *s, const char *needle)
{
	size_t n = strlen(needle);

	for (; *s; s++)
		if (strncmp(s, needle, n) == 0)
			return (char *)s;
	return NULL;
}
