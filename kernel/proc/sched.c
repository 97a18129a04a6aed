/*
 * sched.c - the scheduler: a round-robin run queue and the context switch.
 *
 * Invariant: a process is on `run_queue` exactly when it is RUNNABLE and
 * not the one running now (`current`).  The idle task (pid 0, the boot
 * thread) is never on the queue; it runs only when the queue is empty.
 *
 * Scheduling points.  Kernel code is never preempted.  A process leaves
 * the CPU only
 *   - when it sleeps (timer_sleep, called by wq_wait), stops (do_stop in
 *     signal.c), exits, or calls sched_yield, or
 *   - on its way back to user mode after the timer has set need_resched
 *     because its time slice (SLICE_TICKS) is used up and someone else
 *     is waiting to run.
 * This is what makes most of the kernel free of locks: between two
 * scheduling points nothing else runs except interrupt handlers, and the
 * data those share with process context is touched with interrupts off.
 *
 * schedule() runs with interrupts off, puts `current` back on the queue if
 * it is still runnable, takes the head of the queue and switches to it:
 * kernel stack (context_switch in switch.S), TSS.esp0 (where the CPU
 * puts the trap frame on the next user->kernel entry) and the address
 * space (CR3, left alone when it does not change), and the x87 FPU's
 * trap-on-use flag (fpu.c).
 */
#include "proc/proc.h"
#include "arch/fpu.h"
#include "arch/gdt.h"
#include "mm/kstack.h"
#include "lib/lib.h"
#include "lib/panic.h"
#include "mm/vm.h"
#include "arch/x86.h"

#define SLICE_TICKS 2		/* 20 ms at HZ = 100 */

static struct list_head run_queue = { &run_queue, &run_queue };
static struct proc idle_proc;
static uint32_t slice_left = SLICE_TICKS;

struct proc *current;

void context_switch(uint32_t *save_esp, uint32_t new_esp);	/* switch.S */

void sched_init(void)
{
	idle_proc.pid = 0;
	idle_proc.state = PROC_RUNNABLE;
	strlcpy(idle_proc.name, "idle", sizeof(idle_proc.name));
	list_init(&idle_proc.run_link);
	ktimer_init(&idle_proc.sleep_timer, NULL);
	ktimer_init(&idle_proc.alarm_timer, NULL);
	list_init(&idle_proc.children);
	list_init(&idle_proc.sibling);
	current = &idle_proc;
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
		slice_left = SLICE_TICKS;
		current = next;
		tss_set_kernel_stack(next->kstack + KSTACK_SIZE);
		if (next->mm && next->mm != prev->mm)
			vm_activate(next->mm);
		fpu_switch_to(next);
		context_switch(&prev->saved_esp, next->saved_esp);
	}
	irq_restore(irq);
}

/* Timer interrupt: charge the running process one tick of its slice. */
void sched_tick(void)
{
	if (current == &idle_proc || --slice_left > 0)
		return;
	slice_left = SLICE_TICKS;
	if (!list_empty(&run_queue))
		current->need_resched = true;
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
