/*
 * kstack.c - kernel stacks, each with an unmapped guard page below it.
 *
 * Every process has its own kernel stack: the CPU switches to it on a trap
 * from user mode, and the process's kernel half runs on it.  A stack that
 * overflows must not silently overwrite whatever memory lies below, so
 * stacks do not come from the direct map: they live in KSTACK_AREA, in
 * slots of two pages, [guard][stack], where the guard page is never
 * mapped.  Running off the bottom of a stack faults on the guard page; the
 * CPU then cannot push the fault's frame either and raises a double fault,
 * which trap.c handles on a separate stack and reports.
 *
 * The area's page tables are made at boot and installed in the boot page
 * directory, whose kernel entries every address space copies, so mapping a
 * stack here makes it visible in every address space at once.
 * Invariant: slot i is in use exactly when bit i of slot_used is set.
 */
#include "mm/kstack.h"
#include "lib/lib.h"
#include "mm/memlayout.h"
#include "lib/panic.h"
#include "mm/pmm.h"
#include "mm/vm.h"
#include "arch/x86.h"

#define SLOT_SIZE (KSTACK_SIZE + PAGE_SIZE)
#define NR_SLOTS (KSTACK_AREA_SIZE / SLOT_SIZE)

static uint32_t slot_used[NR_SLOTS / 32];
static uint32_t next_hint;	/* where to start looking for a free slot */

void kstack_init(void)
{
	for (uint32_t va = KSTACK_AREA; va < KSTACK_AREA + KSTACK_AREA_SIZE;
	     va += 0x400000) {
		pte_t *pt = page_alloc_zeroed();
		if (!pt)
			panic("no memory for kernel stack page tables");
		boot_pgdir[va >> 22] = virt_to_phys(pt) | PTE_P | PTE_W;
	}
}

static int slot_find_free(void)
{
	for (uint32_t n = 0; n < NR_SLOTS; n++) {
		uint32_t i = (next_hint + n) % NR_SLOTS;
		if (!(slot_used[i / 32] & (1u << (i % 32))))
			return i;
	}
	return -1;
}

uint32_t kstack_alloc(void)
{
	int slot = slot_find_free();
	uint32_t base;
	uint32_t off;
	void *page;

	if (slot < 0)
		return 0;
	base = KSTACK_AREA + slot * SLOT_SIZE + PAGE_SIZE;
	for (off = 0; off < KSTACK_SIZE; off += PAGE_SIZE) {
		page = page_alloc();
		if (!page)
			break;
		*vm_kernel_pte(base + off) = virt_to_phys(page) | PTE_P | PTE_W;
	}
	if (off < KSTACK_SIZE) {	/* out of memory: undo */
		while (off > 0) {
			off -= PAGE_SIZE;
			page_free(phys_to_virt(PTE_ADDR(*vm_kernel_pte(base + off))));
			*vm_kernel_pte(base + off) = 0;
			invlpg(base + off);
		}
		return 0;
	}
	slot_used[slot / 32] |= 1u << (slot % 32);
	next_hint = slot + 1;
	return base;
}

void kstack_free(uint32_t base)
{
	uint32_t slot = (base - PAGE_SIZE - KSTACK_AREA) / SLOT_SIZE;

	assert(slot_used[slot / 32] & (1u << (slot % 32)));

	for (uint32_t off = 0; off < KSTACK_SIZE; off += PAGE_SIZE) {
		pte_t *pte = vm_kernel_pte(base + off);
		page_free(phys_to_virt(PTE_ADDR(*pte)));
		*pte = 0;
		invlpg(base + off);
	}
	slot_used[slot / 32] &= ~(1u << (slot % 32));
}
