/*
 * setjmp.S - setjmp/longjmp and sigsetjmp (siglongjmp is in sigjmp.c).
 *
 * A jmp_buf (see <setjmp.h>) holds, in order: ebx, esi, edi, ebp, the
 * stack pointer as it will be after setjmp returns, and the return
 * address; then, for sigsetjmp, a "mask saved" flag and the mask.
 * eax, ecx and edx need not be kept: cdecl lets any call clobber them.
 */

	.text

/* int setjmp(jmp_buf env): save the registers, return 0. */
	.globl setjmp
	.globl _setjmp
	.type setjmp, @function
setjmp:
_setjmp:
	movl 4(%esp), %eax		/* eax = env */
	movl %ebx, 0(%eax)
	movl %esi, 4(%eax)
	movl %edi, 8(%eax)
	movl %ebp, 12(%eax)
	leal 4(%esp), %ecx		/* esp once we have returned */
	movl %ecx, 16(%eax)
	movl (%esp), %ecx		/* our return address */
	movl %ecx, 20(%eax)
	xorl %eax, %eax
	ret
	.size setjmp, . - setjmp

/* void longjmp(jmp_buf env, int value): return value (or 1) from setjmp. */
	.globl longjmp
	.globl _longjmp
	.type longjmp, @function
longjmp:
_longjmp:
	movl 4(%esp), %edx		/* edx = env */
	movl 8(%esp), %eax		/* eax = value ... */
	testl %eax, %eax
	jnz 1f
	incl %eax			/* ... but never 0 */
1:
	movl 0(%edx), %ebx
	movl 4(%edx), %esi
	movl 8(%edx), %edi
	movl 12(%edx), %ebp
	movl 16(%edx), %esp
	jmp *20(%edx)
	.size longjmp, . - longjmp

/*
 * int sigsetjmp(sigjmp_buf env, int save_mask): like setjmp, but if
 * save_mask is nonzero also record the signal mask, by calling
 * sigprocmask(SIG_BLOCK, NULL, &env->mask).  Then fall into setjmp with
 * the stack exactly as our caller left it.
 */
	.globl sigsetjmp
	.type sigsetjmp, @function
sigsetjmp:
	movl 4(%esp), %eax		/* eax = env */
	movl 8(%esp), %ecx		/* ecx = save_mask */
	movl %ecx, 24(%eax)		/* env->mask_saved */
	testl %ecx, %ecx
	jz 1f
	leal 28(%eax), %ecx		/* &env->mask */
	pushl %ecx			/* oldset */
	pushl $0			/* set = NULL */
	pushl $0			/* how = SIG_BLOCK (ignored) */
	call sigprocmask
	addl $12, %esp
1:
	jmp setjmp
	.size sigsetjmp, . - sigsetjmp

	.section .note.GNU-stack, "", @progbits
