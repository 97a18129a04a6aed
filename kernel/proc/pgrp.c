/*
 * pgrp.c - process groups and sessions.
 *
 * Every process belongs to a process group (pgid) inside a session (sid).
 * A shell puts each pipeline in a group of its own so that one signal
 * (kill(-pgid), or Ctrl-C from the terminal) reaches every process of the
 * job and nothing else.  A group's id is its first member's pid; a
 * session's id is its leader's pid.  fork inherits both; they are plain
 * fields of struct proc, so a group exists exactly while some process has
 * that pgid (proc.c never reuses such an id as a pid).
 *
 * Errors, as POSIX, in Linux's order: setpgid may only move the caller or
 * one of its children (ESRCH otherwise), a child only while it is in the
 * caller's session (EPERM) and has not run execve yet (EACCES), never a
 * session leader (EPERM), and only into a group of the same session
 * (EPERM); setsid fails for a group leader (EPERM).
 *
 * Locks: pgid and sid are procs_lock's (proc.c), and so is every walk of
 * the process list here.  pgrp_signal and pgrp_orphaned take it
 * themselves; pgrp_exists is called with it held.
 *
 * For the terminal's job control (tty.c): pgrp_signal sends a signal to
 * every member of a group (from process context, or from the console
 * interrupt for Ctrl-C), and pgrp_orphaned says whether a group is orphaned, POSIX's word
 * for "no shell is left that could continue it": no member has a parent
 * in another group of the same session.  As on Linux, zombies and
 * children of init do not count as such a link (init does no job control).
 */
#include "lib/errno.h"
#include "proc/proc.h"
#include "lib/panic.h"
#include "syscall/syscall.h"

/* Some process (a zombie too) is in group pgid of session sid. */
bool pgrp_exists(pid_t pgid, pid_t sid)
{
	struct list_head *pos;

	assert(spin_holding(&procs_lock));
	for (pos = all_procs.next; pos != &all_procs; pos = pos->next) {
		struct proc *p = list_entry(pos, struct proc, all_link);
		if (p->pgid == pgid && p->sid == sid)	/* zombies count, as on Linux */
			return true;
	}
	return false;
}

void pgrp_signal(pid_t pgid, int sig)
{
	struct list_head *pos;

	spin_lock(&procs_lock);
	for (pos = all_procs.next; pos != &all_procs; pos = pos->next) {
		struct proc *p = list_entry(pos, struct proc, all_link);
		if (p->pgid == pgid)
			signal_send(p, sig);
	}
	spin_unlock(&procs_lock);
}

static bool has_outside_parent(const struct proc *p, pid_t pgid)
{
	if (p->pgid != pgid || p->state == PROC_ZOMBIE || !p->parent ||
	    p->parent == init_proc)
		return false;
	return p->parent->pgid != pgid && p->parent->sid == p->sid;
}

bool pgrp_orphaned(pid_t pgid)
{
	struct list_head *pos;
	bool orphaned = true;

	spin_lock(&procs_lock);
	for (pos = all_procs.next; pos != &all_procs && orphaned; pos = pos->next)
		if (has_outside_parent(list_entry(pos, struct proc, all_link), pgid))
			orphaned = false;	/* its parent can continue it */
	spin_unlock(&procs_lock);
	return orphaned;
}

/* setpgid's checks, in Linux's order; procs_lock held. */
static long setpgid_locked(pid_t pid, pid_t pgid)
{
	struct proc *p = pid == 0 ? current : proc_find(pid);

	if (!p || (p != current && p->parent != current))
		return -ESRCH;
	if (p->sid != current->sid)
		return -EPERM;
	if (p != current && p->did_exec)
		return -EACCES;
	if (p->sid == p->pid)
		return -EPERM;
	if (pgid == 0)
		pgid = p->pid;
	if (pgid != p->pid && !pgrp_exists(pgid, p->sid))
		return -EPERM;
	p->pgid = pgid;
	return 0;
}

long sys_setpgid(pid_t pid, pid_t pgid)
{
	long ret;

	if (pgid < 0)
		return -EINVAL;
	spin_lock(&procs_lock);
	ret = setpgid_locked(pid, pgid);
	spin_unlock(&procs_lock);
	return ret;
}

/* getpgid and getsid: one field of the process pid names. */
static long get_id(pid_t pid, bool session)
{
	struct proc *p;
	long ret = -ESRCH;

	spin_lock(&procs_lock);
	p = pid == 0 ? current : proc_find(pid);
	if (p)
		ret = session ? p->sid : p->pgid;
	spin_unlock(&procs_lock);
	return ret;
}

long sys_getpgid(pid_t pid)
{
	return get_id(pid, false);
}

long sys_getpgrp(void)
{
	return current->pgid;
}

long sys_setsid(void)
{
	long ret;

	spin_lock(&procs_lock);
	if (current->pgid == current->pid) {
		ret = -EPERM;
	} else {
		current->sid = current->pgid = current->pid;
		ret = current->sid;
	}
	spin_unlock(&procs_lock);
	return ret;
}

long sys_getsid(pid_t pid)
{
	return get_id(pid, true);
}
