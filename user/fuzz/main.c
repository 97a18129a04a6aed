/*
 * main.c - the fuzzer's main process: the options and the seed, the
 * warm-up before the kernel's counters are read, the cleanup and the
 * summary, and the leak check.  What the fuzzer does and checks, and
 * which file holds what, is described in fuzz.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "fuzz.h"
#include "longrun.h"
#include "rng.h"

#if !ON_CONDUIT
#include <sys/prctl.h>
#endif

#define DEFAULT_WORKERS 4
#define DEFAULT_ROUNDS 2000

int use_df = 1;
int verbose;
int nworkers = DEFAULT_WORKERS;
uint32_t main_seed;

static void usage(void)
{
	fprintf(stderr, "usage: fuzz [-w WORKERS] [-v] [-D] [-o W.G] [SEED N]\n"
			"       fuzz [-w WORKERS] [-v] [-D] -t SECONDS [SEED]\n");
	exit(2);
}

/* -o W.G: only worker W's generation G. */
static void parse_only(const char *arg, struct plan *plan)
{
	char *end;

	plan->only_w = (int)strtol(arg, &end, 10);
	if (*end != '.')
		usage();
	plan->only_g = (int)strtol(end + 1, &end, 10);
	if (*end || plan->only_w < 0 || plan->only_g < 0)
		usage();
}

static void parse_flags(int argc, char **argv, struct plan *plan)
{
	int opt;

	while ((opt = getopt(argc, argv, "w:t:vDo:")) != -1) {
		switch (opt) {
		case 'w':
			nworkers = atoi(optarg);
			if (nworkers < 1 || nworkers > MAX_WORKERS)
				usage();
			break;
		case 't':
			plan->seconds = atol(optarg);
			if (plan->seconds <= 0)
				usage();
			break;
		case 'v':
			verbose = 1;
			break;
		case 'D':
			use_df = 0;
			break;
		case 'o':
			parse_only(optarg, plan);
			break;
		default:
			usage();
		}
	}
}

/* The options and [SEED [N]]; returns 1 if a seed was given. */
static int parse_options(int argc, char **argv, struct plan *plan)
{
	int left;

	plan->rounds = DEFAULT_ROUNDS;
	plan->seconds = 0;
	plan->only_w = plan->only_g = -1;
	parse_flags(argc, argv, plan);
	left = argc - optind;
	if (plan->seconds ? left > 1 : (left != 0 && left != 2))
		usage();
	if (left == 0)
		return 0;
	main_seed = (uint32_t)strtoul(argv[optind], NULL, 0);
	if (left == 2) {
		plan->rounds = atol(argv[optind + 1]);
		if (plan->rounds < 0)
			usage();
	}
	return 1;
}

static void choose_seed(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	main_seed = mix32((uint32_t)ts.tv_sec ^ (uint32_t)ts.tv_nsec ^
			  (uint32_t)getpid() << 16);
}

/* The first line: what tools/run-long.sh and a replay need to know. */
static void print_seed(const struct plan *plan)
{
	const char *df = use_df ? "" : ", no DF";

	if (plan->seconds)
		printf("fuzz: seed %u, %ld seconds, %d workers%s\n",
		       main_seed, plan->seconds, nworkers, df);
	else
		printf("fuzz: seed %u, %ld rounds, %d workers%s (replay: fuzz %u %ld)\n",
		       main_seed, plan->rounds, nworkers, df, main_seed, plan->rounds);
	fprintf(stderr, "%s", "");	/* stderr's first use is warm-up too */
	fflush(stdout);
}

/* longrun_warm_up(), and once what only the fuzzer uses (longrun.h). */
static void warm_up(const char *root)
{
	longrun_warm_up();
	mkdir(root, 0755);
	tree_remove(root);
	kill_leftovers();
}

/* The counters to come back to; -1 if they cannot be read on Conduit. */
static int counters_at_start(int host, struct counters *before)
{
	*before = counters_read();
	if (!before->valid && !host) {
		printf("fuzz: cannot read the counters in /proc/meminfo "
		       "(on a Linux host, set CONDUIT_HOST_RUN=1)\n");
		return -1;
	}
	*before = counters_read();	/* the first read was warm-up too */
	return 0;
}

/* Everything of ours must go: leftover processes, then the sandbox. */
static int clean_up(const char *root)
{
	reap_leftovers();
	if (tree_remove(root) != 0) {
		printf("fuzz: could not remove %s\n", root);
		return 1;
	}
	return 0;
}

/* Between reads of the counters: reap orphans, now and then kill. */
static void settle_tidy(void)
{
	static int calls;
	int status;

	while (waitpid(-1, &status, WNOHANG) > 0)
		;
	if (++calls % 20 == 0)
		kill_leftovers();
}

/* The counters must come back to *before; 1 if they did not. */
static int leak_check(const struct counters *before)
{
	struct counters after;

	if (!counters_settle(before, &after, settle_tidy)) {
		counters_report("fuzz", before, &after);
		printf("fuzz: FAILED: the kernel's counters did not return to their start\n");
		return 1;
	}
	printf("fuzz: counters back to their start (pages_free %ld, files %ld, "
	       "pipes %ld, processes %ld, kmalloc_objects %ld)\n",
	       after.pages_free, after.files, after.pipes, after.processes,
	       after.kmalloc_objects);
	return 0;
}

static void print_summary(const struct plan *plan, const struct outcome *out,
			  double seconds)
{
	printf("fuzz: %ld generations of up to %d calls in %.0f s, %d failure(s)\n",
	       out->gens_done, GEN_OPS, seconds, out->failures);
	if (plan->seconds)
		printf("fuzz: the same calls again: fuzz %u %ld\n", main_seed,
		       out->most_gens * GEN_OPS);
}

int main(int argc, char **argv)
{
	int host = getenv("CONDUIT_HOST_RUN") != NULL;
	struct counters before;
	struct outcome out;
	struct plan plan;
	char root[64];
	double start;

	if (!parse_options(argc, argv, &plan))
		choose_seed();
	if (!ON_CONDUIT)
		use_df = 0;
	print_seed(&plan);
#if !ON_CONDUIT
	prctl(PR_SET_CHILD_SUBREAPER, 1);
#endif
	signal(SIGPIPE, SIG_IGN);
	snprintf(root, sizeof(root), "/tmp/fuzz-%d", (int)getpid());
	warm_up(root);
	if (counters_at_start(host, &before) != 0)
		return 1;

	start = now_seconds();
	run_generations(&plan, &out);
	out.failures += clean_up(root);
	print_summary(&plan, &out, now_seconds() - start);
	if (host)
		printf("fuzz: host run: counter check skipped\n");
	else
		out.failures += leak_check(&before);
	printf("fuzz: %s (seed %u)\n", out.failures ? "FAILED" : "passed", main_seed);
	fflush(stdout);
	return out.failures ? 1 : 0;
}
