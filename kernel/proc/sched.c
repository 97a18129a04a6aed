/*
 * sched.c - the scheduler: a round-robin run queue and the context switch.
 *
 * Invariant: a process is on `run_queue` exactly when it is RUNNABLE and
 * not the one running now (`current`).  The idle task (pid 0, the boot
 * thread) is never on the queue; it runs only when the queue is empty.
 *
 * One queue for all CPUs.  Every CPU takes the first process on
 * run_queue that its affinity mask (cpus_allowed) lets it run; runq_lock
 * (below) guards the queue and every process's scheduling state.  One
 * queue keeps the rules simple (no balancing, no migration code: a process
 * that slept on CPU 0 simply wakes on whichever CPU picks it) and costs
 * one lock per switch; docs/smp.md measures it and says when per-CPU
 * queues would start to pay.
 *
 * Scheduling points.  Kernel code is never preempted: a process in a
 * system call keeps its CPU until it sleeps, which keeps every lock
 * holder short and lets a process's own data (fd table, address space)
 * go without locks.  A process leaves the CPU only
 *   - when it sleeps (sched_sleep_commit, from wq_sleep_locked and poll),
 *     stops (sched_stop_commit), exits, or calls sched_yield, or
 *   - on its way back to user mode after need_resched was set: its time
 *     slice (SLICE_NS, 20 ms) is over and someone else is waiting.
 *
 * The time slice is a deadline, not a count of ticks: when a process is
 * switched in, its slice ends SLICE_NS later (slice_end), and this CPU's
 * `slice` kernel timer is armed for that moment.  When it fires, slice_over
 * sets need_resched if anyone is queued, and otherwise gives the process
 * another slice.  The timer is armed whenever a process runs, because a
 * process queued by another CPU must be able to end this CPU's slice too;
 * the idle task takes no timer interrupts at all.
 *
 * Idle CPUs.  A CPU with nothing to run halts in sched_idle with its bit
 * set in cpus_idle.  Queueing a process (make_runnable_locked) wakes one
 * idle CPU the process may use with an IPI (T_IPI_RESCHED), clearing its
 * bit, unless this CPU is idle itself: then it picks the process up as
 * soon as the interrupt it is handling returns to the idle loop.
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
#include "arch/smp.h"
#include "arch/trap.h"
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
static uint32_t cpus_idle;	/* bit i: CPU i halts in sched_idle; runq_lock */
static uint32_t queued_count;	/* processes ever queued; runq_lock to write */

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

/* The slice timer fired (timer interrupt): time for someone else? */
static void slice_over(struct ktimer *t)
{
	struct timer_cpu *tc = timer_this_cpu();

	(void)t;
	/* Lock-free read: a hint.  A process queued just after we looked is
	 * seen at the end of the next slice, at worst. */
	if (!list_empty(&run_queue)) {
		current->need_resched = true;
		return;
	}
	tc->slice_end += SLICE_NS;	/* alone: run on, and look again then */
	ktimer_start(&tc->slice, tc->slice_end);
}

/* `current` has just been switched in: its slice starts now. */
static void slice_start(void)
{
	struct timer_cpu *tc = timer_this_cpu();

	tc->slice_end = time_now_ns() + SLICE_NS;
	if (is_idle(current))
		ktimer_stop(&tc->slice);
	else	/* re-arms it where it is: it is only ever on this CPU's list */
		ktimer_start(&tc->slice, tc->slice_end);
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
 * Put p at the end of the queue and wake an idle CPU that may run it, if
 * this one is busy.  runq_lock held.
 */
static void queue_locked(struct proc *p)
{
	uint32_t idle, me = 1u << this_cpu()->id;

	list_add_tail(&p->run_link, &run_queue);
	__atomic_store_n(&queued_count, queued_count + 1, __ATOMIC_RELEASE);
	idle = cpus_idle & p->cpus_allowed;
	if (idle == 0 || (idle & me))
		return;		/* all busy: a slice ends soon; or we are idle */
	idle &= -idle;		/* the lowest one */
	cpus_idle &= ~idle;	/* one IPI is enough to wake it */
	ipi_send(__builtin_ctz(idle), T_IPI_RESCHED);
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
	queue_locked(p);
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
		queue_locked(prev);	/* another CPU may take it at once */
	next = pick_next();
	assert(next->state == PROC_RUNNABLE);
	if (is_idle(next))
		cpus_idle |= 1u << c->id;
	else
		cpus_idle &= ~(1u << c->id);
	if (next == prev)
		return;
	next->on_cpu = true;
	next->last_cpu = c->id;
	c->proc = next;
	c->prev = prev;
	cputime_switch(prev);
	slice_start();
	kstack_tlb_check(&c->kstack_gen_seen);	/* before we use next's stack */
	tss_set_kernel_stack(next->kstack + KSTACK_SIZE);
	if (next->mm != prev->mm)	/* the idle task borrows no directory: */
		next->mm ? vm_activate(next->mm) : vm_activate_kernel();
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
 * Stopping is announce-then-commit too (signal.c).  sched_mark_stopped
 * runs under the process's signal lock, in the same critical section that
 * took the stop signal, so a SIGCONT sent after it finds the process
 * STOPPED and makes it RUNNABLE (sched_add), even while it is still on its
 * CPU; sched_stop_commit then does not stop at all.
 */
void sched_mark_stopped(void)
{
	spin_lock(&runq_lock);
	current->state = PROC_STOPPED;
	spin_unlock(&runq_lock);
}

/* proc_exit: from here on nobody queues us; the next schedule() is our last. */
void sched_mark_zombie(void)
{
	spin_lock(&runq_lock);
	current->state = PROC_ZOMBIE;
	spin_unlock(&runq_lock);
}

void sched_stop_commit(void)
{
	spin_assert_none_held("stopping");
	spin_lock(&runq_lock);
	if (current->state == PROC_STOPPED)
		schedule_locked();
	spin_unlock(&runq_lock);
}

/*
 * A signal for p became deliverable (signal.c, under p's signal lock): end
 * an interruptible sleep, or, if p runs on another CPU, interrupt that CPU
 * so that p meets the signal on its way back to user mode (return_to_user
 * checks with interrupts off, so the IPI cannot slip in unnoticed).  The
 * state is read under runq_lock, which orders it against the sleeper's
 * own check in sched_sleep_commit.
 */
void sched_signal_wake(struct proc *p)
{
	spin_lock(&runq_lock);
	if (p->state == PROC_SLEEPING && p->sleep_interruptible)
		make_runnable_locked(p);
	else if (p->on_cpu && p != current)
		ipi_send(p->last_cpu, T_IPI_RESCHED);
	spin_unlock(&runq_lock);
}

/*
 * What p sleeps on, for ps: "pipe-read:7", or "-".  Under runq_lock: a
 * sleeper's wait queue lives at least as long as its sleep (the sleeper
 * holds a reference to whatever owns it), and wchan is cleared under this
 * lock when the sleep ends.
 */
void sched_describe_wait(const struct proc *p, char *buf, size_t n)
{
	spin_lock(&runq_lock);
	if (p->state == PROC_SLEEPING && p->wchan)
		snprintf(buf, n, p->wchan->id ? "%s:%u" : "%s",
			 p->wchan->name, p->wchan->id);
	else
		snprintf(buf, n, "-");
	spin_unlock(&runq_lock);
}

/* T_IPI_RESCHED: someone may be waiting for this CPU (trap.c). */
void sched_ipi(void)
{
	/* Lock-free read: a hint; schedule() looks again under the lock. */
	if (!is_idle(current) && !list_empty(&run_queue))
		current->need_resched = true;
}

/* Why a sleep should not start, or should end: a signal or the deadline. */
static int sleep_interrupted(int flags, uint64_t deadline)
{
	if ((flags & WAIT_INTERRUPTIBLE) && signal_pending(current))
		return -ERESTARTSYS;
	if (deadline != WAIT_NO_DEADLINE && time_now_ns() >= deadline)
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
 * Poll the run queue for a while before halting.  Waking a halted CPU
 * takes an IPI and, in an emulator or a virtual machine, a slow trip
 * through the host; a process that sleeps and is woken again within
 * microseconds (a pipe ping-pong across CPUs) would pay it on every
 * round.  So an idle CPU first watches the queue for IDLE_POLL_NS, as
 * Linux's haltpoll does for guests.  It watches queued_count, not the
 * queue: the queue may hold processes this CPU may not run (affinity), and
 * an idle CPU that took the lock again and again to find that out would
 * starve the CPUs that can (an xchg spinlock is not fair).  Lock-free
 * read: a hint, the locked schedule_locked() decides.  The IPI still
 * comes, and finds us awake: harmless.
 */
#define IDLE_POLL_NS (50 * NSEC_PER_USEC)

static bool idle_poll(uint32_t seen)
{
	uint64_t until = time_now_ns() + IDLE_POLL_NS;

	do {
		if (__atomic_load_n(&queued_count, __ATOMIC_ACQUIRE) != seen)
			return true;
		__asm__ volatile("pause" ::: "memory");
	} while (time_now_ns() < until);
	return false;
}

/*
 * The idle task: the boot thread ends up here, and each other CPU's
 * start-up thread (smp.c).  It runs whatever it may, and when nothing is
 * left for it (schedule_locked returned with cpus_idle's bit set), polls
 * for a moment and then halts until an interrupt.  Every turn of the loop
 * opens interrupts at least for an instruction (`sti; nop`): a CPU whose
 * poll keeps seeing new processes that others take first would otherwise
 * never take its timer interrupt.  A process queued after
 * the unlock is not missed: its IPI, or the interrupt that queued it
 * here, stays pending while interrupts are off and ends the hlt
 * (`sti; hlt` is one unit: nothing is taken between the two).
 */
void __noreturn sched_idle(void)
{
	uint32_t seen;

	for (;;) {
		cli();
		spin_lock(&runq_lock);
		schedule_locked();
		seen = queued_count;		/* nothing queued so far is ours */
		spin_unlock(&runq_lock);	/* interrupts stay off */
		if (idle_poll(seen))	/* let pending interrupts in, then look: */
			__asm__ volatile("sti; nop" ::: "memory");
		else
			__asm__ volatile("sti; hlt" ::: "memory");
	}
}

/* ---- the CPU affinity calls (Linux's sched_setaffinity(2), getcpu(2)) ---- */

#define CPUMASK_BYTES 4		/* Linux's cpumask_size() for <= 32 CPUs */

/* The process pid names (0: the caller), or NULL.  procs_lock held. */
static struct proc *affinity_target(pid_t pid)
{
	struct proc *p;

	if (pid < 0)
		return NULL;
	p = pid == 0 ? current : proc_find(pid);
	return p && p->state != PROC_ZOMBIE ? p : NULL;
}

long sys_sched_setaffinity(pid_t pid, uint32_t len, uaddr_t umask)
{
	uint32_t mask = 0;
	struct proc *p;

	if (copy_from_user(&mask, umask, min_u32(len, CPUMASK_BYTES)))
		return -EFAULT;
	mask &= sched_cpus;	/* CPUs that do not run processes are left out */
	spin_lock(&procs_lock);
	p = affinity_target(pid);
	if (p && mask) {
		spin_lock(&runq_lock);
		p->cpus_allowed = mask;
		spin_unlock(&runq_lock);
	}
	spin_unlock(&procs_lock);
	if (!p)
		return -ESRCH;
	if (mask == 0)
		return -EINVAL;	/* as Linux: no CPU of the mask can run it */
	if (!(mask & (1u << this_cpu()->id)) && p == current)
		schedule();	/* leave this CPU: another picks us up */
	return 0;
}

long sys_sched_getaffinity(pid_t pid, uint32_t len, uaddr_t umask)
{
	struct proc *p;
	uint32_t mask = 0;

	spin_lock(&procs_lock);
	p = affinity_target(pid);
	if (p)
		mask = p->cpus_allowed & sched_cpus;
	spin_unlock(&procs_lock);
	if (!p)
		return -ESRCH;
	if (len < CPUMASK_BYTES || (len & (sizeof(long) - 1)))
		return -EINVAL;	/* Linux: too small, or not whole longs */
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
