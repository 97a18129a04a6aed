/*
 * crt0.S - the program entry point, _start.
 *
 * The kernel starts a program with the stack laid out as Linux does:
 *
 *	[esp]		argc
 *	[esp+4]		argv[0] ... argv[argc-1], NULL
 *	then		envp[0] ... NULL
 *	then		auxiliary vector pairs, ending with AT_NULL
 *
 * _start finds argc, argv and envp, and calls __libc_start_main() in
 * start.c, which never returns.  It is kept in its own object file
 * (crt0.o) so that it is linked first, before libc.a.
 */

	.text
	.globl _start
	.type _start, @function
_start:
	xorl %ebp, %ebp			/* outermost frame: backtraces stop here */
	movl %esp, %eax			/* eax = address of argc */
	movl (%eax), %ecx		/* ecx = argc */
	leal 4(%eax), %edx		/* edx = argv */
	leal 8(%eax,%ecx,4), %eax	/* eax = envp = argv + argc + 1 */

	andl $-16, %esp			/* the ABI wants a 16-byte aligned stack */
	subl $4, %esp			/* ... at the call, after 3 pushes */
	pushl %eax			/* envp */
	pushl %edx			/* argv */
	pushl %ecx			/* argc */
	call __libc_start_main
	hlt				/* not reached: crash if it happens */
	.size _start, . - _start

	.section .note.GNU-stack, "", @progbits
