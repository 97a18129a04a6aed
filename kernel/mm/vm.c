/*
 * vm.c - address spaces: page directories, user mappings, growing the user
 * stack on demand, and copying between the kernel and a user address space.
 *
 * Each process has its own page directory (struct mm).  Entries 768..1023
 * map the kernel and are copied from boot_pgdir when the directory is made;
 * they never change afterwards (see memlayout.h), so all address spaces
 * share the kernel.  (Device registers, such as the local APIC's, are
 * mapped into the MMIO window's page table, whose directory entry vm_init
 * sets at boot: vm_map_mmio.)  Entries below 768 point to the user page tables,
 * which after a fork may be shared copy-on-write with other address
 * spaces (below); vm_destroy drops this space's references to them and
 * to its pages, freeing whatever nobody else uses.
 *
 * fork copies neither user memory nor page tables (copy-on-write, in two
 * levels).  vm_clone marks every writable page read-only and PTE_COW, then
 * lets the child's directory point at the parent's page tables, taking a
 * reference on each table (pmm.c) and clearing the directory entries'
 * writable bit in both, so that any write faults.
 *   - A write into a region whose page table is shared first gives this
 *     address space a private copy of the table (vm_pt_private), which
 *     takes a reference on every page the table maps.
 *   - A write to a PTE_COW page then gives the writer a private copy of
 *     the page (vm_cow_break), or, if it is the page's last user, just
 *     makes it writable again.
 * The kernel writing on the program's behalf (vm_user_page) does the same.
 * Invariants: a page table's reference count is the number of directories
 * pointing at it, and such a shared table's directory entries are never
 * writable; a page's count is the number of page tables mapping it.
 * Every change to a page-table entry goes through vm_pte_update, which
 * makes the table private first.
 *
 * The user stack is not mapped up front.  The top USER_STACK_MAX bytes of
 * user space are where it may be; a fault there maps a fresh zeroed page,
 * one below is SIGSEGV.  Once exec has built the initial stack (arguments,
 * environment, auxv: they are exempt, as Linux exempts ARG_MAX bytes of
 * them), the stack may grow only RLIMIT_STACK bytes below it (rlimit.c),
 * the soft limit of the process running now: Linux too checks the current
 * process's limit, even when it touches another's address space.
 * The heap is mapped eagerly by brk, so running out of memory shows up as
 * ENOMEM from brk rather than a fault later.  Growing the stack and
 * breaking copy-on-write still need a page at fault time; when there is
 * none, vm_handle_fault says so (VM_FAULT_OOM_*), and trap.c kills the
 * process with SIGKILL and says why on the console, as Linux's
 * out-of-memory killer does: the program did nothing wrong, so SIGSEGV
 * would mislead.  The kernel writing to user memory (vm_user_page) only
 * gets EFAULT in that case, as on Linux.
 *
 * vm_copy_to, vm_copy_from and vm_copy_between (one loop: vm_copy) are
 * the only code that moves bytes between the kernel and user memory.
 * They do not touch user addresses directly: they look each page up in
 * the page tables (vm_user_page), check that it is a user page with the
 * needed permission, and copy through the direct map.
 * A bad pointer therefore gives EFAULT and never a kernel page fault, and
 * it works for an address space that is not the current one (exec).
 */
#include "mm/vm.h"
#include "lib/errno.h"
#include "arch/fpu.h"
#include "mm/kmalloc.h"
#include "lib/lib.h"
#include "mm/memlayout.h"
#include "lib/panic.h"
#include "mm/pmm.h"
#include "proc/proc.h"
#include "proc/rlimit.h"
#include "arch/x86.h"

#define KERNEL_PDE_FIRST (KERNEL_BASE >> 22)	/* 768 */

/* The MMIO window's page table; its directory entry is set in vm_init. */
static pte_t mmio_pt[1024] __attribute__((aligned(PAGE_SIZE)));
static uint32_t mmio_pages;	/* pages of the window in use */

/* boot.S made the direct map, kstack.c the stack area; the MMIO window here. */
void vm_init(void)
{
	boot_pgdir[MMIO_AREA >> 22] = virt_to_phys(mmio_pt) | PTE_P | PTE_W;
}

/*
 * Map the page of device registers at physical address `phys` into the
 * MMIO window, uncached, and return its kernel virtual address.  Only the
 * page table changes, never a directory entry, so every address space,
 * existing or not, sees the mapping.  For drivers at boot (lapic.c).
 */
void *vm_map_mmio(uint32_t phys)
{
	uint32_t va = MMIO_AREA + mmio_pages * PAGE_SIZE;

	if (mmio_pages >= MMIO_AREA_SIZE / PAGE_SIZE)
		panic("vm_map_mmio: the MMIO window is full");
	mmio_pt[(va >> PAGE_SHIFT) & 0x3FF] = (phys & ~0xFFFu) | PTE_P | PTE_W |
					       PTE_PCD | PTE_PWT;
	invlpg(va);
	mmio_pages++;
	return (void *)(va + (phys & 0xFFF));
}

/*
 * Physical memory the direct map may not reach, such as firmware tables
 * above DIRECT_MAP_SIZE (acpi.c): `len` bytes from `phys`, readable
 * through the returned pointer.  Below DIRECT_MAP_SIZE that is the direct
 * map; above, consecutive pages of the MMIO window (uncached, which is
 * slow but right for a few reads at boot).  Never unmapped: boot only.
 */
void *vm_map_phys(uint32_t phys, uint32_t len)
{
	uint32_t first = round_down(phys, PAGE_SIZE);
	uint32_t last = round_down(phys + len - 1, PAGE_SIZE);
	char *va;

	if (len == 0 || phys + len - 1 < phys)
		return NULL;
	if (phys + len <= DIRECT_MAP_SIZE)
		return phys_to_virt(phys);
	va = vm_map_mmio(first);
	for (uint32_t pa = first + PAGE_SIZE; pa <= last && pa != 0; pa += PAGE_SIZE)
		vm_map_mmio(pa);	/* the window hands out pages in order */
	return va + (phys - first);
}

pte_t *vm_kernel_pte(uint32_t va)
{
	pte_t *pt = phys_to_virt(PTE_ADDR(boot_pgdir[va >> 22]));

	return &pt[(va >> 12) & 0x3FF];
}

/* The entry for a user address, for reading only; NULL if no table. */
static pte_t *vm_pte_lookup(const struct mm *mm, uint32_t va)
{
	pde_t pde = mm->pgdir[va >> 22];

	if (!(pde & PTE_P))
		return NULL;
	return (pte_t *)phys_to_virt(PTE_ADDR(pde)) + ((va >> 12) & 0x3FF);
}

static bool mm_is_current(const struct mm *mm)
{
	return mm->pgdir == phys_to_virt(read_cr3() & ~0xFFFu);
}

/* Drop a page table's references to its pages, and the table itself. */
static void pt_release(pte_t *pt)
{
	for (int j = 0; j < 1024; j++)
		if (pt[j] & PTE_P)
			page_free(phys_to_virt(PTE_ADDR(pt[j])));
	page_free(pt);
}

/* Make the page table behind directory entry i this space's own. */
static int vm_pt_private(struct mm *mm, uint32_t i)
{
	pte_t *old = phys_to_virt(PTE_ADDR(mm->pgdir[i])), *copy;

	/* Lock-free read: a count of 1 is ours alone and stays so (only a
	 * fork of this space adds references); above 1 it may drop meanwhile,
	 * which page_unshare below finds out. */
	if (page_refcount(old) > 1) {
		if (!(copy = page_alloc()))
			return -ENOMEM;
		memcpy(copy, old, PAGE_SIZE);
		for (int j = 0; j < 1024; j++)
			if (copy[j] & PTE_P)
				page_get(phys_to_virt(PTE_ADDR(copy[j])));
		if (!page_unshare(old))		/* the others keep the original, */
			pt_release(old);	/* unless they let go meanwhile */
		mm->pgdir[i] = virt_to_phys(copy) | PTE_P | PTE_U;
	}
	mm->pgdir[i] |= PTE_W;
	if (mm_is_current(mm))
		write_cr3(read_cr3());	/* a directory entry changed */
	return 0;
}

/*
 * The entry for a user address, about to be changed: its page table is
 * made if missing and made private if shared.  NULL if out of memory.
 */
static pte_t *vm_pte_update(struct mm *mm, uint32_t va)
{
	pde_t *pde = &mm->pgdir[va >> 22];
	pte_t *pt;

	if (!mm_is_current(mm))
		mm->tlb_stale = true;	/* its owner may cache the old entry */
	if (!(*pde & PTE_P)) {
		if (!(pt = page_alloc_zeroed()))
			return NULL;
		*pde = virt_to_phys(pt) | PTE_P | PTE_W | PTE_U;
	} else if (!(*pde & PTE_W) && vm_pt_private(mm, va >> 22)) {
		return NULL;
	}
	return vm_pte_lookup(mm, va);
}

struct mm *vm_create(void)
{
	struct mm *mm = kzalloc(sizeof(*mm));

	if (!mm)
		return NULL;
	mm->pgdir = page_alloc_zeroed();
	if (!mm->pgdir) {
		kfree(mm);
		return NULL;
	}
	memcpy(&mm->pgdir[KERNEL_PDE_FIRST], &boot_pgdir[KERNEL_PDE_FIRST],
	       (1024 - KERNEL_PDE_FIRST) * sizeof(pde_t));
	return mm;
}

/*
 * The one case where another CPU changes an address space that stays live:
 * a pipe writer copying into a sleeping reader's buffer (vm_copy_between)
 * may break copy-on-write in the reader's tables.  A reader woken before
 * it switched out never reloads CR3, so it flushes here (pipe.c).  Its
 * flag was set under the pipe lock, which the reader holds again now.
 */
void vm_tlb_sync(struct mm *mm)
{
	if (mm->tlb_stale) {
		mm->tlb_stale = false;
		write_cr3(read_cr3());
	}
}

void vm_activate(const struct mm *mm)
{
	write_cr3(virt_to_phys(mm->pgdir));
}

void vm_activate_kernel(void)
{
	write_cr3(virt_to_phys(boot_pgdir));
}

/* Map one zeroed page at va, or widen an existing page's permission. */
static int vm_map_zero_page(struct mm *mm, uint32_t va, bool writable)
{
	pte_t *pte = vm_pte_update(mm, va);
	void *page;

	if (!pte)
		return -ENOMEM;
	if (*pte & PTE_P) {
		if (writable && !(*pte & PTE_COW))	/* COW pages stay shared */
			*pte |= PTE_W;
		return 0;
	}
	page = page_alloc_zeroed();
	if (!page)
		return -ENOMEM;
	*pte = virt_to_phys(page) | PTE_P | PTE_U | (writable ? PTE_W : 0);
	mm->user_pages++;
	return 0;
}

/* Map zeroed pages over [start, end); on failure the caller destroys mm. */
int vm_alloc_range(struct mm *mm, uint32_t start, uint32_t end, bool writable)
{
	for (uint32_t va = round_down(start, PAGE_SIZE); va < end; va += PAGE_SIZE) {
		int err = vm_map_zero_page(mm, va, writable);
		if (err)
			return err;
	}
	return 0;
}

void vm_free_range(struct mm *mm, uint32_t start, uint32_t end)
{
	for (uint32_t va = round_up(start, PAGE_SIZE); va < end; va += PAGE_SIZE) {
		pte_t *pte = vm_pte_lookup(mm, va);
		if (!pte || !(*pte & PTE_P) || !(pte = vm_pte_update(mm, va)))
			continue;
		page_free(phys_to_virt(PTE_ADDR(*pte)));
		*pte = 0;
		mm->user_pages--;
		if (mm_is_current(mm))
			invlpg(va);
	}
}

/* Free every user page, every page table, the directory and the mm. */
void vm_destroy(struct mm *mm)
{
	for (uint32_t i = 0; i < KERNEL_PDE_FIRST; i++) {
		pte_t *pt;
		if (!(mm->pgdir[i] & PTE_P))
			continue;
		pt = phys_to_virt(PTE_ADDR(mm->pgdir[i]));
		if (!page_unshare(pt))	/* ours alone: so are its pages' shares */
			pt_release(pt);
	}
	page_free(mm->pgdir);
	kfree(mm);
}

/* fork: make a page table's writable pages copy-on-write, in place. */
static void vm_pt_mark_cow(pte_t *pt)
{
	for (int j = 0; j < 1024; j++)
		if ((pt[j] & (PTE_P | PTE_W)) == (PTE_P | PTE_W))
			pt[j] = (pt[j] & ~PTE_W) | PTE_COW;
}

/*
 * The first write to a copy-on-write page: give this address space a
 * private copy (or, if nobody else maps the page any more, keep it).
 */
static int vm_cow_break(struct mm *mm, uint32_t va, pte_t *pte)
{
	void *old = phys_to_virt(PTE_ADDR(*pte)), *copy;

	if (page_refcount(old) == 1) {
		*pte = (*pte | PTE_W) & ~PTE_COW;
	} else {
		if (!(copy = page_alloc()))
			return -ENOMEM;
		memcpy(copy, old, PAGE_SIZE);
		*pte = virt_to_phys(copy) | (*pte & 0xFFF & ~PTE_COW) | PTE_W;
		page_free(old);		/* drop our share of the original */
	}
	if (mm_is_current(mm))
		invlpg(va);
	return 0;
}

/*
 * The child's address space for fork: the same page tables as src, shared
 * copy-on-write (see the top of this file); NULL if out of memory.
 */
struct mm *vm_clone(struct mm *src)
{
	struct mm *dst = vm_create();

	if (!dst)
		return NULL;
	dst->brk_start = src->brk_start;
	dst->brk = src->brk;
	dst->user_pages = src->user_pages;
	dst->stack_start = src->stack_start;
	for (uint32_t i = 0; i < KERNEL_PDE_FIRST; i++) {
		pte_t *pt;
		if (!(src->pgdir[i] & PTE_P))
			continue;
		pt = phys_to_virt(PTE_ADDR(src->pgdir[i]));
		vm_pt_mark_cow(pt);
		page_get(pt);
		src->pgdir[i] &= ~PTE_W;	/* any write now faults */
		dst->pgdir[i] = src->pgdir[i];
	}
	write_cr3(read_cr3());	/* the parent's pages just became read-only */
	return dst;
}

/* Make a present user page read-only (program text, after loading it). */
void vm_protect_page(struct mm *mm, uint32_t va)
{
	pte_t *pte = vm_pte_update(mm, va);

	if (pte && (*pte & PTE_P))
		*pte &= ~PTE_W;
}

bool vm_in_stack_region(const struct mm *mm, uint32_t va)
{
	uint32_t bottom = USER_TOP - USER_STACK_MAX;

	if (mm->stack_start && mm->stack_start - rlimit_stack_bytes() > bottom)
		bottom = mm->stack_start - rlimit_stack_bytes();
	return va >= bottom && va < USER_TOP;
}

static int vm_write_fault(struct mm *mm, uint32_t va);

/*
 * The kernel address of user address va in mm, if a user program could
 * access it (with write permission when `write`); grows the stack if va is
 * in the stack region.  NULL means EFAULT.
 */
void *vm_user_page(struct mm *mm, uint32_t va, bool write)
{
	pte_t *pte;

	if (va < USER_LOW || va >= USER_TOP)
		return NULL;
	pte = vm_pte_lookup(mm, va);
	if ((!pte || !(*pte & PTE_P)) && vm_in_stack_region(mm, va)) {
		if (vm_map_zero_page(mm, round_down(va, PAGE_SIZE), true))
			return NULL;
		pte = vm_pte_lookup(mm, va);
	}
	if (!pte || !(*pte & PTE_P) || !(*pte & PTE_U))
		return NULL;
	if (write && (*pte & PTE_COW)) {
		if (vm_write_fault(mm, va))
			return NULL;
		pte = vm_pte_lookup(mm, va);	/* its table may be a new copy */
	}
	if (write && !(*pte & PTE_W))
		return NULL;
	return (char *)phys_to_virt(PTE_ADDR(*pte)) + (va & (PAGE_SIZE - 1));
}

/*
 * One side of a copy: a user address in mm, or a kernel address when mm
 * is NULL.  Gives its kernel address (NULL: EFAULT) and, in *room, how
 * many bytes can be copied there before a page boundary.
 */
static void *vm_copy_side(struct mm *mm, uint32_t va, bool write, size_t *room)
{
	if (!mm) {
		*room = (size_t)-1;	/* the kernel's memory is contiguous */
		return (void *)va;
	}
	*room = PAGE_SIZE - (va & (PAGE_SIZE - 1));
	return vm_user_page(mm, va, write);
}

/*
 * The one loop under every copy between kernel and user memory, page
 * piece by page piece.  Bytes before a bad page have been copied when it
 * returns -EFAULT.  Big copies go through the SSE bulk copy (fpu.c).
 */
static int vm_copy(struct mm *dst_mm, uint32_t dst, struct mm *src_mm,
		   uint32_t src, size_t n)
{
	/* Turning SSE on and off costs more than it saves on small copies
	 * (the single bytes of a round trip): they stay with memcpy. */
	bool bulk = n >= FPU_BULK_MIN && fpu_bulk_begin();
	int err = 0;

	while (n > 0) {
		size_t src_room, dst_room, chunk;
		const void *from = vm_copy_side(src_mm, src, false, &src_room);
		void *to = vm_copy_side(dst_mm, dst, true, &dst_room);

		if (!from || !to) {
			err = -EFAULT;
			break;
		}
		chunk = min_u32(n, min_u32(src_room, dst_room));
		if (bulk)
			fpu_bulk_copy(to, from, chunk);
		else
			memcpy(to, from, chunk);
		src += chunk, dst += chunk, n -= chunk;
	}
	if (bulk)
		fpu_bulk_end();
	return err;
}

int vm_copy_to(struct mm *mm, uint32_t va, const void *src, size_t n)
{
	return vm_copy(mm, va, NULL, (uint32_t)src, n);
}

int vm_copy_from(struct mm *mm, void *dst, uint32_t va, size_t n)
{
	return vm_copy(NULL, (uint32_t)dst, mm, va, n);
}

/* From one address space's user memory to another's (the pipe fast path). */
int vm_copy_between(struct mm *dst_mm, uint32_t dst, struct mm *src_mm,
		    uint32_t src, size_t n)
{
	return vm_copy(dst_mm, dst, src_mm, src, n);
}

/*
 * A write to a present page that was not allowed: fix it if the page is
 * copy-on-write (or only its page table was shared).  0, or -EFAULT for a
 * real protection violation, or -ENOMEM.
 */
static int vm_write_fault(struct mm *mm, uint32_t va)
{
	pte_t *pte = vm_pte_update(mm, round_down(va, PAGE_SIZE));

	if (!pte)
		return -ENOMEM;
	if (*pte & PTE_COW)
		return vm_cow_break(mm, round_down(va, PAGE_SIZE), pte);
	return (*pte & PTE_W) ? 0 : -EFAULT;
}

/*
 * A user page fault: fixed (a copy-on-write page or table was written, or
 * the stack grew), a bad access (SIGSEGV), or a fix that needed a page
 * when there was none (trap.c kills the process: see the top).
 */
enum vm_fault vm_handle_fault(uint32_t addr, uint32_t err)
{
	struct mm *mm = current->mm;
	int r;

	if (addr >= USER_TOP)
		return VM_FAULT_BAD;
	if (err & PF_PRESENT) {
		if (!(err & PF_WRITE))
			return VM_FAULT_BAD;
		r = vm_write_fault(mm, addr);
		return r == 0 ? VM_FAULT_FIXED :
		       r == -ENOMEM ? VM_FAULT_OOM_COW : VM_FAULT_BAD;
	}
	if (!vm_in_stack_region(mm, addr))
		return VM_FAULT_BAD;
	return vm_map_zero_page(mm, round_down(addr, PAGE_SIZE), true) == 0 ?
	       VM_FAULT_FIXED : VM_FAULT_OOM_STACK;
}
