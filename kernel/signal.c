/*
 * signal.c - sending and delivering signals.
 *
 * Sending sets a bit in the target's `pending` set and, if the signal is
 * not blocked, wakes the target from an interruptible sleep so that it
 * notices (its wq_wait returns -EINTR).  Nothing else happens at send time.
 *
 * Delivery happens in the target itself, on its way back to user mode
 * (trap.c calls signal_deliver while signal_pending is true).  This
 * version knows the default actions: terminate the process with the
 * signal as its wait status, or ignore (SIGCHLD, SIGURG, SIGWINCH,
 * SIGCONT).  SIG_IGN discards a signal at delivery.
 *
 * A fault in user mode (trap.c) uses signal_force: the process cannot
 * block or ignore a signal caused by its own instruction, as on Linux.
 * SIGKILL and SIGSTOP are never blocked.
 */
#include "signal.h"
#include "errno.h"
#include "proc.h"
#include "x86.h"

#define UNBLOCKABLE (sig_bit(SIGKILL) | sig_bit(SIGSTOP))

static bool sig_valid(int sig)
{
	return sig >= 1 && sig <= NSIG;
}

bool signal_pending(struct proc *p)
{
	return (p->sig.pending & ~(p->sig.blocked & ~UNBLOCKABLE)) != 0;
}

void signal_send(struct proc *p, int sig)
{
	bool irq = irq_save();

	p->sig.pending |= sig_bit(sig);
	if (signal_pending(p) && p->state == PROC_SLEEPING &&
	    p->sleep_interruptible)
		sched_make_runnable(p);		/* so it sees the signal */
	irq_restore(irq);
}

void signal_force(struct proc *p, int sig)
{
	struct k_sigaction *act = &p->sig.action[sig - 1];

	if (act->handler == SIG_IGN || (p->sig.blocked & sig_bit(sig)))
		act->handler = SIG_DFL;
	p->sig.blocked &= ~sig_bit(sig);
	signal_send(p, sig);
}

static bool default_is_ignore(int sig)
{
	return sig == SIGCHLD || sig == SIGURG || sig == SIGWINCH ||
	       sig == SIGCONT;
}

static int next_signal(struct proc *p)
{
	sigset_t ready = p->sig.pending & ~(p->sig.blocked & ~UNBLOCKABLE);

	for (int sig = 1; sig <= NSIG; sig++)
		if (ready & sig_bit(sig))
			return sig;
	return 0;
}

/* Act on one pending signal; called on the way back to user mode. */
void signal_deliver(struct trapframe *tf)
{
	int sig = next_signal(current);
	struct k_sigaction *act;

	(void)tf;
	if (!sig)
		return;
	current->sig.pending &= ~sig_bit(sig);
	act = &current->sig.action[sig - 1];
	if (sig == SIGKILL || act->handler == SIG_DFL) {
		if (!default_is_ignore(sig))
			proc_exit(sig);		/* wait status: killed by sig */
	}
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

/* Send to every process in group pgid; returns the count reached. */
int signal_group_send(pid_t pgid, int sig)
{
	struct list_head *pos;
	int n = 0;

	for (pos = all_procs.next; pos != &all_procs; pos = pos->next) {
		struct proc *p = list_entry(pos, struct proc, all_link);
		if (p->pgid == pgid && p->state != PROC_ZOMBIE) {
			if (sig)
				signal_send(p, sig);
			n++;
		}
	}
	return n;
}

static int signal_send_all(int sig)
{
	struct list_head *pos;
	int n = 0;

	for (pos = all_procs.next; pos != &all_procs; pos = pos->next) {
		struct proc *p = list_entry(pos, struct proc, all_link);
		if (p != init_proc && p->state != PROC_ZOMBIE) {
			if (sig)
				signal_send(p, sig);
			n++;
		}
	}
	return n;
}

long sys_kill(pid_t pid, int sig)
{
	struct proc *p;
	int n;

	if (sig != 0 && !sig_valid(sig))
		return -EINVAL;
	if (pid > 0) {
		p = proc_find(pid);
		if (!p || p->state == PROC_ZOMBIE)
			return p ? 0 : -ESRCH;
		if (sig)
			signal_send(p, sig);
		return 0;
	}
	if (pid == -1)
		n = signal_send_all(sig);
	else
		n = signal_group_send(pid == 0 ? current->pgid : -pid, sig);
	return n ? 0 : -ESRCH;
}
