/*
 * vm.h - address spaces: page directories and the user part of memory
 * (vm.c).
 */
#ifndef KERNEL_VM_H
#define KERNEL_VM_H

#include "lib/types.h"

typedef uint32_t pte_t;
typedef uint32_t pde_t;

#define PTE_P 0x001		/* present */
#define PTE_W 0x002		/* writable */
#define PTE_U 0x004		/* user-accessible */
#define PTE_PWT 0x008		/* write-through */
#define PTE_PCD 0x010		/* cache disabled (device registers) */
#define PTE_PS 0x080		/* 4 MiB page (in a directory entry) */
#define PTE_G 0x100		/* global: kept across CR3 reloads */
#define PTE_COW 0x200		/* software bit: read-only until written, then copied */
#define PTE_ADDR(e) ((e) & ~0xFFFu)

#define PF_PRESENT 0x1		/* page-fault error code bits */
#define PF_WRITE 0x2
#define PF_USER 0x4

/*
 * One process's address space.  The directory's upper quarter (kernel) is
 * a copy of the boot directory's; the lower part maps the program, heap
 * and stack.  Only its owner (or exec/exit on its behalf) changes it.
 */
struct mm {
	pde_t *pgdir;		/* kernel virtual address of the directory */
	uint32_t brk_start;	/* end of the loaded program: heap starts here */
	uint32_t brk;		/* current program break */
	uint32_t user_pages;	/* pages mapped in user space */
	uint32_t stack_start;	/* page of exec's initial esp; 0 while exec builds */
	bool tlb_stale;		/* changed from another CPU: flush before use */
};

extern pde_t boot_pgdir[1024];

void vm_init(void);
struct mm *vm_create(void);
void vm_destroy(struct mm *mm);
struct mm *vm_clone(struct mm *src);
void vm_activate(const struct mm *mm);
void vm_activate_kernel(void);
void vm_tlb_sync(struct mm *mm);
int vm_alloc_range(struct mm *mm, uint32_t start, uint32_t end, bool writable);
void vm_free_range(struct mm *mm, uint32_t start, uint32_t end);
void *vm_user_page(struct mm *mm, uint32_t va, bool write);
int vm_copy_to(struct mm *mm, uint32_t va, const void *src, size_t n);
int vm_copy_from(struct mm *mm, void *dst, uint32_t va, size_t n);
int vm_copy_between(struct mm *dst_mm, uint32_t dst, struct mm *src_mm,
		    uint32_t src, size_t n);
/* What vm_handle_fault made of a user page fault. */
enum vm_fault {
	VM_FAULT_FIXED,		/* mapped now: run the instruction again */
	VM_FAULT_BAD,		/* a bad address or access: SIGSEGV */
	VM_FAULT_OOM_COW,	/* no page for a copy-on-write copy */
	VM_FAULT_OOM_STACK,	/* no page to grow the stack */
};

enum vm_fault vm_handle_fault(uint32_t addr, uint32_t err);
bool vm_in_stack_region(const struct mm *mm, uint32_t va);
void vm_protect_page(struct mm *mm, uint32_t va);
pte_t *vm_kernel_pte(uint32_t va);
void *vm_map_mmio(uint32_t phys);
void *vm_map_phys(uint32_t phys, uint32_t len);

#endif
