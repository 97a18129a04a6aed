/*
 * fpu.h - the x87 floating-point unit, loaded lazily on each CPU,
 * and the kernel's SSE bulk copy (fpu.c).
 */
#ifndef KERNEL_FPU_H
#define KERNEL_FPU_H

#include "lib/types.h"

#define FPU_STATE_SIZE 108	/* an fnsave image */
#define FPU_BULK_MIN 1024	/* smaller copies: turning SSE on costs more */

struct proc;

void fpu_init(void);
void fpu_init_cpu(void);
void fpu_switch(struct proc *prev, struct proc *next);
bool fpu_trap(void);
void fpu_flush(struct proc *p);
const uint8_t *fpu_state(struct proc *p);
bool fpu_set_state(struct proc *p, const uint8_t *img);
int fpu_fork(struct proc *child, struct proc *parent);
void fpu_reset(struct proc *p);
void fpu_free(struct proc *p);
bool fpu_bulk_begin(void);
void fpu_bulk_copy(void *dst, const void *src, size_t n);
void fpu_bulk_end(void);

#endif
