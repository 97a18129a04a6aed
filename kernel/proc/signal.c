/*
 * signal.c - signals: sending, dispositions, delivery, and the system
 * calls on them.  Numbers, struct sigaction and the wait-status encoding
 * are Linux's.
 *
 * Sending (signal_send_info) only records: it sets the signal's bit in the
 * target's `pending` set and, if the signal is not blocked, wakes the
 * target from an interruptible sleep so that it notices (its next
 * sched_sleep returns -ERESTARTSYS).  Signals whose disposition is "ignore" are dropped at
 * once, unless blocked (the disposition may change before they unblock).
 * Stop and continue act at send time: SIGCONT (and SIGKILL) resume a
 * stopped process, SIGCONT discards pending stop signals and vice versa.
 *
 * Delivery happens in the target itself, on its way back to user mode
 * (trap.c calls signal_deliver while signal_pending is true), one signal
 * at a time, lowest number first:
 *   - default action: terminate (exit status = the signal), stop (wait in
 *     do_stop until SIGCONT), or nothing (SIGCHLD, SIGURG, SIGWINCH, SIGCONT);
 *   - a handler: sigframe.c saves the user registers and mask on the user
 *     stack and points the trap frame at the handler; rt_sigreturn undoes it.
 *
 * Interrupted system calls: the restart rule, all of it here.  A call
 * that slept and was woken by a signal returns -ERESTARTSYS if it had done
 * nothing yet (the code comes from sched_sleep, unchanged on the way up).
 * syscall.c remembers the call number in `restart_nr`, and in
 * `restart_nohand` whether the syscall table marks the call NO_RESTART.
 * Then, on the way out to user mode:
 *   - a handler runs: the call fails with EINTR, unless the handler has
 *     SA_RESTART and the call is not NO_RESTART (run_handler);
 *   - no handler runs (the signal stopped and continued the process, or
 *     was ignored by the time it was delivered): the call restarts
 *     (signal_finish_syscall).
 * To restart, the instruction pointer is backed up over `int $0x80` and
 * eax gets the call number back, so the same call runs again
 * (restart_call).  NO_RESTART marks the calls POSIX says must fail with
 * EINTR after any handler, even with SA_RESTART: pause, sigsuspend,
 * nanosleep, clock_nanosleep, poll, ppoll, select, pselect6.
 *
 * Restart blocks: a call that must not start over when it restarts (a
 * relative sleep would sleep its whole time again) leaves a struct
 * restart_block (signal.h) in the process: what it needs to go on, such
 * as its absolute deadline.  Restarting a call that left one puts
 * NR_RESTART_SYSCALL (0) in eax instead of the call's number, and
 * sys_restart_syscall (below) goes on from the block.  The block is
 * dropped whenever the call fails with EINTR instead, and the system call
 * entry (syscall.c) clears it for every call but restart_syscall, so a
 * block is only ever used by the call that just left it.  nanosleep,
 * clock_nanosleep (relative) and poll use one (sys_time.c, poll.c), as on
 * Linux; select, pselect6 and ppoll write the time left back into the
 * caller's timeout instead, and restart with it.
 *
 * SIGKILL and SIGSTOP cannot be caught, ignored or blocked.  A fault in
 * user mode uses signal_force: the program cannot ignore or block the
 * signal its own instruction caused.
 */
#include "proc/signal.h"
#include "lib/errno.h"
#include "proc/proc.h"
#include "time/timer.h"
#include "arch/trap.h"
#include "arch/x86.h"
#include "syscall/syscall.h"

#define STOP_SIGNALS (sig_bit(SIGSTOP) | sig_bit(SIGTSTP) | sig_bit(SIGTTIN) | \
		      sig_bit(SIGTTOU))

static bool default_is_stop(int sig)
{
	return (STOP_SIGNALS & sig_bit(sig)) != 0;
}

static sigset_t deliverable(const struct proc *p)
{
	return p->sig.pending & ~(p->sig.blocked & ~SIG_UNBLOCKABLE);
}

bool signal_pending(struct proc *p)
{
	return deliverable(p) != 0;
}

/* Would delivering sig to p do nothing at all? */
static bool sig_ignored(const struct proc *p, int sig)
{
	uint32_t h = p->sig.action[sig - 1].handler;

	if (sig == SIGKILL || sig == SIGSTOP || (p->sig.blocked & sig_bit(sig)))
		return false;
	return h == SIG_IGN || (h == SIG_DFL && sig_default_ignores(sig));
}

/*
 * SIGCONT or SIGKILL reached a stopped process: let it run again (to
 * continue, or to die).  Only SIGCONT is reported to the parent.
 */
static void continue_stopped(struct proc *p, int sig)
{
	p->sig.pending &= ~STOP_SIGNALS;
	if (p->state != PROC_STOPPED)
		return;
	sched_add(p);
	if (sig != SIGCONT)
		return;
	p->report_status = 0xFFFF;		/* WIFCONTINUED */
	p->status_report = true;
	signal_child_changed(p, CLD_CONTINUED, SIGCONT);
}

void signal_send_info(struct proc *p, int sig, const struct sig_info *info)
{
	bool irq = irq_save();

	if (p->state == PROC_ZOMBIE)
		goto out;
	if (sig == SIGCONT || sig == SIGKILL)
		continue_stopped(p, sig);
	if (default_is_stop(sig))
		p->sig.pending &= ~sig_bit(SIGCONT);
	if (sig_ignored(p, sig))
		goto out;
	p->sig.pending |= sig_bit(sig);
	if (sig <= 32)
		p->sig.info[sig - 1] = *info;
	if (signal_pending(p) && p->state == PROC_SLEEPING &&
	    p->sleep_interruptible)
		sched_make_runnable(p);		/* so it sees the signal */
out:
	irq_restore(irq);
}

void signal_send(struct proc *p, int sig)
{
	struct sig_info info = { SI_KERNEL, 0, 0 };

	signal_send_info(p, sig, &info);
}

void signal_force(struct proc *p, int sig, uint32_t addr)
{
	struct k_sigaction *act = &p->sig.action[sig - 1];
	struct sig_info info = { SI_KERNEL, 0, addr };

	if (act->handler == SIG_IGN || (p->sig.blocked & sig_bit(sig)))
		act->handler = SIG_DFL;
	p->sig.blocked &= ~sig_bit(sig);
	signal_send_info(p, sig, &info);
}

/* Tell child's parent that it exited, stopped or continued. */
void signal_child_changed(struct proc *child, int code, int status)
{
	struct proc *parent = child->parent;
	struct sig_info info = { code, status, child->pid };
	bool quiet = code != CLD_EXITED && code != CLD_KILLED &&
		     (parent->sig.action[SIGCHLD - 1].flags & SA_NOCLDSTOP);

	if (!quiet)
		signal_send_info(parent, SIGCHLD, &info);
	wq_wake_all(&parent->child_wait);	/* wait4 has news */
}

/* Default action of a stop signal: sleep until SIGCONT or SIGKILL. */
static void do_stop(int sig)
{
	bool irq = irq_save();

	current->report_status = (sig << 8) | 0x7F;	/* WIFSTOPPED */
	current->status_report = true;
	signal_child_changed(current, CLD_STOPPED, sig);
	sched_stop();		/* continue_stopped() puts us back */
	irq_restore(irq);
}

static int next_signal(struct proc *p)
{
	sigset_t ready = deliverable(p);

	for (int sig = 1; sig <= NSIG; sig++)
		if (ready & sig_bit(sig))
			return sig;
	return 0;
}

/* Run the interrupted call again, or restart_syscall if it left a block. */
static void restart_call(struct trapframe *tf)
{
	tf->eax = current->restart.fn ? NR_RESTART_SYSCALL : (uint32_t)current->restart_nr;
	tf->eip -= 2;		/* back over int $0x80 */
	current->restart_nr = -1;
}

/* The interrupted call fails with EINTR: nothing of it is kept. */
static void fail_call(struct trapframe *tf)
{
	tf->eax = -EINTR;
	current->restart.fn = NULL;
	current->restart_nr = -1;
}

/* Run the user's handler: decide about the interrupted call, push a frame. */
static void run_handler(struct trapframe *tf, int sig, struct k_sigaction *act,
			const struct sig_info *info)
{
	sigset_t old_mask = current->sig.restore_mask ? current->sig.saved_mask
						     : current->sig.blocked;

	if (current->restart_nr >= 0) {
		if ((act->flags & SA_RESTART) && !current->restart_nohand)
			restart_call(tf);
		else
			fail_call(tf);
	}
	current->sig.restore_mask = false;
	if (!sigframe_push(tf, sig, act, info, old_mask))
		proc_exit(SIGSEGV);	/* no room for the frame: like Linux */
	current->sig.blocked |= act->mask & ~SIG_UNBLOCKABLE;
	if (!(act->flags & SA_NODEFER))
		current->sig.blocked |= sig_bit(sig);
	if (act->flags & SA_RESETHAND)
		act->handler = SIG_DFL;
}

/* Act on one pending signal; called on the way back to user mode. */
void signal_deliver(struct trapframe *tf)
{
	int sig = next_signal(current);
	struct sig_info info = { SI_KERNEL, 0, 0 };
	struct k_sigaction *act;

	if (!sig)
		return;
	current->sig.pending &= ~sig_bit(sig);
	if (sig <= 32)
		info = current->sig.info[sig - 1];
	act = &current->sig.action[sig - 1];
	if (act->handler == SIG_DFL || sig == SIGKILL || sig == SIGSTOP) {
		if (sig == SIGKILL || !(sig_default_ignores(sig) || default_is_stop(sig)))
			proc_exit(sig);		/* wait status: killed by sig */
		if (default_is_stop(sig))
			do_stop(sig);
	} else if (act->handler != SIG_IGN) {
		run_handler(tf, sig, act, &info);
	}
}

/*
 * After delivery: restart a call no handler interrupted, and put back the
 * mask a sigsuspend or ppoll replaced if no handler frame took it along.
 */
void signal_finish_syscall(struct trapframe *tf)
{
	if (current->restart_nr >= 0)
		restart_call(tf);
	if (current->sig.restore_mask) {
		current->sig.blocked = current->sig.saved_mask;
		current->sig.restore_mask = false;
	}
}

/*
 * restart_syscall (number 0): go on with the call that left the restart
 * block.  Called directly by a program, with no block: EINTR, as Linux.
 */
long sys_restart_syscall(void)
{
	long (*fn)(struct restart_block *rb) = current->restart.fn;

	current->restart.fn = NULL;	/* fn leaves a new one if it is cut short again */
	return fn ? fn(&current->restart) : -EINTR;
}

void signal_fork(struct proc *child, struct proc *parent)
{
	child->sig.blocked = parent->sig.blocked;
	for (int i = 0; i < NSIG; i++)
		child->sig.action[i] = parent->sig.action[i];
}

/* exec: caught signals go back to default; ignored ones stay ignored. */
void signal_exec(struct proc *p)
{
	for (int i = 0; i < NSIG; i++) {
		struct k_sigaction *act = &p->sig.action[i];
		if (act->handler != SIG_IGN)
			act->handler = SIG_DFL;
		act->flags = 0;
		act->mask = 0;
		act->restorer = 0;
	}
}
