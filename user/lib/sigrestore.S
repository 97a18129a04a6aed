/*
 * sigrestore.S - the signal return trampoline.
 *
 * When a signal handler returns, it "returns" into the address the
 * kernel pushed as its return address: sa_restorer, which sigaction()
 * (signal.c) always sets to __restore_rt.  This code asks the kernel to
 * undo the signal frame with rt_sigreturn (173), which puts back the
 * registers and signal mask of the interrupted code.  It never returns.
 */

	.text
	.globl __restore_rt
	.type __restore_rt, @function
__restore_rt:
	movl $173, %eax			/* SYS_rt_sigreturn */
	int $0x80
	hlt				/* not reached */
	.size __restore_rt, . - __restore_rt

	.section .note.GNU-stack, "", @progbits
