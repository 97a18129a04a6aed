/*
 * memlayout.h - where everything lives in the 4 GiB virtual address space.
 *
 *   0x00000000  page 0: never mapped, so NULL dereferences fault
 *   0x08048000  user program (ELF, linked at the Linux default address)
 *      ...      user heap (brk), grows up
 *      ...      user stack, grows down from USER_TOP (demand-allocated)
 *   0xC0000000  KERNEL_BASE: all physical memory mapped 1:1 (phys + BASE),
 *               up to DIRECT_MAP_SIZE; the kernel image sits at 1 MiB
 *   0xF0000000  KSTACK_AREA: kernel stacks, each above an unmapped guard page
 *   0xFFC00000  MMIO_AREA: device registers, uncached (vm_map_mmio); its
 *               first page is the local APIC (lapic.c)
 *
 * The upper quarter (0xC0000000 and up) is the same in every process: each
 * page directory copies the kernel's directory entries, and those entries
 * never change after boot (the direct map uses 4 MiB pages, and the kernel
 * stack area and the MMIO window have their page tables installed at boot,
 * before the first process exists).
 */
#ifndef KERNEL_MEMLAYOUT_H
#define KERNEL_MEMLAYOUT_H

#define KERNEL_BASE 0xC0000000u
#define USER_TOP KERNEL_BASE
#define USER_STACK_MAX (8u * 1024 * 1024)	/* stack may grow this far */
#define USER_LOW 0x00001000u			/* lowest user address */

#define DIRECT_MAP_SIZE 0x30000000u		/* 768 MiB of physical memory */
#define KSTACK_AREA 0xF0000000u
#define KSTACK_AREA_SIZE 0x04000000u		/* 64 MiB of stack slots */
#define MMIO_AREA 0xFFC00000u			/* the last 4 MiB: device registers */
#define MMIO_AREA_SIZE 0x00400000u

#ifndef __ASSEMBLER__
#include "lib/types.h"

static inline void *phys_to_virt(uint32_t pa)
{
	return (void *)(pa + KERNEL_BASE);
}

static inline uint32_t virt_to_phys(const void *va)
{
	return (uint32_t)va - KERNEL_BASE;
}
#endif

#endif
