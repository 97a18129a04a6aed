/*
 * rlimit.c - resource limits: how many descriptors, processes, how much
 * stack and how large a file a process may have, and the system calls
 * that read and set them (getrlimit, ugetrlimit, setrlimit, prlimit64).
 *
 * Each limit is a pair: the soft limit (cur), which the kernel enforces,
 * and the hard limit (max), the ceiling for the soft one.  A process's
 * limits sit in a `struct rlimits` of its own (p->rlim), copied at fork
 * and kept across exec, so a shell's `ulimit` reaches every program it
 * starts later.  The idle task holds the boot defaults, and init copies
 * them like any child.  Values are 32 bits, as in Linux on i386: a 64-bit
 * value from prlimit64 of 2^32 - 1 or more means RLIM_INFINITY.
 *
 * Who enforces what (always the soft limit of the process asking):
 *   RLIMIT_NOFILE  fd.c: new descriptors lie below it (EMFILE); dup2,
 *                  dup3 (EBADF) and F_DUPFD (EINVAL) refuse targets at or
 *                  above it (sys_fd.c).
 *   RLIMIT_NPROC   fork (proc.c): EAGAIN when that many processes exist.
 *   RLIMIT_STACK   vm.c: the stack grows only this far below the initial
 *                  stack exec built (and never beyond USER_STACK_MAX from
 *                  the top, all the room the address space has for it).
 *   RLIMIT_FSIZE   fsdata.c: a write or truncate past it gets SIGXFSZ and
 *                  EFBIG.
 *   The others are kept and reported only.
 *
 * Defaults, from Linux's for init where Conduit has the same resource:
 * NOFILE is 256/256 because the descriptor table has FD_MAX = 256 slots
 * (Linux: 1024/4096), and a hard limit above that is EPERM, as Linux
 * answers a value above fs.nr_open; NPROC is PROC_MAX, the kernel's own
 * process limit (Linux derives it from memory likewise).
 *
 * Privilege: every Conduit process is root, and root (CAP_SYS_RESOURCE)
 * may raise hard limits too.  One deviation from Linux: Linux exempts
 * root from RLIMIT_NPROC; Conduit has no other user, so it applies the
 * limit to root as well, or it could never be seen to work.
 *
 * Errors, as Linux: EINVAL for a resource >= RLIM_NLIMITS or soft > hard,
 * EPERM for RLIMIT_NOFILE above FD_MAX, EFAULT for bad pointers, ESRCH
 * for prlimit64 of a pid that does not exist.  prlimit64 hands out the
 * old limit before it sets the new one, so an EFAULT changes nothing.
 *
 * Only process context touches limits, so they need no lock today; with
 * several CPUs, prlimit64 on another process will need one.
 */
#include "proc/rlimit.h"
#include "lib/errno.h"
#include "lib/lib.h"
#include "fs/fd.h"
#include "mm/kmalloc.h"
#include "mm/memlayout.h"
#include "proc/proc.h"
#include "syscall/syscall.h"

#define MIB (1024u * 1024)

static struct rlimits boot_limits = { {
	[RLIMIT_CPU] = { RLIM_INFINITY, RLIM_INFINITY },
	[RLIMIT_FSIZE] = { RLIM_INFINITY, RLIM_INFINITY },
	[RLIMIT_DATA] = { RLIM_INFINITY, RLIM_INFINITY },
	[RLIMIT_STACK] = { 8 * MIB, RLIM_INFINITY },
	[RLIMIT_CORE] = { 0, RLIM_INFINITY },
	[RLIMIT_RSS] = { RLIM_INFINITY, RLIM_INFINITY },
	[RLIMIT_NPROC] = { PROC_MAX, PROC_MAX },
	[RLIMIT_NOFILE] = { FD_MAX, FD_MAX },
	[RLIMIT_MEMLOCK] = { 8 * MIB, 8 * MIB },
	[RLIMIT_AS] = { RLIM_INFINITY, RLIM_INFINITY },
	[RLIMIT_LOCKS] = { RLIM_INFINITY, RLIM_INFINITY },
	[RLIMIT_SIGPENDING] = { PROC_MAX, PROC_MAX },
	[RLIMIT_MSGQUEUE] = { 819200, 819200 },
	[RLIMIT_NICE] = { 0, 0 },
	[RLIMIT_RTPRIO] = { 0, 0 },
	[RLIMIT_RTTIME] = { RLIM_INFINITY, RLIM_INFINITY },
} };

/* The idle task (never freed) holds the defaults everyone inherits. */
void rlimit_init_boot(struct proc *idle)
{
	idle->rlim = &boot_limits;
}

int rlimit_fork(struct proc *child, const struct proc *parent)
{
	child->rlim = kmalloc(sizeof(*child->rlim));
	if (!child->rlim)
		return -ENOMEM;
	*child->rlim = *parent->rlim;
	return 0;
}

void rlimit_free(struct proc *p)
{
	if (p->rlim)
		kfree(p->rlim);
	p->rlim = NULL;
}

/* The calling process's soft limit. */
uint32_t rlimit_cur(int resource)
{
	return current->rlim->lim[resource].cur;
}

/* New descriptors must be below this. */
uint32_t rlimit_nofile(void)
{
	return min_u32(rlimit_cur(RLIMIT_NOFILE), FD_MAX);
}

/* The stack may grow this many bytes (whole pages) below exec's. */
uint32_t rlimit_stack_bytes(void)
{
	return min_u32(round_down(rlimit_cur(RLIMIT_STACK), PAGE_SIZE),
		       USER_STACK_MAX);
}

/* Is `new` an acceptable value for `resource`?  0 or -errno. */
static int rlimit_check(uint32_t resource, const struct rlimit32 *new)
{
	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	if (new && new->cur > new->max)
		return -EINVAL;
	if (new && resource == RLIMIT_NOFILE && new->max > FD_MAX)
		return -EPERM;		/* more than the table can hold */
	return 0;
}

/* 76: the old call, which reports limits above 2^31 - 1 as 2^31 - 1. */
long sys_getrlimit(uint32_t resource, uaddr_t urlim)
{
	struct rlimit32 r;

	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	r = current->rlim->lim[resource];
	r.cur = min_u32(r.cur, 0x7FFFFFFF);
	r.max = min_u32(r.max, 0x7FFFFFFF);
	return copy_to_user(urlim, &r, sizeof(r));
}

/* 191: what glibc's getrlimit calls; RLIM_INFINITY comes out as is. */
long sys_ugetrlimit(uint32_t resource, uaddr_t urlim)
{
	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	return copy_to_user(urlim, &current->rlim->lim[resource],
			    sizeof(struct rlimit32));
}

long sys_setrlimit(uint32_t resource, uaddr_t urlim)
{
	struct rlimit32 r;
	int err = copy_from_user(&r, urlim, sizeof(r));

	if (!err)
		err = rlimit_check(resource, &r);
	if (!err)
		current->rlim->lim[resource] = r;
	return err;
}

/* prlimit64's struct rlimit64. */
struct rlimit64 {
	uint64_t cur, max;
};

static uint32_t rlim_from64(uint64_t v)
{
	return v >= RLIM_INFINITY ? RLIM_INFINITY : (uint32_t)v;
}

static uint64_t rlim_to64(uint32_t v)
{
	return v == RLIM_INFINITY ? ~0ull : v;
}

/* 340: read and/or set a limit of any process (pid 0: the caller). */
long sys_prlimit64(pid_t pid, uint32_t resource, uaddr_t unew, uaddr_t uold)
{
	struct rlimit32 new = { 0, 0 }, *lim;
	struct rlimit64 v;
	struct proc *p;
	int err;

	if (unew) {
		if (copy_from_user(&v, unew, sizeof(v)))
			return -EFAULT;
		new.cur = rlim_from64(v.cur);
		new.max = rlim_from64(v.max);
	}
	spin_lock(&procs_lock);		/* keeps p alive while we use it */
	p = pid ? proc_find(pid) : current;
	err = p ? rlimit_check(resource, unew ? &new : NULL) : -ESRCH;
	if (!err) {
		lim = &p->rlim->lim[resource];
		v.cur = rlim_to64(lim->cur);
		v.max = rlim_to64(lim->max);
		if (uold && copy_to_user(uold, &v, sizeof(v)))
			err = -EFAULT;		/* before anything changed */
		else if (unew)
			*lim = new;
	}
	spin_unlock(&procs_lock);
	return err;
}
