/*
 * itimer.c - a process's three interval timers, and the calls on them:
 * alarm(), setitimer(), getitimer().
 *
 *   ITIMER_REAL     wall-clock time           SIGALRM    (alarm() is this timer too)
 *   ITIMER_VIRTUAL  its CPU time in user mode SIGVTALRM
 *   ITIMER_PROF     its user + system time    SIGPROF
 *
 * Each fires once its time has passed and, if it has an interval,
 * starts again for that long; the state is a struct itimers per process
 * (itimer.h), allocated with it.
 *
 * ITIMER_REAL is a kernel timer (`real`, timer.c) at an absolute
 * CLOCK_MONOTONIC expiry.  It fires in the timer interrupt (real_fired):
 * SIGALRM, then the next period counted from when this one was due, not
 * from when the interrupt came, so a periodic timer does not drift; if
 * whole periods were missed they are skipped (one signal for them all).
 *
 * The CPU-time timers cannot wait on the timer list: their time moves
 * only while the process runs.  Their expiry is a reading of the
 * process's CPU time (cputime.c, TSC cycles).  While a process with one
 * of them armed runs, this CPU's `cpu_itimer` kernel timer (struct
 * timer_cpu) is set for the moment the sooner of them would expire if it
 * ran without a pause; itimer_cpu_switch() sets it again every time a
 * process is switched in (and leaves it stopped for the others).  When
 * it fires, cpu_itimers_update() compares the CPU time with the expiries,
 * sends what is due (ITIMER_VIRTUAL may not be: kernel time does not
 * count for it), and sets the kernel timer for what is left.  So a busy
 * loop gets its signal on time, a sleeping process uses no timer at all,
 * and nothing ticks periodically.
 *
 * Times cross the boundary as Linux's i386 struct itimerval (two struct
 * timeval of 32-bit fields) and are kept exactly (ns, or TSC cycles for
 * CPU-time expiries).  Read back, a time left is rounded up to whole
 * microseconds, so an armed timer never reads as 0 (disarmed).  Errors:
 * EINVAL for another `which`, a negative time or tv_usec outside
 * 0..999999; EFAULT.  A NULL new value disarms, as on Linux.
 *
 * fork: the child's timers start disarmed (a fresh struct itimers);
 * execve keeps them; exit stops them (itimers_stop).
 * Locking: the timers are changed with interrupts off, since the timer
 * interrupt fires them.
 */
#include "time/itimer.h"
#include "lib/errno.h"
#include "mm/kmalloc.h"
#include "proc/proc.h"
#include "syscall/syscall.h"
#include "time/cputime.h"
#include "arch/x86.h"

#define ITIMER_REAL 0
#define ITIMER_VIRTUAL 1
#define ITIMER_PROF 2

/* Linux's struct itimerval on i386. */
struct kitimerval {
	struct ktimeval interval;	/* reload value, 0: one-shot */
	struct ktimeval value;		/* time to the next expiry, 0: disarmed */
};

/* ITIMER_REAL ran out (timer interrupt). */
static void real_fired(struct ktimer *t)
{
	struct itimers *it = container_of(t, struct itimers, real);
	uint64_t interval = it->real_interval_ns, now, next;

	signal_send(it->proc, SIGALRM);
	if (!interval)
		return;
	now = time_now_ns();
	next = t->expires + interval;
	if (next <= now)	/* late by whole periods: skip them */
		next += ((now - next) / interval + 1) * interval;
	ktimer_start(t, next);
}

struct itimers *itimers_alloc(struct proc *p)
{
	struct itimers *it = kzalloc(sizeof(*it));

	if (it) {
		ktimer_init(&it->real, real_fired);
		it->proc = p;
	}
	return it;
}

/* Exit: disarm all three (the CPU ones end at the next switch anyway). */
void itimers_stop(struct itimers *it)
{
	bool irq = irq_save();

	ktimer_stop(&it->real);
	it->virt.expires = it->prof.expires = 0;
	irq_restore(irq);
}

/* A CPU-time timer whose time has come: signal, and reload or disarm. */
/* Is CPU-time timer t due, `used` cycles into its count? */
static bool cpu_itimer_due(const struct cpu_itimer *t, uint64_t used)
{
	return t->expires && used >= t->expires;
}

static void cpu_itimer_check(struct proc *p, struct cpu_itimer *t,
			     uint64_t used, int sig)
{
	uint64_t interval;

	if (!cpu_itimer_due(t, used))
		return;
	signal_send(p, sig);
	if (!t->interval_ns) {
		t->expires = 0;
		return;
	}
	interval = clock_ns_to_cycles(t->interval_ns) + 1;
	t->expires += interval;
	if (t->expires <= used)		/* missed whole periods */
		t->expires = used + interval;
}

/*
 * Send p's CPU-time signals that are due, and set this CPU's cpu_itimer
 * for the next expiry.  p is the running process; interrupts are off.
 * From the context switch (`may_send` false) nothing is sent: the run
 * queue lock is held there, and a signal lock ranks before it.  A timer
 * already due is fired at once instead, from the timer interrupt.
 */
static void cpu_itimers_update(struct proc *p, bool may_send)
{
	struct ktimer *kt = &timer_this_cpu()->cpu_itimer;
	struct itimers *it = p->itimers;
	uint64_t user, sys, left = ~0ull;

	ktimer_stop(kt);	/* this CPU's own: never waits */
	if (!it || !(it->virt.expires | it->prof.expires))
		return;
	cputime_sample(p, &user, &sys);
	if (!may_send && (cpu_itimer_due(&it->virt, user) ||
			  cpu_itimer_due(&it->prof, user + sys))) {
		ktimer_start(kt, time_now_ns());	/* fires in the interrupt */
		return;
	}
	cpu_itimer_check(p, &it->virt, user, SIGVTALRM);
	cpu_itimer_check(p, &it->prof, user + sys, SIGPROF);
	if (it->virt.expires)
		left = it->virt.expires - user;
	if (it->prof.expires && it->prof.expires - user - sys < left)
		left = it->prof.expires - user - sys;
	if (left != ~0ull)	/* + 1 ns: never before the cycle count is there */
		ktimer_start(kt, time_now_ns() + clock_cycles_to_ns(left) + 1);
}

static void cpu_itimer_fired(struct ktimer *t)
{
	(void)t;
	cpu_itimers_update(current, true);
}

/* schedule(), runq_lock held: next runs now; its CPU-time timers count from here. */
void itimer_cpu_switch(struct proc *next)
{
	cpu_itimers_update(next, false);
}

/* Each CPU, on itself: its CPU-time itimer check (proc.c, smp.c). */
void itimer_init_cpu(void)
{
	ktimer_init(&timer_this_cpu()->cpu_itimer, cpu_itimer_fired);
}

/* The ns left on timer `which` and its interval; irqs off. */
static void itimer_read(int which, uint64_t *left, uint64_t *interval)
{
	struct itimers *it = current->itimers;
	struct cpu_itimer *t = which == ITIMER_VIRTUAL ? &it->virt : &it->prof;
	uint64_t user, sys, used, now = time_now_ns();

	*left = 0;
	if (which == ITIMER_REAL) {
		if (ktimer_pending(&it->real))	/* due but not fired: 1 ns */
			*left = it->real.expires > now ? it->real.expires - now : 1;
		*interval = it->real_interval_ns;
		return;
	}
	cputime_sample(current, &user, &sys);
	used = which == ITIMER_VIRTUAL ? user : user + sys;
	if (t->expires)
		*left = t->expires > used ? clock_cycles_to_ns(t->expires - used) + 1 : 1;
	*interval = t->interval_ns;
}

/* Arm timer `which` for value_ns (0: disarm), then every interval_ns. */
static void itimer_write(int which, uint64_t value_ns, uint64_t interval_ns)
{
	struct itimers *it = current->itimers;
	struct cpu_itimer *t = which == ITIMER_VIRTUAL ? &it->virt : &it->prof;
	uint64_t user, sys;

	if (which == ITIMER_REAL) {
		ktimer_stop(&it->real);
		it->real_interval_ns = value_ns ? interval_ns : 0;
		if (value_ns)
			ktimer_start(&it->real, time_deadline(value_ns));
		return;
	}
	cputime_sample(current, &user, &sys);
	t->expires = 0;
	t->interval_ns = value_ns ? interval_ns : 0;
	if (value_ns)
		t->expires = (which == ITIMER_VIRTUAL ? user : user + sys) +
			     clock_ns_to_cycles(value_ns) + 1;
	cpu_itimers_update(current, true);
}

static void itimer_get(int which, struct kitimerval *v)
{
	uint64_t left, interval;
	bool irq = irq_save();

	itimer_read(which, &left, &interval);
	irq_restore(irq);
	v->value = ns_to_timeval_up(left);
	v->interval = ns_to_timeval_up(interval);
}

static bool itimer_valid(int which)
{
	return which == ITIMER_REAL || which == ITIMER_VIRTUAL || which == ITIMER_PROF;
}

long sys_getitimer(int which, uaddr_t ucurr)
{
	struct kitimerval v;

	if (!itimer_valid(which))
		return -EINVAL;
	itimer_get(which, &v);
	return copy_to_user(ucurr, &v, sizeof(v));
}

long sys_setitimer(int which, uaddr_t unew, uaddr_t uold)
{
	struct kitimerval v = { { 0, 0 }, { 0, 0 } }, old;
	uint64_t value, interval;
	bool irq;

	if (!itimer_valid(which))
		return -EINVAL;
	if (unew && copy_from_user(&v, unew, sizeof(v)))
		return -EFAULT;
	if (timeval_to_ns(&v.value, &value) || timeval_to_ns(&v.interval, &interval))
		return -EINVAL;
	itimer_get(which, &old);
	if (uold && copy_to_user(uold, &old, sizeof(old)))
		return -EFAULT;
	irq = irq_save();
	itimer_write(which, value, interval);
	irq_restore(irq);
	return 0;
}

/* alarm(seconds): ITIMER_REAL, once; returns the old one's seconds left,
 * rounded to the nearest, and at least 1 if it was armed (Linux). */
long sys_alarm(uint32_t seconds)
{
	uint64_t left, interval;
	uint32_t old;
	bool irq = irq_save();

	itimer_read(ITIMER_REAL, &left, &interval);
	itimer_write(ITIMER_REAL, seconds * NSEC_PER_SEC, 0);
	irq_restore(irq);
	old = (left + NSEC_PER_SEC / 2) / NSEC_PER_SEC;
	return old == 0 && left ? 1 : old;
}
