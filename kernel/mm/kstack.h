/*
 * kstack.h - kernel stacks with guard pages (kstack.c).
 */
#ifndef KERNEL_KSTACK_H
#define KERNEL_KSTACK_H

#include "lib/types.h"

#define KSTACK_SIZE 4096u	/* one page per process, like Linux's 4K stacks */

void kstack_init(void);
uint32_t kstack_alloc(void);	/* base (lowest) address, or 0 */
void kstack_free(uint32_t base);
void kstack_tlb_check(uint32_t *seen);	/* sched.c, before a switch */

#endif
