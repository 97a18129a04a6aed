/*
 * rlimit.h - per-process resource limits (rlimit.c).
 */
#ifndef KERNEL_RLIMIT_H
#define KERNEL_RLIMIT_H

#include "lib/types.h"

/* Resources, Linux's numbers. */
#define RLIMIT_CPU 0		/* CPU seconds (stored only) */
#define RLIMIT_FSIZE 1		/* largest file a write may make (fsdata.c) */
#define RLIMIT_DATA 2		/* heap size (stored only) */
#define RLIMIT_STACK 3		/* how far the user stack may grow (vm.c) */
#define RLIMIT_CORE 4		/* core file size (stored only) */
#define RLIMIT_RSS 5
#define RLIMIT_NPROC 6		/* processes at once (fork, proc.c) */
#define RLIMIT_NOFILE 7		/* one more than the highest new descriptor (fd.c) */
#define RLIMIT_MEMLOCK 8
#define RLIMIT_AS 9
#define RLIMIT_LOCKS 10
#define RLIMIT_SIGPENDING 11
#define RLIMIT_MSGQUEUE 12
#define RLIMIT_NICE 13
#define RLIMIT_RTPRIO 14
#define RLIMIT_RTTIME 15
#define RLIM_NLIMITS 16

#define RLIM_INFINITY 0xFFFFFFFFu	/* "no limit" */

/* One limit: Linux i386's struct rlimit, 32-bit values. */
struct rlimit32 {
	uint32_t cur;		/* soft limit: what the kernel enforces */
	uint32_t max;		/* hard limit: the ceiling for cur */
};

/* A process's limits (kmalloc'ed: struct proc has no room for them). */
struct rlimits {
	struct rlimit32 lim[RLIM_NLIMITS];
};

struct proc;

void rlimit_init_boot(struct proc *idle);
int rlimit_fork(struct proc *child, const struct proc *parent);
void rlimit_free(struct proc *p);
uint32_t rlimit_cur(int resource);
uint32_t rlimit_nofile(void);
uint32_t rlimit_stack_bytes(void);

#endif
