/*
 * sys_signal.c - the system calls on signals: kill and its relatives,
 * rt_sigaction, rt_sigprocmask, rt_sigpending, rt_sigsuspend and pause.
 * The mechanism they drive is in signal.c; the timers that send SIGALRM,
 * SIGVTALRM and SIGPROF (alarm, setitimer) are in time/itimer.c.
 *
 * Sets cross the boundary as Linux's 64-bit kernel sigset_t, so the
 * rt_* calls insist on sigsetsize == 8 (EINVAL otherwise).
 * Errors: EINVAL for a bad signal number or `how`, or for trying to catch
 * or ignore SIGKILL/SIGSTOP; ESRCH when kill reaches nobody; EFAULT for
 * bad pointers.
 */
#include "lib/errno.h"
#include "proc/proc.h"
#include "proc/signal.h"
#include "syscall/syscall.h"

#define SIG_BLOCK 0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

static void send_from_user(struct proc *p, int sig)
{
	struct sig_info info = { SI_USER, 0, current->pid };

	if (sig)
		signal_send_info(p, sig, &info);
}

/*
 * kill(-1): everyone but init and the caller (as Linux); kill(0)/kill(-g):
 * a group.  procs_lock held: the list cannot change as we walk it.
 */
static int send_to_many(pid_t pid, int sig)
{
	pid_t pgid = pid == 0 ? current->pgid : -pid;
	struct list_head *pos;
	int n = 0;

	for (pos = all_procs.next; pos != &all_procs; pos = pos->next) {
		struct proc *p = list_entry(pos, struct proc, all_link);
		if (p->state == PROC_ZOMBIE)
			continue;
		if (pid == -1 ? p == init_proc || p == current : p->pgid != pgid)
			continue;
		send_from_user(p, sig);
		n++;
	}
	return n ? 0 : -ESRCH;
}

long sys_kill(pid_t pid, int sig)
{
	struct proc *p;

	int err = 0;

	if (sig != 0 && !sig_valid(sig))
		return -EINVAL;
	spin_lock(&procs_lock);		/* keeps p from being freed meanwhile */
	if (pid <= 0)
		err = send_to_many(pid, sig);
	else if ((p = proc_find(pid)))
		send_from_user(p, sig);
	else
		err = -ESRCH;
	spin_unlock(&procs_lock);
	return err;
}

long sys_tkill(pid_t tid, int sig)
{
	return tid <= 0 ? -EINVAL : sys_kill(tid, sig);
}

long sys_tgkill(pid_t tgid, pid_t tid, int sig)
{
	return tgid <= 0 || tgid != tid ? -EINVAL : sys_kill(tid, sig);
}

long sys_rt_sigaction(int sig, uaddr_t uact, uaddr_t uold, size_t setsize)
{
	struct k_sigaction act, old;

	if (!sig_valid(sig) || setsize != sizeof(sigset_t))
		return -EINVAL;
	old = current->sig.action[sig - 1];	/* our own: no lock to read */
	if (uact && copy_from_user(&act, uact, sizeof(act)))
		return -EFAULT;
	if (uact && (sig == SIGKILL || sig == SIGSTOP))
		return -EINVAL;
	if (uold && copy_to_user(uold, &old, sizeof(old)))
		return -EFAULT;
	if (!uact)
		return 0;
	act.mask &= ~SIG_UNBLOCKABLE;
	spin_lock(&current->sig.lock);	/* senders read it (sig_ignored) */
	current->sig.action[sig - 1] = act;
	if (act.handler == SIG_IGN ||
	    (act.handler == SIG_DFL && sig_default_ignores(sig)))
		current->sig.pending &= ~sig_bit(sig);	/* POSIX: discard */
	spin_unlock(&current->sig.lock);
	return 0;
}

long sys_rt_sigprocmask(int how, uaddr_t uset, uaddr_t uold, size_t setsize)
{
	sigset_t set, blocked = current->sig.blocked;	/* our own */

	if (setsize != sizeof(sigset_t))
		return -EINVAL;
	if (uset && copy_from_user(&set, uset, sizeof(set)))
		return -EFAULT;
	if (uset && how != SIG_BLOCK && how != SIG_UNBLOCK && how != SIG_SETMASK)
		return -EINVAL;
	if (uold && copy_to_user(uold, &blocked, sizeof(blocked)))
		return -EFAULT;
	if (!uset)
		return 0;
	if (how == SIG_BLOCK)
		blocked |= set;
	else if (how == SIG_UNBLOCK)
		blocked &= ~set;
	else
		blocked = set;
	signal_set_blocked(blocked);
	return 0;
}

long sys_rt_sigpending(uaddr_t uset, size_t setsize)
{
	sigset_t set;

	spin_lock(&current->sig.lock);
	set = current->sig.pending & current->sig.blocked;
	spin_unlock(&current->sig.lock);
	if (setsize != sizeof(sigset_t))
		return -EINVAL;
	return copy_to_user(uset, &set, sizeof(set));
}

/* What ps shows for pause/sigsuspend; a signal wakes them directly. */
static WAIT_QUEUE(pause_label, "pause");

/* Sleep until a signal is pending; then -ERESTARTSYS (never restarted
 * after a handler: NO_RESTART in the syscall table). */
static long wait_for_signal(void)
{
	int err;

	do
		err = sched_sleep(&pause_label, WAIT_INTERRUPTIBLE, WAIT_NO_DEADLINE);
	while (!err);		/* woken, but no signal yet: sleep on */
	return err;
}

long sys_pause(void)
{
	return wait_for_signal();
}

/*
 * Wait with a temporary mask.  The old mask comes back only after the
 * handler has run (the signal frame records it; see signal.c).
 */
long sys_rt_sigsuspend(uaddr_t umask, size_t setsize)
{
	sigset_t mask;

	if (setsize != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&mask, umask, sizeof(mask)))
		return -EFAULT;
	signal_mask_push(mask);
	return wait_for_signal();
}
