/*
 * pmm.h - the physical page allocator (pmm.c).
 */
#ifndef KERNEL_PMM_H
#define KERNEL_PMM_H

#include "lib/types.h"

struct multiboot_info;

void pmm_init(const struct multiboot_info *mb, uint32_t reserved_end);
void *page_alloc(void);			/* kernel virtual address or NULL */
void *page_alloc_zeroed(void);
void page_free(void *page);		/* drops one reference */
void page_get(void *page);
bool page_unshare(void *page);		/* adds one (copy-on-write sharing) */
uint32_t page_refcount(const void *page);
uint32_t pmm_free_pages(void);
uint32_t pmm_total_pages(void);

#endif
