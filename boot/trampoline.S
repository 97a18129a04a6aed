/*
 * trampoline.S - where the other CPUs (APs) start: real mode to
 * protected mode to paging to the kernel's C code (smp.c).
 *
 * A CPU woken by a STARTUP IPI begins like a PC at power-on: 16-bit real
 * mode, no paging, CS:IP = (page >> 4):0, where `page` is what the IPI
 * named.  The kernel's code is linked at 0xC01xxxxx and cannot run there,
 * so smp.c copies these bytes to TRAMPOLINE_PHYS (a page below 1 MiB,
 * smp.h) and they take the CPU the rest of the way:
 *
 *   real mode, CS = TRAMPOLINE_PHYS >> 4
 *     | lgdt a flat GDT (below), set CR0.PE, far jump
 *     v
 *   32-bit protected mode, flat segments, still at TRAMPOLINE_PHYS
 *     | CR4.PSE|PGE, CR3 = tramp_cr3 (a directory smp.c built: the
 *     | kernel's mappings plus an identity map of the first 4 MiB, so
 *     | the instruction after the one that turns paging on still runs),
 *     | CR0.PG|WP
 *     v
 *   paging on: esp = tramp_stack, jump to tramp_entry(tramp_cpu)
 *   (smp_ap_main in smp.c, in the higher half)
 *
 * The code runs at a different address from the one it is linked at (it
 * sits in the kernel's .rodata), so every absolute address is computed
 * with TADDR(): TRAMPOLINE_PHYS plus the distance from trampoline_start.
 * The arguments at the end are filled in by smp.c in the copy before
 * each STARTUP IPI; only one CPU runs the trampoline at a time.
 */
#include "arch/smp.h"

#define TADDR(x) (TRAMPOLINE_PHYS + ((x) - trampoline_start))
#define CR0_PE 0x1
#define CR0_WP 0x00010000
#define CR0_PG 0x80000000
#define CR4_PSE 0x10
#define CR4_PGE 0x80
#define TRAMP_CODE 0x08		/* selectors in tramp_gdt */
#define TRAMP_DATA 0x10

	.section .rodata.trampoline, "a"
	.code16
	.globl trampoline_start
trampoline_start:
	cli
	cld
	movw %cs, %ax			/* CS = TRAMPOLINE_PHYS >> 4 */
	movw %ax, %ds
	lgdtl tramp_gdt_ptr - trampoline_start	/* DS-relative */
	movl %cr0, %eax
	orl $CR0_PE, %eax
	movl %eax, %cr0
	ljmpl $TRAMP_CODE, $TADDR(tramp_32)

	.code32
tramp_32:
	movw $TRAMP_DATA, %ax
	movw %ax, %ds
	movw %ax, %es
	movw %ax, %ss
	movw %ax, %fs
	movw %ax, %gs
	movl %cr4, %eax
	orl $(CR4_PSE | CR4_PGE), %eax
	movl %eax, %cr4
	movl TADDR(tramp_cr3), %eax
	movl %eax, %cr3
	movl %cr0, %eax
	orl $(CR0_PG | CR0_WP), %eax
	movl %eax, %cr0
	movl TADDR(tramp_stack), %esp
	movl TADDR(tramp_entry), %eax
	pushl TADDR(tramp_cpu)		/* the argument: its struct cpu */
	pushl $0			/* no return address */
	xorl %ebp, %ebp			/* backtraces stop here */
	jmp *%eax

	.p2align 3
tramp_gdt:				/* null, flat code, flat data */
	.quad 0
	.quad 0x00CF9A000000FFFF
	.quad 0x00CF92000000FFFF
tramp_gdt_ptr:
	.word 3 * 8 - 1
	.long TADDR(tramp_gdt)

	/* struct trampoline_args (smp.c), filled in the copy. */
	.p2align 2
	.globl trampoline_args
trampoline_args:
tramp_cr3:	.long 0
tramp_stack:	.long 0
tramp_entry:	.long 0
tramp_cpu:	.long 0
	.globl trampoline_end
trampoline_end:

	.section .note.GNU-stack, "", @progbits
