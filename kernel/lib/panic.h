/*
 * panic.h - stopping the kernel when it finds a bug in itself (panic.c).
 */
#ifndef KERNEL_PANIC_H
#define KERNEL_PANIC_H

#include "lib/types.h"

struct trapframe;

void panic(const char *fmt, ...) __noreturn __printf(1, 2);
void panic_with_frame(const struct trapframe *tf, const char *fmt, ...)
	__noreturn __printf(2, 3);
void backtrace(uint32_t ebp);
const char *ksym_lookup(uint32_t addr, uint32_t *offset);
void power_off(int status) __noreturn;

#define PANIC_EXIT_CODE 0x7E	/* QEMU exits with (0x7E << 1) | 1 = 253 */

/* Checks an invariant the file headers promise; on in every build. */
#define assert(cond) \
	((cond) ? (void)0 : panic("assertion failed: %s at %s:%d", #cond, \
				  __FILE__, __LINE__))

#endif
