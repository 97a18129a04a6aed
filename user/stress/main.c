/*
 * main.c - the stress test's options, its lanes, and the leak check at
 * the end.  What the test does and checks: stress.h.
 *
 *   stress [-v] [-l LANES] [-t SECONDS] [-H SECONDS] [-s SCENARIO] [SEED]
 *
 * With one lane (or -s) the main process runs the scenarios itself;
 * otherwise each lane is a child process with its own results pipe, and
 * its exit status tells the main process whether it failed.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "longrun.h"
#include "rng.h"
#include "stress.h"

#define LANE_MAX_FAILURES 20	/* a lane stops after more: they say enough */

uint32_t stress_seed;
int stress_verbose;
int stress_failures;
int stress_hang_seconds = SCENARIO_SECONDS;
char stress_dir[64];
int results_pipe[2];

struct options {
	long seconds;
	int lanes;
	int only;		/* -s: the one scenario to run, or -1 */
	int host;		/* CONDUIT_HOST_RUN: no leak check on a Linux host */
};

static void usage(void)
{
	fprintf(stderr, "usage: stress [-v] [-l LANES] [-t SECONDS] [-H SECONDS] [-s SCENARIO] [SEED]\n");
	exit(2);
}

static uint32_t random_seed(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return mix32((uint32_t)ts.tv_sec ^ (uint32_t)ts.tv_nsec ^ (uint32_t)getpid() << 16);
}

/* The options into *o, and the seed into stress_seed. */
static void parse_options(int argc, char **argv, struct options *o)
{
	int opt;

	o->seconds = DEFAULT_SECONDS;
	o->lanes = 2;
	o->only = -1;
	o->host = getenv("CONDUIT_HOST_RUN") != NULL;
	while ((opt = getopt(argc, argv, "t:vs:l:H:")) != -1) {
		if (opt == 'l')
			o->lanes = atoi(optarg);
		else if (opt == 's')
			o->only = atoi(optarg);
		else if (opt == 't')
			o->seconds = atol(optarg);
		else if (opt == 'H')
			stress_hang_seconds = atoi(optarg);
		else if (opt == 'v')
			stress_verbose = 1;
		else
			usage();
	}
	if (o->lanes < 1 || o->lanes > MAX_LANES || o->seconds <= 0 ||
	    stress_hang_seconds <= 0 || argc - optind > 1)
		usage();
	if (argc - optind == 1)
		stress_seed = (uint32_t)strtoul(argv[optind], NULL, 0);
	else
		stress_seed = random_seed();
}

/*
 * Record the counters the leak check compares with, after a warm-up:
 * whatever is allocated for good the first time (stack and heap pages,
 * stdio, /tmp's entry for our directory) is then counted in the start.
 * Then make the directory for the FIFOs.  0 if all went well.
 */
static int take_baseline(const struct options *o, struct counters *start)
{
	longrun_warm_up();
	snprintf(stress_dir, sizeof(stress_dir), "/tmp/stress-%d", (int)getpid());
	mkdir(stress_dir, 0755);
	rmdir(stress_dir);
	*start = counters_read();
	if (!start->valid && !o->host) {
		printf("stress: cannot read the counters in /proc/meminfo "
		       "(on a Linux host, set CONDUIT_HOST_RUN=1)\n");
		return -1;
	}
	if (mkdir(stress_dir, 0755) != 0) {
		printf("stress: setup: %s\n", strerror(errno));
		return -1;
	}
	return 0;
}

/*
 * One lane: scenarios first, first + lanes, ... until the time is up, or
 * with -s only that one; how many it ran.
 */
static int run_lane(int first, int lanes, const struct options *o, double start)
{
	int n = 0;

	if (pipe(results_pipe) != 0) {
		printf("stress: pipe: %s\n", strerror(errno));
		stress_failures++;
		return 0;
	}
	fcntl(results_pipe[0], F_SETFL, O_NONBLOCK);
	if (o->only >= 0) {
		scenario_run(o->only);
		n = 1;
	}
	for (int k = first; o->only < 0 && now_seconds() - start < o->seconds &&
	     stress_failures <= LANE_MAX_FAILURES; k += lanes) {
		scenario_run(k);
		n++;
	}
	close(results_pipe[0]);
	close(results_pipe[1]);
	return n;
}

static void lane_child(int lane, const struct options *o, double start)
	__attribute__((noreturn));
static void lane_child(int lane, const struct options *o, double start)
{
	int n = run_lane(lane, o->lanes, o, start);

	printf("stress: lane %d: %d scenarios, %d failure(s)\n", lane, n, stress_failures);
	fflush(stdout);
	_exit(stress_failures ? 1 : 0);
}

static void wait_lanes(const pid_t *pids, int lanes, int running)
{
	while (running > 0) {
		int status;
		pid_t pid = waitpid(-1, &status, 0);

		if (pid < 0 && errno == EINTR)
			continue;
		if (pid < 0)
			break;
		for (int l = 0; l < lanes; l++) {
			if (pid != pids[l])
				continue;
			running--;
			if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
				printf("stress: lane %d ended with status %#x\n", l, status);
				stress_failures++;
			}
		}
	}
}

/* Each lane in a process of its own, LANES scenarios at once. */
static void run_lanes(const struct options *o, double start)
{
	pid_t pids[MAX_LANES];
	int running = 0;

	fflush(stdout);		/* or each lane would have a copy to print */
	for (int l = 0; l < o->lanes; l++) {
		pids[l] = fork();
		if (pids[l] == 0)
			lane_child(l, o, start);
		if (pids[l] < 0) {
			printf("stress: fork of lane %d: %s\n", l, strerror(errno));
			stress_failures++;
		} else {
			running++;
		}
	}
	wait_lanes(pids, o->lanes, running);
}

/*
 * Each scenario unlinks its FIFO, so the directory must be empty.  If it
 * is not, that is a failure; the leftovers go anyway, so that the leak
 * check is about the kernel.
 */
static void remove_dir(void)
{
	if (rmdir(stress_dir) == 0)
		return;
	printf("stress: could not remove %s: %s\n", stress_dir, strerror(errno));
	stress_failures++;
	tree_remove(stress_dir);
}

static void reap_strays(void)
{
	int status;

	while (waitpid(-1, &status, WNOHANG) > 0)
		;
}

/* Everything is gone now: the kernel's counters must be back at start. */
static void leak_check(const struct options *o, const struct counters *start)
{
	struct counters end;

	if (o->host) {
		printf("stress: host run: counter check skipped\n");
		return;
	}
	if (!counters_settle(start, &end, reap_strays)) {
		counters_report("stress", start, &end);
		printf("stress: FAILED: the kernel's counters did not return to their start\n");
		stress_failures++;
		return;
	}
	printf("stress: counters back to their start (pages_free %ld, files %ld, "
	       "pipes %ld, processes %ld, kmalloc_objects %ld)\n", end.pages_free,
	       end.files, end.pipes, end.processes, end.kmalloc_objects);
}

int main(int argc, char **argv)
{
	struct options o;
	struct counters start_counters;
	double start;

	parse_options(argc, argv, &o);
	printf("stress: seed %u, %ld seconds (replay: stress -t %ld %u)\n",
	       stress_seed, o.seconds, o.seconds, stress_seed);
	fflush(stdout);
	signal(SIGPIPE, SIG_IGN);
	if (take_baseline(&o, &start_counters) != 0)
		return 1;
	start = now_seconds();
	if (o.only >= 0 || o.lanes == 1) {
		int n = run_lane(0, 1, &o, start);
		remove_dir();
		printf("stress: %d scenarios in %.0f s, %d failure(s)\n", n,
		       now_seconds() - start, stress_failures);
	} else {
		run_lanes(&o, start);
		remove_dir();
		printf("stress: %d lanes for %.0f s, %d failure(s)\n", o.lanes,
		       now_seconds() - start, stress_failures);
	}
	leak_check(&o, &start_counters);
	printf("stress: %s (seed %u)\n", stress_failures ? "FAILED" : "passed", stress_seed);
	fflush(stdout);
	return stress_failures ? 1 : 0;
}
