/*
 * kmalloc.h - allocation of small kernel objects (kmalloc.c).
 */
#ifndef KERNEL_KMALLOC_H
#define KERNEL_KMALLOC_H

#include "lib/types.h"

#define NR_CLASSES 8		/* size classes; bigger objects get a page */

extern uint32_t kmalloc_objects;
extern uint32_t kmalloc_slab_pages;
extern const uint32_t kmalloc_class_size[NR_CLASSES];
extern uint32_t kmalloc_class_objects[NR_CLASSES + 1];

void *kmalloc(size_t size);		/* NULL when out of memory */
void *kzalloc(size_t size);		/* zero-filled */
void kfree(void *p);

#endif
