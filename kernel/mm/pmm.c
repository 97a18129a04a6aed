/*
 * pmm.c - the physical page allocator.
 *
 * Owns every 4 KiB page of RAM that is not the kernel image, the initramfs
 * or the boot loader's data.  Free pages form a singly linked list threaded
 * through the pages themselves (each free page holds the address of the
 * next), reached through the direct map, so allocation and freeing are O(1)
 * and need no memory of their own.
 *
 * Pages are handed out by kernel virtual address (phys + KERNEL_BASE).  Only
 * RAM below DIRECT_MAP_SIZE is used, since the kernel can reach nothing else.
 *
 * Pages are reference counted (page_refs, one counter per physical page)
 * because copy-on-write fork maps one page into several address spaces:
 * page_alloc hands out a page with one reference, page_get adds one, and
 * page_free drops one and frees the page when none are left.  Pages used
 * by the kernel alone simply stay at one reference.
 *
 * Invariant: free_count == length of free_list, and a page is on the free
 * list exactly when its reference count is 0.  The count is what user
 * programs see through sysinfo() to check that nothing leaks.
 * Locking: pages_lock (LOCK_PAGES) guards the free list, free_count and
 * every reference count; callers may hold any other lock (pages is near
 * the end of the order) and may be interrupt handlers.
 * Out of memory is not an error here: page_alloc returns NULL and the
 * caller undoes its work and reports ENOMEM/EAGAIN.
 */
#include "mm/pmm.h"
#include "lib/lib.h"
#include "mm/memlayout.h"
#include "arch/multiboot.h"
#include "lib/panic.h"
#include "lib/spinlock.h"
#include "arch/x86.h"

struct free_page {
	struct free_page *next;
};

static SPINLOCK(pages_lock, LOCK_PAGES);
static struct free_page *free_list;
static uint32_t free_count, total_count;
static uint16_t page_refs[DIRECT_MAP_SIZE / PAGE_SIZE];	/* by page frame */

static uint16_t *page_ref(const void *page)
{
	assert(((uint32_t)page & (PAGE_SIZE - 1)) == 0 &&
	       (uint32_t)page >= KERNEL_BASE);
	return &page_refs[virt_to_phys(page) >> PAGE_SHIFT];
}

static void free_list_push(void *page)
{
	struct free_page *fp = page;

	fp->next = free_list;
	free_list = fp;
	free_count++;
}

/* Drop one reference; the page is free when the last one goes. */
void page_free(void *page)
{
	uint16_t *ref = page_ref(page);

	spin_lock(&pages_lock);
	assert(*ref > 0);
	if (--*ref == 0)
		free_list_push(page);
	spin_unlock(&pages_lock);
}

/*
 * Drop one reference unless it is the last: true if others still hold the
 * page, false (and nothing dropped) if the caller's is the only one.  For
 * page tables shared by fork: whoever holds the last reference must also
 * drop the table's references to its pages, and two CPUs that each read
 * "2" and each dropped one would both skip that (vm.c).
 */
bool page_unshare(void *page)
{
	uint16_t *ref = page_ref(page);
	bool shared;

	spin_lock(&pages_lock);
	assert(*ref > 0);
	shared = *ref > 1;
	if (shared)
		--*ref;
	spin_unlock(&pages_lock);
	return shared;
}

void page_get(void *page)
{
	spin_lock(&pages_lock);
	++*page_ref(page);
	spin_unlock(&pages_lock);
}

/* Lock-free read: exact only if the caller's own references keep it so
 * (vm.c asks "am I the only one?" holding one of them). */
uint32_t page_refcount(const void *page)
{
	return *page_ref(page);
}

void *page_alloc(void)
{
	struct free_page *fp;

	spin_lock(&pages_lock);
	fp = free_list;
	if (fp) {
		free_list = fp->next;
		free_count--;
		*page_ref(fp) = 1;
	}
	spin_unlock(&pages_lock);
	return fp;
}

/* Every page given to user space comes from here: no stale data leaks. */
void *page_alloc_zeroed(void)
{
	void *p = page_alloc();

	if (p)
		memset(p, 0, PAGE_SIZE);
	return p;
}

static void pmm_add_range(uint64_t start, uint64_t end, uint32_t reserved_end)
{
	if (end > DIRECT_MAP_SIZE)
		end = DIRECT_MAP_SIZE;
	if (start < reserved_end)
		start = reserved_end;
	start = round_up((uint32_t)start, PAGE_SIZE);
	for (uint64_t pa = start; pa + PAGE_SIZE <= end; pa += PAGE_SIZE) {
		free_list_push(phys_to_virt((uint32_t)pa));
		total_count++;
	}
}

/*
 * Hand every usable page above `reserved_end` (the end of the kernel image
 * and boot modules) to the free list.  The first page freed is the last
 * allocated, so allocation starts from the highest addresses.
 */
void pmm_init(const struct multiboot_info *mb, uint32_t reserved_end)
{
	uint32_t off = 0;

	if (!(mb->flags & MB_INFO_MMAP)) {
		pmm_add_range(0x100000, 0x100000 + mb->mem_upper * 1024ull,
			      reserved_end);
		return;
	}
	while (off < mb->mmap_length) {
		const struct multiboot_mmap *e = phys_to_virt(mb->mmap_addr + off);
		if (e->type == 1)
			pmm_add_range(e->addr, e->addr + e->len, reserved_end);
		off += e->size + sizeof(e->size);
	}
}

uint32_t pmm_free_pages(void)
{
	return free_count;
}

uint32_t pmm_total_pages(void)
{
	return total_count;
}
