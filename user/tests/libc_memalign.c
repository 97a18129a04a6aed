/*
 * libc_memalign - aligned allocation: memalign, posix_memalign,
 * aligned_alloc and valloc give memory at the asked alignment (glibc
 * rounds an alignment that is not a power of two up to one), blocks do
 * not overlap, and freeing them in any order leaves a heap that malloc
 * can still use.  posix_memalign reports EINVAL for an alignment that is
 * not a power of two times sizeof(void *).
 * The same file built with i686-linux-gnu-gcc -static passes on Linux.
 */
#include <conduit/test.h>
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>

#define COUNT 40

static void fill(unsigned char *p, size_t n, int seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)(seed * 31 + i);
}

static int intact(const unsigned char *p, size_t n, int seed)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != (unsigned char)(seed * 31 + i))
			return 0;
	return 1;
}

/* Many blocks of mixed alignments and sizes, freed odd ones first. */
static void test_many_blocks(void)
{
	unsigned char *p[COUNT];
	size_t size[COUNT];

	for (int i = 0; i < COUNT; i++) {
		size_t align = (size_t)32 << (i % 8);	/* 32 .. 4096 */

		size[i] = 1 + (size_t)(i * 397) % 3000;
		p[i] = memalign(align, size[i]);
		CHECK(p[i] != NULL);
		CHECK_EQ((uintptr_t)p[i] % align, 0);
		fill(p[i], size[i], i);
	}
	for (int i = 0; i < COUNT; i++)
		CHECK(intact(p[i], size[i], i));	/* no overlaps */
	for (int i = 1; i < COUNT; i += 2)
		free(p[i]);
	for (int i = 0; i < COUNT; i += 2)
		CHECK(intact(p[i], size[i], i));
	for (int i = 0; i < COUNT; i += 2)
		free(p[i]);
	/* the heap still works: a big block and small ones */
	unsigned char *big = malloc(100000);
	CHECK(big != NULL);
	fill(big, 100000, 7);
	for (int i = 0; i < COUNT; i++) {
		p[i] = malloc(100);
		CHECK(p[i] != NULL);
		fill(p[i], 100, i);
	}
	CHECK(intact(big, 100000, 7));
	for (int i = 0; i < COUNT; i++) {
		CHECK(intact(p[i], 100, i));
		free(p[i]);
	}
	free(big);
}

static void test_variants(void)
{
	void *p = NULL;

	p = memalign(48, 10);			/* rounded up to 64 */
	CHECK(p != NULL);
	CHECK_EQ((uintptr_t)p % 64, 0);
	free(p);
	p = memalign(256, 0);			/* still a real block */
	CHECK(p != NULL);
	CHECK_EQ((uintptr_t)p % 256, 0);
	free(p);
	p = memalign(8, 24);			/* as malloc */
	CHECK(p != NULL);
	CHECK_EQ((uintptr_t)p % 8, 0);
	free(p);
	errno = 0;
	CHECK(memalign(0x80000001u, 10) == NULL);
	CHECK_EQ(errno, EINVAL);

	p = NULL;
	CHECK_EQ(posix_memalign(&p, 1024, 5000), 0);
	CHECK(p != NULL);
	CHECK_EQ((uintptr_t)p % 1024, 0);
	free(p);
	CHECK_EQ(posix_memalign(&p, 3, 10), EINVAL);
	CHECK_EQ(posix_memalign(&p, 2, 10), EINVAL);	/* < sizeof(void *) */
	CHECK_EQ(posix_memalign(&p, 24, 10), EINVAL);
	CHECK_EQ(posix_memalign(&p, sizeof(void *), 10), 0);
	free(p);

	p = aligned_alloc(128, 300);
	CHECK(p != NULL);
	CHECK_EQ((uintptr_t)p % 128, 0);
	free(p);
	p = valloc(10);
	CHECK(p != NULL);
	CHECK_EQ((uintptr_t)p % 4096, 0);
	free(p);
}

int main(void)
{
	test_many_blocks();
	test_variants();
	return 0;
}
