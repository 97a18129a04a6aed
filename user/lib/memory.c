/*
 * memory.c - the mem* functions on raw bytes.
 *
 * memcpy, memset and the forward case of memmove move 4 bytes at a time
 * with the string instructions (rep movsl / rep stosl) and finish with a
 * byte tail: every program's copies, and the benchmark's memcpy figure
 * that frames the pipe figures, go through them, and a byte loop is four
 * times slower.  The rest are plain byte loops: short and obviously
 * right.  The compiler is told (-ffreestanding) not to turn these loops
 * back into calls to the very functions being defined.
 */
#include <string.h>

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

/* Like memcpy, but the areas may overlap: copy backwards if need be. */
void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d <= s || d >= s + n)
		return memcpy(dst, src, n);
	while (n-- > 0)
		d[n] = s[n];
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	void *d = dst;
	unsigned int word = (unsigned char)c * 0x01010101u;
	size_t words = n / 4, bytes = n % 4;

	__asm__ volatile("rep stosl\n\t"
			 "movl %3, %%ecx\n\t"
			 "rep stosb"
			 : "+D"(d), "+c"(words)
			 : "a"(word), "r"(bytes)
			 : "memory");
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;

	for (size_t i = 0; i < n; i++)
		if (p[i] != q[i])
			return p[i] - q[i];
	return 0;
}

void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	for (size_t i = 0; i < n; i++)
		if (p[i] == (unsigned char)c)
			return (void *)(p + i);
	return NULL;
}
