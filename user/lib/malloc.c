/*
 * malloc.c - the memory allocator: malloc, free, calloc, realloc, and
 * the aligned forms memalign, posix_memalign, aligned_alloc and valloc.
 *
 * Memory comes from the kernel in large pieces with sbrk() and is cut
 * into blocks.  Each block starts with a 16-byte header holding its size
 * (header included, a multiple of 16), so the memory handed out is
 * 16-byte aligned.  Free blocks are kept on one list sorted by address:
 * malloc takes the first block big enough (splitting off the rest), and
 * free puts a block back in its place and merges it with a free
 * neighbour on either side, so the heap does not crumble into pieces.
 *
 * A bigger alignment is had by allocating more than needed and cutting
 * the block where the aligned payload starts: the piece before the cut
 * becomes a free block of its own, so free() needs no special case.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define ALIGNMENT 16
#define MIN_BLOCK 32			/* header + 16 bytes of payload */
#define GROW_SIZE (64 * 1024)		/* ask sbrk for at least this much */

struct block {
	size_t size;			/* bytes, including this header */
	struct block *next;		/* next free block (free blocks only) */
	size_t unused[2];		/* pads the header to 16 bytes */
};

static struct block *free_list;	/* free blocks, lowest address first */

static size_t round_up(size_t n, size_t multiple)
{
	return (n + multiple - 1) / multiple * multiple;
}

static struct block *block_of(void *payload)
{
	return (struct block *)((char *)payload - sizeof(struct block));
}

static void *payload_of(struct block *b)
{
	return (char *)b + sizeof(struct block);
}

static int adjacent(struct block *a, struct block *b)
{
	return (char *)a + a->size == (char *)b;
}

/* Put b on the free list in address order, merging with its neighbours. */
static void insert_free(struct block *b)
{
	struct block *prev = NULL, *next = free_list;

	while (next && next < b) {
		prev = next;
		next = next->next;
	}
	b->next = next;
	if (next && adjacent(b, next)) {
		b->size += next->size;
		b->next = next->next;
	}
	if (!prev) {
		free_list = b;
	} else if (adjacent(prev, b)) {
		prev->size += b->size;
		prev->next = b->next;
	} else {
		prev->next = b;
	}
}

/* Get at least size more bytes from the kernel onto the free list. */
static int grow_heap(size_t size)
{
	uintptr_t end = (uintptr_t)sbrk(0);
	size_t misalign = end % ALIGNMENT ? ALIGNMENT - end % ALIGNMENT : 0;
	struct block *b;

	size = round_up(size > GROW_SIZE ? size : GROW_SIZE, 4096);
	if (size > (size_t)INT32_MAX)
		return -1;
	b = sbrk((int)(size + misalign));
	if (b == (void *)-1)
		return -1;
	b = (struct block *)((char *)b + misalign);
	b->size = size;
	insert_free(b);
	return 0;
}

/* Unlink b (found after *link) from the free list; split off the rest. */
static void *take_block(struct block **link, struct block *b, size_t size)
{
	if (b->size - size >= MIN_BLOCK) {
		struct block *rest = (struct block *)((char *)b + size);
		rest->size = b->size - size;
		rest->next = b->next;
		*link = rest;
		b->size = size;
	} else {
		*link = b->next;
	}
	return payload_of(b);
}

/* The block size for n bytes of payload, or 0 if that is absurdly big. */
static size_t block_size_for(size_t n)
{
	if (n > SIZE_MAX / 2)
		return 0;
	n = round_up(n + sizeof(struct block), ALIGNMENT);
	return n < MIN_BLOCK ? MIN_BLOCK : n;
}

void *malloc(size_t n)
{
	size_t size = block_size_for(n);

	if (size == 0) {
		errno = ENOMEM;
		return NULL;
	}
	for (;;) {
		struct block **link = &free_list;
		for (struct block *b = free_list; b; link = &b->next, b = b->next)
			if (b->size >= size)
				return take_block(link, b, size);
		if (grow_heap(size) < 0) {
			errno = ENOMEM;
			return NULL;
		}
	}
}

void free(void *ptr)
{
	if (ptr)
		insert_free(block_of(ptr));
}

void *calloc(size_t count, size_t size)
{
	void *p;

	if (size != 0 && count > SIZE_MAX / size) {
		errno = ENOMEM;
		return NULL;
	}
	p = malloc(count * size);
	if (p)
		memset(p, 0, count * size);
	return p;
}

/*
 * Shrinking (or growing within the block's slack) keeps the block and
 * frees any big leftover; otherwise move to a new block.
 */
void *realloc(void *ptr, size_t n)
{
	struct block *b;
	size_t size = block_size_for(n);
	void *moved;

	if (!ptr)
		return malloc(n);
	if (n == 0) {
		free(ptr);
		return NULL;
	}
	if (size == 0) {
		errno = ENOMEM;
		return NULL;
	}
	b = block_of(ptr);
	if (b->size >= size) {
		if (b->size - size >= MIN_BLOCK) {
			struct block *rest = (struct block *)((char *)b + size);
			rest->size = b->size - size;
			b->size = size;
			insert_free(rest);
		}
		return ptr;
	}
	moved = malloc(n);
	if (!moved)
		return NULL;
	memcpy(moved, ptr, b->size - sizeof(struct block));
	free(ptr);
	return moved;
}

/*
 * n bytes aligned to align.  Like glibc, an align that is not a power of
 * two is rounded up to one.  The over-allocation leaves room for a gap
 * of at least MIN_BLOCK before an aligned payload; the gap is freed, and
 * realloc gives back a big unused tail.
 */
void *memalign(size_t align, size_t n)
{
	size_t power = ALIGNMENT;
	char *p, *aligned;
	struct block *b, *a;

	if (align > SIZE_MAX / 2 + 1) {
		errno = EINVAL;
		return NULL;
	}
	while (power < align)
		power *= 2;
	if (power == ALIGNMENT)
		return malloc(n);
	if (n > SIZE_MAX / 2 - power) {
		errno = ENOMEM;
		return NULL;
	}
	p = malloc(n + power + MIN_BLOCK);
	if (!p)
		return NULL;
	aligned = (char *)round_up((uintptr_t)p + MIN_BLOCK, power);
	b = block_of(p);
	a = block_of(aligned);
	a->size = b->size - (size_t)(aligned - p);
	b->size = (size_t)(aligned - p);
	insert_free(b);
	return realloc(aligned, n > 0 ? n : 1);	/* realloc(p, 0) frees p */
}

/* POSIX: the error is returned, not put in errno. */
int posix_memalign(void **result, size_t align, size_t n)
{
	int saved_errno = errno;
	void *p;

	if (align < sizeof(void *) || (align & (align - 1)) != 0)
		return EINVAL;
	p = memalign(align, n);
	if (!p) {
		errno = saved_errno;
		return ENOMEM;
	}
	*result = p;
	return 0;
}

void *aligned_alloc(size_t align, size_t n)
{
	return memalign(align, n);
}

/* Page-aligned memory. */
void *valloc(size_t n)
{
	return memalign(4096, n);
}
