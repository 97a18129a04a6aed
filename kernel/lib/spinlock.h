/*
 * spinlock.h - spinlocks with a checked lock order (spinlock.c).
 *
 * A spinlock protects data that several CPUs touch: a CPU that wants a
 * held lock spins until the holder lets go.  Holding one turns interrupts
 * off on this CPU, so an interrupt handler here can never spin on a lock
 * its own CPU holds, and the holder is never preempted: hold locks for
 * short, bounded work, and never sleep with one held (sched.c panics).
 *
 * Every lock has a class, and every class a rank: the order table below.
 * A CPU may take a lock only if its rank is higher than that of every lock
 * it already holds, so locks are always taken in one global order and no
 * two CPUs can each hold a lock the other waits for.  The checker enforces
 * the order at every acquire, whether or not a deadlock happens this time,
 * and panics naming both locks and both places.  docs/locking.md explains
 * each class: what it guards and why it sits where it does.
 */
#ifndef KERNEL_SPINLOCK_H
#define KERNEL_SPINLOCK_H

#include "lib/types.h"

/*
 * The order table: a lock may be taken while holding only locks above it
 * in this list.  Keep docs/locking.md's table in the same order.
 */
enum lock_class {
	LOCK_NONE,		/* never used: 0 means "spin_init forgotten" */
	LOCK_PROCS,		/* the process table: pids, parents, children */
	LOCK_TTY,		/* the terminal: line buffer, foreground group */
	LOCK_FS,		/* the file tree: tmpfs, the initrd, inodes */
	LOCK_PIPES,		/* the list of pipes, and each FIFO's pipe */
	LOCK_PIPE,		/* one pipe: ring, counters, ends */
	LOCK_SIGNAL,		/* one process's signal state */
	LOCK_WAITQ,		/* one wait queue's list of waiters */
	LOCK_MM,		/* one address space's page tables */
	LOCK_RUNQ,		/* the run queue and every process's state */
	LOCK_TIMERS,		/* one CPU's list of kernel timers */
	LOCK_TLB,		/* a TLB shootdown in progress */
	LOCK_KMALLOC,		/* kmalloc's slabs (it takes pages for a new slab) */
	LOCK_PAGES,		/* the physical page allocator */
	LOCK_TEST,		/* the self-check crash=lock-order uses (main.c) */
	LOCK_KMSG,		/* the kernel log's ring (printk.c) */
	LOCK_CONSOLE,		/* the serial port and VGA output (tty.c) */
	LOCK_NCLASSES
};

struct spinlock {
	volatile uint32_t locked;	/* 1 while held: the xchg target */
	uint8_t cls;			/* enum lock_class: class and rank (set once) */
	int8_t cpu;			/* the holder's CPU id, or -1 */
	uint32_t where;			/* return address of the spin_lock call */
};

/* A lock defined statically: static SPINLOCK(tick_lock, LOCK_TIMERS). */
#define SPINLOCK(var, class) struct spinlock var = { 0, class, -1, 0 }

void spin_init(struct spinlock *l, enum lock_class cls);
void spin_lock(struct spinlock *l);
void spin_unlock(struct spinlock *l);
bool spin_holding(const struct spinlock *l);
void spin_assert_none_held(const char *why);
void spin_forget_held(void);	/* panic only: this CPU holds nothing now */
const char *lock_class_name(enum lock_class cls);

/*
 * irq_off()/irq_on(): interrupts off on this CPU, counted.  A CPU that
 * holds two locks turns interrupts back on only when it lets go of the
 * last, and only if they were on before the first.
 */
void irq_off(void);
void irq_on(void);

/* For /proc/locks (procfs.c): a class's figures, summed over the CPUs. */
struct lock_stats {
	uint64_t acquired;		/* spin_lock calls that got the lock */
	uint64_t contended;		/* ... of them that found it held */
	uint64_t spin_cycles;		/* TSC cycles spent waiting for it */
};
void lock_stats_get(enum lock_class cls, struct lock_stats *out);

/* Take two locks in the wrong order on purpose (boot option crash=lock-order). */
void lock_order_selfcheck(void);

#endif
