/*
 * fpu.h - the x87 floating-point unit, shared lazily between processes
 * (fpu.c).
 */
#ifndef KERNEL_FPU_H
#define KERNEL_FPU_H

#include "types.h"

#define FPU_STATE_SIZE 108	/* an fnsave image */

struct proc;

void fpu_init(void);
void fpu_switch_to(struct proc *next);
void fpu_trap(void);
void fpu_flush(struct proc *p);
void fpu_forget(struct proc *p);
void fpu_reset(struct proc *p);
const uint8_t *fpu_initial_state(void);

#endif
