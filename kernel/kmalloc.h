/*
 * kmalloc.h - allocation of small kernel objects (kmalloc.c).
 */
#ifndef KERNEL_KMALLOC_H
#define KERNEL_KMALLOC_H

#include "types.h"

void *kmalloc(size_t size);		/* NULL when out of memory */
void *kzalloc(size_t size);		/* zero-filled */
void kfree(void *p);

#endif
