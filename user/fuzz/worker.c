/*
 * worker.c - a worker process: one generation of one stream of calls.
 * It sets up its scratch memory, its sandbox directory and its signal
 * handlers, makes GEN_OPS calls (sending a heartbeat now and then), then
 * kills and reaps its children.  Also here: how a worker (or a child of
 * it) makes raw system calls, and how it reports what it found.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/time.h>

#include "fuzz.h"
#include "rng.h"

#define BEAT_EVERY 8		/* calls between heartbeats (and reaping) */
#define TIMEOUT_MS 100		/* a call blocked this long is cut short */

int worker_index = -1, worker_gen;
uint32_t worker_seed;
long op_number;
char last_op[256];
int bugs;

/* Workers write straight to LOG_FD (their console copy): no stdio. */
static int log_fd = 2;

void say(const char *fmt, ...)
{
	char line[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (n >= (int)sizeof(line))
		n = sizeof(line) - 1;
	if (write(log_fd, line, n) < 0)
		return;
}

/* A check failed: say which, where to replay it, and the last call. */
void bug(const char *fmt, ...)
{
	char line[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	bugs++;
	say("fuzz: BUG (worker %d gen %d seed %u pid %d op %ld): %s\n"
	    "fuzz:   last call: %s\n", worker_index, worker_gen, worker_seed,
	    (int)getpid(), op_number, line, last_op);
}

/*
 * A system call by number, bypassing the C library (which would check or
 * convert the arguments): the result is the kernel's, -errno on failure.
 * With df set, the direction flag is set across the call: the kernel must
 * clear it before it copies anything.
 */
#if ON_CONDUIT
long raw_call(long nr, long a, long b, long c, long d, long e, int df)
{
	long ret;

	if (df)
		__asm__ volatile("std\n\tint $0x80\n\tcld"
				 : "=a"(ret)
				 : "0"(nr), "b"(a), "c"(b), "d"(c), "S"(d), "D"(e)
				 : "memory", "cc");
	else
		__asm__ volatile("int $0x80"
				 : "=a"(ret)
				 : "0"(nr), "b"(a), "c"(b), "d"(c), "S"(d), "D"(e)
				 : "memory", "cc");
	return ret;
}
#else
long raw_call(long nr, long a, long b, long c, long d, long e, int df)
{
	long ret;

	(void)df;
	ret = syscall(nr, a, b, c, d, e);
	return ret == -1 ? -errno : ret;
}
#endif

/* A call made the plain way (no DF games): for the fuzzer's own work. */
long sys5(long nr, long a, long b, long c, long d, long e)
{
	return raw_call(nr, a, b, c, d, e, 0);
}

/* Put back what every call may have disturbed. */
static void restore_state(void)
{
	sys5(SYS_rt_sigprocmask, SIG_SETMASK, (long)&base_mask, 0, 8, 0);
	guard_check();
}

/* Tell the main process we are alive; it kills a silent worker. */
static void heartbeat(void)
{
	char beat = 'h';

	if (write(HB_FD, &beat, 1) < 0) {
		/* the main process went away: nobody to tell */
	}
}

/*
 * SIGALRM in TIMEOUT_MS: its handler does not restart, so it ends a call
 * that blocks.  A one-shot timer, so that a call that takes long is cut
 * once and not over and over.  (alarm() would wait a whole second, and
 * the run would spend most of its time asleep.)
 */
void timeout_arm(void)
{
	struct itimerval t = { { 0, 0 }, { 0, TIMEOUT_MS * 1000 } };

	setitimer(ITIMER_REAL, &t, NULL);
}

/* count calls, in a worker or in a fuzzing child. */
void run_ops(long count)
{
	for (long i = 0; i < count; i++) {
		if (i % BEAT_EVERY == 0) {
			if (depth == 0)
				heartbeat();
			reap_some();
		}
		/* Any call may block (a FIFO open, a read on our own pipe...):
		 * SIGALRM, whose handler does not restart, ends it. */
		timeout_arm();
		one_op();
		restore_state();
	}
}

/*
 * Make /tmp/fuzz-PID/wN/base (PID being the main process's) and go
 * there.  Also the way back when a chdir left the sandbox: calls that
 * create things use names relative to the current directory, and one
 * made outside the sandbox would outlive the run (and show as a leak).
 */
int sandbox_enter(void)
{
	char root[sizeof(sandbox_dir)];
	const char *slash = strrchr(sandbox_dir, '/');

	snprintf(root, sizeof(root), "%.*s", (int)(slash - sandbox_dir), sandbox_dir);
	mkdir(root, 0755);
	mkdir(sandbox_dir, 0755);
	mkdir(base_dir, 0755);
	return chdir(base_dir);
}

/* Everything a worker needs before its first call; exits if it can't. */
static void worker_setup(int w)
{
	log_fd = LOG_FD;
	if (arena_setup() != 0) {
		say("fuzz: worker %d: no memory for the scratch buffer\n", w);
		_exit(1);
	}
	paths_setup(w);
	if (sandbox_enter() != 0) {
		say("fuzz: worker %d: cannot enter %s\n", w, base_dir);
		_exit(1);
	}
	sys5(SYS_setsid, 0, 0, 0, 0, 0);	/* its own session and group */
	signals_setup();
	for (int fd = 0; fd < 3; fd++)
		close(fd);
}

void worker_main(int w, int gen, uint32_t seed, long ops)
{
	worker_index = w;
	worker_gen = gen;
	worker_seed = seed;
	rng_seed(seed, (uint32_t)w, (uint32_t)gen);
	worker_setup(w);
	run_ops(ops);
	alarm(0);
	reap_all();
	if (verbose)
		say("fuzz: worker %d generation %d: %ld calls, %d alarms, %d signals\n",
		    w, gen, op_number, (int)alarm_count, (int)signal_count);
	_exit(bugs ? 1 : 0);
}
