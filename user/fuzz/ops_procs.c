/*
 * ops_procs.c - operations on processes and signals: rt_sigaction,
 * rt_sigprocmask, rt_sigpending, rt_sigsuspend, pause, alarm, setitimer,
 * getitimer, kill, tkill, tgkill, wait4, fork, the id calls, setpgid,
 * setsid, and a fuzzing child's early exit.  A worker may signal only its children,
 * their groups, itself and its own group, and itself only with signals
 * it survives: never pid 1, its parent, or -1.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#include "fuzz.h"
#include "rng.h"

#define NO_SUCH_PID 40000	/* above any pid Conduit hands out */

/* The kernel's struct sigaction (Linux i386), as rt_sigaction takes it. */
struct ksigaction {
	unsigned long handler, flags, restorer;
	unsigned long mask[8 / sizeof(unsigned long)];
};

static const unsigned long sa_flag_bits[] = {
	SA_RESTART, SA_NODEFER, SA_RESETHAND, SA_SIGINFO, SA_NOCLDSTOP,
	0, 0x12345678,
};

/*
 * Invalid numbers, SIGKILL and SIGSTOP may get an action (which must
 * fail); the signals the fuzzer relies on only a query or a bad pointer.
 */
static void sigaction_other(long sig, long old, long size)
{
	struct ksigaction ksa;
	long act, ret;

	memset(&ksa, 0, sizeof(ksa));
	act = chance(50) ? (long)&ksa : (long)bad_pointer();
	if (sig >= 1 && sig <= 64 && sig != SIGKILL && sig != SIGSTOP && act == (long)&ksa)
		act = 0;
	snprintf(last_op, sizeof(last_op), "rt_sigaction(%ld, %#lx, %#lx, %ld)",
		 sig, act, old, size);
	ret = raw_call(SYS_rt_sigaction, sig, act, old, size, 0, use_df && chance(5));
	if (ret == 0 && act && (sig == SIGKILL || sig == SIGSTOP))
		bug("rt_sigaction(%ld) with a new action succeeded", sig);
}

/* A real handler, through the library, never blocking SIGALRM. */
static void sigaction_handler(long sig)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sa.sa_flags = (int)(PICK(sa_flag_bits) & ~(unsigned long)SA_RESETHAND);
	if (chance(50))
		sigfillset(&sa.sa_mask);
	sigdelset(&sa.sa_mask, SIGALRM);
	snprintf(last_op, sizeof(last_op), "sigaction(%ld, handler)", sig);
	if (sigaction((int)sig, &sa, NULL) == 0)
		disposition[sig] = D_HANDLER;
}

/* Ignore (choice 1), default (2) or a query (3), made by hand. */
static void sigaction_kernel(long sig, int choice, long old, long size)
{
	struct ksigaction ksa;
	long act, ret;

	memset(&ksa, 0, sizeof(ksa));
	ksa.handler = choice == 1 ? (unsigned long)SIG_IGN : (unsigned long)SIG_DFL;
	ksa.flags = PICK(sa_flag_bits);
	ksa.mask[0] = rnd();
	act = chance(85) ? (long)&ksa : (long)bad_pointer();
	if (choice == 3 && ON_CONDUIT)
		act = 0;
	snprintf(last_op, sizeof(last_op), "rt_sigaction(%ld, %#lx {%#lx, %#lx}, %#lx, %ld)",
		 sig, act, ksa.handler, ksa.flags, old, size);
	ret = raw_call(SYS_rt_sigaction, sig, act, old, size, 0, use_df && chance(5));
	if (ret == 0 && act == (long)&ksa)
		disposition[sig] = ksa.handler == (unsigned long)SIG_IGN ? D_IGNORE : D_DEFAULT;
	else if (ret != 0 && act == (long)&ksa && size == 8)
		disposition[sig] = D_UNKNOWN;	/* did it change or not? */
}

void op_sigaction(struct call *call)
{
	long sig = chance(85) ? fuzzable_signal() : gen_signal();
	long size = chance(95) ? 8 : (long)gen_int();
	int choice = (int)below(4);
	long old = chance(50) ? 0 : (long)out_ptr(sizeof(struct ksigaction));

	(void)call;
	if (!is_fuzzable_signal(sig))
		sigaction_other(sig, old, size);
	else if (choice == 0)
		sigaction_handler(sig);
	else
		sigaction_kernel(sig, choice, old, size);
}

void op_sigprocmask(struct call *call)
{
	call->arg[0] = chance(85) ? (long)below(3) : (long)gen_int();
	call->arg[1] = chance(20) ? 0 : (long)gen_sigset();
	call->arg[2] = chance(50) ? 0 : (long)out_ptr(8);
	call->arg[3] = chance(95) ? 8 : (long)gen_int();
	call->nr = SYS_rt_sigprocmask;
	call_make(call);
}

void op_sigpending(struct call *call)
{
	call->arg[0] = (long)out_ptr(8);
	call->arg[1] = chance(95) ? 8 : (long)gen_int();
	call->nr = SYS_rt_sigpending;
	call_make(call);
}

void op_sigsuspend(struct call *call)
{
	timeout_arm();
	call->arg[0] = (long)gen_sigset();
	call->arg[1] = chance(95) ? 8 : (long)gen_int();
	call->nr = SYS_rt_sigsuspend;
	call_make(call);
}

void op_pause(struct call *call)
{
	timeout_arm();
	call->nr = SYS_pause;
	call_make(call);
}

void op_alarm(struct call *call)
{
	call->arg[0] = chance(80) ? (long)below(3) : (long)gen_int();
	call->nr = SYS_alarm;
	call_make(call);
}

/*
 * setitimer or getitimer: mostly ITIMER_REAL with a short value and
 * sometimes a period (the next call's timeout_arm() ends it), sometimes
 * out-of-range times, other timers, and bad pointers.
 */
void op_itimer(struct call *call)
{
	static int32_t times[4];	/* interval sec, usec; value sec, usec */
	static const int32_t usecs[] = { 0, 1, 999999, 1000000, -1, 5000 };

	times[0] = 0;
	times[1] = chance(20) ? PICK(usecs) : (int32_t)below(50000);
	times[2] = chance(10) ? (int32_t)gen_int() : 0;
	times[3] = chance(20) ? PICK(usecs) : (int32_t)below(200000);
	call->arg[0] = chance(80) ? 0 : (long)below(4);
	/* A CPU-time timer is never disarmed again (timeout_arm resets only
	 * ITIMER_REAL): arm one only if its signal would not kill us. */
	if ((call->arg[0] == 1 && !self_signal_ok(SIGVTALRM)) ||
	    (call->arg[0] == 2 && !self_signal_ok(SIGPROF)))
		times[2] = times[3] = 0;
	if (chance(50)) {
		call->nr = SYS_setitimer;
		call->arg[1] = chance(85) ? (long)times : (long)in_ptr(16);
		call->arg[2] = chance(50) ? 0 : (long)out_ptr(16);
	} else {
		call->nr = SYS_getitimer;
		call->arg[1] = (long)out_ptr(16);
	}
	call_make(call);
}

/*
 * Whom to signal: a child, its group, ourselves or our group (then sig
 * is made one we survive), or a pid that cannot exist.  Returns 0 for
 * nobody (no child to pick).
 */
static int kill_target(const struct child *c, long *target, long *sig)
{
	static const int32_t nobody[] = { NO_SUCH_PID, -NO_SUCH_PID, 99999,
					  (int32_t)0x80000000, 0x7fffffff };

	switch (below(6)) {
	case 0: case 1:
		*target = c ? c->pid : 0;
		return c != NULL;
	case 2:
		*target = c ? -c->pid : 0;
		return c != NULL;
	case 3:
		*target = chance(50) ? 0 : getpid();
		if (!self_signal_ok((int)*sig))
			*sig = SIGUSR1 + below(2) * (SIGUSR2 - SIGUSR1);
		break;
	case 4:
		*target = PICK(nobody);
		return 1;
	default:
		*target = getpid();
		break;
	}
	/* At ourselves: a signal we survive, or none (0 checks the pid). */
	if (!self_signal_ok((int)*sig))
		*sig = 0;
	return 1;
}

/* kill, tkill or tgkill (a thread is a process here). */
static long send_signal(long nr, long target, long sig)
{
	if (nr == SYS_tkill && target > 0)
		return raw_call(SYS_tkill, target, sig, 0, 0, 0, 0);
	if (nr == SYS_tgkill && target > 0)
		return raw_call(SYS_tgkill, target, target, sig, 0, 0, 0);
	return raw_call(SYS_kill, target, sig, 0, 0, 0, 0);
}

void op_kill(struct call *call)
{
	long nr = chance(80) ? SYS_kill : chance(50) ? SYS_tkill : SYS_tgkill;
	long sig = gen_signal();
	struct child *c = child_random();
	long target, ret;

	(void)call;
	if (!kill_target(c, &target, &sig))
		return;
	if (c && (target == c->pid || target == -c->pid))
		accept_signal(c, (int)sig);
	ret = send_signal(nr, target, sig);
	snprintf(last_op, sizeof(last_op), "kill(%ld, %ld) = %ld", target, sig, ret);
	if (target == NO_SUCH_PID && sig >= 0 && sig <= 64 && ret != -ESRCH)
		bug("kill of a pid that cannot exist returned %ld", ret);
}

/* Anyone, a child, our group, a child's group, or a random pid. */
static long wait_pid(void)
{
	struct child *c;
	long pid;

	switch (below(5)) {
	case 0: pid = -1; break;
	case 1: c = child_random(); pid = c ? c->pid : -1; break;
	case 2: pid = 0; break;
	case 3: c = child_random(); pid = c ? -c->pid : -NO_SUCH_PID; break;
	default: pid = (long)gen_int(); break;
	}
	if (pid == 1 || (pid > 1 && !child_find((pid_t)pid) && pid < 32768))
		pid = NO_SUCH_PID;	/* a random pid could belong to anybody */
	return pid;
}

static long wait_options(void)
{
	long options = chance(80) ? WNOHANG : 0;

	if (chance(10))
		options |= chance(50) ? WUNTRACED : WCONTINUED;
	if (chance(5))
		options = (long)gen_int();
	return options;
}

/* What wait4 reaped must be checked like any other ending. */
static void wait_done(long ret, long pid, long statusp, int *status, int good_status)
{
	struct child *c;

	if (ret > 0) {
		if (statusp == 0 || good_status)
			child_ended((pid_t)ret, *status, good_status);
		else
			child_ended((pid_t)ret, 0, 0);
	} else if (ret == -EFAULT && pid > 0 && statusp != (long)status) {
		c = child_find((pid_t)pid);
		if (c)
			c->maybe_gone = 1;
	} else if (ret == -EFAULT) {
		children_maybe_gone();
	}
}

void op_wait(struct call *call)
{
	int *status = (int *)(scratch + 128);
	long pid, options, statusp, rusage, ret;
	int good_status;

	(void)call;
	pid = wait_pid();
	options = wait_options();
	if (!(options & WNOHANG))
		timeout_arm();
	good_status = chance(85);
	statusp = good_status ? (long)status : (long)bad_pointer();
	if (statusp == 0)
		good_status = 0;
	rusage = chance(90) ? 0 : chance(50) ? (long)bad_pointer() : (long)out_ptr(72);
	snprintf(last_op, sizeof(last_op), "wait4(%ld, %#lx, %#lx, %#lx)", pid,
		 statusp, options, rusage);
	ret = raw_call(SYS_wait4, pid, statusp, options, rusage, 0, use_df && chance(3));
	wait_done(ret, pid, statusp, status, good_status);
}

void op_fork(struct call *call)
{
	(void)call;
	spawn_child();
}

void op_ids(struct call *call)
{
	static const long id_calls[] = { SYS_getpid, SYS_getppid,
					 SYS_getpgrp, SYS_getpgid, SYS_getsid };

	call->nr = PICK(id_calls);
	call->arg[0] = chance(50) ? 0 : (long)gen_int();
	call_make(call);
}

/* setpgid on us or a child, into its own group or nonsense; or setsid. */
void op_setpgid(struct call *call)
{
	static const int32_t groups[] = { 0, 0, -1, NO_SUCH_PID, 1 };
	long who = nchildren && chance(50) ? child_random()->pid : 0;
	long pgid;

	if (chance(20))
		who = NO_SUCH_PID;
	pgid = PICK(groups);
	if (pgid == 1)
		pgid = who ? who : getpid();	/* its own group */
	call->arg[0] = who;
	call->arg[1] = pgid;
	if (chance(15) && depth == 0)
		call->nr = SYS_setsid;
	else
		call->nr = SYS_setpgid;
	call_make(call);
}

/* A fuzzing child may end early, like any program. */
void op_exit(struct call *call)
{
	(void)call;
	if (depth > 0) {
		reap_all();
		child_exit(bugs ? 1 : MINION_OK);
	}
}
