/*
 * scenario.c - running one scenario in the main process (of its lane):
 * make its pipes and FIFO, fork its processes, then tick until all are
 * reaped, collecting their reports, sending random signals, waking the
 * stopped ones and watching for a hang; then the checks (check.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "longrun.h"
#include "rng.h"
#include "stress.h"

struct scenario sc;

/* ------------------------------------------------------------------ */
/* Setting up and tidying.                                             */

/* Make the scenario's pipes, and its FIFO with the keeper's end; 0 if done. */
static int make_pipes(void)
{
	if (sc.fifo) {
		snprintf(sc.fifo_path, sizeof(sc.fifo_path), "%s/fifo%d",
			 stress_dir, sc.number);
		if (mkfifo(sc.fifo_path, 0600) != 0) {
			printf("stress: mkfifo %s: %s\n", sc.fifo_path, strerror(errno));
			sc.fifo_path[0] = 0;
			stress_failures++;
			return -1;
		}
		if (sc.keeper &&
		    (sc.keeper_fd = open(sc.fifo_path, O_RDWR)) < 0) {
			/* Without the keeper the plan's killable writers could
			 * leave a reader at end of file too early: not a test. */
			printf("stress: open %s O_RDWR: %s\n", sc.fifo_path,
			       strerror(errno));
			stress_failures++;
			return -1;
		}
	}
	for (int i = sc.fifo ? 1 : 0; i < sc.npipes; i++) {
		if (pipe(sc.pipes[i]) != 0) {
			printf("stress: pipe: %s\n", strerror(errno));
			stress_failures++;
			return -1;
		}
	}
	return 0;
}

/* The main process's copies of the pipe ends: only the processes keep theirs. */
static void close_pipes(void)
{
	for (int i = 0; i < MAX_PIPES; i++) {
		for (int end = 0; end < 2; end++) {
			if (sc.pipes[i][end] >= 0)
				close(sc.pipes[i][end]);
			sc.pipes[i][end] = -1;
		}
	}
}

static void close_keeper(void)
{
	if (sc.keeper_fd >= 0)
		close(sc.keeper_fd);
	sc.keeper_fd = -1;
}

/*
 * Once every writer is gone, so the reader can see end of file - but not
 * before the reader has the FIFO open: an open(O_RDONLY) that comes after
 * the last writer and the keeper have gone waits for a writer for ever,
 * as POSIX says (a slow-starting reader hung that way with 4 CPUs).
 */
static void release_keeper(void)
{
	for (int i = 0; i < sc.nprocs; i++) {
		const struct sproc *p = &sc.procs[i];
		if (p->role == R_WRITER && !p->reaped)
			return;
		if (p->role == R_READER && !p->opened && !p->reaped)
			return;
	}
	close_keeper();
}

/* ------------------------------------------------------------------ */
/* Forking, reaping, signalling.                                       */

/*
 * Fork the processes; the number running.  The signals they handle stay
 * blocked until each has its handlers in place: a SIGTERM that came
 * before would kill a process that was meant to catch it.
 */
static int start_processes(void)
{
	sigset_t block, old_mask;
	int live = 0;

	fflush(stdout);		/* or each child would have a copy to print */
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigaddset(&block, SIGUSR2);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGWINCH);
	sigprocmask(SIG_BLOCK, &block, &old_mask);
	for (int i = 0; i < sc.nprocs; i++) {
		pid_t pid = fork();
		if (pid == 0)
			process_main(i, &old_mask);
		sc.procs[i].pid = pid;
		if (pid < 0) {
			printf("stress: fork: %s\n", strerror(errno));
			stress_failures++;
			sc.procs[i].reaped = 1;
		} else {
			live++;
		}
	}
	sigprocmask(SIG_SETMASK, &old_mask, NULL);
	close_pipes();
	return live;
}

/* Reap whatever has ended; how many of the scenario's processes that was. */
static int reap(void)
{
	int status, n = 0;
	pid_t pid;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		for (int i = 0; i < sc.nprocs; i++) {
			struct sproc *p = &sc.procs[i];
			if (p->pid == pid && !p->reaped) {
				p->reaped = 1;
				p->status = status;
				n++;
			}
		}
	}
	return n;
}

static void kill_all(int sig)
{
	for (int i = 0; i < sc.nprocs; i++)
		if (sc.procs[i].pid > 0 && !sc.procs[i].reaped)
			kill(sc.procs[i].pid, sig);
}

/* A random signal for p, among those its plan allows. */
static int pick_signal(const struct sproc *p)
{
	uint32_t r = below(100);

	if (r < 35)
		return SIGUSR1;
	if (r < 45)
		return SIGUSR2;
	if (r < 55)
		return chance(50) ? SIGWINCH : SIGCONT;
	if (r < 75)
		return SIGSTOP;
	if (r < 85)
		return p->killable || p->term_handled ? SIGTERM : SIGUSR1;
	return p->killable && chance(40) ? SIGKILL : SIGUSR1;
}

/* Send one random signal to one random live process; t: the time now. */
static void random_signal(double t)
{
	struct sproc *p = &sc.procs[below((uint32_t)sc.nprocs)];
	int sig;

	if (p->reaped || p->pid <= 0)
		return;
	sig = pick_signal(p);
	if (sig == SIGSTOP) {
		if (p->stopped)
			return;
		p->stopped = 1;
		p->stop_until = t + 0.005 + below(200) / 1000.0;
	}
	p->sent_signals |= 1ull << (sig - 1);	/* check.c judges the ending by it */
	if (stress_verbose)
		printf("stress:   signal %d -> process %d (pid %d)\n", sig,
		       (int)(p - sc.procs), (int)p->pid);
	kill(p->pid, sig);
}

/* SIGCONT to the processes whose stop has lasted long enough. */
static void continue_stopped(double t)
{
	for (int i = 0; i < sc.nprocs; i++) {
		struct sproc *p = &sc.procs[i];
		if (p->stopped && !p->reaped && t >= p->stop_until) {
			kill(p->pid, SIGCONT);
			p->stopped = 0;
		}
	}
}

static void report_hang(void)
{
	scenario_bug("not finished after %d s: hung", stress_hang_seconds);
	file_dump("/proc/ps");
	file_dump("/proc/pipes");
	kill_all(SIGKILL);
}

/*
 * Tick every 2-21 ms until the live processes are all reaped.  Reports
 * are read as they come: the results pipe could not hold them all, and a
 * process blocked writing its report would never end.
 */
static void watch(int live)
{
	double start = now_seconds();
	int hung = 0;

	rng_seed(stress_seed, sc.key, RNG_MAIN);
	while (live > 0) {
		struct pollfd pfd = { results_pipe[0], POLLIN, 0 };
		double t;

		poll(&pfd, 1, 2 + (int)below(20));
		check_drain_reports();
		t = now_seconds();
		if (chance(sc.signal_rate))
			random_signal(t);
		continue_stopped(t);
		live -= reap();
		if (sc.keeper_fd >= 0)
			release_keeper();
		if (!hung && t - start > stress_hang_seconds) {
			report_hang();
			hung = 1;
		}
	}
}

/* ------------------------------------------------------------------ */
/* The whole scenario.                                                 */

static void check_all(void)
{
	check_drain_reports();
	for (int i = 0; i < sc.nprocs; i++)
		if (sc.procs[i].pid > 0)
			check_status(i);
	check_delivery();
}

/* What the main process made for the scenario, after it or a failed setup. */
static void tidy(void)
{
	close_pipes();
	close_keeper();
	if (sc.fifo_path[0])
		unlink(sc.fifo_path);
}

/* Scenario number K: plan, run and check it, and leave nothing behind. */
void scenario_run(int number)
{
	int failures_before = stress_failures;

	scenario_plan(number, mix32(stress_seed ^ mix32((uint32_t)number + 1)));
	if (stress_verbose)
		scenario_describe();
	if (make_pipes() != 0) {
		tidy();
		return;
	}
	watch(start_processes());
	tidy();
	check_all();
	if (stress_failures != failures_before)
		printf("stress: scenario %d (key %u, %s) failed: replay it alone with "
		       "stress -v -s %d %u\n", number, sc.key, topology_names[sc.topology],
		       number, stress_seed);
}
