/*
 * proc.c - the life of a process: creation (fork), ending (exit), and
 * being reaped by its parent (wait4).
 *
 * Processes are kmalloc'ed and linked on `all_procs`; there is no fixed
 * table, so the limits are memory, PROC_MAX kernel-stack slots and the
 * caller's RLIMIT_NPROC (fork fails with EAGAIN when that many processes,
 * zombies too, exist; the child inherits all the limits, rlimit.c).  Pids
 * count up and wrap, skipping pids still in use.
 *
 * procs_lock (class PROCS, the first in the lock order) guards the process
 * table: all_procs, nr_procs and last_pid; the family (parent, children,
 * sibling); pgid and sid; and what wait4 reports (exit_status,
 * report_status, status_report).  It also keeps a process alive: a
 * process is freed only after proc_unlink took it off the list under the
 * lock, so a pointer from proc_find stays good while the lock is held.
 * Every user of proc_find (kill, setpgid, /proc, the affinity calls, the
 * console's Ctrl-C) holds it.  A process may read its own pgid and sid
 * without it: only it changes them, except its parent's setpgid before
 * the child's exec, a race POSIX leaves to the shell.
 *
 * Family: every process but init has a parent and sits on its parent's
 * `children` list.  When a process exits its children are given to init
 * (pid 1), which reaps them.  An exited process stays as a ZOMBIE, holding
 * only its struct proc and kernel stack, until its parent collects its
 * status with wait4; then those are freed too.
 *
 * Sleeping: a parent in wait4 sleeps on its own `child_wait` queue; a child
 * that exits, stops or continues wakes its parent's queue.  The condition
 * (wait_find_child) is checked, and the sleep announced, under procs_lock
 * (wq_sleep_locked), and every child reports under it too, so no report is
 * missed between the check and the sleep.
 *
 * wait4's errors, as Linux's: EINVAL for an unknown option, ESRCH for pid
 * INT_MIN (it would mean "the group -INT_MIN", which overflows), ECHILD
 * when no child matches.
 *
 * Exit order matters: descriptors are closed and memory freed *before* the
 * parent is woken, so once wait4 returns, everything the child held (pipe
 * ends in particular) is already released.  Its interval timers are
 * stopped at exit; its CPU time (cputime.c) goes to the parent's
 * children's total when wait4 reaps it, and wait4's rusage reports it.
 * A process's interval timers (struct itimers, itimer.c) are a separate
 * allocation, made and freed with the process, so that struct proc stays
 * within its kmalloc size class.
 */
#include "proc/proc.h"
#include "lib/errno.h"
#include "dev/console.h"
#include "proc/exec.h"
#include "proc/rlimit.h"
#include "fs/file.h"
#include "arch/fpu.h"
#include "fs/fs.h"
#include "mm/kmalloc.h"
#include "mm/kstack.h"
#include "lib/lib.h"
#include "lib/panic.h"
#include "arch/trap.h"
#include "time/itimer.h"
#include "mm/vm.h"
#include "arch/x86.h"

/* Two processes per page: a sleeping child costs little (docs/performance.md). */
_Static_assert(sizeof(struct proc) <= 2016, "struct proc outgrew its size class");


SPINLOCK(procs_lock, LOCK_PROCS);
struct list_head all_procs = { &all_procs, &all_procs };	/* procs_lock */
uint32_t nr_procs;		/* procs_lock; lock-free reads are statistics */
struct proc *init_proc;		/* set once, before any other process */
static pid_t last_pid;		/* procs_lock */

/* The process with that pid, or NULL.  procs_lock held. */
struct proc *proc_find(pid_t pid)
{
	struct list_head *pos;

	assert(spin_holding(&procs_lock));
	for (pos = all_procs.next; pos != &all_procs; pos = pos->next) {
		struct proc *p = list_entry(pos, struct proc, all_link);
		if (p->pid == pid)
			return p;
	}
	return NULL;
}

/* Is id still some process's pid, process group or session? */
static bool pid_in_use(pid_t id)
{
	struct list_head *pos;

	for (pos = all_procs.next; pos != &all_procs; pos = pos->next) {
		struct proc *p = list_entry(pos, struct proc, all_link);
		if (p->pid == id || p->pgid == id || p->sid == id)
			return true;
	}
	return false;
}

static pid_t pid_alloc(void)
{
	do {
		last_pid = last_pid % (PID_MAX - 1) + 1;
	} while (pid_in_use(last_pid));
	return last_pid;
}

/*
 * Arrange the new kernel stack so that the first context_switch to p
 * "returns" into trap_return, which pops p->tf and enters user mode.
 */
/*
 * A new process's first instructions: finish the switch that brought it
 * here (sched.c, which also lets go of the run queue lock), then "return"
 * to user mode through trap_return, the address below it on the stack.
 */
void first_run(void);
__asm__(".text\n"
	"first_run:\n"
	"	call sched_first_run\n"
	"	ret\n");

static void proc_setup_first_switch(struct proc *p)
{
	uint32_t *sp = (uint32_t *)p->tf;

	*--sp = (uint32_t)trap_return;	/* ... and then into user mode */
	*--sp = (uint32_t)first_run;	/* context_switch's ret goes here */
	for (int i = 0; i < 4; i++)
		*--sp = 0;		/* ebp, ebx, esi, edi */
	p->saved_esp = (uint32_t)sp;
}

/*
 * A new process with a kernel stack and a pid, or NULL: out of memory, or
 * `limit` processes exist already (checked and counted in one step).
 */
static struct proc *proc_alloc(uint32_t limit)
{
	struct proc *p;

	p = kzalloc(sizeof(*p));
	if (!p)
		return NULL;
	p->kstack = kstack_alloc();
	p->itimers = itimers_alloc(p);
	if (!p->kstack || !p->itimers) {
		if (p->kstack)
			kstack_free(p->kstack);
		kfree(p->itimers);
		kfree(p);
		return NULL;
	}
	p->state = PROC_NEW;
	p->restart_nr = -1;
	fd_init(&p->fds);
	p->tf = (struct trapframe *)(p->kstack + KSTACK_SIZE) - 1;
	list_init(&p->children);
	list_init(&p->sibling);
	list_init(&p->run_link);
	wq_init(&p->child_wait, "wait", 0);
	spin_init(&p->sig.lock, LOCK_SIGNAL);
	spin_lock(&procs_lock);
	if (nr_procs >= min_u32(limit, PROC_MAX)) {
		spin_unlock(&procs_lock);
		kstack_free(p->kstack);
		kfree(p->itimers);
		kfree(p);
		return NULL;
	}
	p->pid = pid_alloc();
	list_add_tail(&p->all_link, &all_procs);
	nr_procs++;
	spin_unlock(&procs_lock);
	return p;
}

/* Take p out of the table and its family: nobody can find it now. */
static void proc_unlink(struct proc *p)
{
	assert(spin_holding(&procs_lock));
	list_del(&p->all_link);
	list_del(&p->sibling);
	nr_procs--;
}

/* Give back what an unlinked zombie (or a never-started process) holds. */
static void proc_free_unlinked(struct proc *p)
{
	assert(p->state == PROC_ZOMBIE || p->state == PROC_NEW);
	/* A zombie may still be switching away on its CPU, on the stack we
	 * are about to free; sched_finish_switch clears on_cpu once it is off.
	 * A plain read in a loop suffices: it only ever goes true -> false. */
	while (__atomic_load_n(&p->on_cpu, __ATOMIC_ACQUIRE))
		__asm__ volatile("pause" ::: "memory");
	assert(list_empty(&p->run_link) && !ktimer_pending(&p->itimers->real));
	rlimit_free(p);
	kstack_free(p->kstack);
	kfree(p->itimers);
	kfree(p);
}

/* A fork that failed: its child never ran. */
static void proc_free(struct proc *p)
{
	spin_lock(&procs_lock);
	proc_unlink(p);
	spin_unlock(&procs_lock);
	proc_free_unlinked(p);
}

static void proc_adopt(struct proc *parent, struct proc *child)
{
	assert(spin_holding(&procs_lock));
	child->parent = parent;
	child->ppid = parent->pid;
	list_add_tail(&child->sibling, &parent->children);
}

void proc_init(void)
{
	sched_init();
	rlimit_init_boot(current);	/* the idle task: init inherits these */
	itimer_init_cpu();
}

/* Create pid 1 running argv[0], with the console as fds 0, 1 and 2. */
pid_t proc_start_init(const char *const *argv)
{
	const char *path = argv[0];
	struct proc *p = proc_alloc(PROC_MAX);
	int err;

	if (!p)
		panic("cannot create init");
	init_proc = p;
	p->pgid = p->sid = p->pid;
	p->umask = 022;
	p->cpus_allowed = 0xFF;		/* every CPU */
	err = rlimit_fork(p, current);
	if (!err)
		err = console_open_std(&p->fds);
	if (!err)
		err = exec_kernel(p, argv);
	if (err)
		panic("cannot start init %s: error %d", path, -err);
	proc_setup_first_switch(p);
	sched_add(p);
	return p->pid;
}

long sys_fork(void)
{
	struct proc *child;

	child = proc_alloc(rlimit_cur(RLIMIT_NPROC));	/* see rlimit.c: root too */
	if (!child)
		return -EAGAIN;
	if (rlimit_fork(child, current)) {
		proc_free(child);
		return -ENOMEM;
	}
	child->mm = vm_clone(current->mm);
	if (!child->mm) {
		proc_free(child);
		return -ENOMEM;
	}
	*child->tf = *current->tf;
	child->tf->eax = 0;		/* fork returns 0 in the child */
	memcpy(child->name, current->name, sizeof(child->name));
	if (fd_copy(&child->fds, &current->fds)) {
		vm_destroy(child->mm);
		proc_free(child);
		return -ENOMEM;
	}
	if (fpu_fork(child, current)) {
		fd_close_all(&child->fds);
		vm_destroy(child->mm);
		proc_free(child);
		return -ENOMEM;
	}
	signal_fork(child, current);
	child->cwd = current->cwd ? inode_get(current->cwd) : NULL;
	child->umask = current->umask;
	child->cpus_allowed = current->cpus_allowed;	/* as Linux: inherited */
	spin_lock(&procs_lock);
	child->pgid = current->pgid;
	child->sid = current->sid;
	proc_adopt(current, child);
	spin_unlock(&procs_lock);
	proc_setup_first_switch(child);
	sched_add(child);
	return child->pid;
}

/* Hand p's children to init, and tell init if some are already dead. */
static void proc_reparent_children(struct proc *p)
{
	assert(spin_holding(&procs_lock));
	bool zombies = false;

	while (!list_empty(&p->children)) {
		struct proc *c = list_first(&p->children, struct proc, sibling);
		list_del(&c->sibling);
		proc_adopt(init_proc, c);
		zombies |= c->state == PROC_ZOMBIE;
	}
	if (zombies)
		wq_wake_all(&init_proc->child_wait);	/* it has work to reap */
}

/* POSIX: with SIGCHLD ignored (or SA_NOCLDWAIT) children leave no zombie. */
static bool parent_wants_no_zombies(struct proc *parent)
{
	struct k_sigaction act;

	spin_lock(&parent->sig.lock);	/* procs_lock keeps parent alive */
	act = parent->sig.action[SIGCHLD - 1];
	spin_unlock(&parent->sig.lock);
	return act.handler == SIG_IGN || (act.flags & SA_NOCLDWAIT);
}

void proc_exit(int status)
{
	struct proc *p = current;

	fd_close_all(&p->fds);
	if (p->cwd)
		inode_put(p->cwd);
	p->cwd = NULL;
	vm_activate_kernel();
	vm_destroy(p->mm);
	p->mm = NULL;
	itimers_stop(p->itimers);
	fpu_free(p);
	if (p == init_proc) {
		printk("init exited with status 0x%x: powering off\n", status);
		power_off(status & 0x7F ? 0x7F : (status >> 8) & 0xFF);
	}
	spin_lock(&procs_lock);
	proc_reparent_children(p);
	if (parent_wants_no_zombies(p->parent)) {	/* init reaps it instead */
		wq_wake_all(&p->parent->child_wait);	/* may now have no children */
		list_del(&p->sibling);
		proc_adopt(init_proc, p);
	}
	p->exit_status = status;
	sched_mark_zombie();	/* the parent may free us once we are off the CPU */
	signal_child_changed(p, status & 0x7F ? CLD_KILLED : CLD_EXITED,
			     status & 0x7F ? status & 0x7F : status >> 8);
	spin_unlock(&procs_lock);
	schedule();
	panic("zombie %d was scheduled", p->pid);
}

long sys_exit(long code)
{
	proc_exit((code & 0xFF) << 8);
}

long sys_getpid(void)
{
	return current->pid;
}

/*
 * Lock-free read: one word, which proc_adopt rewrites under procs_lock
 * when we are given to init.  Reading parent->pid instead would need the
 * lock, since the parent may be exiting and freed on another CPU.
 */
long sys_getppid(void)
{
	return __atomic_load_n(&current->ppid, __ATOMIC_RELAXED);
}

/* wait4: which children a pid argument selects, as in waitpid(2). */
static bool wait_selects(const struct proc *c, pid_t pid)
{
	if (pid > 0)
		return c->pid == pid;
	if (pid == -1)
		return true;
	if (pid == 0)
		return c->pgid == current->pgid;
	return c->pgid == -pid;
}

#define PID_INT_MIN (-2147483647 - 1)
#define WNOHANG 1
#define WUNTRACED 2
#define WCONTINUED 8

struct wait_args {
	pid_t pid;
	int options;
	struct proc *found;	/* a child with something to report */
	bool any;		/* some child matches at all */
};

/* The report says "stopped" (else "continued"): WIFSTOPPED's test. */
static bool report_is_stop(int status)
{
	return (status & 0xFF) == 0x7F;
}

static bool wait_reportable(const struct proc *c, int options)
{
	/* Lock-free read of state: ZOMBIE is set under procs_lock too. */
	if (c->state == PROC_ZOMBIE)
		return true;
	if (!c->status_report)
		return false;
	if (report_is_stop(c->report_status))
		return options & WUNTRACED;
	return options & WCONTINUED;
}

/* The wait condition: a matching child to report, or none to wait for. */
static bool wait_find_child(struct wait_args *w)
{
	struct list_head *pos;

	assert(spin_holding(&procs_lock));
	w->any = false;
	for (pos = current->children.next; pos != &current->children;
	     pos = pos->next) {
		struct proc *c = list_entry(pos, struct proc, sibling);
		if (!wait_selects(c, w->pid))
			continue;
		w->any = true;
		if (wait_reportable(c, w->options)) {
			w->found = c;
			return true;
		}
	}
	return !w->any || (w->options & WNOHANG);
}

/*
 * Report child c: its status and rusage to the caller's memory, and for a
 * zombie, its end.  procs_lock held (the copies cannot sleep: vm.c).
 */
static int wait_report(struct proc *c, uaddr_t status_ptr, uaddr_t rusage,
		       bool *reaped)
{
	bool zombie = c->state == PROC_ZOMBIE;
	int status = zombie ? c->exit_status : c->report_status;

	if (status_ptr && copy_to_user(status_ptr, &status, sizeof(status)))
		return -EFAULT;
	if (rusage && cputime_copy_rusage(c, true, true, rusage))
		return -EFAULT;
	if (zombie) {
		cputime_reap(current, c);
		proc_unlink(c);
	} else {
		c->status_report = false;
	}
	*reaped = zombie;
	return c->pid;
}

long sys_wait4(pid_t pid, uaddr_t status_ptr, int options, uaddr_t rusage)
{
	struct wait_args w = { .pid = pid, .options = options };
	bool reaped = false;
	long ret = 0;

	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED))
		return -EINVAL;
	if (pid == PID_INT_MIN)
		return -ESRCH;	/* "group -pid" names no group: -INT_MIN overflows */
	spin_lock(&procs_lock);
	while (!wait_find_child(&w) && !ret)	/* EINTR, or a restart: */
		ret = wq_sleep_locked(&current->child_wait, &procs_lock,
				      WAIT_INTERRUPTIBLE, WAIT_NO_DEADLINE);
	if (!ret && !w.found)
		ret = w.any ? 0 : -ECHILD;	/* WNOHANG, or no children */
	else if (!ret)
		ret = wait_report(w.found, status_ptr, rusage, &reaped);
	spin_unlock(&procs_lock);
	if (reaped)
		proc_free_unlinked(w.found);	/* unlinked: ours alone */
	return ret;
}

long sys_waitpid(pid_t pid, uaddr_t status_ptr, int options)
{
	return sys_wait4(pid, status_ptr, options, 0);
}
