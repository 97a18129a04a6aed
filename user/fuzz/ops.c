/*
 * ops.c - the table of operations a worker picks from, with their
 * weights, and the generic way of making a call.  To fuzz another call,
 * write an op_ function (in the ops_ file of its kind) and add it to the
 * table.
 */
#include <stdio.h>
#include <string.h>

#include "fuzz.h"
#include "rng.h"

struct op {
	const char *name;
	uint8_t weight;		/* relative: how often it is picked */
	void (*run)(struct call *call);
};

/*
 * An operation is picked by where a random number falls among the running
 * sums of the weights, so any change here (order, weights, a new line)
 * makes every seed fuzz different calls: seeds printed before the change
 * no longer replay.
 */
static const struct op ops[] = {
	{ "read", 14, op_read },
	{ "write", 14, op_write },
	{ "open", 12, op_open },
	{ "close", 8, op_close },
	{ "creat", 3, op_creat },
	{ "unlink", 4, op_unlink },
	{ "chdir", 2, op_chdir },
	{ "mknod", 3, op_mknod },
	{ "lseek", 4, op_lseek },
	{ "access", 2, op_access },
	{ "rename", 4, op_rename },
	{ "mkdir", 4, op_mkdir },
	{ "rmdir", 3, op_rmdir },
	{ "dup", 4, op_dup },
	{ "pipe", 6, op_pipe },
	{ "ioctl", 3, op_ioctl },
	{ "fcntl", 4, op_fcntl },
	{ "umask", 1, op_umask },
	{ "dup2", 4, op_dup2 },
	{ "truncate", 2, op_truncate },
	{ "ftruncate", 3, op_ftruncate },
	{ "stat", 4, op_stat },
	{ "fstat", 3, op_fstat },
	{ "sysinfo", 1, op_sysinfo },
	{ "uname", 1, op_uname },
	{ "getdents64", 3, op_getdents },
	{ "getcwd", 2, op_getcwd },
	{ "select", 3, op_select },
	{ "poll", 4, op_poll },
	{ "ppoll", 2, op_ppoll },
	{ "nanosleep", 1, op_nanosleep },
	{ "time", 2, op_time },
	{ "rt_sigaction", 4, op_sigaction },
	{ "rt_sigprocmask", 3, op_sigprocmask },
	{ "rt_sigpending", 1, op_sigpending },
	{ "rt_sigsuspend", 1, op_sigsuspend },
	{ "pause", 1, op_pause },
	{ "alarm", 1, op_alarm },
	{ "itimer", 1, op_itimer },
	{ "kill", 5, op_kill },
	{ "wait4", 5, op_wait },
	{ "fork", 5, op_fork },
	{ "ids", 3, op_ids },
	{ "setpgid", 2, op_setpgid },
	{ "sched_yield", 1, op_yield },
	{ "dup3", 2, op_dup3 },
	{ "pipe2", 3, op_pipe2 },
	{ "nosys", 2, op_nosys },
	{ "probe", 2, op_probe },
	{ "pipe-check", 2, op_pipe_check },
	{ "brk", 2, op_brk },
	{ "console", 1, op_console },
	{ "exit", 1, op_exit },
};

#define NR_OPS (int)(sizeof(ops) / sizeof(ops[0]))

static const struct op *pick_op(void)
{
	static int total_weight;
	uint32_t r;

	if (!total_weight)
		for (int i = 0; i < NR_OPS; i++)
			total_weight += ops[i].weight;
	r = below((uint32_t)total_weight);
	for (int i = 0; i < NR_OPS; i++) {
		if (r < ops[i].weight)
			return &ops[i];
		r -= ops[i].weight;
	}
	return &ops[0];		/* not reached: r < total_weight */
}

/*
 * Note the call for reports, and with -v print it before making it: the
 * last line before a panic then names the culprit.
 */
long call_make(struct call *call)
{
	const long *arg = call->arg;

	snprintf(last_op, sizeof(last_op), "%s [%ld](%#lx, %#lx, %#lx, %#lx, %#lx)%s",
		 call->name, call->nr, arg[0], arg[1], arg[2], arg[3], arg[4],
		 call->df ? " DF" : "");
	if (verbose)
		say("fuzz: w%d.%d #%ld %s\n", worker_index, worker_gen, op_number, last_op);
	call->ret = raw_call(call->nr, arg[0], arg[1], arg[2], arg[3], arg[4], call->df);
	return call->ret;
}

/* Pick an operation and run it: usually one call. */
void one_op(void)
{
	const struct op *op = pick_op();
	struct call call;

	memset(&call, 0, sizeof(call));
	call.name = op->name;
	call.df = use_df && chance(4);	/* 4% of the calls, and more in some ops */
	op_number++;
	last_op[0] = 0;
	op->run(&call);
}
