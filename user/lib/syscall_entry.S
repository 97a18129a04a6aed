/*
 * syscall_entry.S - the one place that enters the kernel.
 *
 * long __syscall6(long nr, long a1, long a2, long a3, long a4, long a5,
 *                 long a6);
 *
 * Linux i386 convention: eax = call number, arguments in ebx, ecx, edx,
 * esi, edi, ebp, then "int $0x80"; the result comes back in eax, where
 * -4095..-1 means -errno.  ebx, esi, edi and ebp belong to our caller
 * (cdecl), so we save them around the call.  Calls with fewer arguments
 * simply pass zeros (see syscall_internal.h).
 */

	.text
	.globl __syscall6
	.type __syscall6, @function
__syscall6:
	pushl %ebp
	pushl %edi
	pushl %esi
	pushl %ebx
	movl 20(%esp), %eax		/* 4 saved registers + return address */
	movl 24(%esp), %ebx
	movl 28(%esp), %ecx
	movl 32(%esp), %edx
	movl 36(%esp), %esi
	movl 40(%esp), %edi
	movl 44(%esp), %ebp
	int $0x80
	popl %ebx
	popl %esi
	popl %edi
	popl %ebp
	ret
	.size __syscall6, . - __syscall6

	.section .note.GNU-stack, "", @progbits
