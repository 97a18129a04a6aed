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
 *
 * Several CPUs.  A slot is claimed by setting its bit with one atomic
 * read-modify-write (slot_claim), so two CPUs that fork at once never take
 * the same slot, and no lock is needed.  Unmapping a stack is the one
 * change to kernel mappings made while the system runs, and other CPUs
 * may still hold the old translations in their TLBs (any CPU that ran the
 * process did).  Rather than interrupt every CPU at each exit (a TLB
 * shootdown), kstack_free counts the change in kstack_gen, and each CPU
 * flushes its TLB before it next switches to a process if the count moved
 * since its last flush (kstack_tlb_check, from sched.c).  That is enough
 * because a CPU touches a kernel stack only to run its process, and a new
 * stack is made visible to other CPUs only by queueing its process, which
 * the run queue lock orders after the kstack_gen increment.  The CPU that
 * maps a new stack flushes those pages itself (fork writes to the stack).
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

static uint32_t slot_used[NR_SLOTS / 32];	/* atomic bit operations */
static uint32_t next_hint;	/* a hint: where to look first; racy, harmless */
static uint32_t kstack_gen;	/* atomic; stacks unmapped so far */

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

/* Claim a free slot: set its bit, unless another CPU set it first. */
static int slot_claim(void)
{
	uint32_t hint = __atomic_load_n(&next_hint, __ATOMIC_RELAXED);

	for (uint32_t n = 0; n < NR_SLOTS; n++) {
		uint32_t i = (hint + n) % NR_SLOTS, bit = 1u << (i % 32);
		if (!(__atomic_fetch_or(&slot_used[i / 32], bit,
					__ATOMIC_ACQ_REL) & bit)) {
			__atomic_store_n(&next_hint, i + 1, __ATOMIC_RELAXED);
			return i;
		}
	}
	return -1;
}

static void slot_release(uint32_t slot)
{
	__atomic_and_fetch(&slot_used[slot / 32], ~(1u << (slot % 32)),
			   __ATOMIC_RELEASE);
}

/* Before switching to a process: forget stacks other CPUs unmapped. */
void kstack_tlb_check(uint32_t *seen)
{
	uint32_t gen = __atomic_load_n(&kstack_gen, __ATOMIC_ACQUIRE);

	if (*seen != gen) {
		*seen = gen;
		write_cr3(read_cr3());	/* flushes every non-global entry */
	}
}

uint32_t kstack_alloc(void)
{
	int slot = slot_claim();
	uint32_t base;
	uint32_t off;
	void *page;

	if (slot < 0)
		return 0;
	base = KSTACK_AREA + slot * SLOT_SIZE + PAGE_SIZE;
	for (off = 0; off < KSTACK_SIZE; off += PAGE_SIZE) {
		/* Zeroed, though nothing reads it first: a free page may have
		 * held code QEMU had translated, and QEMU takes every write to
		 * such a page through a slow self-modifying-code path (measured:
		 * a ping-pong 25x slower).  Clearing it once is cheap. */
		page = page_alloc_zeroed();
		if (!page)
			break;
		*vm_kernel_pte(base + off) = virt_to_phys(page) | PTE_P | PTE_W;
		invlpg(base + off);	/* this CPU may remember an old stack here */
	}
	if (off < KSTACK_SIZE) {	/* out of memory: undo */
		while (off > 0) {
			off -= PAGE_SIZE;
			page_free(phys_to_virt(PTE_ADDR(*vm_kernel_pte(base + off))));
			*vm_kernel_pte(base + off) = 0;
			invlpg(base + off);
		}
		__atomic_add_fetch(&kstack_gen, 1, __ATOMIC_RELEASE);
		slot_release(slot);
		return 0;
	}
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
	__atomic_add_fetch(&kstack_gen, 1, __ATOMIC_RELEASE);	/* others: flush */
	slot_release(slot);
}
