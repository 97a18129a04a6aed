/*
 * proc.h - processes: the process structure, the current process and the
 * life-cycle entry points (proc.c), and the scheduler (sched.c).
 */
#ifndef KERNEL_PROC_H
#define KERNEL_PROC_H

#include "arch/cpu.h"
#include "lib/list.h"
#include "proc/wait.h"
#include "proc/signal.h"
#include "fs/fd.h"
#include "time/cputime.h"
#include "time/timer.h"

struct trapframe;
struct mm;
struct rlimits;
struct itimers;

enum proc_state {
	PROC_NEW,		/* being built by fork; not yet scheduled */
	PROC_RUNNABLE,		/* on the run queue, or running now */
	PROC_SLEEPING,		/* blocked in a wait queue or a timed sleep */
	PROC_STOPPED,		/* stopped by SIGSTOP/SIGTSTP */
	PROC_ZOMBIE,		/* exited, waiting for its parent to reap it */
};

#define PROC_NAME_LEN 16
#define PID_MAX 32768		/* pids are 1 .. PID_MAX - 1 (/proc/sys/kernel/pid_max) */
#define PROC_MAX 8000		/* processes alive at once (EAGAIN beyond) */

/*
 * A process.  The scheduler's fields (state, on_cpu, run_link, wchan,
 * sleep_interruptible, cpus_allowed) are guarded by sched.c's runq_lock;
 * the family, pgid/sid and wait reports by procs_lock (proc.c); the
 * signal state by sig.lock (signal.h).  The rest (descriptors, address
 * space, cwd, FPU state, times) belongs to the process alone: it has one
 * thread, and kernel code is not preempted, so only it touches them, and
 * others (ps, wait4) read them only once it is a zombie or as hints.
 */
struct proc {
	pid_t pid;
	char name[PROC_NAME_LEN];	/* basename of the program, for ps */

	/* Family tree: children are on parent->children through sibling. */
	struct proc *parent;
	pid_t ppid;			/* parent->pid, for a lock-free getppid */
	struct list_head children;
	struct list_head sibling;
	struct list_head all_link;	/* on the list of every process */
	struct wait_queue child_wait;	/* this process waiting in wait4 */
	int exit_status;		/* wait4 encoding, valid when ZOMBIE */
	int report_status;		/* wait4 encoding of the last stop/continue */

	/* Scheduling. */
	struct list_head run_link;	/* on the run queue while RUNNABLE */
	uint32_t kstack;		/* base (lowest address) of kernel stack */
	uint32_t saved_esp;		/* kernel esp while switched out */
	struct trapframe *tf;		/* user registers, top of kernel stack */
	uint8_t state;			/* enum proc_state; runq_lock (sched.c) */
	bool need_resched;		/* set by the timer: yield at user return */
	bool on_cpu;			/* some CPU runs it (or is switching away); runq_lock */
	uint8_t last_cpu;		/* the CPU it last ran on, for ps */
	bool restart_nohand;		/* restart_nr: but not if a handler runs */
	bool status_report;		/* wait4 has not reported report_status yet */
	bool sleep_interruptible;	/* a signal may end the sleep; runq_lock */
	bool did_exec;			/* has run execve since fork (setpgid's EACCES) */
	int restart_nr;			/* syscall to restart after a signal, or -1 */
	struct restart_block restart;	/* how to go on with it (signal.c) */
	struct cputime cpu;		/* CPU time used (cputime.c); irqs off */

	/* Sleeping: see wait.c and sched_sleep in sched.c. */
	struct wait_queue *wchan;	/* the queue it sleeps on, for ps; runq_lock */
	struct itimers *itimers;	/* alarm, setitimer (itimer.c) */
	uint8_t *fpu;			/* x87 state unless it owns the FPU; NULL: initial (fpu.c) */

	struct mm *mm;			/* address space; NULL for the idle task */
	struct fd_table fds;		/* open descriptors */
	struct inode *cwd;		/* current directory (a reference); NULL: root */
	uint16_t umask;			/* permission bits new files do not get */
	uint8_t cpus_allowed;		/* sched_setaffinity's mask, bit i: CPU i; runq_lock */
	struct sig_state sig;		/* pending, blocked, dispositions */
	struct rlimits *rlim;		/* resource limits (rlimit.c) */

	pid_t pgid, sid;		/* process group and session */
};

/* The process running on this CPU (cpu.h: stable until it schedules). */
#define current (this_cpu()->proc)
extern struct proc *init_proc;
extern struct spinlock procs_lock;	/* proc.c: the process table */
extern struct list_head all_procs;
extern uint32_t nr_procs;		/* processes that exist, zombies too */

void proc_init(void);
struct proc *proc_find(pid_t pid);
pid_t proc_start_init(const char *const *argv);
void proc_exit(int status) __noreturn;
bool pgrp_exists(pid_t pgid, pid_t sid);
void pgrp_signal(pid_t pgid, int sig);
bool pgrp_orphaned(pid_t pgid);

/* sched.c */
void sched_init(void);
void schedule(void);
int sched_sleep(struct wait_queue *wchan, int flags, uint64_t deadline);
void sched_sleep_prepare(struct wait_queue *wchan, int flags);
int sched_sleep_commit(int flags, uint64_t deadline);
void sched_sleep_cancel(void);
void sched_mark_stopped(void);
void sched_mark_zombie(void);
void sched_stop_commit(void);
void sched_signal_wake(struct proc *p);
void sched_ipi(void);
void sched_describe_wait(const struct proc *p, char *buf, size_t n);
void sched_init_cpu(void);
void sched_first_run(void);
void sched_make_runnable(struct proc *p);
void sched_add(struct proc *p);
void sched_yield_if_needed(void);
void sched_idle(void) __noreturn;

#endif
