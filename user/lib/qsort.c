/*
 * qsort.c - sorting (qsort) and binary search (bsearch).
 *
 * qsort is a heapsort: always O(n log n), no recursion, no extra
 * memory.  The array is first arranged as a max-heap (every element no
 * smaller than its children 2i+1 and 2i+2); then the largest element is
 * repeatedly swapped to the end and the heap repaired.  Not stable, which
 * qsort need not be.
 */
#include <stdlib.h>

typedef int (*compare_fn)(const void *, const void *);

static void swap_elements(char *a, char *b, size_t size)
{
	while (size-- > 0) {
		char t = *a;
		*a++ = *b;
		*b++ = t;
	}
}

/* Move element root down until it is no smaller than its children. */
static void sift_down(char *base, size_t root, size_t count, size_t size,
		      compare_fn compare)
{
	for (;;) {
		size_t child = 2 * root + 1;

		if (child >= count)
			return;
		if (child + 1 < count &&
		    compare(base + child * size, base + (child + 1) * size) < 0)
			child++;
		if (compare(base + root * size, base + child * size) >= 0)
			return;
		swap_elements(base + root * size, base + child * size, size);
		root = child;
	}
}

void qsort(void *array, size_t count, size_t size, compare_fn compare)
{
	char *base = array;

	if (count < 2 || size == 0)
		return;
	for (size_t i = count / 2; i-- > 0;)
		sift_down(base, i, count, size, compare);
	for (size_t end = count - 1; end > 0; end--) {
		swap_elements(base, base + end * size, size);
		sift_down(base, 0, end, size, compare);
	}
}

void *bsearch(const void *key, const void *array, size_t count, size_t size,
	      compare_fn compare)
{
	const char *base = array;
	size_t low = 0, high = count;	/* search [low, high) */

	while (low < high) {
		size_t mid = low + (high - low) / 2;
		int c = compare(key, base + mid * size);

		if (c == 0)
			return (void *)(base + mid * size);
		if (c < 0)
			high = mid;
		else
			low = mid + 1;
	}
	return NULL;
}
