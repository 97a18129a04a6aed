/*
 * supervise.c - the main process's side of the workers: start a fresh
 * worker process for each generation of each stream, listen to their
 * heartbeats, reap them and report the failed ones with the command that
 * replays them, and kill a worker that stopped making progress.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#include "fuzz.h"
#include "longrun.h"
#include "rng.h"

#define HANG_SECONDS 90		/* no heartbeat for this long: hung */
#define POLL_MS 500		/* how often the loop looks around */

struct worker {
	pid_t pid;		/* -1 while idle */
	int gen;
	int hb;			/* read end of its heartbeat pipe, or -1 */
	double last_beat;
	uint32_t seed;
};

/* Where the loop is. */
struct run {
	const struct plan *plan;
	double deadline;	/* -t: no new generation after this */
	long total_gens;	/* SEED N: generations per stream; -t: -1 */
	long next_gen[MAX_WORKERS];
	struct outcome *out;
};

static struct worker workers[MAX_WORKERS];
static const int console_fd = 1;

/* Generation gen of stream w: its own seed, whatever ran before it. */
static uint32_t gen_seed(int w, int gen)
{
	return mix32(main_seed ^ mix32((uint32_t)w * 0x9e3779b9u ^ mix32((uint32_t)gen + 1)));
}

/* In the new worker process: its console and heartbeat descriptors. */
static void become_worker(int hb[2], int w, int gen, uint32_t seed, long ops)
	__attribute__((noreturn));
static void become_worker(int hb[2], int w, int gen, uint32_t seed, long ops)
{
	close(hb[0]);
	dup2(console_fd, LOG_FD);
	dup2(hb[1], HB_FD);
	if (hb[1] != HB_FD)
		close(hb[1]);
	fcntl(HB_FD, F_SETFL, O_NONBLOCK);
	for (int i = 0; i < MAX_WORKERS; i++)
		if (workers[i].hb >= 0 && workers[i].hb != LOG_FD && workers[i].hb != HB_FD)
			close(workers[i].hb);
	worker_main(w, gen, seed, ops);
}

/* Fork worker w for generation gen; wk->pid is -1 if that failed. */
static void start_worker(struct worker *wk, int w, int gen, long ops)
{
	int hb[2];
	pid_t pid;

	if (pipe(hb) != 0) {
		printf("fuzz: pipe for worker %d: %s\n", w, strerror(errno));
		wk->pid = -1;
		return;
	}
	wk->gen = gen;
	wk->seed = gen_seed(w, gen);
	fflush(stdout);
	pid = fork();
	if (pid == 0)
		become_worker(hb, w, gen, wk->seed, ops);
	close(hb[1]);
	if (pid < 0) {
		printf("fuzz: fork of worker %d failed: %s\n", w, strerror(errno));
		close(hb[0]);
		wk->pid = -1;
		wk->hb = -1;
		return;
	}
	wk->pid = pid;
	wk->hb = hb[0];
	fcntl(hb[0], F_SETFL, O_NONBLOCK);
	wk->last_beat = now_seconds();
}

/* Should idle worker w start another generation?  *ops: its calls. */
static int next_generation(struct run *run, int w, double t, long *ops)
{
	const struct plan *plan = run->plan;
	long *gen = &run->next_gen[w];

	if (plan->only_w >= 0 && (w != plan->only_w || *gen > plan->only_g))
		return 0;
	if (plan->only_w >= 0 && *gen < plan->only_g)
		*gen = plan->only_g;
	if (plan->seconds ? t >= run->deadline : *gen >= run->total_gens)
		return 0;
	*ops = plan->seconds ? GEN_OPS : plan->rounds - *gen * GEN_OPS;
	if (*ops > GEN_OPS)
		*ops = GEN_OPS;
	return 1;
}

/* Start the next generation wherever a worker is idle; how many run. */
static int start_idle(struct run *run, double t)
{
	int running = 0;

	for (int w = 0; w < nworkers; w++) {
		long ops;

		if (workers[w].pid > 0 || !next_generation(run, w, t, &ops))
			continue;
		start_worker(&workers[w], w, (int)run->next_gen[w], ops);
		run->next_gen[w]++;
		if (workers[w].pid < 0) {
			/* Without processes there is no point going on. */
			run->out->failures++;
			run->next_gen[w] = run->total_gens >= 0 ? run->total_gens : 0;
			run->deadline = t;
		}
	}
	for (int w = 0; w < nworkers; w++)
		running += workers[w].pid > 0;
	return running;
}

/* Wait a while for heartbeats; returns the time after. */
static double hear_heartbeats(void)
{
	struct pollfd pfd[MAX_WORKERS];
	int idx[MAX_WORKERS], n = 0;
	double t;

	for (int w = 0; w < nworkers; w++) {
		if (workers[w].pid > 0 && workers[w].hb >= 0) {
			pfd[n].fd = workers[w].hb;
			pfd[n].events = POLLIN;
			idx[n++] = w;
		}
	}
	poll(pfd, n, POLL_MS);
	t = now_seconds();
	for (int i = 0; i < n; i++) {
		char buf[256];

		if (!(pfd[i].revents & POLLIN))
			continue;
		while (read(pfd[i].fd, buf, sizeof(buf)) > 0)
			;
		workers[idx[i]].last_beat = t;
	}
	return t;
}

static void report_failed(const struct run *run, int w, int status)
{
	const struct worker *wk = &workers[w];
	int exited = WIFEXITED(status);
	long rounds = run->plan->seconds ? (long)(wk->gen + 1) * GEN_OPS
					 : run->plan->rounds;

	printf("fuzz: worker %d generation %d (seed %u) %s %d%s\n",
	       w, wk->gen, wk->seed,
	       exited ? "exited with status" : "was killed by signal",
	       exited ? WEXITSTATUS(status) : WTERMSIG(status),
	       exited && WEXITSTATUS(status) == 1 ? " (see the BUG lines above)" : "");
	printf("fuzz:   replay that stream alone: fuzz -o %d.%d %u %ld\n",
	       w, wk->gen, main_seed, rounds);
}

/* Reap the workers that ended (and, as pid 1, any orphans). */
static void reap_workers(struct run *run)
{
	int status;
	pid_t pid;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		for (int w = 0; w < nworkers; w++) {
			struct worker *wk = &workers[w];

			if (wk->pid != pid)
				continue;
			run->out->gens_done++;
			if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
				run->out->failures++;
				report_failed(run, w, status);
			}
			close(wk->hb);
			wk->hb = -1;
			wk->pid = -1;
		}
	}
}

/* A worker silent for HANG_SECONDS is hung: show why, and kill it. */
static void watchdog(struct run *run, double t)
{
	for (int w = 0; w < nworkers; w++) {
		struct worker *wk = &workers[w];

		if (wk->pid <= 0 || t - wk->last_beat <= HANG_SECONDS)
			continue;
		printf("fuzz: worker %d generation %d (seed %u, pid %d) made no progress "
		       "for %d s: hung\n", w, wk->gen, wk->seed, (int)wk->pid, HANG_SECONDS);
		file_dump("/proc/ps");
		file_dump("/proc/pipes");
		kill(-wk->pid, SIGKILL);
		kill(wk->pid, SIGKILL);
		wk->last_beat = t;
		run->out->failures++;
	}
}

/* Run every generation the plan asks for, until all have ended. */
void run_generations(const struct plan *plan, struct outcome *out)
{
	struct run run;

	memset(&run, 0, sizeof(run));
	memset(out, 0, sizeof(*out));
	run.plan = plan;
	run.out = out;
	if (plan->seconds)
		run.deadline = now_seconds() + plan->seconds;
	run.total_gens = plan->seconds ? -1 : (plan->rounds + GEN_OPS - 1) / GEN_OPS;
	for (int i = 0; i < MAX_WORKERS; i++) {
		workers[i].pid = -1;
		workers[i].hb = -1;
	}
	while (start_idle(&run, now_seconds()) > 0) {
		double t = hear_heartbeats();

		reap_workers(&run);
		watchdog(&run, t);
	}
	for (int w = 0; w < nworkers; w++)
		if (run.next_gen[w] > out->most_gens)
			out->most_gens = run.next_gen[w];
}
