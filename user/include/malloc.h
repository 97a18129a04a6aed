/*
 * malloc.h - the allocator, with glibc's extra memalign() (the others are
 * in <stdlib.h>, which this includes).
 */
#ifndef _MALLOC_H
#define _MALLOC_H

#include <stdlib.h>

/* size bytes aligned to align, a power of two; free() releases it. */
void *memalign(size_t align, size_t size);

#endif
