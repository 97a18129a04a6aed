/*
 * switch.S - context_switch(uint32_t *save_esp, uint32_t new_esp)
 *
 * Switches kernel stacks.  Saves the callee-saved registers (the C calling
 * convention lets us forget the others) on the old stack, stores the old
 * esp through save_esp, loads new_esp and pops the new process's registers.
 * The final `ret` returns into whatever called context_switch on that
 * stack: schedule() for a process that slept, or trap_return for a
 * brand-new process (proc_setup_first_switch in proc.c arranges that).
 */
	.text
	.globl context_switch
context_switch:
	movl 4(%esp), %eax	/* save_esp */
	movl 8(%esp), %edx	/* new_esp */
	pushl %ebp
	pushl %ebx
	pushl %esi
	pushl %edi
	movl %esp, (%eax)
	movl %edx, %esp
	popl %edi
	popl %esi
	popl %ebx
	popl %ebp
	ret

	.section .note.GNU-stack, "", @progbits
