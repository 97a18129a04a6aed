/*
 * bench - measure what the kernel costs: copies, pipes, system calls,
 * processes and memory.
 *
 * Usage: bench [--tiny] [--primes PATH]
 *
 * Every figure is timed with the processor's time-stamp counter (the
 * `rdtsc` instruction, allowed in user mode) and printed on a line of
 * its own as
 *
 *   NAME: MEDIAN UNIT (min MIN, max MAX)
 *
 * where MEDIAN, MIN and MAX are over several runs (7, or 5 for the
 * sieve).  Under QEMU the "cycles" are the TSC ticks of the emulated CPU.
 * The figures, in order:
 *
 *   memcpy_64k       libc memcpy of 64 KiB within user space, cycles/byte:
 *                    the copy speed that frames every other figure
 *   pipe_bw_1        pipe bandwidth with writes of 1 byte, cycles/byte
 *   pipe_bw_512      ... writes of 512 bytes
 *   pipe_bw_4k       ... writes of 4 KiB
 *   pipe_bw_64k      ... writes of 64 KiB (the reader always reads 64 KiB)
 *   pipe_round_trip  1 byte there and back between two processes over two
 *                    pipes, cycles per round trip
 *   syscall_getppid  a null system call, cycles per call
 *   fork_exit_wait   fork + _exit + waitpid, cycles per iteration
 *   fork_exec_wait   fork + execve(/bin/true) + exit + waitpid, cycles per
 *                    iteration (this program with --exit-now when there
 *                    is no /bin/true)
 *   primes_10000     the prime sieve up to 10,000: fork + exec of
 *                    "/bin/primes 10000" (or --primes PATH) into a pipe,
 *                    read and counted here (1229 lines), total cycles;
 *                    without that program, the same sieve built in (one
 *                    process per prime, 4-byte ints, one per system call)
 *   mem_process      free pages lost per extra process (a forked child
 *                    asleep in read on a pipe), from sysinfo().freeram
 *   mem_pipe         free pages lost per empty pipe
 *
 * Then the figures for several CPUs, with processes pinned by
 * sched_setaffinity to the first two CPUs this process may use (A and
 * B; the reader, or the timing parent, is always on A):
 *
 *   pipe_bw_64k_same_cpu       pipe_bw_64k with writer and reader both on A
 *   pipe_bw_64k_cross_cpu      ... writer on B, reader on A
 *   pipe_bw_1_same_cpu         pipe_bw_1, both on A
 *   pipe_bw_1_cross_cpu        ... writer on B, reader on A
 *   pipe_round_trip_same_cpu   pipe_round_trip, the echo child on A too
 *   pipe_round_trip_cross_cpu  ... the echo child on B
 *   pipe_pairs_1     one writer/reader pair, both on A, 64 KiB writes:
 *                    bandwidth in bytes per 1000 cycles (bytes/kcycle;
 *                    more is faster, unlike the cycles/byte above)
 *   pipe_pairs_2     two independent pairs at once, pair 0 on A and
 *                    pair 1 on B, each moving the same bytes as the one
 *                    pair: aggregate bytes/kcycle of both
 *   pipe_pairs_scaling: X.XXx   median of pipe_pairs_2 over median of
 *                    pipe_pairs_1 (2.00x would be perfect scaling)
 *
 * followed by "# locks CLASS: ..." notes: what /proc/locks (Conduit's
 * lock statistics) counted during those figures, per lock class.  With
 * one CPU only the same-CPU figures are measured (a "# one CPU" note
 * says so); where /proc/locks is missing or is something else (Linux
 * lists file locks there) a note says the lock figures are skipped.
 *
 * Process creation is never inside a timed region except where it is the
 * thing measured: helpers are forked first, report "ready" through a
 * pipe, and only then does the clock start.
 *
 * --tiny makes every figure quick (3 runs, 1 for the sieve, small sizes)
 * for the smoke test (user/tests/bench_smoke.c); the lines printed are
 * the same.  Lines starting with '#' are notes.  The exit status
 * is 0 when every measurement worked, 1 when any failed (a system call
 * error, a short count, a child's bad status, a pin that did not take).
 *
 * This is a plain POSIX program: on Linux, `gcc -O2 -o bench
 * user/bin/bench.c && ./bench` prints the same figures for comparison.
 */
#define _GNU_SOURCE		/* glibc: CPU_SET, sched_setaffinity, sched_getcpu */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/sysinfo.h>
#include <sys/types.h>
#include <sys/wait.h>

#if !defined(__i386__) && !defined(__x86_64__)
#error "bench reads the x86 time-stamp counter"
#endif

#define MAX_RUNS 9
#define COPY_SIZE (64 * 1024)	/* memcpy size, and the reader's read size */
#define PAGE_BYTES 4096
#define MAX_MEM_PROCS 64
#define MAX_MEM_PIPES 100
#define PRIMES_LIMIT 10000
#define NO_PIN (-1)		/* a CPU argument: leave the affinity as it is */
#define MAX_PAIRS 2		/* writer/reader pairs for pipe_pairs_N */
#define MAX_LOCK_CLASSES 32	/* lines of /proc/locks kept */

/* How much work each figure does; see default_config and tiny_config. */
struct config {
	int runs;		/* runs per figure (odd, so the median is one run) */
	int slow_runs;		/* runs for the sieve */
	int copies;		/* 64 KiB copies per memcpy run */
	size_t bw_total[4];	/* bytes per pipe-bandwidth run, per write size */
	int round_trips;	/* per run */
	int syscalls;		/* getppid calls per run */
	int forks;		/* fork + exit + wait iterations per run */
	int execs;		/* fork + exec + exit + wait iterations per run */
	int mem_procs;		/* sleeping children for mem_process */
	int mem_pipes;		/* empty pipes for mem_pipe */
	size_t pair_total;	/* bytes each pair moves per pipe_pairs_N run */
};

static const size_t write_sizes[4] = { 1, 512, 4096, 65536 };
static const char *const bw_names[4] = {
	"pipe_bw_1", "pipe_bw_512", "pipe_bw_4k", "pipe_bw_64k",
};

static const struct config default_config = {
	.runs = 7, .slow_runs = 5, .copies = 16,
	.bw_total = { 64 * 1024, 1024 * 1024, 4 * 1024 * 1024, 4 * 1024 * 1024 },
	.round_trips = 2000, .syscalls = 100000, .forks = 100, .execs = 50,
	.mem_procs = 50, .mem_pipes = 100, .pair_total = 4 * 1024 * 1024,
};

static const struct config tiny_config = {
	.runs = 3, .slow_runs = 1, .copies = 1,
	.bw_total = { 4 * 1024, 64 * 1024, 256 * 1024, 256 * 1024 },
	.round_trips = 100, .syscalls = 1000, .forks = 5, .execs = 3,
	.mem_procs = 20, .mem_pipes = 100, .pair_total = 256 * 1024,
};

static const struct config *cfg = &default_config;

/* One figure: per-run results in hundredths of a unit. */
struct figure {
	const char *name;
	const char *unit;
	int decimals;		/* 0 or 2 when printed */
	int64_t value[MAX_RUNS];
	int count;
};

static int failures;		/* figures that could not be measured */
static const char *self_path;	/* argv[0], for exec when /bin/true is missing */
static const char *primes_path = "/bin/primes";	/* --primes PATH */
static unsigned char *src_buf, *dst_buf, *read_buf;	/* COPY_SIZE each */

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi) : : "memory");
	return ((uint64_t)hi << 32) | lo;
}

/* Report why a figure failed (errno, if set, is shown too). */
static int fail(const struct figure *f, const char *what)
{
	int saved = errno;

	if (saved)
		fprintf(stderr, "bench: %s: %s: %s\n", f->name, what,
			strerror(saved));
	else
		fprintf(stderr, "bench: %s: %s\n", f->name, what);
	fflush(stderr);
	failures++;
	return -1;
}

/* Record one run: `cycles` spent on `count` units (bytes, calls, ...). */
static void record(struct figure *f, uint64_t cycles, uint64_t count)
{
	if (f->count < MAX_RUNS)
		f->value[f->count++] =
			(int64_t)((cycles * 100 + count / 2) / count);
}

/*
 * Record one run as a rate: `count` bytes in `cycles`, as bytes per 1000
 * cycles, so that more is faster and two pairs' rates can be compared
 * with one pair's directly.
 */
static void record_rate(struct figure *f, uint64_t cycles, uint64_t count)
{
	if (cycles == 0)
		cycles = 1;
	if (f->count < MAX_RUNS)
		f->value[f->count++] =
			(int64_t)((count * 100 * 1000 + cycles / 2) / cycles);
}

/* Hundredths to text, with 0 or 2 decimals. */
static void format_value(char *buf, size_t size, int64_t v, int decimals)
{
	const char *sign = v < 0 ? "-" : "";
	uint64_t a = v < 0 ? (uint64_t)-v : (uint64_t)v;

	if (decimals == 0)
		snprintf(buf, size, "%s%llu", sign,
			 (unsigned long long)((a + 50) / 100));
	else
		snprintf(buf, size, "%s%llu.%02llu", sign,
			 (unsigned long long)(a / 100),
			 (unsigned long long)(a % 100));
}

static int compare_values(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/* A figure's runs, smallest first, into sorted[] (MAX_RUNS long). */
static void sort_values(const struct figure *f, int64_t *sorted)
{
	memcpy(sorted, f->value, sizeof(int64_t) * f->count);
	qsort(sorted, f->count, sizeof(int64_t), compare_values);
}

/* The median run of a figure with at least one run. */
static int64_t median_value(const struct figure *f)
{
	int64_t sorted[MAX_RUNS];

	sort_values(f, sorted);
	return sorted[(f->count - 1) / 2];
}

/* Print "name: median unit (min a, max b)". */
static void report(struct figure *f)
{
	int64_t sorted[MAX_RUNS];
	char med[32], lo[32], hi[32];

	if (f->count == 0)
		return;
	sort_values(f, sorted);
	format_value(med, sizeof med, sorted[(f->count - 1) / 2], f->decimals);
	format_value(lo, sizeof lo, sorted[0], f->decimals);
	format_value(hi, sizeof hi, sorted[f->count - 1], f->decimals);
	printf("%s: %s %s (min %s, max %s)\n",
	       f->name, med, f->unit, lo, hi);
	fflush(stdout);
}

/* read() exactly n bytes unless end of file or an error comes first. */
static ssize_t read_full(int fd, void *buf, size_t n)
{
	size_t done = 0;

	while (done < n) {
		ssize_t r = read(fd, (char *)buf + done, n - done);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			break;
		done += (size_t)r;
	}
	return (ssize_t)done;
}

static int write_full(int fd, const void *buf, size_t n)
{
	size_t done = 0;

	while (done < n) {
		ssize_t w = write(fd, (const char *)buf + done, n - done);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		done += (size_t)w;
	}
	return 0;
}

/* Wait for one child; true if it exited with status 0. */
static int reap_ok(pid_t pid)
{
	int status;
	pid_t got;

	do {
		got = waitpid(pid, &status, 0);
	} while (got < 0 && errno == EINTR);
	return got == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* Kill and reap a helper after a failure. */
static void kill_and_reap(pid_t pid)
{
	if (pid > 0) {
		kill(pid, SIGKILL);
		reap_ok(pid);
	}
}

static void close_pair(int fds[2])
{
	if (fds[0] >= 0)
		close(fds[0]);
	if (fds[1] >= 0)
		close(fds[1]);
	fds[0] = fds[1] = -1;
}

/*
 * Run only on `cpu` from now on (NO_PIN: stay as we are).  Returns 0
 * once we are there; -1 if the kernel refused (errno set) or we still
 * run elsewhere (errno 0): a figure must not claim a placement it did
 * not get.  Both Conduit and Linux move the caller off a CPU its new
 * mask excludes before sched_setaffinity returns.
 */
static int pin_to(int cpu)
{
	cpu_set_t set;

	if (cpu == NO_PIN)
		return 0;
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof set, &set) < 0)
		return -1;
	if (sched_getcpu() != cpu) {
		errno = 0;
		return -1;
	}
	return 0;
}

/* Say that pinning to `cpu` failed (in a helper, before it exits). */
static void pin_failed(const struct figure *f, int cpu)
{
	char what[48];

	snprintf(what, sizeof what, "cannot run pinned to CPU %d", cpu);
	fail(f, what);
}

/* ------------------------------------------------------------------ */

static void bench_memcpy(void)
{
	struct figure f = { "memcpy_64k", "cycles/byte", 2, { 0 }, 0 };

	memcpy(dst_buf, src_buf, COPY_SIZE);	/* fault everything in */
	for (int run = 0; run < cfg->runs; run++) {
		uint64_t t0 = rdtsc();

		for (int i = 0; i < cfg->copies; i++) {
			memcpy(dst_buf, src_buf, COPY_SIZE);
			/* The copy must really happen, every time. */
			__asm__ volatile("" : : "r"(dst_buf), "r"(src_buf) : "memory");
		}
		record(&f, rdtsc() - t0, (uint64_t)cfg->copies * COPY_SIZE);
	}
	report(&f);
}

/*
 * One pipe-bandwidth run: a child writes `total` bytes in writes of
 * `wsize`; this process reads them with reads of 64 KiB.  The child
 * says "ready" through one pipe and waits for "go" on another; the clock
 * runs from "go" until the last byte has been read.  The child first
 * pins itself to `writer_cpu` (NO_PIN: it runs wherever it is put), so
 * "ready" also means "running where it should".
 */
static int pipe_bw_run(struct figure *f, size_t wsize, size_t total,
		       int writer_cpu)
{
	int data[2] = { -1, -1 }, ready[2] = { -1, -1 }, go[2] = { -1, -1 };
	pid_t pid;
	size_t got = 0;
	uint64_t t0, t1;
	char c;

	if (pipe(data) < 0 || pipe(ready) < 0 || pipe(go) < 0) {
		fail(f, "pipe");
		goto out;
	}
	pid = fork();
	if (pid < 0) {
		fail(f, "fork");
		goto out;
	}
	if (pid == 0) {
		size_t sent = 0;

		close(data[0]);
		close(ready[0]);
		close(go[1]);
		if (pin_to(writer_cpu) < 0) {
			pin_failed(f, writer_cpu);
			_exit(4);	/* we read "helper did not start" */
		}
		if (write(ready[1], "r", 1) != 1 || read(go[0], &c, 1) != 1)
			_exit(2);
		while (sent < total) {
			size_t n = total - sent < wsize ? total - sent : wsize;
			ssize_t w = write(data[1], src_buf, n);

			if (w <= 0)
				_exit(3);
			sent += (size_t)w;
		}
		_exit(0);
	}
	close(data[1]);
	close(ready[1]);
	close(go[0]);
	data[1] = ready[1] = go[0] = -1;
	/* Our pages are copy-on-write now: take private copies untimed. */
	memset(read_buf, 0, COPY_SIZE);
	if (read(ready[0], &c, 1) != 1) {
		fail(f, "helper did not start");
		kill_and_reap(pid);
		goto out;
	}

	t0 = rdtsc();
	if (write(go[1], "g", 1) != 1) {
		fail(f, "write go");
		kill_and_reap(pid);
		goto out;
	}
	while (got < total) {
		ssize_t r = read(data[0], read_buf, COPY_SIZE);

		if (r <= 0) {
			fail(f, r < 0 ? "read" : "early end of file");
			kill_and_reap(pid);
			goto out;
		}
		got += (size_t)r;
	}
	t1 = rdtsc();

	if (got != total || read(data[0], read_buf, COPY_SIZE) != 0) {
		errno = 0;
		fail(f, "more bytes than were written");
		kill_and_reap(pid);
		goto out;
	}
	if (!reap_ok(pid)) {
		errno = 0;
		fail(f, "writer failed");
		goto out;
	}
	record(f, t1 - t0, total);
	close_pair(data);
	close_pair(ready);
	close_pair(go);
	return 0;
out:
	close_pair(data);
	close_pair(ready);
	close_pair(go);
	return -1;
}

static void bench_pipe_bw(int which)
{
	struct figure f = { bw_names[which], "cycles/byte", 2, { 0 }, 0 };

	for (int run = 0; run < cfg->runs; run++)
		if (pipe_bw_run(&f, write_sizes[which], cfg->bw_total[which],
				NO_PIN) < 0)
			return;
	report(&f);
}

/* A child that sends back every byte it reads: one pipe there, one back. */
struct echo {
	pid_t pid;
	int there[2], back[2];
};

/* After a failure: kill the echo child, if any, and close its pipes. */
static void echo_kill(struct echo *e)
{
	kill_and_reap(e->pid);
	close_pair(e->there);
	close_pair(e->back);
}

/*
 * Start an echo child pinned to `cpu` (NO_PIN: anywhere) and make one
 * untimed round trip, so that it is up, in place and waiting.
 */
static int echo_start(struct figure *f, struct echo *e, int cpu)
{
	char c = 'x';

	e->pid = -1;
	e->there[0] = e->there[1] = e->back[0] = e->back[1] = -1;
	if (pipe(e->there) < 0 || pipe(e->back) < 0) {
		fail(f, "pipe");
		goto out;
	}
	e->pid = fork();
	if (e->pid < 0) {
		fail(f, "fork");
		goto out;
	}
	if (e->pid == 0) {
		ssize_t n;

		close(e->there[1]);
		close(e->back[0]);
		if (pin_to(cpu) < 0) {
			pin_failed(f, cpu);
			_exit(4);
		}
		while ((n = read(e->there[0], &c, 1)) == 1)
			if (write(e->back[1], &c, 1) != 1)
				_exit(3);
		_exit(n == 0 ? 0 : 2);
	}
	close(e->there[0]);
	close(e->back[1]);
	e->there[0] = e->back[1] = -1;
	if (write(e->there[1], &c, 1) != 1 || read(e->back[0], &c, 1) != 1) {
		fail(f, "first round trip");
		goto out;
	}
	return 0;
out:
	echo_kill(e);
	return -1;
}

/* One timed run: cfg->round_trips bytes there and back. */
static int echo_time(struct figure *f, struct echo *e)
{
	uint64_t t0 = rdtsc();
	char c = 'x';

	for (int i = 0; i < cfg->round_trips; i++)
		if (write(e->there[1], &c, 1) != 1 || read(e->back[0], &c, 1) != 1)
			return fail(f, "round trip");
	record(f, rdtsc() - t0, (uint64_t)cfg->round_trips);
	return 0;
}

/* End an echo child: end of file makes it exit 0, which we check. */
static int echo_stop(struct figure *f, struct echo *e)
{
	int ok;

	close_pair(e->there);
	ok = reap_ok(e->pid);
	close_pair(e->back);
	if (!ok) {
		errno = 0;
		return fail(f, "echo child failed");
	}
	return 0;
}

/* 1 byte to a child and back, over two pipes; one child for all runs. */
static void bench_round_trip(void)
{
	struct figure f = { "pipe_round_trip", "cycles", 0, { 0 }, 0 };
	struct echo e;

	if (echo_start(&f, &e, NO_PIN) < 0)
		return;
	for (int run = 0; run < cfg->runs; run++)
		if (echo_time(&f, &e) < 0) {
			echo_kill(&e);
			return;
		}
	if (echo_stop(&f, &e) == 0)
		report(&f);
}

static void bench_getppid(void)
{
	struct figure f = { "syscall_getppid", "cycles", 0, { 0 }, 0 };
	pid_t expect = getppid();

	for (int run = 0; run < cfg->runs; run++) {
		uint64_t t0 = rdtsc();
		int wrong = 0;

		for (int i = 0; i < cfg->syscalls; i++)
			wrong |= getppid() != expect;
		record(&f, rdtsc() - t0, (uint64_t)cfg->syscalls);
		if (wrong) {
			errno = 0;
			fail(&f, "getppid changed");
			return;
		}
	}
	report(&f);
}

/* fork + child exits at once (or execs `path`) + waitpid, `n` times. */
static int fork_loop(struct figure *f, int n, const char *path,
		     char *const argv[])
{
	for (int i = 0; i < n; i++) {
		pid_t pid = fork();

		if (pid < 0)
			return fail(f, "fork");
		if (pid == 0) {
			if (path)
				execv(path, argv);
			_exit(path ? 127 : 0);
		}
		if (!reap_ok(pid)) {
			errno = 0;
			return fail(f, path ? "exec'd child failed" : "child failed");
		}
	}
	return 0;
}

static void bench_fork(void)
{
	struct figure f = { "fork_exit_wait", "cycles", 0, { 0 }, 0 };

	if (fork_loop(&f, 1, NULL, NULL) < 0)	/* warm up */
		return;
	for (int run = 0; run < cfg->runs; run++) {
		uint64_t t0 = rdtsc();

		if (fork_loop(&f, cfg->forks, NULL, NULL) < 0)
			return;
		record(&f, rdtsc() - t0, (uint64_t)cfg->forks);
	}
	report(&f);
}

static void bench_exec(void)
{
	struct figure f = { "fork_exec_wait", "cycles", 0, { 0 }, 0 };
	char *true_argv[] = { "true", NULL };
	char *self_argv[] = { "bench", "--exit-now", NULL };
	const char *path = "/bin/true";
	char *const *argv = true_argv;

	if (access(path, X_OK) != 0) {
		if (!self_path || !strchr(self_path, '/')) {
			errno = 0;
			fail(&f, "no /bin/true, and argv[0] is no path to exec");
			return;
		}
		path = self_path;
		argv = self_argv;
		printf("# fork_exec_wait runs %s --exit-now (there is no /bin/true)\n",
		       path);
	} else {
		printf("# fork_exec_wait runs /bin/true\n");
	}
	fflush(stdout);

	if (fork_loop(&f, 1, path, argv) < 0)	/* warm up */
		return;
	for (int run = 0; run < cfg->runs; run++) {
		uint64_t t0 = rdtsc();

		if (fork_loop(&f, cfg->execs, path, argv) < 0)
			return;
		record(&f, rdtsc() - t0, (uint64_t)cfg->execs);
	}
	report(&f);
}

/* ------------------------------------------------------------------ */
/*
 * The built-in sieve, for systems without /bin/primes (Linux): the same
 * algorithm and traffic as Conduit's user/bin/primes.c.  A generator
 * writes 2..limit into a pipe; each stage prints the first number it
 * reads (a prime) on fd 1 with one write of a whole line, and passes the
 * numbers that prime does not divide on to the next stage, which it
 * forks when the first such number arrives.  So there is one process
 * per prime, in a chain, and numbers travel as 4-byte ints, one read()
 * or write() each.
 */

/* Read one int: 1, or 0 at end of file; exits on an error. */
static int sieve_read(int in, int *n)
{
	ssize_t r = read_full(in, n, sizeof *n);

	if (r == (ssize_t)sizeof *n)
		return 1;
	if (r == 0)
		return 0;
	_exit(1);
}

/*
 * Run one stage on `*in`.  Returns only in the next stage, just forked,
 * with `*in` set to its input; otherwise exits when the input ends.
 */
static void sieve_stage_once(int *in)
{
	int p, n, next = -1;
	pid_t right = -1;
	char line[16];
	int len;

	if (!sieve_read(*in, &p))
		_exit(0);
	len = snprintf(line, sizeof line, "%d\n", p);
	if (write_full(1, line, (size_t)len) < 0)
		_exit(1);
	while (sieve_read(*in, &n)) {
		if (n % p == 0)
			continue;
		if (next < 0) {
			int fds[2];

			if (pipe(fds) < 0)
				_exit(1);
			right = fork();
			if (right < 0)
				_exit(1);
			if (right == 0) {	/* the next stage */
				close(fds[1]);
				close(*in);
				*in = fds[0];
				return;
			}
			close(fds[0]);
			next = fds[1];
		}
		if (write_full(next, &n, sizeof n) < 0)
			_exit(1);
	}
	if (next >= 0) {
		close(next);
		_exit(reap_ok(right) ? 0 : 1);
	}
	_exit(0);
}

/* A stage, and all the stages it turns into; never returns. */
static void sieve_stage(int in)
{
	for (;;)
		sieve_stage_once(&in);
}

/* The generator, in the child that stands for /bin/primes. */
static int sieve_main(int limit)
{
	int fds[2];
	pid_t pid;
	int ok = 1;

	if (pipe(fds) < 0)
		return 1;
	pid = fork();
	if (pid < 0)
		return 1;
	if (pid == 0) {
		close(fds[1]);
		sieve_stage(fds[0]);
	}
	close(fds[0]);
	for (int n = 2; n <= limit && ok; n++)
		ok = write_full(fds[1], &n, sizeof n) == 0;
	close(fds[1]);
	return reap_ok(pid) && ok ? 0 : 1;
}

/* How many primes are at most `limit`: the answer to check against. */
static int count_primes(int limit)
{
	char *composite = calloc((size_t)limit + 1, 1);
	int count = 0;

	if (!composite)
		return -1;
	for (int i = 2; i <= limit; i++) {
		if (composite[i])
			continue;
		count++;
		for (int j = 2 * i; j <= limit; j += i)
			composite[j] = 1;
	}
	free(composite);
	return count;
}

static void bench_primes(void)
{
	struct figure f = { "primes_10000", "cycles", 0, { 0 }, 0 };
	int have_primes = access(primes_path, X_OK) == 0;
	int expect = count_primes(PRIMES_LIMIT);
	char limit_text[16];
	char *argv[] = { "primes", limit_text, NULL };
	char buf[4096];

	snprintf(limit_text, sizeof limit_text, "%d", PRIMES_LIMIT);
	if (have_primes)
		printf("# primes_10000 runs %s %d\n", primes_path, PRIMES_LIMIT);
	else
		printf("# primes_10000 runs the sieve built into bench (no %s)\n",
		       primes_path);
	fflush(stdout);

	for (int run = 0; run < cfg->slow_runs; run++) {
		int out[2];
		int lines = 0;
		ssize_t r;
		pid_t pid;
		uint64_t t0, t1;

		if (pipe(out) < 0) {
			fail(&f, "pipe");
			return;
		}
		t0 = rdtsc();
		pid = fork();
		if (pid < 0) {
			fail(&f, "fork");
			close_pair(out);
			return;
		}
		if (pid == 0) {
			if (dup2(out[1], 1) < 0)
				_exit(126);
			close(out[0]);
			close(out[1]);
			if (have_primes) {
				execv(primes_path, argv);
				_exit(127);
			}
			_exit(sieve_main(PRIMES_LIMIT));
		}
		close(out[1]);
		while ((r = read(out[0], buf, sizeof buf)) > 0 ||
		       (r < 0 && errno == EINTR))
			for (ssize_t i = 0; i < r; i++)
				lines += buf[i] == '\n';
		close(out[0]);
		if (!reap_ok(pid) || r < 0) {
			errno = 0;
			fail(&f, "sieve failed");
			return;
		}
		t1 = rdtsc();
		if (lines != expect) {
			errno = 0;
			fprintf(stderr, "bench: primes_10000: %d lines, expected %d\n",
				lines, expect);
			fail(&f, "wrong number of primes");
			return;
		}
		record(&f, t1 - t0, 1);
	}
	report(&f);
}

/* ------------------------------------------------------------------ */

/* Free memory in 4096-byte pages (Conduit: mem_unit 4096; Linux: 1). */
static int64_t free_pages(void)
{
	struct sysinfo info;

	if (sysinfo(&info) != 0)
		return -1;
	return (int64_t)((uint64_t)info.freeram * info.mem_unit / PAGE_BYTES);
}

/* Free pages lost while `count` children sleep in read on a pipe. */
static int mem_process_run(struct figure *f, int count)
{
	static pid_t kids[MAX_MEM_PROCS];
	int block[2] = { -1, -1 }, ready[2] = { -1, -1 };
	int started = 0, ok = 1;
	int64_t before, after;
	char c = 'r', tokens[MAX_MEM_PROCS];

	memset(kids, 0, sizeof kids);
	memset(tokens, 0, sizeof tokens);
	if (pipe(block) < 0 || pipe(ready) < 0) {
		fail(f, "pipe");
		goto out;
	}
	/* Give the ready pipe its first ring page before counting. */
	if (write(ready[1], &c, 1) != 1 || read(ready[0], &c, 1) != 1) {
		fail(f, "ready pipe");
		goto out;
	}
	before = free_pages();
	for (started = 0; started < count; started++) {
		pid_t pid = fork();

		if (pid < 0) {
			fail(f, "fork");
			ok = 0;
			break;
		}
		if (pid == 0) {
			close(block[1]);
			close(ready[0]);
			if (write(ready[1], "r", 1) != 1)
				_exit(2);
			_exit(read(block[0], &c, 1) == 0 ? 0 : 3);
		}
		kids[started] = pid;
	}
	if (ok && read_full(ready[0], tokens, (size_t)count) != (ssize_t)count) {
		fail(f, "children did not start");
		ok = 0;
	}
	after = free_pages();
	close(block[1]);	/* end of file: every child wakes and exits */
	block[1] = -1;
	for (int i = 0; i < started; i++)
		if (!reap_ok(kids[i]) && ok) {
			errno = 0;
			fail(f, "sleeping child failed");
			ok = 0;
		}
	if (ok && (before < 0 || after < 0)) {
		fail(f, "sysinfo");
		ok = 0;
	}
	if (ok)
		f->value[f->count++] = (before - after) * 100 / count;
out:
	close_pair(block);
	close_pair(ready);
	return ok && started == count ? 0 : -1;
}

/* Free pages lost while `count` empty pipes exist. */
static int mem_pipe_run(struct figure *f, int count)
{
	static int fds[MAX_MEM_PIPES][2];
	int made = 0, ok = 1;
	int64_t before, after;

	memset(fds, 0xff, sizeof fds);
	before = free_pages();
	for (made = 0; made < count; made++)
		if (pipe(fds[made]) < 0) {
			fail(f, "pipe");
			ok = 0;
			break;
		}
	after = free_pages();
	for (int i = 0; i < made; i++)
		close_pair(fds[i]);
	if (ok && (before < 0 || after < 0)) {
		fail(f, "sysinfo");
		ok = 0;
	}
	if (ok)
		f->value[f->count++] = (before - after) * 100 / count;
	return ok ? 0 : -1;
}

static void bench_memory(void)
{
	struct figure procs = { "mem_process", "pages/process", 2, { 0 }, 0 };
	struct figure pipes = { "mem_pipe", "pages/pipe", 2, { 0 }, 0 };
	int nprocs = cfg->mem_procs < MAX_MEM_PROCS ? cfg->mem_procs : MAX_MEM_PROCS;
	int npipes = cfg->mem_pipes < MAX_MEM_PIPES ? cfg->mem_pipes : MAX_MEM_PIPES;
	int runs = cfg->runs;

	for (int run = 0; run < runs; run++)
		if (mem_process_run(&procs, nprocs) < 0)
			break;
	if (procs.count == runs)
		report(&procs);
	for (int run = 0; run < runs; run++)
		if (mem_pipe_run(&pipes, npipes) < 0)
			break;
	if (pipes.count == runs)
		report(&pipes);
}

/* ------------------------------------------------------------------ */
/*
 * Several CPUs.  Every process here is pinned, so where it runs is part
 * of the figure and not the scheduler's choice of the moment: this
 * process (the reader, or the one that times) stays on CPU A, and each
 * helper goes to A ("same CPU") or to B ("cross CPU").  Same and cross
 * runs alternate, and so do one-pair and two-pair runs, so that a noisy
 * host (QEMU's CPUs are host threads) hits both sides of a comparison
 * alike.
 */

/* The CPUs used: A is cpu[0]; B is cpu[1] when there are two. */
struct placement {
	int two;		/* a second CPU exists: cross and pairs figures */
	int cpu[2];
};

/* pipe_bw_N_same_cpu, and with two CPUs pipe_bw_N_cross_cpu. */
static void bench_pipe_bw_cpus(int which, const struct placement *pl)
{
	char same_name[40], cross_name[40];
	struct figure same = { same_name, "cycles/byte", 2, { 0 }, 0 };
	struct figure cross = { cross_name, "cycles/byte", 2, { 0 }, 0 };
	size_t wsize = write_sizes[which], total = cfg->bw_total[which];
	int same_ok = 1, cross_ok = pl->two;

	snprintf(same_name, sizeof same_name, "%s_same_cpu", bw_names[which]);
	snprintf(cross_name, sizeof cross_name, "%s_cross_cpu", bw_names[which]);
	for (int run = 0; run < cfg->runs && (same_ok || cross_ok); run++) {
		if (same_ok && pipe_bw_run(&same, wsize, total, pl->cpu[0]) < 0)
			same_ok = 0;
		if (cross_ok && pipe_bw_run(&cross, wsize, total, pl->cpu[1]) < 0)
			cross_ok = 0;
	}
	if (same_ok)
		report(&same);
	if (cross_ok)
		report(&cross);
}

/*
 * pipe_round_trip_same_cpu and _cross_cpu: an echo child on A and one
 * on B, both started first; each sleeps in read while the other is
 * timed.
 */
static void bench_round_trip_cpus(const struct placement *pl)
{
	struct figure same = { "pipe_round_trip_same_cpu", "cycles", 0, { 0 }, 0 };
	struct figure cross = { "pipe_round_trip_cross_cpu", "cycles", 0, { 0 }, 0 };
	struct echo on_a, on_b;
	int same_ok, cross_ok;

	if (echo_start(&same, &on_a, pl->cpu[0]) < 0)
		return;
	if (pl->two && echo_start(&cross, &on_b, pl->cpu[1]) < 0) {
		echo_kill(&on_a);
		return;
	}
	for (int run = 0; run < cfg->runs; run++) {
		if (echo_time(&same, &on_a) < 0 ||
		    (pl->two && echo_time(&cross, &on_b) < 0)) {
			if (pl->two)
				echo_kill(&on_b);
			echo_kill(&on_a);
			return;
		}
	}
	/*
	 * B's child was forked holding copies of our ends of A's pipes, so
	 * A's child sees end of file only once B's has gone: stop B first.
	 */
	cross_ok = pl->two && echo_stop(&cross, &on_b) == 0;
	same_ok = echo_stop(&same, &on_a) == 0;
	if (same_ok)
		report(&same);
	if (cross_ok)
		report(&cross);
}

/*
 * A pair's writer: pins itself to `cpu`, says "ready" ('r', or 'f' if
 * it could not be pinned), waits for its "go" byte, writes `total` bytes
 * in 64 KiB writes and exits, which closes the pipe: its reader's end of
 * file.
 */
static void pair_writer(const struct figure *f, int cpu, int out, int ready,
			int go, size_t total)
{
	size_t sent = 0;
	char c;

	if (pin_to(cpu) < 0) {
		pin_failed(f, cpu);
		_exit(write(ready, "f", 1) == 1 ? 4 : 5);
	}
	if (write(ready, "r", 1) != 1 || read(go, &c, 1) != 1)
		_exit(2);
	while (sent < total) {
		size_t n = total - sent < COPY_SIZE ? total - sent : COPY_SIZE;
		ssize_t w = write(out, src_buf, n);

		if (w <= 0)
			_exit(3);
		sent += (size_t)w;
	}
	_exit(0);
}

/*
 * A pair's reader: pins itself to `cpu`, reads `total` bytes with 64 KiB
 * reads, says 'd' on `done` (or 'f' if the bytes ended early, so that
 * the parent never waits for a byte that will not come), and only then,
 * outside the clock, checks for end of file.
 */
static void pair_reader(const struct figure *f, int cpu, int in, int ready,
			int done, size_t total)
{
	size_t got = 0;

	if (pin_to(cpu) < 0) {
		pin_failed(f, cpu);
		_exit(write(ready, "f", 1) == 1 ? 4 : 5);
	}
	memset(read_buf, 0, COPY_SIZE);	/* our copy-on-write copy, untimed */
	if (write(ready, "r", 1) != 1)
		_exit(2);
	while (got < total) {
		ssize_t r = read(in, read_buf, COPY_SIZE);

		if (r <= 0)
			_exit(write(done, "f", 1) == 1 ? 3 : 5);
		got += (size_t)r;
	}
	if (write(done, "d", 1) != 1)
		_exit(2);
	_exit(got == total && read(in, read_buf, COPY_SIZE) == 0 ? 0 : 6);
}

/* True if all `n` bytes at `tokens` are `want`. */
static int all_are(const char *tokens, int n, char want)
{
	for (int i = 0; i < n; i++)
		if (tokens[i] != want)
			return 0;
	return 1;
}

/*
 * One run of pipe_pairs_N: `npairs` writer/reader pairs, pair i with
 * both its processes on cpu[i], each pair moving cfg->pair_total bytes
 * through a pipe of its own.  A pair shares one CPU so that the pairs
 * share nothing but the kernel: what keeps two pairs from going twice
 * as fast as one is then the kernel's shared locks and data (and the
 * host), not a pair's own traffic between CPUs, which the cross-CPU
 * figures measure.  The clock runs from the "go" bytes until every
 * reader has said done; the figure is all the pairs' bytes over that.
 */
static int pairs_run(struct figure *f, int npairs, const int *cpu)
{
	int ready[2] = { -1, -1 }, go[2] = { -1, -1 }, done[2] = { -1, -1 };
	int data[2] = { -1, -1 };
	pid_t kids[2 * MAX_PAIRS];
	char tokens[2 * MAX_PAIRS], gos[MAX_PAIRS];
	int nkids = 0, ok = 0;
	size_t total = cfg->pair_total;
	uint64_t t0 = 0, t1 = 0;

	if (pipe(ready) < 0 || pipe(go) < 0 || pipe(done) < 0) {
		fail(f, "pipe");
		goto out;
	}
	for (int i = 0; i < npairs; i++) {
		if (pipe(data) < 0) {
			fail(f, "pipe");
			goto out;
		}
		for (int role = 0; role < 2; role++) {	/* writer, reader */
			pid_t pid = fork();

			if (pid < 0) {
				fail(f, "fork");
				goto out;
			}
			if (pid == 0) {
				close(ready[0]);
				close(go[1]);
				close(done[0]);
				close(data[role == 0 ? 0 : 1]);
				if (role == 0)	/* neither returns */
					pair_writer(f, cpu[i], data[1], ready[1],
						    go[0], total);
				else
					pair_reader(f, cpu[i], data[0], ready[1],
						    done[1], total);
			}
			kids[nkids++] = pid;
		}
		/* The next pair must not inherit this pipe: this pair's
		 * reader would never see end of file. */
		close_pair(data);
	}
	close(ready[1]);
	close(go[0]);
	close(done[1]);
	ready[1] = go[0] = done[1] = -1;
	if (read_full(ready[0], tokens, (size_t)nkids) != (ssize_t)nkids ||
	    !all_are(tokens, nkids, 'r')) {
		errno = 0;
		fail(f, "writers and readers did not start");
		goto out;
	}

	memset(gos, 'g', sizeof gos);
	t0 = rdtsc();
	if (write_full(go[1], gos, (size_t)npairs) < 0) {
		fail(f, "write go");
		goto out;
	}
	if (read_full(done[0], tokens, (size_t)npairs) != (ssize_t)npairs) {
		fail(f, "readers did not finish");
		goto out;
	}
	t1 = rdtsc();
	if (!all_are(tokens, npairs, 'd')) {
		errno = 0;
		fail(f, "a reader got too few bytes");
		goto out;
	}
	ok = 1;
out:
	/* Every child is reaped; after a failure, killed first. */
	for (int i = 0; i < nkids; i++) {
		if (!ok)
			kill(kids[i], SIGKILL);
		if (!reap_ok(kids[i]) && ok) {
			errno = 0;
			fail(f, "a writer or reader failed");
			ok = 0;
		}
	}
	close_pair(ready);
	close_pair(go);
	close_pair(done);
	close_pair(data);
	if (!ok)
		return -1;
	record_rate(f, t1 - t0, (uint64_t)npairs * total);
	return 0;
}

/*
 * pipe_pairs_1, pipe_pairs_2 (aggregate bytes/kcycle) and their ratio,
 * the scaling; the ratio of each run's pair of runs shows the spread.
 */
static void bench_pairs(const struct placement *pl)
{
	struct figure one = { "pipe_pairs_1", "bytes/kcycle", 0, { 0 }, 0 };
	struct figure two = { "pipe_pairs_2", "bytes/kcycle", 0, { 0 }, 0 };
	struct figure ratio = { "pipe_pairs_scaling", "x", 2, { 0 }, 0 };
	int64_t sorted[MAX_RUNS], base;
	char scaling[32], lo[32], hi[32];

	for (int run = 0; run < cfg->runs; run++) {
		if (pairs_run(&one, 1, pl->cpu) < 0 || pairs_run(&two, 2, pl->cpu) < 0)
			return;
		ratio.value[ratio.count++] =
			two.value[run] * 100 / (one.value[run] ? one.value[run] : 1);
	}
	report(&one);
	report(&two);
	/* The ratio of the two printed medians, so it can be checked. */
	base = median_value(&one);
	format_value(scaling, sizeof scaling,
		     median_value(&two) * 100 / (base ? base : 1), 2);
	sort_values(&ratio, sorted);
	format_value(lo, sizeof lo, sorted[0], 2);
	format_value(hi, sizeof hi, sorted[ratio.count - 1], 2);
	printf("pipe_pairs_scaling: %sx\n", scaling);
	printf("# pipe_pairs_scaling run by run (2 pairs / 1 pair): min %sx, max %sx\n",
	       lo, hi);
	fflush(stdout);
}

/* A line of /proc/locks: a lock class and its counters so far. */
struct lock_class_count {
	char name[24];
	unsigned long long acquired, contended, spin_cycles;
};

struct lock_counts {
	int n;
	struct lock_class_count c[MAX_LOCK_CLASSES];
};

/*
 * Read /proc/locks into *lc.  Returns 0, or -1 if there is none or it
 * is not Conduit's table: Linux has a /proc/locks too, of file locks.
 */
static int read_lock_counts(struct lock_counts *lc)
{
	static const char header[] = "CLASS RANK ACQUIRED CONTENDED SPIN_CYCLES";
	char line[128];
	FILE *file = fopen("/proc/locks", "r");
	int ok;

	lc->n = 0;
	if (!file)
		return -1;
	ok = fgets(line, sizeof line, file) &&
	     strncmp(line, header, sizeof header - 1) == 0;
	while (ok && lc->n < MAX_LOCK_CLASSES && fgets(line, sizeof line, file)) {
		struct lock_class_count *c = &lc->c[lc->n];
		int rank;

		if (sscanf(line, "%23s %d %llu %llu %llu", c->name, &rank,
			   &c->acquired, &c->contended, &c->spin_cycles) == 5)
			lc->n++;
	}
	fclose(file);
	return ok ? 0 : -1;
}

/* "# locks CLASS: ..." for each class taken between `before` and `after`. */
static void print_lock_counts(const struct lock_counts *before,
			      const struct lock_counts *after)
{
	printf("# locks taken during the figures for several CPUs (/proc/locks):\n");
	for (int i = 0; i < after->n; i++) {
		const struct lock_class_count *a = &after->c[i], *b = NULL;

		for (int j = 0; j < before->n && !b; j++)
			if (strcmp(before->c[j].name, a->name) == 0)
				b = &before->c[j];
		if (!b || a->acquired == b->acquired)
			continue;
		printf("# locks %s: acquired %llu, contended %llu, spin cycles %llu\n",
		       a->name, a->acquired - b->acquired,
		       a->contended - b->contended,
		       a->spin_cycles - b->spin_cycles);
	}
	fflush(stdout);
}

/*
 * The figures for several CPUs, between two readings of /proc/locks;
 * this process stays on A throughout and gets its old mask back after.
 */
static void bench_cpus(void)
{
	struct figure f = { "cpus", "", 0, { 0 }, 0 };	/* names failures */
	static struct lock_counts before, after;
	struct placement pl = { 0, { NO_PIN, NO_PIN } };
	cpu_set_t saved;
	int have_locks, n = 0;

	if (sched_getaffinity(0, sizeof saved, &saved) < 0) {
		fail(&f, "sched_getaffinity");
		return;
	}
	for (int cpu = 0; cpu < CPU_SETSIZE && n < 2; cpu++)
		if (CPU_ISSET(cpu, &saved))
			pl.cpu[n++] = cpu;
	pl.two = n > 1;
	if (pl.two)
		printf("# several CPUs: A is CPU %d, B is CPU %d (of %d we may use)\n",
		       pl.cpu[0], pl.cpu[1], CPU_COUNT(&saved));
	else
		printf("# one CPU: only the same-CPU figures (CPU %d); no cross or pairs\n",
		       pl.cpu[0]);
	fflush(stdout);

	have_locks = read_lock_counts(&before) == 0;
	if (pin_to(pl.cpu[0]) < 0) {
		pin_failed(&f, pl.cpu[0]);
		return;
	}
	bench_pipe_bw_cpus(3, &pl);	/* 64 KiB writes */
	bench_pipe_bw_cpus(0, &pl);	/* 1-byte writes */
	bench_round_trip_cpus(&pl);
	if (pl.two)
		bench_pairs(&pl);
	if (sched_setaffinity(0, sizeof saved, &saved) < 0)
		fail(&f, "sched_setaffinity back to the CPUs we had");

	if (have_locks && read_lock_counts(&after) == 0)
		print_lock_counts(&before, &after);
	else
		printf("# locks: no Conduit /proc/locks here, so no lock figures\n");
	fflush(stdout);
}

/* ------------------------------------------------------------------ */

static void usage(void)
{
	fprintf(stderr, "usage: bench [--tiny] [--primes PATH]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	/* The image fork_exec_wait runs when there is no /bin/true. */
	if (argc == 2 && strcmp(argv[1], "--exit-now") == 0)
		return 0;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--tiny") == 0)
			cfg = &tiny_config;
		else if (strcmp(argv[i], "--primes") == 0 && i + 1 < argc)
			primes_path = argv[++i];
		else
			usage();
	}
	self_path = argc > 0 ? argv[0] : NULL;
	/* A helper that died makes our write fail with EPIPE, which is
	 * reported, instead of killing bench. */
	signal(SIGPIPE, SIG_IGN);

	/* Buffers come from the heap, so an exec of bench stays small. */
	src_buf = malloc(COPY_SIZE);
	dst_buf = malloc(COPY_SIZE);
	read_buf = malloc(COPY_SIZE);
	if (!src_buf || !dst_buf || !read_buf) {
		fprintf(stderr, "bench: out of memory\n");
		return 1;
	}
	for (int i = 0; i < COPY_SIZE; i++)
		src_buf[i] = (unsigned char)(i * 7 + 1);
	memset(dst_buf, 0, COPY_SIZE);
	memset(read_buf, 0, COPY_SIZE);

	printf("# bench%s: median of %d runs (%d for primes), with min and max\n",
	       cfg == &tiny_config ? " --tiny" : "", cfg->runs, cfg->slow_runs);
	printf("# cycles are TSC ticks of the emulated CPU\n");
	fflush(stdout);

	bench_memcpy();
	for (int which = 0; which < 4; which++)
		bench_pipe_bw(which);
	bench_round_trip();
	bench_getppid();
	bench_fork();
	bench_exec();
	bench_primes();
	bench_memory();
	bench_cpus();

	if (failures) {
		printf("# %d figure%s failed\n", failures, failures == 1 ? "" : "s");
		fflush(stdout);
		return 1;
	}
	printf("# all figures measured\n");
	fflush(stdout);
	return 0;
}
