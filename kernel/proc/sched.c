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
#include "time/cputime.h"
#include "arch/x86.h"

#define SLICE_NS (20 * NSEC_PER_MSEC)

static struct list_head run_queue = { &run_queue, &run_queue };
static struct proc idle_proc;

/*
 * context_switch(save_esp, new_esp) switches kernel stacks.  It saves the
 * callee-saved registers (the C calling convention lets it forget the
 * others) on the old stack, stores the old esp through save_esp, loads
 * new_esp and pops the new process's registers.  The final `ret` returns
 * into whatever called context_switch on that stack: schedule() for a
 * process that slept, or trap_return for a brand-new process
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

/* The slice timer fired (timer interrupt): time for someone else. */
static void slice_over(struct ktimer *t)
{
	(void)t;
	if (current != &idle_proc && !list_empty(&run_queue))
		current->need_resched = true;
}

/* Someone is waiting to run: the running process's slice must end. */
static void slice_arm(void)
{
	struct timer_cpu *tc = timer_this_cpu();

	if (current != &idle_proc && !ktimer_pending(&tc->slice))
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

void sched_init(void)
{
	idle_proc.pid = 0;
	idle_proc.state = PROC_RUNNABLE;
	strlcpy(idle_proc.name, "idle", sizeof(idle_proc.name));
	list_init(&idle_proc.run_link);
	list_init(&idle_proc.children);
	list_init(&idle_proc.sibling);
	current = &idle_proc;
	ktimer_init(&timer_this_cpu()->slice, slice_over);
	fpu_init();
}

/* Wake a sleeping process.  Safe in interrupt handlers. */
void sched_make_runnable(struct proc *p)
{
	bool irq = irq_save();

	if (p->state == PROC_SLEEPING) {
		assert(list_empty(&p->run_link));	/* never queued twice */
		p->state = PROC_RUNNABLE;
		list_add_tail(&p->run_link, &run_queue);
		slice_arm();
	}
	irq_restore(irq);
}

/* Start a new process, or continue a stopped one. */
void sched_add(struct proc *p)
{
	bool irq = irq_save();

	if (p->state == PROC_NEW || p->state == PROC_STOPPED) {
		p->state = PROC_RUNNABLE;
		list_add_tail(&p->run_link, &run_queue);
		slice_arm();
	}
	irq_restore(irq);
}

static struct proc *pick_next(void)
{
	struct proc *next;

	if (list_empty(&run_queue))
		return &idle_proc;
	next = list_first(&run_queue, struct proc, run_link);
	list_del(&next->run_link);
	return next;
}

void schedule(void)
{
	bool irq = irq_save();
	struct proc *prev = current, *next;

	prev->need_resched = false;
	if (prev->state == PROC_RUNNABLE && prev != &idle_proc)
		list_add_tail(&prev->run_link, &run_queue);
	next = pick_next();
	assert(next->state == PROC_RUNNABLE);
	if (next != prev) {
		current = next;
		cputime_switch(prev);
		slice_start();
		tss_set_kernel_stack(next->kstack + KSTACK_SIZE);
		if (next->mm && next->mm != prev->mm)
			vm_activate(next->mm);
		fpu_switch_to(next);
		context_switch(&prev->saved_esp, next->saved_esp);
	}
	irq_restore(irq);
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
 * Sleep until woken.  The caller has already put itself on the queue that
 * will wake it; `wchan` names what it waits for, for ps.  Returns 0 once
 * woken, for whatever reason (a wakeup, a signal, the deadline): the
 * caller checks its condition again and, if it must still wait, calls
 * again.  A sleep that would end at once does not start: it returns
 * -ERESTARTSYS if a signal is pending (WAIT_INTERRUPTIBLE only) or
 * -ETIMEDOUT once time_now_ns() has reached `deadline` (CLOCK_MONOTONIC
 * ns, or WAIT_NO_DEADLINE), so a signal sent just
 * before the call is never missed.
 */
int sched_sleep(struct wait_queue *wchan, int flags, uint64_t deadline)
{
	bool irq = irq_save();	/* a waker must see SLEEPING, or run after us */
	int err = sleep_interrupted(flags, deadline);
	struct sleep_timer st = { .proc = current };

	if (!err) {
		current->state = PROC_SLEEPING;
		current->sleep_interruptible = flags & WAIT_INTERRUPTIBLE;
		current->wchan = wchan;
		ktimer_init(&st.timer, sleep_timer_fired);
		if (deadline != WAIT_NO_DEADLINE)
			ktimer_start(&st.timer, deadline);
		schedule();
		ktimer_stop(&st.timer);
		current->wchan = NULL;
	}
	irq_restore(irq);
	return err;
}

void sched_yield_if_needed(void)
{
	if (current->need_resched)
		schedule();
}

/*
 * The idle task: the boot thread ends up here.  It halts until an
 * interrupt, then lets anyone that interrupt woke run.  `sti; hlt` is one
 * unit: an interrupt cannot slip in between and be missed.
 */
void sched_idle(void)
{
	for (;;) {
		cli();
		if (!list_empty(&run_queue))
			schedule();
		else
			__asm__ volatile("sti; hlt" ::: "memory");
	}
}
