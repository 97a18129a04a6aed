/*
 * sched.c - the scheduler: a round-robin run queue and the context switch.
 *
 * Invariant: a process is on `run_queue` exactly when it is RUNNABLE and
 * not the one running now (`current`).  The idle task (pid 0, the boot
 * thread) is never on the queue; it runs only when the queue is empty.
 *
 * Scheduling points.  Kernel code is never preempted.  A process leaves
 * the CPU only
 *   - when it sleeps (sched_sleep, called by wq_sleep and poll), stops
 *     (do_stop in signal.c), exits, or calls sched_yield, or
 *   - on its way back to user mode after the timer has set need_resched
 *     because its time slice (SLICE_NS, 20 ms) is over and someone else
 *     is waiting to run.
 * This is what makes most of the kernel free of locks: between two
 * scheduling points nothing else runs except interrupt handlers, and the
 * data those share with process context is touched with interrupts off.
 *
 * The time slice is a deadline, not a count of ticks: when a process is
 * switched in, its slice ends SLICE_NS later (slice_end).  The `slice`
 * kernel timer is armed for that moment only while someone else is
 * runnable (slice_arm, from schedule, sched_make_runnable and sched_add):
 * a process alone on the CPU, or the idle task, takes no timer interrupts
 * at all.  When it fires, slice_over sets need_resched.  Both live in
 * this CPU's struct timer_cpu (timer.h), beside the timer list.
 *
 * Sleeping.  sched_sleep() is the one place a process gives up the CPU to
 * wait: it marks itself SLEEPING (after the caller has put it on whatever
 * wait queue will wake it), arms a deadline timer if it has a deadline
 * (a struct ktimer on its own kernel stack, like its wait-queue entry)
 * and calls schedule().  sched_make_runnable() is the one way back: a
 * waker (wq_wake_all), a signal (signal.c) or the deadline timer calls it.
 *
 * schedule() runs with interrupts off, puts `current` back on the queue if
 * it is still runnable, takes the head of the queue and switches to it:
 * CPU time accounting (cputime.c charges the leaving process), the new
 * time slice, kernel stack (context_switch, below), TSS.esp0 (where the
 * CPU puts the trap frame on the next user->kernel entry) and the address
 * space (CR3, left alone when it does not change), and the x87 FPU's
 * trap-on-use flag (fpu.c).
 */
#include "proc/proc.h"
#include "lib/errno.h"
#include "arch/fpu.h"
#include "arch/cpu.h"
#include "mm/kstack.h"
#include "lib/lib.h"
#include "lib/panic.h"
#include "mm/vm.h"
#include "mm/uaccess.h"
#include "time/cputime.h"
#include "arch/x86.h"
#include "lib/spinlock.h"

#define SLICE_NS (20 * NSEC_PER_MSEC)

/*
 * runq_lock guards run_queue, every process's `state`, `on_cpu` and
 * run_link, and the sleep fields (wchan, sleep_interruptible).  It is held
 * across context_switch: the CPU that takes it in schedule_locked() lets
 * go of it in the process it switched to (sched_finish_switch), so no
 * other CPU ever sees a process half switched.
 */
static SPINLOCK(runq_lock, LOCK_RUNQ);
static struct list_head run_queue = { &run_queue, &run_queue };
static struct proc idle_procs[MAX_CPUS];	/* one idle task per CPU */

/*
 * context_switch(save_esp, new_esp) switches kernel stacks.  It saves the
 * callee-saved registers (the C calling convention lets it forget the
 * others) on the old stack, stores the old esp through save_esp, loads
 * new_esp and pops the new process's registers.  The final `ret` returns
 * into whatever called context_switch on that stack: schedule_locked() for
 * a process that slept, or sched_first_run for a brand-new process
 * (proc_setup_first_switch in proc.c arranges that).
 */
void context_switch(uint32_t *save_esp, uint32_t new_esp);
__asm__(".text\n"
	".globl context_switch\n"
	"context_switch:\n"
	"	movl 4(%esp), %eax\n"	/* save_esp */
	"	movl 8(%esp), %edx\n"	/* new_esp */
	"	pushl %ebp\n"
	"	pushl %ebx\n"
	"	pushl %esi\n"
	"	pushl %edi\n"
	"	movl %esp, (%eax)\n"
	"	movl %edx, %esp\n"
	"	popl %edi\n"
	"	popl %esi\n"
	"	popl %ebx\n"
	"	popl %ebp\n"
	"	movw $0x38, %ax\n"	/* SEG_KPERCPU: refresh %fs's cached base, */
	"	movw %ax, %fs\n"	/* which may be another CPU's if we moved */
	"	ret\n");

static bool is_idle(const struct proc *p)
{
	return p == &idle_procs[this_cpu()->id];
}

/* The slice timer fired (timer interrupt): time for someone else. */
static void slice_over(struct ktimer *t)
{
	(void)t;
	/* Lock-free read: a hint.  A process queued just after we looked
	 * arms the slice again (slice_arm), so it is not forgotten. */
	if (!is_idle(current) && !list_empty(&run_queue))
		current->need_resched = true;
}

/* Someone is waiting to run: the running process's slice must end. */
static void slice_arm(void)
{
	struct timer_cpu *tc = timer_this_cpu();

	if (!is_idle(current) && !ktimer_pending(&tc->slice))
		ktimer_start(&tc->slice, tc->slice_end);
}

/* `current` has just been switched in: its slice starts now. */
static void slice_start(void)
{
	struct timer_cpu *tc = timer_this_cpu();

	tc->slice_end = time_now_ns() + SLICE_NS;
	ktimer_stop(&tc->slice);
	if (!list_empty(&run_queue))
		slice_arm();
}

/*
 * CPUs that run processes: bit i for CPU i.  A CPU joins in
 * sched_init_cpu, on its way into the idle loop; sched_setaffinity accepts
 * only masks that name one of them.
 */
static uint32_t sched_cpus;

/* Each CPU, on itself: its idle task (the thread that calls this). */
void sched_init_cpu(void)
{
	struct proc *idle = &idle_procs[this_cpu()->id];

	__atomic_or_fetch(&sched_cpus, 1u << this_cpu()->id, __ATOMIC_SEQ_CST);
	idle->pid = 0;
	idle->state = PROC_RUNNABLE;
	idle->on_cpu = true;
	strlcpy(idle->name, "idle", sizeof(idle->name));
	list_init(&idle->run_link);
	list_init(&idle->children);
	list_init(&idle->sibling);
	current = idle;
	ktimer_init(&timer_this_cpu()->slice, slice_over);
}

void sched_init(void)
{
	sched_init_cpu();
	fpu_init();
}

/*
 * p may run now: queue it, unless it is still on a CPU (it was woken
 * between announcing its sleep and switching out: sched_sleep then sees
 * RUNNABLE and does not sleep at all).  runq_lock held.
 */
static void make_runnable_locked(struct proc *p)
{
	p->state = PROC_RUNNABLE;
	if (p->on_cpu)
		return;
	assert(list_empty(&p->run_link));	/* never queued twice */
	list_add_tail(&p->run_link, &run_queue);
	slice_arm();
}

/* Wake a sleeping process.  Safe in interrupt handlers. */
void sched_make_runnable(struct proc *p)
{
	spin_lock(&runq_lock);
	if (p->state == PROC_SLEEPING)
		make_runnable_locked(p);
	spin_unlock(&runq_lock);
}

/* Start a new process, or continue a stopped one. */
void sched_add(struct proc *p)
{
	spin_lock(&runq_lock);
	if (p->state == PROC_NEW || p->state == PROC_STOPPED)
		make_runnable_locked(p);
	spin_unlock(&runq_lock);
}

/* The first queued process allowed on this CPU, or its idle task. */
static struct proc *pick_next(void)
{
	int id = this_cpu()->id;
	struct list_head *pos;

	for (pos = run_queue.next; pos != &run_queue; pos = pos->next) {
		struct proc *p = list_entry(pos, struct proc, run_link);
		if (p->cpus_allowed & (1u << id)) {
			list_del(&p->run_link);
			return p;
		}
	}
	return &idle_procs[id];
}

/*
 * The switch that brought this process onto the CPU is complete: the
 * process it replaced is off the CPU now (its stack is free for a reaper
 * to take), and the run queue lock taken by the switcher is ours to drop.
 */
static void sched_finish_switch(void)
{
	struct cpu *c = this_cpu();

	c->prev->on_cpu = false;
	c->prev = NULL;
}

/* A new process's first code, from context_switch's ret (proc.c). */
void sched_first_run(void)
{
	sched_finish_switch();
	this_cpu()->irq_was_on = false;	/* trap_return's iret sets IF */
	spin_unlock(&runq_lock);
}

/*
 * Give the CPU to the next runnable process.  runq_lock held, and no
 * other lock: sleeping with a spinlock held is a bug (the sleeper could
 * hold up every CPU that wants that lock, or deadlock with its waker).
 */
static void schedule_locked(void)
{
	struct cpu *c = this_cpu();
	struct proc *prev = c->proc, *next;
	bool was_on;

	prev->need_resched = false;
	if (prev->state == PROC_RUNNABLE && !is_idle(prev))
		list_add_tail(&prev->run_link, &run_queue);
	next = pick_next();
	assert(next->state == PROC_RUNNABLE);
	if (next == prev)
		return;
	next->on_cpu = true;
	next->last_cpu = c->id;
	c->proc = next;
	c->prev = prev;
	cputime_switch(prev);
	slice_start();
	tss_set_kernel_stack(next->kstack + KSTACK_SIZE);
	if (next->mm && next->mm != prev->mm)
		vm_activate(next->mm);
	fpu_switch(prev, next);
	was_on = c->irq_was_on;		/* ours, not the next process's */
	context_switch(&prev->saved_esp, next->saved_esp);
	sched_finish_switch();		/* we run again, perhaps on another CPU */
	this_cpu()->irq_was_on = was_on;
}

void schedule(void)
{
	spin_lock(&runq_lock);
	schedule_locked();
	spin_unlock(&runq_lock);
}

/*
 * Stop (signal.c): the caller has checked, under its signal lock, that it
 * must stop; a SIGCONT that came since made it RUNNABLE again.
 */
void sched_stop(void)
{
	spin_lock(&runq_lock);
	if (current->state == PROC_RUNNABLE) {
		current->state = PROC_STOPPED;
		schedule_locked();
	}
	spin_unlock(&runq_lock);
}

/* Why a sleep should not start, or should end: a signal or the deadline. */
static int sleep_interrupted(int flags, uint64_t deadline)
{
	if ((flags & WAIT_INTERRUPTIBLE) && signal_pending(current))
		return -ERESTARTSYS;
	if (time_now_ns() >= deadline)		/* never, for WAIT_NO_DEADLINE */
		return -ETIMEDOUT;
	return 0;
}

/* A timed sleep's deadline, on the sleeper's kernel stack. */
struct sleep_timer {
	struct ktimer timer;
	struct proc *proc;
};

static void sleep_timer_fired(struct ktimer *t)
{
	sched_make_runnable(container_of(t, struct sleep_timer, timer)->proc);
}

/*
 * Announce a sleep: from here on a wake-up (sched_make_runnable) makes us
 * RUNNABLE again, even before we have switched out.  The caller then
 * checks its condition and either calls sched_sleep_commit or, if the
 * condition already holds, sched_sleep_cancel.  This order is what loses
 * no wake-up on several CPUs (wait.c's header draws the race).
 */
void sched_sleep_prepare(struct wait_queue *wchan, int flags)
{
	spin_lock(&runq_lock);
	current->state = PROC_SLEEPING;
	current->sleep_interruptible = flags & WAIT_INTERRUPTIBLE;
	current->wchan = wchan;
	spin_unlock(&runq_lock);
}

/* The condition held after all: go on running. */
void sched_sleep_cancel(void)
{
	spin_lock(&runq_lock);
	current->state = PROC_RUNNABLE;
	current->wchan = NULL;
	spin_unlock(&runq_lock);
}

/*
 * Sleep, unless woken since sched_sleep_prepare.  Returns 0 once woken,
 * for whatever reason (a wake-up, a signal, the deadline): the caller
 * checks its condition again and, if it must still wait, prepares again.
 * A sleep that would end at once does not start: it returns -ERESTARTSYS
 * if a signal is pending (WAIT_INTERRUPTIBLE only) or -ETIMEDOUT once
 * time_now_ns() has reached `deadline` (CLOCK_MONOTONIC ns, or
 * WAIT_NO_DEADLINE).  The signal check comes after the announcement, so a
 * signal sent just before is seen here and one sent just after wakes us.
 */
int sched_sleep_commit(int flags, uint64_t deadline)
{
	struct sleep_timer st = { .proc = current };
	int err = 0;

	spin_assert_none_held("sleeping");
	ktimer_init(&st.timer, sleep_timer_fired);
	spin_lock(&runq_lock);
	if (current->state == PROC_SLEEPING)
		err = sleep_interrupted(flags, deadline);
	if (current->state == PROC_SLEEPING && !err) {
		if (deadline != WAIT_NO_DEADLINE)
			ktimer_start(&st.timer, deadline);
		schedule_locked();
	}
	current->state = PROC_RUNNABLE;
	current->wchan = NULL;
	spin_unlock(&runq_lock);
	ktimer_stop(&st.timer);		/* may wait for it to finish firing */
	return err;
}

/* Sleep on nothing but a signal or the deadline (pause, nanosleep). */
int sched_sleep(struct wait_queue *wchan, int flags, uint64_t deadline)
{
	sched_sleep_prepare(wchan, flags);
	return sched_sleep_commit(flags, deadline);
}

void sched_yield_if_needed(void)
{
	if (current->need_resched)
		schedule();
}

/*
 * The idle task: the boot thread ends up here, and each other CPU's
 * start-up thread (smp.c).  It halts until an interrupt, then lets anyone
 * that interrupt woke run.  `sti; hlt` is one unit: an interrupt cannot
 * slip in between and be missed.
 */
void __noreturn sched_idle(void)
{
	for (;;) {
		cli();
		/* Lock-free read: a hint; schedule() looks again, locked, and
		 * a process queued after this read sends no interrupt we miss:
		 * it arrives after sti and ends the hlt. */
		if (!list_empty(&run_queue))
			schedule();
		else
			__asm__ volatile("sti; hlt" ::: "memory");
	}
}

/* ---- the CPU affinity calls (Linux's sched_setaffinity(2), getcpu(2)) ---- */

#define CPUMASK_BYTES 4		/* Linux's cpumask_size() for <= 32 CPUs */

static struct proc *affinity_target(pid_t pid)
{
	if (pid < 0)
		return NULL;
	return pid == 0 ? current : proc_find(pid);
}

long sys_sched_setaffinity(pid_t pid, uint32_t len, uaddr_t umask)
{
	uint32_t mask = 0;
	struct proc *p = affinity_target(pid);

	if (!p || p->state == PROC_ZOMBIE)
		return -ESRCH;
	if (copy_from_user(&mask, umask, min_u32(len, CPUMASK_BYTES)))
		return -EFAULT;
	mask &= sched_cpus;	/* CPUs that do not run processes are left out */
	if (mask == 0)
		return -EINVAL;	/* as Linux: no CPU of the mask can run it */
	spin_lock(&runq_lock);
	p->cpus_allowed = mask;
	spin_unlock(&runq_lock);
	if (!(mask & (1u << this_cpu()->id)) && p == current)
		schedule();	/* leave this CPU: another picks us up */
	return 0;
}

long sys_sched_getaffinity(pid_t pid, uint32_t len, uaddr_t umask)
{
	struct proc *p = affinity_target(pid);
	uint32_t mask;

	if (!p || p->state == PROC_ZOMBIE)
		return -ESRCH;
	if (len < CPUMASK_BYTES || (len & (sizeof(long) - 1)))
		return -EINVAL;	/* Linux: too small, or not whole longs */
	mask = p->cpus_allowed & sched_cpus;
	if (copy_to_user(umask, &mask, CPUMASK_BYTES))
		return -EFAULT;
	return CPUMASK_BYTES;	/* the raw call returns the bytes written */
}

/* getcpu(cpu, node, tcache): the CPU we run on now; one NUMA node, 0. */
long sys_getcpu(uaddr_t ucpu, uaddr_t unode, uaddr_t tcache)
{
	uint32_t cpu = this_cpu()->id, node = 0;

	(void)tcache;		/* unused since Linux 2.6.24 */
	if (ucpu && copy_to_user(ucpu, &cpu, sizeof(cpu)))
		return -EFAULT;
	if (unode && copy_to_user(unode, &node, sizeof(node)))
		return -EFAULT;
	return 0;
}
