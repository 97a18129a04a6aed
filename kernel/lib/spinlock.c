/*
 * spinlock.c - spinlocks, counted interrupt disabling, the lock-order
 * checker and the contention figures of /proc/locks.
 *
 * Taking a lock (spin_lock):
 *   1. irq_off(): interrupts off on this CPU first, so that an interrupt
 *      handler cannot run here, try to take the same lock and spin forever;
 *   2. check the order: every lock this CPU holds must rank below the new
 *      one (spinlock.h's table), else panic, naming both locks and where
 *      each was (or is being) taken;
 *   3. spin on an atomic exchange: xchg(&locked, 1) returns 0 exactly for
 *      the one CPU that took it.  While it is held the others spin on a
 *      plain read (no bus-locked writes while waiting), with `pause`;
 *   4. record the holder (CPU, caller's address) and push the lock on this
 *      CPU's stack of held locks.
 * spin_unlock undoes it in reverse; xchg and the compiler barrier in it
 * make every write done under the lock visible before the lock is seen
 * free.  Misuse panics by name: taking a lock this CPU holds (it would
 * spin forever), letting go of one held by another CPU or not at all, or
 * letting go of locks out of nesting order.
 *
 * Invariant: held[0..nheld) on each CPU is the stack of locks it holds, in
 * acquisition order, hence in strictly increasing rank.
 *
 * The figures: per CPU and per class (so counting costs no shared cache
 * line): acquisitions, contended acquisitions, and TSC cycles spent
 * spinning.  lock_stats_get sums them for /proc/locks; the sum is read
 * without locks and may be a moment old, which is all a statistic needs.
 */
#include "lib/spinlock.h"
#include "arch/cpu.h"
#include "arch/x86.h"
#include "lib/lib.h"
#include "lib/panic.h"

#define MAX_HELD 8

static const char *const class_names[LOCK_NCLASSES] = {
	[LOCK_NONE] = "uninitialised", [LOCK_PROCS] = "procs",
	[LOCK_TTY] = "tty", [LOCK_FS] = "fs", [LOCK_PIPES] = "pipes",
	[LOCK_PIPE] = "pipe", [LOCK_SIGNAL] = "signal",
	[LOCK_WAITQ] = "waitq", [LOCK_MM] = "mm", [LOCK_TIMERS] = "timers",
	[LOCK_RUNQ] = "runq", [LOCK_TLB] = "tlb", [LOCK_PAGES] = "pages",
	[LOCK_KMALLOC] = "kmalloc", [LOCK_TEST] = "test", [LOCK_KMSG] = "kmsg",
	[LOCK_CONSOLE] = "console",
};

/* What each CPU holds; only that CPU touches its row. */
struct held_locks {
	struct spinlock *lock[MAX_HELD];
	int n;
};
static struct held_locks held[MAX_CPUS];

static struct lock_stats stats[MAX_CPUS][LOCK_NCLASSES];

const char *lock_class_name(enum lock_class cls)
{
	return cls < LOCK_NCLASSES ? class_names[cls] : "?";
}

void spin_init(struct spinlock *l, enum lock_class cls)
{
	l->locked = 0;
	l->cls = cls;
	l->cpu = -1;
	l->where = 0;
}

/* irq_off's count, once interrupts are off: c cannot change under us. */
static inline void irq_off_count(struct cpu *c, bool was_on)
{
	if (c->irq_off_depth++ == 0)
		c->irq_was_on = was_on;
}

static inline void irq_on_count(struct cpu *c)
{
	if (read_eflags() & EFLAGS_IF)
		panic("irq_on: interrupts are on inside irq_off");
	if (c->irq_off_depth <= 0)
		panic("irq_on without irq_off");
	if (--c->irq_off_depth == 0 && c->irq_was_on)
		sti();
}

void irq_off(void)
{
	bool was_on = irq_save();

	irq_off_count(this_cpu(), was_on);
}

void irq_on(void)
{
	irq_on_count(this_cpu());
}

/* Print "name (class) at function+off" for a lock and a place. */
static void print_lock(const char *what, const struct spinlock *l, uint32_t at)
{
	uint32_t off = 0;
	const char *fn = ksym_lookup(at, &off);

	printk("  %s: %s lock %p (rank %d), at %s+0x%x\n", what,
	       lock_class_name(l->cls), (void *)l, l->cls, fn ? fn : "?", off);
}

static void __noreturn order_violation(const struct spinlock *l, uint32_t at,
				       const struct spinlock *h)
{
	printk_panic_mode();	/* printk's own locks may be among those held */
	printk("\nlock order violation on CPU %d: taking %s while holding %s\n",
	       this_cpu()->id, lock_class_name(l->cls), lock_class_name(h->cls));
	print_lock("held", h, h->where);
	print_lock("taking", l, at);
	panic("lock order: %s (rank %d) must not be taken while holding %s "
	      "(rank %d)", lock_class_name(l->cls), l->cls,
	      lock_class_name(h->cls), h->cls);
}

/* Step 2: every lock CPU id holds (its row, mine) must rank below l. */
static void check_order(const struct spinlock *l, uint32_t at,
			const struct held_locks *mine, int id)
{
	if (l->cls <= LOCK_NONE || l->cls >= LOCK_NCLASSES)
		panic("spin_lock: lock %p was never initialised (taken at %p)",
		      (void *)l, (void *)at);
	for (int i = 0; i < mine->n; i++) {
		const struct spinlock *h = mine->lock[i];

		if (h == l) {
			printk_panic_mode();
			print_lock("held", h, h->where);
			print_lock("taking", l, at);
			panic("spin_lock: recursive acquire of a %s lock on CPU %d",
			      lock_class_name(l->cls), id);
		}
		if (h->cls >= l->cls)
			order_violation(l, at, h);
	}
	if (mine->n == MAX_HELD)
		panic("spin_lock: CPU %d holds %d locks already", id, MAX_HELD);
}

static void spin_wait(struct spinlock *l, struct lock_stats *st)
{
	uint64_t start = rdtsc();

	st->contended++;
	do {
		while (l->locked)	/* plain reads while it is held */
			__asm__ volatile("pause" ::: "memory");
	} while (xchg(&l->locked, 1) != 0);
	st->spin_cycles += rdtsc() - start;
}

void spin_lock(struct spinlock *l)
{
	uint32_t at = (uint32_t)__builtin_return_address(0);
	bool was_on = irq_save();
	struct cpu *c = this_cpu();	/* interrupts are off: it stays ours */
	int id = c->id;
	struct held_locks *mine = &held[id];
	struct lock_stats *st = &stats[id][l->cls];

	irq_off_count(c, was_on);
	check_order(l, at, mine, id);
	if (xchg(&l->locked, 1) != 0)
		spin_wait(l, st);
	st->acquired++;
	l->cpu = id;
	l->where = at;
	mine->lock[mine->n++] = l;
}

void spin_unlock(struct spinlock *l)
{
	struct cpu *c = this_cpu();	/* interrupts are off while l is held */
	int id = c->id;
	struct held_locks *mine = &held[id];

	if (!l->locked || l->cpu != id)
		panic("spin_unlock: CPU %d lets go of a %s lock it does not "
		      "hold (holder: CPU %d)", id, lock_class_name(l->cls), l->cpu);
	if (mine->lock[mine->n - 1] != l)
		panic("spin_unlock: %s lock released out of nesting order",
		      lock_class_name(l->cls));
	mine->n--;
	l->cpu = -1;
	xchg(&l->locked, 0);	/* a full barrier: our writes go first */
	irq_on_count(c);
}

bool spin_holding(const struct spinlock *l)
{
	bool irq = irq_save();	/* this_cpu() must not change under us */
	bool mine = l->locked && l->cpu == this_cpu()->id;

	irq_restore(irq);
	return mine;
}

/* Panic if this CPU holds any spinlock: `why` is about to sleep. */
void spin_assert_none_held(const char *why)
{
	int id = this_cpu()->id;

	if (held[id].n == 0)
		return;
	print_lock("held", held[id].lock[0], held[id].lock[0]->where);
	panic("%s with a %s spinlock held", why,
	      lock_class_name(held[id].lock[0]->cls));
}

/*
 * A panic goes on printing whatever this CPU held (the other CPUs are
 * stopped by then): forget the held stack so printk's locks can be taken.
 */
void spin_forget_held(void)
{
	held[this_cpu()->id].n = 0;
}

void lock_stats_get(enum lock_class cls, struct lock_stats *out)
{
	*out = (struct lock_stats){ 0, 0, 0 };
	for (int i = 0; i < ncpu; i++) {
		out->acquired += stats[i][cls].acquired;
		out->contended += stats[i][cls].contended;
		out->spin_cycles += stats[i][cls].spin_cycles;
	}
}

/*
 * The boot option crash=lock-order: take two locks in the wrong order once.
 * No second CPU is there to deadlock with, so only the checker can tell,
 * which is the point: it must panic naming "procs" and "test".
 */
void lock_order_selfcheck(void)
{
	static SPINLOCK(outer, LOCK_TEST);
	static SPINLOCK(inner, LOCK_PROCS);

	printk("crash=lock-order: taking a procs lock while holding the test lock\n");
	spin_lock(&outer);
	spin_lock(&inner);
	spin_unlock(&inner);
	spin_unlock(&outer);
}
