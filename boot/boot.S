/*
 * boot.S - the first instructions the kernel runs.
 *
 * QEMU's -kernel option (or GRUB) loads us as a Multiboot v1 image: it reads
 * the header below, loads the ELF at its physical load addresses (1 MiB up),
 * and jumps to `_start` in 32-bit protected mode with paging off,
 * EAX = 0x2BADB002 and EBX = physical address of the multiboot_info block.
 *
 * The kernel is linked at 0xC0100000 (the higher half) but runs at 1 MiB
 * until paging is on, so before paging every symbol address must have
 * KERNEL_BASE subtracted.  We build a page directory of 4 MiB pages (PSE)
 * that maps
 *   - virtual 0..4 MiB     -> physical 0..4 MiB (so the next instruction,
 *                             still at a low address, keeps working), and
 *   - virtual 0xC0000000+  -> physical 0+      (the direct map, 768 MiB),
 * turn paging on, jump to the higher half, drop the identity mapping, and
 * call kmain(magic, info).  The pages are global (PGE), so switching
 * address spaces never flushes the kernel's TLB entries.
 */
#include "mm/memlayout.h"

#define MB_MAGIC 0x1BADB002
#define MB_FLAGS 0x00000003	/* align modules on pages, give a memory map */
#define PDE_4M_KERNEL 0x183	/* present | writable | 4 MiB page | global */
#define CR4_PSE 0x10
#define CR4_PGE 0x80
#define CR0_PG 0x80000000
#define CR0_WP 0x00010000	/* the kernel honours read-only pages too */
#define BOOT_STACK_SIZE 16384

	.section .multiboot, "a"
	.align 4
	.long MB_MAGIC
	.long MB_FLAGS
	.long -(MB_MAGIC + MB_FLAGS)

	.section .bss
	.align 4096
	.globl boot_pgdir
boot_pgdir:
	.space 4096
	.globl boot_stack_bottom
boot_stack_bottom:
	.space BOOT_STACK_SIZE
	.globl boot_stack_top
boot_stack_top:

	/*
	 * Loaders jump to the ELF entry point with paging off, so the entry
	 * point must be the physical address of _start.
	 */
	.globl _start_phys
	.set _start_phys, _start - KERNEL_BASE

	.section .text.boot, "ax"
	.globl _start
_start:
	cli
	movl %eax, %esi			/* keep the multiboot magic and info */
	movl %ebx, %edi

	/* Fill the direct map: PDE[768 + i] = (i << 22) | flags. */
	movl $(boot_pgdir - KERNEL_BASE), %edx
	xorl %ecx, %ecx
1:	movl %ecx, %eax
	shll $22, %eax
	orl $PDE_4M_KERNEL, %eax
	movl %eax, (768 * 4)(%edx, %ecx, 4)
	incl %ecx
	cmpl $(DIRECT_MAP_SIZE >> 22), %ecx
	jb 1b
	/* Temporary identity map of the first 4 MiB (not global). */
	movl $0x83, (%edx)

	movl %cr4, %eax
	orl $(CR4_PSE | CR4_PGE), %eax
	movl %eax, %cr4
	movl %edx, %cr3
	movl %cr0, %eax
	orl $(CR0_PG | CR0_WP), %eax
	movl %eax, %cr0

	leal higher_half, %eax
	jmp *%eax

	.text
higher_half:
	movl $0, boot_pgdir		/* identity map no longer needed */
	movl %cr3, %eax
	movl %eax, %cr3			/* flush its TLB entry */
	movl $boot_stack_top, %esp
	xorl %ebp, %ebp			/* backtraces stop here */
	pushl %edi			/* multiboot info (physical) */
	pushl %esi			/* multiboot magic */
	call kmain
2:	cli
	hlt
	jmp 2b

	.section .note.GNU-stack, "", @progbits
