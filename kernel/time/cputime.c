/*
 * cputime.c - CPU time accounting: how long each process has run in user
 * mode and in the kernel, and the calls that report it (times,
 * getrusage; clock_gettime's CPU-time clocks in sys_time.c).
 *
 * Time is charged at the moments the CPU changes hands or modes, by
 * reading the TSC (rdtsc: a few cycles, no division) and adding the
 * cycles since the previous such moment to one of the running process's
 * two counters (struct cputime, in struct proc):
 *
 *   user mode ---trap, int $0x80--->  kernel  ---return_to_user--->  user mode
 *             cputime_enter_kernel:           cputime_leave_kernel:
 *             the time since is USER           the time since is SYS
 *
 *   schedule(): cputime_switch charges the process leaving the CPU (it is
 *   in the kernel: SYS), and the next one's time starts now.
 *
 * The "previous moment" is this CPU's `cpu_stamp` (struct timer_cpu,
 * timer.h): only the running process has uncharged time, so the stamp is
 * per CPU, not per process.  Interrupts from kernel mode charge nothing:
 * their time goes to the process they interrupted, as system time.  The
 * idle task accumulates system time too (its idle time), unreported.
 *
 * Counters stay in TSC cycles; clock.c turns them into ns only when
 * somebody asks.  A child's times, and its own children's, are added to
 * its parent's child_user/child_sys when the parent reaps it in wait4
 * (cputime_reap): that is RUSAGE_CHILDREN and times()'s tms_cutime.
 *
 * Locking: the counters and the stamp are changed with interrupts off,
 * because the timer interrupt reads them (itimer.c's ITIMER_VIRTUAL/PROF
 * check) and a 64-bit add is two instructions on i386.
 *
 * Cost: two rdtsc and two 64-bit adds per system call (docs/performance.md
 * has the figures before and after).
 */
#include "time/cputime.h"
#include "lib/errno.h"
#include "lib/lib.h"
#include "proc/proc.h"
#include "syscall/syscall.h"
#include "time/itimer.h"
#include "time/timer.h"
#include "arch/x86.h"

#define USER_HZ 100		/* times() counts 1/100 s (sysconf(_SC_CLK_TCK)) */
#define RUSAGE_SELF 0
#define RUSAGE_CHILDREN (-1)
#define RUSAGE_THREAD 1

/* Add the cycles since this CPU's last charge to *counter; irqs off. */
static void charge(uint64_t *counter)
{
	struct timer_cpu *tc = timer_this_cpu();
	uint64_t now = rdtsc();

	*counter += now - tc->cpu_stamp;
	tc->cpu_stamp = now;
}

/* From user mode into the kernel (trap.c, syscall.c). */
void cputime_enter_kernel(void)
{
	bool irq = irq_save();

	charge(&current->cpu.user);
	irq_restore(irq);
}

/* From the kernel back to user mode (syscall.c, return_to_user). */
void cputime_leave_kernel(void)
{
	bool irq = irq_save();

	charge(&current->cpu.sys);
	irq_restore(irq);
}

/* schedule(), with interrupts off, once `current` is the next process. */
void cputime_switch(struct proc *prev)
{
	charge(&prev->cpu.sys);
	itimer_cpu_switch(current);
}

/* p's CPU time so far, in cycles; the running process's uncharged time
 * is system time, since whoever asks is in the kernel. */
void cputime_sample(const struct proc *p, uint64_t *user, uint64_t *sys)
{
	bool irq = irq_save();

	*user = p->cpu.user;
	*sys = p->cpu.sys;
	if (p == current)
		*sys += rdtsc() - timer_this_cpu()->cpu_stamp;
	irq_restore(irq);
}

/* wait4 reaps child: its times, and its children's, become parent's. */
void cputime_reap(struct proc *parent, const struct proc *child)
{
	parent->cpu.child_user += child->cpu.user + child->cpu.child_user;
	parent->cpu.child_sys += child->cpu.sys + child->cpu.child_sys;
}

/* Linux's struct rusage on i386: 72 bytes, of which we fill the times. */
struct krusage {
	struct ktimeval utime, stime;
	int32_t other[14];	/* maxrss ... nivcsw: 0 */
};

/* Copy p's own times (self) and/or its children's out as a struct rusage. */
int cputime_copy_rusage(const struct proc *p, bool self, bool children,
			uaddr_t uru)
{
	struct krusage ru;
	uint64_t user = 0, sys = 0;

	memset(&ru, 0, sizeof(ru));
	if (self)
		cputime_sample(p, &user, &sys);
	if (children) {
		user += p->cpu.child_user;
		sys += p->cpu.child_sys;
	}
	ru.utime = ns_to_timeval(clock_cycles_to_ns(user));
	ru.stime = ns_to_timeval(clock_cycles_to_ns(sys));
	return copy_to_user(uru, &ru, sizeof(ru));
}

long sys_getrusage(int who, uaddr_t uru)
{
	if (who != RUSAGE_SELF && who != RUSAGE_CHILDREN && who != RUSAGE_THREAD)
		return -EINVAL;
	return cputime_copy_rusage(current, who != RUSAGE_CHILDREN,
				   who == RUSAGE_CHILDREN, uru);
}

static int32_t clock_ticks(uint64_t ns)
{
	return ns / (NSEC_PER_SEC / USER_HZ);
}

/* times(buf): CPU times in 1/100 s; returns the ticks since boot. */
long sys_times(uaddr_t ubuf)
{
	uint64_t user, sys;
	int32_t tms[4];

	if (ubuf) {
		cputime_sample(current, &user, &sys);
		tms[0] = clock_ticks(clock_cycles_to_ns(user));
		tms[1] = clock_ticks(clock_cycles_to_ns(sys));
		tms[2] = clock_ticks(clock_cycles_to_ns(current->cpu.child_user));
		tms[3] = clock_ticks(clock_cycles_to_ns(current->cpu.child_sys));
		if (copy_to_user(ubuf, tms, sizeof(tms)))
			return -EFAULT;
	}
	return clock_ticks(time_now_ns());
}
