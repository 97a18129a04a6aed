/*
 * trapentry.S - the way into the kernel from interrupts, exceptions and
 * system calls, and the way back out.
 *
 * Each vector has a stub that pushes an error code (0 when the CPU does
 * not push one, so every frame has the same shape) and its vector number,
 * then jumps to trap_common.  SAVE_FRAME saves the data segments and the
 * general registers, completing a struct trapframe (trap.h), and loads
 * kernel data segments and the per-CPU %fs; trap_common then calls trap(tf) (trap.c).  The
 * system call, int $0x80, builds the same frame and calls syscall_entry(tf)
 * (syscall.c) directly.  The local APIC's vectors (its timer, the IPIs,
 * the spurious interrupt) have stubs of their own (below the system
 * call's).  trap_return undoes all of it and irets;
 * a new process starts life by "returning" through it too.
 */
#include "arch/cpu.h"

.macro SAVE_FRAME
	cld			/* user code may have set DF: C code expects it clear */
	pushl %ds
	pushl %es
	pushl %fs
	pushl %gs
	pushal
	movw $SEG_KDATA, %ax
	movw %ax, %ds
	movw %ax, %es
	movw $SEG_KPERCPU, %ax	/* this_cpu() reads %fs:0 (cpu.h) */
	movw %ax, %fs
.endm

.macro STUB_NOERR n
	.text
vector\n:
	pushl $0
	pushl $\n
	jmp trap_common
	.data
	.long vector\n
.endm

.macro STUB_ERR n
	.text
vector\n:
	pushl $\n
	jmp trap_common
	.data
	.long vector\n
.endm

	.data
	.globl trap_vectors
trap_vectors:		/* addresses of the 48 stubs, for trap_init */
	STUB_NOERR 0
	STUB_NOERR 1
	STUB_NOERR 2
	STUB_NOERR 3
	STUB_NOERR 4
	STUB_NOERR 5
	STUB_NOERR 6
	STUB_NOERR 7
	STUB_ERR 8
	STUB_NOERR 9
	STUB_ERR 10
	STUB_ERR 11
	STUB_ERR 12
	STUB_ERR 13
	STUB_ERR 14
	STUB_NOERR 15
	STUB_NOERR 16
	STUB_ERR 17
	STUB_NOERR 18
	STUB_NOERR 19
	STUB_NOERR 20
	STUB_ERR 21
	STUB_NOERR 22
	STUB_NOERR 23
	STUB_NOERR 24
	STUB_NOERR 25
	STUB_NOERR 26
	STUB_NOERR 27
	STUB_NOERR 28
	STUB_ERR 29
	STUB_ERR 30
	STUB_NOERR 31
	STUB_NOERR 32
	STUB_NOERR 33
	STUB_NOERR 34
	STUB_NOERR 35
	STUB_NOERR 36
	STUB_NOERR 37
	STUB_NOERR 38
	STUB_NOERR 39
	STUB_NOERR 40
	STUB_NOERR 41
	STUB_NOERR 42
	STUB_NOERR 43
	STUB_NOERR 44
	STUB_NOERR 45
	STUB_NOERR 46
	STUB_NOERR 47

	.text
	.globl syscall_vector
syscall_vector:		/* int $0x80 */
	pushl $0
	pushl $0x80
	SAVE_FRAME
	pushl %esp		/* argument: the trap frame */
	call syscall_entry
	addl $4, %esp
	jmp trap_return

	/* The local APIC timer, vector 48 (T_LAPIC_TIMER in trap.h): trap(). */
	.globl lapic_timer_vector
lapic_timer_vector:
	pushl $0
	pushl $48
	jmp trap_common

	/* Inter-processor interrupts, vectors 49-51 (T_IPI_* in trap.h): trap(). */
	.globl ipi_resched_vector
ipi_resched_vector:
	pushl $0
	pushl $49
	jmp trap_common

	.globl ipi_tlb_vector
ipi_tlb_vector:
	pushl $0
	pushl $50
	jmp trap_common

	.globl ipi_stop_vector
ipi_stop_vector:
	pushl $0
	pushl $51
	jmp trap_common

	/*
	 * A spurious interrupt (vector 63, T_LAPIC_SPURIOUS): the local APIC
	 * withdrew an interrupt it had signalled.  Nothing to do, and it must
	 * not be acknowledged: just return to whatever was interrupted.
	 */
	.globl lapic_spurious_vector
lapic_spurious_vector:
	iret

trap_common:
	SAVE_FRAME
	pushl %esp		/* argument: the trap frame */
	call trap
	addl $4, %esp

	.globl trap_return
trap_return:
	popal
	popl %gs
	popl %fs
	popl %es
	popl %ds
	addl $8, %esp		/* vector number and error code */
	iret

	.section .note.GNU-stack, "", @progbits
