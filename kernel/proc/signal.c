/*
 * signal.c - signals: sending, dispositions, delivery, and the system
 * calls on them.  Numbers, struct sigaction and the wait-status encoding
 * are Linux's.
 *
 * Sending (signal_send_info) only records: it sets the signal's bit in the
 * target's `pending` set and, if the signal is not blocked, makes the
 * target notice (sched_signal_wake): an interruptible sleep ends (its
 * sched_sleep returns -ERESTARTSYS), and a target running on another CPU
 * gets an IPI, which brings it into the kernel and so to delivery.
 * Signals whose disposition is "ignore" are dropped at once, unless
 * blocked (the disposition may change before they unblock).  Stop and
 * continue act at send time: SIGCONT (and SIGKILL) resume a stopped
 * process, SIGCONT discards pending stop signals and vice versa.
 *
 * Locks.  Each process's sig.lock guards its signal state (signal.h).  A
 * sender holds the target's lock while it looks at the target's mask and
 * dispositions and sets the bit; the target holds its own while it
 * changes them or takes a signal.  Telling a parent about a child (SIGCHLD
 * and its wait queue) needs procs_lock, which ranks before SIGNAL, so it
 * is never done under a sig.lock: a stopping process reports after it
 * let go of its lock, and a continued one reports itself when it runs
 * again (do_stop), rather than its sender doing it.
 *
 * Stopping without losing a SIGCONT.  The stop is announced, like a sleep
 * (sched.c): signal_deliver marks the process STOPPED in the same critical
 * section that takes the stop signal off `pending`; a SIGCONT sent after
 * that finds it STOPPED and makes it RUNNABLE, even if it has not switched
 * out yet, and then sched_stop_commit does not stop at all.
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
#include "lib/panic.h"
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
	/* Lock-free read of state: STOPPED is entered and left only under
	 * p's sig.lock, which we hold. */
	if (p->state != PROC_STOPPED)
		return;
	sched_add(p);
	if (sig == SIGCONT)
		p->sig.continued = true;	/* it reports that itself */
}

void signal_send_info(struct proc *p, int sig, const struct sig_info *info)
{
	spin_lock(&p->sig.lock);
	/* Lock-free read: a process that becomes a zombie just after we
	 * looked takes no harm from a bit in its pending set. */
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
	if (signal_pending(p))
		sched_signal_wake(p);	/* so that it notices, asleep or running */
out:
	spin_unlock(&p->sig.lock);
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

	spin_lock(&p->sig.lock);
	if (act->handler == SIG_IGN || (p->sig.blocked & sig_bit(sig)))
		act->handler = SIG_DFL;
	p->sig.blocked &= ~sig_bit(sig);
	spin_unlock(&p->sig.lock);
	signal_send_info(p, sig, &info);
}

/*
 * Tell child's parent that it exited, stopped or continued: SIGCHLD, and
 * a wake-up for wait4.  procs_lock held: it keeps `parent` the parent,
 * and alive.
 */
void signal_child_changed(struct proc *child, int code, int status)
{
	struct proc *parent = child->parent;
	struct sig_info info = { code, status, child->pid };
	bool quiet;

	assert(spin_holding(&procs_lock));
	/* Lock-free read of the parent's flags: a sigaction racing with this
	 * report may or may not apply to it, as on any Unix. */
	quiet = code != CLD_EXITED && code != CLD_KILLED &&
		(parent->sig.action[SIGCHLD - 1].flags & SA_NOCLDSTOP);
	if (!quiet)
		signal_send_info(parent, SIGCHLD, &info);
	wq_wake_all(&parent->child_wait);	/* wait4 has news */
}

/* Record a stop or continue for wait4 and tell the parent. */
static void report_to_parent(int wstatus, int code, int sig)
{
	spin_lock(&procs_lock);
	current->report_status = wstatus;
	current->status_report = true;
	signal_child_changed(current, code, sig);
	spin_unlock(&procs_lock);
}

/*
 * Default action of a stop signal: signal_deliver has marked us STOPPED.
 * Sleep until SIGCONT or SIGKILL (continue_stopped makes us RUNNABLE);
 * a SIGCONT we report ourselves, once we run again.
 */
static void do_stop(int sig)
{
	bool continued;

	report_to_parent((sig << 8) | 0x7F, CLD_STOPPED, sig);	/* WIFSTOPPED */
	sched_stop_commit();
	spin_lock(&current->sig.lock);
	continued = current->sig.continued;
	current->sig.continued = false;
	spin_unlock(&current->sig.lock);
	if (continued)
		report_to_parent(0xFFFF, CLD_CONTINUED, SIGCONT);	/* WIFCONTINUED */
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
static void run_handler(struct trapframe *tf, int sig, const struct k_sigaction *act,
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
	spin_lock(&current->sig.lock);
	current->sig.blocked |= act->mask & ~SIG_UNBLOCKABLE;
	if (!(act->flags & SA_NODEFER))
		current->sig.blocked |= sig_bit(sig);
	if (act->flags & SA_RESETHAND)
		current->sig.action[sig - 1].handler = SIG_DFL;
	spin_unlock(&current->sig.lock);
}

/* What a signal's default action does: terminate, stop, or nothing. */
enum sig_default { SIG_ACT_TERM, SIG_ACT_STOP, SIG_ACT_NONE, SIG_ACT_HANDLER };

static enum sig_default sig_action_kind(int sig, const struct k_sigaction *act)
{
	if (sig == SIGKILL)
		return SIG_ACT_TERM;
	if (act->handler != SIG_DFL && sig != SIGSTOP)
		return act->handler == SIG_IGN ? SIG_ACT_NONE : SIG_ACT_HANDLER;
	if (default_is_stop(sig))
		return SIG_ACT_STOP;
	return sig_default_ignores(sig) ? SIG_ACT_NONE : SIG_ACT_TERM;
}

/* Act on one pending signal; called on the way back to user mode. */
void signal_deliver(struct trapframe *tf)
{
	struct sig_info info = { SI_KERNEL, 0, 0 };
	struct k_sigaction act;
	enum sig_default kind;
	int sig;

	spin_lock(&current->sig.lock);
	sig = next_signal(current);
	if (!sig) {
		spin_unlock(&current->sig.lock);
		return;
	}
	current->sig.pending &= ~sig_bit(sig);
	if (sig <= 32)
		info = current->sig.info[sig - 1];
	act = current->sig.action[sig - 1];
	kind = sig_action_kind(sig, &act);
	if (kind == SIG_ACT_STOP)
		sched_mark_stopped();	/* with the signal taken: see the top */
	spin_unlock(&current->sig.lock);
	if (kind == SIG_ACT_TERM)
		proc_exit(sig);		/* wait status: killed by sig */
	else if (kind == SIG_ACT_STOP)
		do_stop(sig);
	else if (kind == SIG_ACT_HANDLER)
		run_handler(tf, sig, &act, &info);
}

/*
 * After delivery: restart a call no handler interrupted, and put back the
 * mask a sigsuspend or ppoll replaced if no handler frame took it along.
 */
void signal_finish_syscall(struct trapframe *tf)
{
	if (current->restart_nr >= 0)
		restart_call(tf);
	if (current->sig.restore_mask)
		signal_mask_pop();
}

/* The process changes its own mask (sigprocmask, sigreturn). */
void signal_set_blocked(sigset_t mask)
{
	spin_lock(&current->sig.lock);
	current->sig.blocked = mask & ~SIG_UNBLOCKABLE;
	spin_unlock(&current->sig.lock);
}

/* sigsuspend, ppoll: a mask for the wait, put back after delivery. */
void signal_mask_push(sigset_t mask)
{
	current->sig.saved_mask = current->sig.blocked;
	current->sig.restore_mask = true;
	signal_set_blocked(mask);
}

void signal_mask_pop(void)
{
	current->sig.restore_mask = false;
	signal_set_blocked(current->sig.saved_mask);
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
	spin_lock(&p->sig.lock);
	for (int i = 0; i < NSIG; i++) {
		struct k_sigaction *act = &p->sig.action[i];
		if (act->handler != SIG_IGN)
			act->handler = SIG_DFL;
		act->flags = 0;
		act->mask = 0;
		act->restorer = 0;
	}
	spin_unlock(&p->sig.lock);
}
