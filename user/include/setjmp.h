/*
 * setjmp.h - non-local jumps.
 *
 * A jmp_buf records the callee-saved registers of i386 cdecl (ebx, esi,
 * edi, ebp), the stack pointer and the return address.  sigsetjmp() may
 * also save the signal mask, which siglongjmp() then restores.
 */
#ifndef _SETJMP_H
#define _SETJMP_H

struct jmp_buf_record {
	unsigned long regs[6];		/* ebx, esi, edi, ebp, esp, eip */
	int mask_saved;			/* sigsetjmp: was the mask saved? */
	unsigned long mask[2];		/* sigsetjmp: the saved sigset_t */
};

typedef struct jmp_buf_record jmp_buf[1];
typedef struct jmp_buf_record sigjmp_buf[1];

int setjmp(jmp_buf env) __attribute__((returns_twice));
void longjmp(jmp_buf env, int value) __attribute__((noreturn));
int sigsetjmp(sigjmp_buf env, int save_mask) __attribute__((returns_twice));
void siglongjmp(sigjmp_buf env, int value) __attribute__((noreturn));

#endif
