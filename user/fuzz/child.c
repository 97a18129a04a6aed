/*
 * child.c - the children a worker forks.  Each gets a behaviour (exit,
 * fuzz a little, block, exec, fault, stop itself, ...) and, before the
 * fork, the list of endings that behaviour allows: exit codes, and the
 * signals that may kill it (the worker adds every signal it sends).
 * Whoever reaps a child, a fuzzed wait4 or the end of the generation,
 * checks its status against that list.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>

#include "fuzz.h"
#include "longrun.h"
#include "rng.h"

#define MAX_CHILDREN 8		/* live children per worker */
#define MAX_GRANDCHILDREN 3	/* per fuzzing child */
#define EXEC_FAILED 99
#define STOP_CONTINUED 7
#define MEMHOG_MAX (16u << 20)

enum {
	B_EXIT, B_FUZZ, B_BLOCK_READ, B_PAUSE, B_EXEC, B_FAULT, B_SIGRETURN,
	B_STOP, B_ORPHAN, B_BRK, B_MEMHOG, B_WRITE_FULL, NR_BEHAVIOURS
};

struct behaviour {
	const char *name;
	void (*plan)(struct child *c);		/* its detail and endings */
	void (*run)(const struct child *c);	/* in the child */
};

static const struct behaviour behaviours[NR_BEHAVIOURS];	/* at the end */

static struct child children[MAX_CHILDREN];
int nchildren;
int depth;
int pipe_rd = -1, pipe_wr = -1;
static int max_children = MAX_CHILDREN;

/* ------------------------------------------------------------------ */
/* What a child may end with, and checking it.                         */

static void accept_exit(struct child *c, int code)
{
	c->exit_ok[(code & 255) / 32] |= 1u << (code % 32);
}

void accept_signal(struct child *c, int sig)
{
	if (sig >= 1 && sig <= 64)
		c->sig_ok |= 1ull << (sig - 1);
}

struct child *child_find(pid_t pid)
{
	for (int i = 0; i < nchildren; i++)
		if (children[i].pid == pid)
			return &children[i];
	return NULL;
}

/* A random live child, or NULL if there is none. */
struct child *child_random(void)
{
	return nchildren ? &children[below(nchildren)] : NULL;
}

/* A wait failed with EFAULT: which child it reaped, if any, is unknown. */
void children_maybe_gone(void)
{
	for (int i = 0; i < nchildren; i++)
		children[i].maybe_gone = 1;
}

static void child_remove(struct child *c)
{
	*c = children[--nchildren];
}

static int ending_allowed(const struct child *c, int status)
{
	if (WIFEXITED(status))
		return (c->exit_ok[WEXITSTATUS(status) / 32] >> (WEXITSTATUS(status) % 32)) & 1;
	return WIFSIGNALED(status) && ((c->sig_ok >> (WTERMSIG(status) - 1)) & 1);
}

/* A wait reported pid with status: check it against what was allowed. */
void child_ended(pid_t pid, int status, int status_known)
{
	struct child *c = child_find(pid);

	if (!c) {
		if (depth == 0)
			bug("wait returned pid %d, which is not a child of ours", (int)pid);
		return;
	}
	if (status_known && (WIFSTOPPED(status) || WIFCONTINUED(status)))
		return;		/* a report, not an ending */
	if (status_known && !ending_allowed(c, status))
		bug("child %d (%s %d) ended with status 0x%x (%s %d)",
		    (int)pid, behaviours[c->behaviour].name, c->detail,
		    status, WIFEXITED(status) ? "exit" : "signal",
		    WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
	child_remove(c);
}

/* Reap whatever has ended, without blocking. */
void reap_some(void)
{
	int status;
	pid_t pid;

	while (nchildren > 0 &&
	       (pid = (pid_t)sys5(SYS_wait4, -1, (long)&status, WNOHANG, 0, 0)) > 0)
		child_ended(pid, status, 1);
}

/* Reap the last child after SIGKILL; it must come. */
static void reap_killed(struct child *c)
{
	int status = 0;
	long got;

	alarm(20);
	got = sys5(SYS_wait4, c->pid, (long)&status, 0, 0, 0);
	alarm(0);
	if (got == c->pid) {
		child_ended(c->pid, status, 1);
	} else if (got == -ECHILD && c->maybe_gone) {
		child_remove(c);
	} else {
		bug("child %d (%s) was not reaped after SIGKILL: wait4 = %ld",
		    (int)c->pid, behaviours[c->behaviour].name, got);
		child_remove(c);
	}
}

/* End every child: SIGKILL (which also ends a stop), then reap each. */
void reap_all(void)
{
	for (int i = 0; i < nchildren; i++) {
		sys5(SYS_kill, children[i].pid, SIGKILL, 0, 0, 0);
		sys5(SYS_kill, -children[i].pid, SIGKILL, 0, 0, 0);
		accept_signal(&children[i], SIGKILL);
	}
	while (nchildren > 0)
		reap_killed(&children[nchildren - 1]);
}

/* ------------------------------------------------------------------ */
/* Planning a child: its detail and the endings it allows.             */

static void plan_exit(struct child *c)
{
	c->detail = (int)below(256);
	accept_exit(c, c->detail);
}

static void plan_exit_0(struct child *c)
{
	accept_exit(c, 0);
}

static void plan_fuzz(struct child *c)
{
	accept_exit(c, MINION_OK);
	accept_signal(c, SIGALRM);	/* its own alarm, if the reset stuck */
}

static void plan_exec(struct child *c)
{
	c->detail = (int)below(7);
	accept_exit(c, 0);
	accept_exit(c, EXEC_FAILED);
}

static void plan_fault(struct child *c)
{
	c->detail = (int)below(NR_FAULTS + 1);
	for (int s = 1; s <= 64; s++)
		if (fault_signal_ok(c->detail, s))
			accept_signal(c, s);
}

/* 0: garbage frame, 1: frame on unmapped stack, 2: garbage frame and
 * then the x87 unit (its state came from the frame) */
static void plan_sigreturn(struct child *c)
{
	c->detail = (int)below(3);
	if (ON_CONDUIT && c->detail == 1) {
		accept_signal(c, SIGSEGV);
		return;
	}
	accept_exit(c, SIGRETURN_LANDED);
	accept_signal(c, SIGTRAP);
	accept_signal(c, SIGSEGV);
	if (c->detail == 2)
		accept_signal(c, SIGFPE);
}

static void plan_stop(struct child *c)
{
	accept_exit(c, STOP_CONTINUED);
}

static void plan_memhog(struct child *c)
{
	accept_exit(c, 0);
	accept_signal(c, SIGSEGV);
	accept_signal(c, SIGKILL);
}

/* ------------------------------------------------------------------ */
/* What the child does.                                                */

void child_exit(int code)
{
	sys5(chance(50) ? SYS_exit : SYS_exit_group, code, 0, 0, 0, 0);
	_exit(code);
}

static void run_exit(const struct child *c)
{
	child_exit(c->detail);
}

static void run_fuzz(const struct child *c)
{
	(void)c;
	alarm(10);
	run_ops(5 + below(25));
	reap_all();
	child_exit(bugs ? 1 : MINION_OK);
}

static void run_block_read(const struct child *c)
{
	(void)c;
	if (pipe_rd >= 0)
		sys5(SYS_read, pipe_rd, (long)scratch, 16, 0, 0);
	child_exit(0);
}

static void run_pause(const struct child *c)
{
	(void)c;
	alarm(1 + below(2));
	sys5(SYS_pause, 0, 0, 0, 0, 0);
	child_exit(0);
}

/* About 200 KiB of arguments: E2BIG. */
static void exec_args_too_big(char **argv, char **envp)
{
	static char big[70000];

	memset(big, 'x', sizeof(big) - 1);
	argv[1] = argv[2] = big;
	envp[0] = big;
}

/* exec /bin/true with good arguments (detail 0) or one of six bad ones. */
static void run_exec(const struct child *c)
{
	char *argv[4] = { "true", "x", NULL, NULL };
	char *envp[3] = { "A=1", NULL, NULL };
	long av = (long)argv, ev = (long)envp;

	switch (c->detail) {
	case 1: av = 0; ev = 0; break;
	case 2: argv[1] = (char *)bad_pointer(); break;
	case 3: av = (long)bad_pointer(); break;
	case 4: envp[0] = (char *)unterminated_path(); break;
	case 5: exec_args_too_big(argv, envp); break;
	case 6: av = (long)(scratch_end - 8); break;
	}
	sys5(SYS_execve, (long)"/bin/true", av, ev, 0, 0);
	child_exit(EXEC_FAILED);
}

static void run_fault(const struct child *c)
{
	set_handler(SIGSEGV, SIG_DFL, 0);
	set_handler(SIGBUS, SIG_DFL, 0);
	set_handler(SIGILL, SIG_DFL, 0);
	set_handler(SIGFPE, SIG_DFL, 0);
	set_handler(SIGTRAP, SIG_DFL, 0);
	fault_run(c->detail);
	child_exit(0);	/* did not fault: the parent reports it */
}

static void run_sigreturn(const struct child *c)
{
#if ON_CONDUIT
	/* Die of what the garbage causes, not in the worker's handlers
	 * (an x87 exception from the frame's FPU state is SIGFPE now). */
	set_handler(SIGSEGV, SIG_DFL, 0);
	set_handler(SIGTRAP, SIG_DFL, 0);
	set_handler(SIGFPE, SIG_DFL, 0);
	garbage_sigreturn(c->detail);
#else
	(void)c;
#endif
	child_exit(SIGRETURN_LANDED);
}

static void run_stop(const struct child *c)
{
	(void)c;
	sys5(SYS_kill, getpid(), SIGSTOP, 0, 0, 0);
	child_exit(STOP_CONTINUED);
}

/* A grandchild that outlives us by a little: init must reap it. */
static void run_orphan(const struct child *c)
{
	(void)c;
	if (fork() == 0) {
		struct timespec ts = { 0, 20000000 };
		nanosleep(&ts, NULL);
		_exit(0);
	}
	child_exit(0);
}

/* Move the break down, up, anywhere, past the stack, to page 1. */
static void run_brk(const struct child *c)
{
	static const uint32_t wild[] = { 0, 1, 0xfff, 0x8048000, 0xbf7ff001u,
					 0xbfffffffu, 0xc0000000u, 0xffffffffu };
	long cur = sys5(SYS_brk, 0, 0, 0, 0, 0);

	(void)c;
	sys5(SYS_brk, cur - (long)below(1 << 20), 0, 0, 0, 0);
	sys5(SYS_brk, cur + (long)below(8 << 20), 0, 0, 0, 0);
	sys5(SYS_brk, (long)PICK(wild), 0, 0, 0, 0);
	sys5(SYS_brk, 0xbf800000, 0, 0, 0, 0);
	sys5(SYS_brk, 4096, 0, 0, 0, 0);
	child_exit(0);
}

/* Take up to MEMHOG_MAX; fresh pages must read zero (else exit 2). */
static void run_memhog(const struct child *c)
{
	long cur = sys5(SYS_brk, 0, 0, 0, 0, 0);
	long want = cur + 1 + (long)below(MEMHOG_MAX);
	long got = sys5(SYS_brk, want, 0, 0, 0, 0);

	(void)c;
	if (got >= want) {
		for (long a = cur; a < want; a += 4096)
			if (*(volatile char *)a != 0)
				child_exit(2);	/* stale data in fresh memory */
	}
	child_exit(0);
}

/* Fill the worker's pipe: the writer blocks until killed or read. */
static void run_write_full(const struct child *c)
{
	(void)c;
	if (pipe_wr >= 0)
		for (int i = 0; i < 40; i++)
			if (sys5(SYS_write, pipe_wr, (long)scratch, 4096, 0, 0) < 0)
				break;
	child_exit(0);
}

static const struct behaviour behaviours[NR_BEHAVIOURS] = {
	[B_EXIT] = { "exit", plan_exit, run_exit },
	[B_FUZZ] = { "fuzz", plan_fuzz, run_fuzz },
	[B_BLOCK_READ] = { "block-read", plan_exit_0, run_block_read },
	[B_PAUSE] = { "pause", plan_exit_0, run_pause },
	[B_EXEC] = { "exec", plan_exec, run_exec },
	[B_FAULT] = { "fault", plan_fault, run_fault },
	[B_SIGRETURN] = { "sigreturn", plan_sigreturn, run_sigreturn },
	[B_STOP] = { "stop", plan_stop, run_stop },
	[B_ORPHAN] = { "orphan", plan_exit_0, run_orphan },
	[B_BRK] = { "brk", plan_exit_0, run_brk },
	[B_MEMHOG] = { "memhog", plan_memhog, run_memhog },
	[B_WRITE_FULL] = { "write-full", plan_exit_0, run_write_full },
};

/* ------------------------------------------------------------------ */
/* Forking.                                                            */

static void child_main(const struct child *c, uint32_t seed) __attribute__((noreturn));
static void child_main(const struct child *c, uint32_t seed)
{
	rng_seed(seed, 0x6368696c, (uint32_t)depth);
	nchildren = 0;
	max_children = depth >= 2 ? 0 : MAX_GRANDCHILDREN;
	op_number = 0;
	sys5(SYS_setpgid, 0, 0, 0, 0, 0);
	behaviours[c->behaviour].run(c);
	child_exit(0);
}

/* Children of children only exit or leave orphans; memhogs are rarer. */
static int pick_behaviour(void)
{
	int b = depth > 0 ? (chance(50) ? B_EXIT : B_ORPHAN) : (int)below(NR_BEHAVIOURS);

	if (b == B_MEMHOG && chance(70))
		b = B_EXIT;
	return b;
}

/* Fork a child with a random behaviour; remember what it may do. */
void spawn_child(void)
{
	uint32_t seed = rnd();
	struct child *c;
	long pid;

	if (nchildren >= max_children)
		return;
	c = &children[nchildren];
	memset(c, 0, sizeof(*c));
	c->behaviour = pick_behaviour();
	behaviours[c->behaviour].plan(c);
	snprintf(last_op, sizeof(last_op), "fork (child: %s %d)",
		 behaviours[c->behaviour].name, c->detail);
	pid = sys5(SYS_fork, 0, 0, 0, 0, 0);
	if (pid == 0) {
		depth++;
		child_main(c, seed);
	}
	if (pid < 0) {
		if (pid != -EAGAIN && pid != -ENOMEM)
			bug("fork failed with %ld", pid);
		return;
	}
	c->pid = (pid_t)pid;
	nchildren++;
	sys5(SYS_setpgid, pid, pid, 0, 0, 0);
}
