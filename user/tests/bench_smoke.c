/*
 * bench_smoke - /bin/bench --tiny runs to the end, exits 0 and prints
 * every figure.
 *
 * The benchmark runs in a child with its stdout on a pipe; we read all
 * of it, then check that each expected figure appears exactly once as
 *
 *   NAME: MEDIAN UNIT (min MIN, max MAX)
 *
 * with MEDIAN, MIN and MAX positive numbers (digits, perhaps a '.' and
 * more digits), and pipe_pairs_scaling exactly once as "NAME: X.XXx".
 * The figures for several CPUs (cross-CPU, pairs) are expected only when
 * more than one CPU is ours (sched_getaffinity), and must not appear with
 * one.  The values themselves are not judged: this is about the
 * benchmark working, not about the kernel being fast.  Lines starting
 * with '#' are notes and are skipped.  On a failure the whole output is
 * shown, to make the reason plain.
 */
#define _GNU_SOURCE
#include <conduit/test.h>
#include <sched.h>

#define BENCH_PATH "/bin/bench"
#define OUTPUT_MAX 16384

static const char *const expected[] = {
	"memcpy_64k",
	"pipe_bw_1", "pipe_bw_512", "pipe_bw_4k", "pipe_bw_64k",
	"pipe_round_trip",
	"syscall_getppid",
	"fork_exit_wait", "fork_exec_wait",
	"primes_10000",
	"mem_process", "mem_pipe",
	"pipe_bw_64k_same_cpu", "pipe_bw_1_same_cpu", "pipe_round_trip_same_cpu",
	/* from here on: only with several CPUs (FIRST_SMP_ONLY) */
	"pipe_bw_64k_cross_cpu", "pipe_bw_1_cross_cpu", "pipe_round_trip_cross_cpu",
	"pipe_pairs_1", "pipe_pairs_2", "pipe_pairs_scaling",
};
#define NEXPECTED ((int)(sizeof expected / sizeof expected[0]))
#define FIRST_SMP_ONLY 15
#define SCALING (NEXPECTED - 1)	/* "X.XXx", not a figure line */

/* How many times figure i must appear: once, or never for the SMP ones
 * when we have one CPU. */
static int times_expected(int i, int cpus)
{
	return i >= FIRST_SMP_ONLY && cpus < 2 ? 0 : 1;
}

static int positive_number(const char **p);

/* The scaling line after "NAME: ": a positive number and an 'x'. */
static const char *check_scaling(const char *p)
{
	if (!positive_number(&p))
		return "scaling is not a positive number";
	return strcmp(p, "x") == 0 ? NULL : "no 'x' after the scaling";
}

static char output[OUTPUT_MAX + 1];
static char scratch[OUTPUT_MAX + 1];	/* a copy, cut into lines */

static void show_output(void)
{
	fprintf(stderr, "--- output of %s --tiny ---\n%s--- end ---\n",
		BENCH_PATH, output);
}

/*
 * Parse a positive number at *p ("12", "0.25"), advancing *p past it.
 * Returns 1 if there was a number and it is above zero.
 */
static int positive_number(const char **p)
{
	const char *s = *p;
	int digits = 0, nonzero = 0;

	while (*s >= '0' && *s <= '9') {
		nonzero |= *s != '0';
		s++;
		digits++;
	}
	if (*s == '.') {
		s++;
		if (!(*s >= '0' && *s <= '9'))
			return 0;
		while (*s >= '0' && *s <= '9') {
			nonzero |= *s != '0';
			s++;
		}
	}
	*p = s;
	return digits > 0 && nonzero;
}

/* Skip the literal text `lit` at *p; 0 if it is not there. */
static int skip(const char **p, const char *lit)
{
	size_t n = strlen(lit);

	if (strncmp(*p, lit, n) != 0)
		return 0;
	*p += n;
	return 1;
}

/*
 * Check one figure line (without its newline) after "NAME: ".
 * Returns NULL if it is well formed, else what is wrong.
 */
static const char *check_figure(const char *p)
{
	if (!positive_number(&p))
		return "median is not a positive number";
	if (!skip(&p, " ") || *p == ' ' || *p == '(' || *p == '\0')
		return "no unit after the median";
	while (*p != ' ' && *p != '\0')
		p++;
	if (!skip(&p, " (min "))
		return "no \" (min \"";
	if (!positive_number(&p))
		return "min is not a positive number";
	if (!skip(&p, ", max "))
		return "no \", max \"";
	if (!positive_number(&p))
		return "max is not a positive number";
	if (!skip(&p, ")") || *p != '\0')
		return "junk after the max";
	return NULL;
}

int main(void)
{
	int fds[2], seen[NEXPECTED], bad = 0, cpus;
	cpu_set_t set;
	size_t len = 0;
	ssize_t r;
	pid_t pid;
	int status;
	char *line, *next;

	CHECK_EQ(access(BENCH_PATH, X_OK), 0);
	CHECK_EQ(sched_getaffinity(0, sizeof(set), &set), 0);
	cpus = CPU_COUNT(&set);
	CHECK_EQ(pipe(fds), 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		char *args[] = { BENCH_PATH, "--tiny", NULL };

		CHECK(dup2(fds[1], 1) == 1);
		close(fds[0]);
		close(fds[1]);
		execv(BENCH_PATH, args);
		fprintf(stderr, "FAIL bench_smoke: exec %s: %s\n", BENCH_PATH,
			strerror(errno));
		_exit(127);
	}
	CHECK_EQ(close(fds[1]), 0);
	while ((r = read(fds[0], output + len, OUTPUT_MAX - len)) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		CHECK(r > 0);
		len += (size_t)r;
		CHECK(len < OUTPUT_MAX);	/* far more than bench prints */
	}
	output[len] = '\0';
	CHECK_EQ(close(fds[0]), 0);
	status = wait_for_child(pid);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		show_output();
		fprintf(stderr, "FAIL bench_smoke: %s --tiny: wait status 0x%x\n",
			BENCH_PATH, status);
		return 1;
	}

	memset(seen, 0, sizeof seen);
	memcpy(scratch, output, len + 1);
	for (line = scratch; *line != '\0'; line = next) {
		char *colon, *end = strchr(line, '\n');
		const char *problem;
		int which = -1;

		if (end == NULL) {
			show_output();
			fprintf(stderr, "FAIL bench_smoke: last line has no newline\n");
			return 1;
		}
		*end = '\0';
		next = end + 1;
		if (line[0] == '#' || line[0] == '\0')
			continue;
		colon = strstr(line, ": ");
		if (colon == NULL) {
			fprintf(stderr, "FAIL bench_smoke: not a figure line: '%s'\n", line);
			bad = 1;
			continue;
		}
		*colon = '\0';
		for (int i = 0; i < NEXPECTED; i++)
			if (strcmp(line, expected[i]) == 0)
				which = i;
		if (which < 0) {
			fprintf(stderr, "FAIL bench_smoke: unknown figure '%s'\n", line);
			bad = 1;
			continue;
		}
		seen[which]++;
		problem = which == SCALING ? check_scaling(colon + 2)
					   : check_figure(colon + 2);
		if (problem) {
			fprintf(stderr, "FAIL bench_smoke: %s: %s in '%s'\n",
				line, problem, colon + 2);
			bad = 1;
		}
	}
	for (int i = 0; i < NEXPECTED; i++)
		if (seen[i] != times_expected(i, cpus)) {
			fprintf(stderr, "FAIL bench_smoke: figure %s printed %d times, expected %d (%d CPUs)\n",
				expected[i], seen[i], times_expected(i, cpus), cpus);
			bad = 1;
		}
	if (bad) {
		show_output();
		return 1;
	}
	return 0;
}
