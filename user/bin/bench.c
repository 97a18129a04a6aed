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
 * Process creation is never inside a timed region except where it is the
 * thing measured: helpers are forked first, report "ready" through a
 * pipe, and only then does the clock start.
 *
 * --tiny makes every figure quick (3 runs, 1 for the sieve, small sizes)
 * for the smoke test; the lines printed are the same.  Lines starting
 * with '#' are notes.  The exit status is 0 when every measurement
 * worked, 1 when any failed (a system call error, a short count, a
 * child's bad status).
 *
 * This is a plain POSIX program: on Linux, `gcc -O2 -o bench
 * user/bin/bench.c && ./bench` prints the same figures for comparison.
 */
#include <errno.h>
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
};

static const size_t write_sizes[4] = { 1, 512, 4096, 65536 };
static const char *const bw_names[4] = {
	"pipe_bw_1", "pipe_bw_512", "pipe_bw_4k", "pipe_bw_64k",
};

static const struct config default_config = {
	.runs = 7, .slow_runs = 5, .copies = 16,
	.bw_total = { 64 * 1024, 1024 * 1024, 4 * 1024 * 1024, 4 * 1024 * 1024 },
	.round_trips = 2000, .syscalls = 100000, .forks = 100, .execs = 50,
	.mem_procs = 50, .mem_pipes = 100,
};

static const struct config tiny_config = {
	.runs = 3, .slow_runs = 1, .copies = 1,
	.bw_total = { 4 * 1024, 64 * 1024, 256 * 1024, 256 * 1024 },
	.round_trips = 100, .syscalls = 1000, .forks = 5, .execs = 3,
	.mem_procs = 20, .mem_pipes = 100,
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

/* Print "name: median unit (min a, max b)". */
static void report(struct figure *f)
{
	int64_t sorted[MAX_RUNS];
	char med[32], lo[32], hi[32];

	if (f->count == 0)
		return;
	memcpy(sorted, f->value, sizeof(int64_t) * f->count);
	qsort(sorted, f->count, sizeof(int64_t), compare_values);
	format_value(med, sizeof med, sorted[(f->count - 1) / 2], f->decimals);
	format_value(lo, sizeof lo, sorted[0], f->decimals);
	format_value(hi, sizeof hi, sorted[f->count - 1], f->decimals);
	printf("%s: %s %s (min %s, max %s)\n", f->name, med, f->unit, lo, hi);
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
 * runs from "go" until the last byte has been read.
 */
static int pipe_bw_run(struct figure *f, size_t wsize, size_t total)
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
		if (pipe_bw_run(&f, write_sizes[which], cfg->bw_total[which]) < 0)
			return;
	report(&f);
}

/* 1 byte to a child and back, over two pipes; one child for all runs. */
static void bench_round_trip(void)
{
	struct figure f = { "pipe_round_trip", "cycles", 0, { 0 }, 0 };
	int there[2] = { -1, -1 }, back[2] = { -1, -1 };
	pid_t pid;
	char c = 'x';

	if (pipe(there) < 0 || pipe(back) < 0) {
		fail(&f, "pipe");
		goto out;
	}
	pid = fork();
	if (pid < 0) {
		fail(&f, "fork");
		goto out;
	}
	if (pid == 0) {
		ssize_t n;

		close(there[1]);
		close(back[0]);
		while ((n = read(there[0], &c, 1)) == 1)
			if (write(back[1], &c, 1) != 1)
				_exit(3);
		_exit(n == 0 ? 0 : 2);
	}
	close(there[0]);
	close(back[1]);
	there[0] = back[1] = -1;

	/* One untimed round trip: the child is up and waiting. */
	if (write(there[1], &c, 1) != 1 || read(back[0], &c, 1) != 1) {
		fail(&f, "first round trip");
		kill_and_reap(pid);
		goto out;
	}
	for (int run = 0; run < cfg->runs; run++) {
		uint64_t t0 = rdtsc();

		for (int i = 0; i < cfg->round_trips; i++) {
			if (write(there[1], &c, 1) != 1 ||
			    read(back[0], &c, 1) != 1) {
				fail(&f, "round trip");
				kill_and_reap(pid);
				goto out;
			}
		}
		record(&f, rdtsc() - t0, (uint64_t)cfg->round_trips);
	}
	close_pair(there);
	if (!reap_ok(pid)) {
		errno = 0;
		fail(&f, "echo child failed");
		goto out;
	}
	report(&f);
out:
	close_pair(there);
	close_pair(back);
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

	if (failures) {
		printf("# %d figure%s failed\n", failures, failures == 1 ? "" : "s");
		fflush(stdout);
		return 1;
	}
	printf("# all figures measured\n");
	fflush(stdout);
	return 0;
}
