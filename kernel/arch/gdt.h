/*
 * gdt.h - segments and the task state segment (gdt.c).
 */
#ifndef KERNEL_GDT_H
#define KERNEL_GDT_H

#define SEG_KCODE 0x08
#define SEG_KDATA 0x10
#define SEG_UCODE (0x18 | 3)	/* ring 3: requested privilege level 3 */
#define SEG_UDATA (0x20 | 3)
#define SEG_TSS 0x28
#define SEG_DFTSS 0x30		/* the double-fault task, see trap.c */

#ifndef __ASSEMBLER__
#include "lib/types.h"

void gdt_init(void);
void tss_set_kernel_stack(uint32_t esp0);
void gdt_set_double_fault_task(uint32_t eip, uint32_t esp, uint32_t cr3);
#endif

#endif
