/*
 * kmalloc.h - allocation of small kernel objects (kmalloc.c).
 */
#ifndef KERNEL_KMALLOC_H
#define KERNEL_KMALLOC_H

#include "types.h"

extern uint32_t kmalloc_objects;

void *kmalloc(size_t size);		/* NULL when out of memory */
void *kzalloc(size_t size);		/* zero-filled */
void kfree(void *p);

#endif
