/*
 * cputime.h - how much CPU time each process uses (cputime.c).
 */
#ifndef KERNEL_CPUTIME_H
#define KERNEL_CPUTIME_H

#include "mm/uaccess.h"

struct proc;

/* A process's CPU time, in TSC cycles (clock.c turns them into ns). */
struct cputime {
	uint64_t user, sys;		/* run in user mode, in the kernel */
	uint64_t child_user, child_sys;	/* of children waited for, and theirs */
};

void cputime_enter_kernel(void);
void cputime_leave_kernel(void);
void cputime_switch(struct proc *prev);
void cputime_sample(const struct proc *p, uint64_t *user, uint64_t *sys);
void cputime_reap(struct proc *parent, const struct proc *child);
int cputime_copy_rusage(const struct proc *p, bool self, bool children,
			uaddr_t uru);

#endif
