/*
 * stress - pipes under load: random topologies of processes passing
 * checked records, random signals, closes and exits, then a leak check.
 *
 *   stress [-v] [-l LANES] [-t SECONDS] [-s SCENARIO] [SEED]
 *
 * (default: 60 seconds, 2 lanes, a random seed).  Each lane is a process
 * that runs one scenario after another until the time is up, so LANES
 * scenarios run at once; scenario K follows from (SEED, K), so `-s K` runs
 * scenario K alone, and -v shows each plan and the signals sent.  A
 * scenario picks a topology and its sizes:
 *
 *   fan-in    W writers -> one pipe -> one reader
 *   fan-out   W writers -> one pipe -> R readers
 *   chain     a writer -> pipe -> relay -> pipe -> ... -> a reader
 *   fifo      fan-in through a FIFO in /tmp/stress-PID (opened by name;
 *             1:1 without a keeper, so both opens wait for each other)
 *
 * Every byte a writer sends is part of a record:
 *
 *   magic (2) | writer (2) | seq (4) | length (2) | header check (2) | payload
 *
 * with seq counting 0, 1, 2 ... for each writer and the payload a function
 * of (scenario, writer, seq): a reader can tell exactly which bytes it must
 * see.  A record is at most PIPE_BUF (4096) bytes and is written with one
 * write(), so it is atomic: it may not be torn or interleaved with another
 * writer's, and a write of it may not be partial.  A writer killed halfway
 * leaves only whole records behind, so its stream may end early but never
 * has a gap.  (Relays in a chain copy arbitrary chunks, so a chain whose
 * relay was killed may end with part of a record: only then is that
 * allowed.)  Fan-out readers read multiples of the pipe's fixed record size,
 * and must always get whole records.
 *
 * Readers check every record as it arrives: the header, the payload byte
 * for byte, and that each writer's seqs come in order (strictly increasing;
 * 0, 1, 2 ... with no gap when one reader sees a writer's whole stream).
 * At the end each process reports (one atomic record on a results pipe)
 * what it sent or, per writer, how many records it got with their sum and
 * sum of squares; the main process then checks that every record a writer
 * sent arrived exactly once (a killed writer: a prefix 0..K-1).
 *
 * Meanwhile the main process sends random signals to the scenario's
 * processes: SIGUSR1 (handled, with or without SA_RESTART: reads and writes
 * see EINTR or restart), SIGUSR2 (ignored), SIGWINCH and SIGCONT (default:
 * ignored), SIGSTOP followed later by SIGCONT, SIGTERM (handled by some,
 * deadly to others) and SIGKILL, to the processes whose death the topology
 * can account for.  Some writers exit early, some readers close early (the
 * writers then see EPIPE), some ends are non-blocking (EAGAIN, then poll).
 * Every process must end the way the plan and the signals allow: exit 0, a
 * broken-pipe exit when a reader went away, or death by a signal it was
 * sent.  A scenario that does not finish within SCENARIO_SECONDS is a hang:
 * /proc/ps and /proc/pipes are printed and everything is killed.
 *
 * At the end, with everything reaped and /tmp/stress-PID removed, the
 * counters in /proc/meminfo must be back at their start (set
 * CONDUIT_HOST_RUN=1 to skip that on a Linux host).  Exit status: 0 if
 * everything checked out, 1 if not, 2 for usage.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#define DEFAULT_SECONDS 60
#define SCENARIO_SECONDS 120	/* a scenario taking longer has hung */
#define MAX_WRITERS 8
#define MAX_PROCS 20
#define MAX_PIPES 8
#define REC_MAGIC 0xC0DE
#define HDR_SIZE 12
#define PIPE_BUF_SIZE 4096
#define REPORT_SIZE 256
#define EXIT_CHECK 1		/* a process found a broken rule */
#define EXIT_EPIPE 3		/* a writer saw its reader go away */
#define EXIT_SETUP 4		/* could not open or set up */
#define MAX_LANES 8

/* ------------------------------------------------------------------ */
/* Random numbers.                                                     */

static uint64_t rng_state;

static uint32_t rnd(void)
{
	/* xorshift64* */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)((rng_state * 2685821657736338717ULL) >> 32);
}

static void rng_seed(uint32_t a, uint32_t b)
{
	rng_state = ((uint64_t)a << 32 | b) ^ 0x9E3779B97F4A7C15ULL;
	if (!rng_state)
		rng_state = 1;
	for (int i = 0; i < 8; i++)
		rnd();
}

static uint32_t below(uint32_t n)
{
	return n ? rnd() % n : 0;
}

static int chance(int percent)
{
	return (int)below(100) < percent;
}

static uint32_t mix32(uint32_t x)
{
	x ^= x >> 16;
	x *= 0x7feb352dU;
	x ^= x >> 15;
	x *= 0x846ca68bU;
	x ^= x >> 16;
	return x;
}

/* ------------------------------------------------------------------ */
/* Records.                                                            */

static uint32_t scenario_key;	/* mixes into every payload */

static uint16_t header_check(uint16_t writer, uint32_t seq, uint16_t len)
{
	return (uint16_t)mix32(scenario_key ^ writer * 0x10001u ^ seq * 0x9e3779b9u ^ len);
}

/* The payload bytes of (writer, seq): a cheap generator. */
static void fill_payload(unsigned char *p, uint32_t n, uint16_t writer, uint32_t seq)
{
	uint32_t x = mix32(scenario_key ^ ((uint32_t)writer << 20) ^ seq) | 1;

	for (uint32_t i = 0; i < n; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		p[i] = (unsigned char)x;
	}
}

static void put16(unsigned char *p, uint16_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
}

static void put32(unsigned char *p, uint32_t v)
{
	put16(p, (uint16_t)v);
	put16(p + 2, (uint16_t)(v >> 16));
}

static uint16_t get16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t get32(const unsigned char *p)
{
	return get16(p) | (uint32_t)get16(p + 2) << 16;
}

static void make_record(unsigned char *p, uint16_t writer, uint32_t seq, uint16_t len)
{
	put16(p, REC_MAGIC);
	put16(p + 2, writer);
	put32(p + 4, seq);
	put16(p + 8, len);
	put16(p + 10, header_check(writer, seq, len));
	fill_payload(p + HDR_SIZE, len - HDR_SIZE, writer, seq);
}

/* ------------------------------------------------------------------ */
/* Reports, sent on the results pipe by every process at its end.     */

struct per_writer {
	uint32_t count;		/* records received from this writer */
	uint32_t last;		/* highest seq seen */
	uint64_t sum, sumsq;	/* of the seqs received */
};

struct report {
	uint32_t magic;
	int32_t index;		/* which process of the scenario */
	int32_t role;
	int32_t sent;		/* writers: records sent */
	int32_t bad;		/* checks that failed in this process */
	int32_t truncated;	/* reader: stream ended inside a record */
	uint32_t bytes;		/* relays: bytes passed on */
	struct per_writer w[MAX_WRITERS];
};

_Static_assert(sizeof(struct report) <= REPORT_SIZE, "report too big");

#define REPORT_MAGIC 0x52455054u

/* ------------------------------------------------------------------ */
/* The scenario.                                                       */

enum topology { T_FAN_IN, T_FAN_OUT, T_CHAIN, T_FIFO, NR_TOPOLOGIES };
static const char *const topology_names[] = { "fan-in", "fan-out", "chain", "fifo" };
enum role { R_WRITER, R_READER, R_RELAY };
static const char *const role_names[] = { "writer", "reader", "relay" };

struct sproc {
	int role;
	int writer_id;		/* writers: their id; others: -1 */
	int in, out;		/* pipe indices, or -1 */
	int records;		/* writers: how many to send */
	int early;		/* writers: exit after this many; readers: close after */
	int restart;		/* SIGUSR1 with SA_RESTART */
	int term_handled;	/* SIGTERM caught instead of deadly */
	int nonblock;		/* its end is O_NONBLOCK */
	int big_writes;		/* writers alone on a pipe may write > PIPE_BUF */
	int open_rdwr;		/* FIFO writers: open O_RDWR */
	pid_t pid;
	int status, reaped;
	uint64_t sent_signals;	/* bit sig-1 */
	int stopped;
	double stop_until;
	int killable;		/* may the main process kill it? */
	int reported;
	struct report rep;
};

struct scenario {
	int topology;
	int nprocs, npipes;
	int nwriters;
	int fixed_size;		/* fan-out: every record this long */
	int fifo;		/* pipe 0 is a FIFO */
	int keeper;		/* main holds the FIFO open O_RDWR until writers end */
	char fifo_path[96];
	int pipes[MAX_PIPES][2];
	struct sproc p[MAX_PROCS];
	int signal_rate;	/* percent chance per tick to send one */
};

static struct scenario sc;
static int results_pipe[2];
static int verbose;
static int failures;
static uint32_t main_seed;
static char work_dir[64];

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
	char line[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof(line))
		n = sizeof(line) - 1;
	if (n > 0 && write(1, line, n) < 0)
		return;
}

/* ------------------------------------------------------------------ */
/* The processes.                                                      */

static struct report my_report;
static int my_index;
static volatile sig_atomic_t got_signals;

static void on_usr1(int sig)
{
	(void)sig;
	got_signals++;
}

static void install(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sa.sa_flags = flags;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

static void child_bad(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void child_bad(const char *fmt, ...)
{
	char line[300];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	my_report.bad++;
	say("stress: BUG (scenario %u, %s %d, pid %d): %s\n", scenario_key,
	    role_names[sc.p[my_index].role], my_index, (int)getpid(), line);
}

static void send_report(void)
{
	unsigned char buf[REPORT_SIZE];

	memset(buf, 0, sizeof(buf));
	my_report.magic = REPORT_MAGIC;
	my_report.index = my_index;
	my_report.role = sc.p[my_index].role;
	memcpy(buf, &my_report, sizeof(my_report));
	for (;;) {
		ssize_t n = write(results_pipe[1], buf, sizeof(buf));
		if (n == (ssize_t)sizeof(buf))
			return;
		if (n < 0 && errno == EINTR)
			continue;
		say("stress: process %d could not report: %zd (%s)\n", my_index, n,
		    n < 0 ? strerror(errno) : "short write");
		return;
	}
}

static void finish(int code) __attribute__((noreturn));
static void finish(int code)
{
	send_report();
	_exit(my_report.bad ? EXIT_CHECK : code);
}

/* Wait until fd is ready for events (after EAGAIN). */
static void wait_ready(int fd, short events)
{
	struct pollfd p = { fd, events, 0 };

	while (poll(&p, 1, -1) < 0 && errno == EINTR)
		;
}

/* Write n bytes in one go (a record or batch <= PIPE_BUF: atomically). */
static int write_all(int fd, const unsigned char *buf, size_t n, int atomic)
{
	size_t done = 0;

	while (done < n) {
		ssize_t r = write(fd, buf + done, n - done);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN) {
				wait_ready(fd, POLLOUT);
				continue;
			}
			if (errno == EPIPE)
				return -EPIPE;
			child_bad("write of %zu bytes failed: %s", n - done, strerror(errno));
			return -1;
		}
		if (atomic && (size_t)r != n)
			child_bad("write of a %zu-byte record (<= PIPE_BUF) returned %zd", n, r);
		if (r == 0) {
			child_bad("write returned 0");
			return -1;
		}
		done += (size_t)r;
	}
	return 0;
}

static int open_fifo(int flags)
{
	for (;;) {
		int fd = open(sc.fifo_path, flags);
		if (fd >= 0 || errno != EINTR)
			return fd;
	}
}

static void writer_main(struct sproc *me, int fd) __attribute__((noreturn));
static void writer_main(struct sproc *me, int fd)
{
	static unsigned char buf[65536 + PIPE_BUF_SIZE];
	int seq = 0;
	int limit = me->early >= 0 ? me->early : me->records;

	while (seq < limit) {
		size_t n = 0;
		int k = 0, atomic = 1;
		/* One record, a batch of them (<= PIPE_BUF), or for a writer
		 * alone on its pipe sometimes a big multi-record write. */
		int batch = chance(30) ? 1 + (int)below(6) : 1;
		size_t max = me->big_writes && chance(25) ? sizeof(buf) - PIPE_BUF_SIZE : PIPE_BUF_SIZE;
		while (k < batch && seq + k < limit) {
			uint16_t len = sc.fixed_size ? (uint16_t)sc.fixed_size :
				       (uint16_t)(HDR_SIZE + below(chance(20) ? 64 : PIPE_BUF_SIZE - HDR_SIZE + 1));
			if (n + len > max)
				break;
			make_record(buf + n, (uint16_t)me->writer_id, (uint32_t)(seq + k), len);
			n += len;
			k++;
		}
		if (n > PIPE_BUF_SIZE)
			atomic = 0;
		int err = write_all(fd, buf, n, atomic);
		if (err == -EPIPE) {
			my_report.sent = seq;
			finish(EXIT_EPIPE);
		}
		if (err < 0) {
			my_report.sent = seq;
			finish(EXIT_CHECK);
		}
		seq += k;
		my_report.sent = seq;
		if (chance(5))
			sched_yield();
		if (chance(2)) {
			struct timespec ts = { 0, (long)below(3000000) };
			nanosleep(&ts, NULL);
		}
	}
	my_report.sent = seq;
	if (chance(50))
		close(fd);
	finish(0);
}

/* Check and count one whole record; returns its length or -1. */
static int take_record(const unsigned char *p, size_t have, int strict_order)
{
	uint16_t writer, len;
	uint32_t seq;
	struct per_writer *pw;
	static unsigned char expect[PIPE_BUF_SIZE];

	if (have < HDR_SIZE)
		return 0;
	writer = get16(p + 2);
	seq = get32(p + 4);
	len = get16(p + 8);
	if (get16(p) != REC_MAGIC || writer >= MAX_WRITERS || len < HDR_SIZE ||
	    len > PIPE_BUF_SIZE || get16(p + 10) != header_check(writer, seq, len)) {
		child_bad("corrupt record header: %02x%02x writer %u seq %u len %u",
			  p[0], p[1], writer, seq, len);
		return -1;
	}
	if (have < len)
		return 0;
	fill_payload(expect, len - HDR_SIZE, writer, seq);
	if (memcmp(expect, p + HDR_SIZE, len - HDR_SIZE) != 0) {
		uint32_t i = 0;
		while (expect[i] == p[HDR_SIZE + i])
			i++;
		child_bad("record writer %u seq %u (len %u): payload differs at byte %u",
			  writer, seq, len, i);
		return -1;
	}
	pw = &my_report.w[writer];
	if (strict_order ? seq != pw->count : pw->count && seq <= pw->last)
		child_bad("writer %u: got seq %u after %u records (last %u)",
			  writer, seq, pw->count, pw->last);
	pw->count++;
	pw->last = seq;
	pw->sum += seq;
	pw->sumsq += (uint64_t)seq * seq;
	return len;
}

static void reader_main(struct sproc *me, int fd, int strict_order, int trunc_ok) __attribute__((noreturn));
static void reader_main(struct sproc *me, int fd, int strict_order, int trunc_ok)
{
	static unsigned char buf[3 * 65536];
	size_t have = 0;
	uint32_t records = 0;

	for (;;) {
		size_t want;
		ssize_t r;

		if (sc.fixed_size)
			want = (size_t)sc.fixed_size * (1 + below(4));
		else
			want = 1 + below(chance(50) ? 200 : 8192);
		if (want > sizeof(buf) - have)
			want = sizeof(buf) - have;
		r = read(fd, buf + have, want);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN) {
				wait_ready(fd, POLLIN);
				continue;
			}
			child_bad("read failed: %s", strerror(errno));
			break;
		}
		if (r == 0)
			break;
		if ((size_t)r > want) {
			child_bad("read returned %zd for %zu", r, want);
			break;
		}
		if (sc.fixed_size && r % sc.fixed_size != 0)
			child_bad("read of %zu got %zd bytes: not whole %d-byte records",
				  want, r, sc.fixed_size);
		have += (size_t)r;
		for (;;) {
			int len = take_record(buf, have, strict_order);
			if (len <= 0) {
				if (len < 0)
					finish(EXIT_CHECK);
				break;
			}
			memmove(buf, buf + len, have - (size_t)len);
			have -= (size_t)len;
			records++;
		}
		if (me->early >= 0 && records >= (uint32_t)me->early) {
			close(fd);	/* writers now see EPIPE */
			finish(0);
		}
	}
	if (have > 0) {
		my_report.truncated = (int)have;
		if (!trunc_ok)
			child_bad("stream ended inside a record (%zu bytes left)", have);
	}
	finish(0);
}

static void relay_main(int in, int out) __attribute__((noreturn));
static void relay_main(int in, int out)
{
	static unsigned char buf[65536];

	for (;;) {
		size_t want = 1 + below(chance(30) ? sizeof(buf) : 5000);
		ssize_t r = read(in, buf, want);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 && errno == EAGAIN) {
			wait_ready(in, POLLIN);
			continue;
		}
		if (r < 0) {
			child_bad("relay read failed: %s", strerror(errno));
			finish(EXIT_CHECK);
		}
		if (r == 0)
			break;
		/* Pass it on in pieces of random sizes. */
		for (ssize_t off = 0; off < r; ) {
			size_t piece = 1 + below((uint32_t)(r - off));
			int err = write_all(out, buf + off, piece, 0);
			if (err == -EPIPE)
				finish(EXIT_EPIPE);
			if (err < 0)
				finish(EXIT_CHECK);
			off += (ssize_t)piece;
			my_report.bytes += (uint32_t)piece;
		}
	}
	close(out);
	finish(0);
}

static void process_main(int index, const sigset_t *mask) __attribute__((noreturn));
static void process_main(int index, const sigset_t *mask)
{
	struct sproc *me = &sc.p[index];
	int in = -1, out = -1;

	my_index = index;
	memset(&my_report, 0, sizeof(my_report));
	rng_seed(scenario_key, 0x70726f63u + (uint32_t)index);
	install(SIGUSR1, on_usr1, me->restart ? SA_RESTART : 0);
	install(SIGUSR2, SIG_IGN, 0);
	install(SIGPIPE, SIG_IGN, 0);
	install(SIGTERM, me->term_handled ? on_usr1 : SIG_DFL, me->restart ? SA_RESTART : 0);
	sigprocmask(SIG_SETMASK, mask, NULL);
	/* Keep only this process's own ends (and the results pipe). */
	for (int i = 0; i < sc.npipes; i++) {
		if (sc.pipes[i][0] < 0)
			continue;
		if (i == me->in)
			in = sc.pipes[i][0];
		else
			close(sc.pipes[i][0]);
		if (i == me->out)
			out = sc.pipes[i][1];
		else
			close(sc.pipes[i][1]);
	}
	close(results_pipe[0]);
	if (sc.fifo && me->role == R_WRITER && me->out == 0) {
		out = open_fifo(me->open_rdwr ? O_RDWR : O_WRONLY);
		if (out < 0) {
			child_bad("open FIFO for writing: %s", strerror(errno));
			finish(EXIT_SETUP);
		}
	}
	if (sc.fifo && me->role == R_READER && me->in == 0) {
		in = open_fifo(O_RDONLY);
		if (in < 0) {
			child_bad("open FIFO for reading: %s", strerror(errno));
			finish(EXIT_SETUP);
		}
	}
	if (me->nonblock) {
		if (in >= 0)
			fcntl(in, F_SETFL, O_NONBLOCK);
		if (out >= 0)
			fcntl(out, F_SETFL, O_NONBLOCK);
	}
	switch (me->role) {
	case R_WRITER:
		writer_main(me, out);
	case R_READER:
		reader_main(me, in, sc.topology != T_FAN_OUT,
			    sc.topology == T_CHAIN);
	default:
		relay_main(in, out);
	}
}

/* ------------------------------------------------------------------ */
/* Planning a scenario.                                                */

static struct sproc *add_proc(int role, int in, int out)
{
	struct sproc *p = &sc.p[sc.nprocs++];

	memset(p, 0, sizeof(*p));
	p->role = role;
	p->in = in;
	p->out = out;
	p->writer_id = -1;
	p->early = -1;
	p->restart = chance(50);
	p->term_handled = chance(20);
	p->nonblock = chance(15);
	return p;
}

static struct sproc *add_writer(int out)
{
	struct sproc *p = add_proc(R_WRITER, -1, out);

	p->writer_id = sc.nwriters++;
	p->records = 1 + (int)below(chance(25) ? 400 : 60);
	if (chance(10))
		p->early = (int)below((uint32_t)p->records);
	p->killable = 1;
	return p;
}

static void plan(uint32_t key)
{
	memset(&sc, 0, sizeof(sc));
	scenario_key = key;
	rng_seed(key, 0x706c616eu);
	sc.topology = (int)below(NR_TOPOLOGIES);
	sc.signal_rate = (int)below(40);
	switch (sc.topology) {
	case T_FAN_IN:
	case T_FIFO: {
		int w = 1 + (int)below(sc.topology == T_FIFO ? 4 : 6);
		struct sproc *r;
		sc.npipes = 1;
		sc.fifo = sc.topology == T_FIFO;
		sc.keeper = sc.fifo && w > 1;
		for (int i = 0; i < w; i++) {
			struct sproc *p = add_writer(0);
			p->big_writes = w == 1;
			p->open_rdwr = sc.keeper && chance(10);
			if (p->open_rdwr)
				p->early = -1;
		}
		r = add_proc(R_READER, 0, -1);
		if (sc.fifo) {
			/* A FIFO's opens wait for each other (or the keeper holds
			 * it open): a reader that vanished would leave writers
			 * waiting forever, and one that never opened, too. */
			for (int i = 0; i < sc.nprocs; i++)
				sc.p[i].killable = sc.keeper && sc.p[i].role == R_WRITER;
			break;
		}
		if (chance(8))
			r->early = (int)below(20);
		r->killable = chance(10);
		break;
	}
	case T_FAN_OUT: {
		int w = 1 + (int)below(3), rd = 2 + (int)below(3);
		sc.npipes = 1;
		sc.fixed_size = HDR_SIZE + (int)below(2000);
		for (int i = 0; i < w; i++)
			add_writer(0);
		for (int i = 0; i < rd; i++)
			add_proc(R_READER, 0, -1);	/* never killed: see the top */
		break;
	}
	case T_CHAIN: {
		int relays = 1 + (int)below(4);
		struct sproc *wr;
		sc.npipes = relays + 1;
		wr = add_writer(0);
		wr->big_writes = 1;
		for (int i = 0; i < relays; i++)
			add_proc(R_RELAY, i, i + 1)->killable = chance(30);
		add_proc(R_READER, relays, -1);
		break;
	}
	}
}

/* ------------------------------------------------------------------ */
/* Running and checking a scenario.                                    */

static double now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static int read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	size_t got = 0;

	if (fd < 0)
		return -1;
	while (got + 1 < size) {
		ssize_t n = read(fd, buf + got, size - 1 - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	buf[got] = 0;
	return (int)got;
}

static void dump_file(const char *path)
{
	static char text[8192];

	if (read_file(path, text, sizeof(text)) > 0)
		printf("--- %s ---\n%s", path, text);
}

static void drain_reports(void)
{
	static unsigned char buf[REPORT_SIZE * 16];

	for (;;) {
		ssize_t n = read(results_pipe[0], buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		if (n % REPORT_SIZE) {
			printf("stress: BUG: a read of reports got %zd bytes, not whole "
			       "%d-byte records\n", n, REPORT_SIZE);
			failures++;
		}
		for (ssize_t off = 0; off + REPORT_SIZE <= n; off += REPORT_SIZE) {
			struct report r;
			memcpy(&r, buf + off, sizeof(r));
			if (r.magic != REPORT_MAGIC || r.index < 0 || r.index >= sc.nprocs) {
				printf("stress: BUG: a corrupt report (magic %#x index %d)\n",
				       r.magic, r.index);
				failures++;
				continue;
			}
			if (sc.p[r.index].reported) {
				printf("stress: BUG: process %d reported twice\n", r.index);
				failures++;
			}
			sc.p[r.index].reported = 1;
			sc.p[r.index].rep = r;
		}
	}
}

static int signal_sent(const struct sproc *p, int sig)
{
	return (p->sent_signals >> (sig - 1)) & 1;
}

static int died_or_quit(const struct sproc *p)
{
	return (WIFSIGNALED(p->status)) || p->early >= 0 ||
	       (WIFEXITED(p->status) && WEXITSTATUS(p->status) != 0);
}

/* Send one random signal to one random live process. */
static void random_signal(double t)
{
	struct sproc *p = &sc.p[below((uint32_t)sc.nprocs)];
	int sig;
	uint32_t r = below(100);

	if (p->reaped || p->pid <= 0)
		return;
	if (r < 35)
		sig = SIGUSR1;
	else if (r < 45)
		sig = SIGUSR2;
	else if (r < 55)
		sig = chance(50) ? SIGWINCH : SIGCONT;
	else if (r < 75)
		sig = SIGSTOP;
	else if (r < 85)
		sig = p->killable || p->term_handled ? SIGTERM : SIGUSR1;
	else
		sig = p->killable && chance(40) ? SIGKILL : SIGUSR1;
	if (sig == SIGTERM && !p->term_handled && !p->killable)
		sig = SIGUSR1;
	if (sig == SIGSTOP) {
		if (p->stopped)
			return;
		p->stopped = 1;
		p->stop_until = t + 0.005 + below(200) / 1000.0;
	}
	p->sent_signals |= 1ull << (sig - 1);
	if (verbose)
		printf("stress:   signal %d -> process %d (pid %d)\n", sig,
		       (int)(p - sc.p), (int)p->pid);
	kill(p->pid, sig);
}

static void check_status(int i)
{
	struct sproc *p = &sc.p[i];
	int st = p->status, ok = 0;
	int downstream_gone = 0;

	/* Did the consumer of this process's output go away? */
	for (int j = 0; j < sc.nprocs; j++)
		if (sc.p[j].in == p->out && p->out >= 0 && j != i &&
		    (died_or_quit(&sc.p[j]) || sc.p[j].pid < 0))
			downstream_gone = 1;
	if (WIFEXITED(st)) {
		int code = WEXITSTATUS(st);
		ok = code == 0 || (code == EXIT_EPIPE && downstream_gone);
	} else if (WIFSIGNALED(st)) {
		int sig = WTERMSIG(st);
		ok = (sig == SIGKILL && signal_sent(p, SIGKILL)) ||
		     (sig == SIGTERM && signal_sent(p, SIGTERM) && !p->term_handled);
	}
	if (!ok) {
		printf("stress: BUG (scenario %u %s): %s %d (pid %d) ended with status %#x "
		       "(%s %d)%s\n", scenario_key, topology_names[sc.topology],
		       role_names[p->role], i, (int)p->pid, st,
		       WIFEXITED(st) ? "exit" : "signal",
		       WIFEXITED(st) ? WEXITSTATUS(st) : WTERMSIG(st),
		       WIFEXITED(st) && WEXITSTATUS(st) == EXIT_CHECK ? " (see above)" : "");
		failures++;
	}
	if (WIFEXITED(st) && !p->reported) {
		printf("stress: BUG (scenario %u): %s %d exited (status %d) without its report\n",
		       scenario_key, role_names[p->role], i, WEXITSTATUS(st));
		failures++;
	}
}

/* Did every record sent arrive exactly once (a killed writer: a prefix)? */
static void check_delivery(void)
{
	int consumer_lost = 0, chain_lost = 0;

	for (int j = 0; j < sc.nprocs; j++) {
		struct sproc *p = &sc.p[j];
		if (p->role == R_READER && (died_or_quit(p) || !p->reported))
			consumer_lost = 1;
		if (p->role == R_RELAY && (died_or_quit(p) || !p->reported))
			chain_lost = 1;
	}
	for (int j = 0; j < sc.nprocs; j++) {
		struct sproc *w = &sc.p[j];
		uint64_t count = 0, sum = 0, sumsq = 0, k;
		int killed, id = w->writer_id;

		if (w->role != R_WRITER)
			continue;
		for (int r = 0; r < sc.nprocs; r++) {
			if (sc.p[r].role != R_READER || !sc.p[r].reported)
				continue;
			count += sc.p[r].rep.w[id].count;
			sum += sc.p[r].rep.w[id].sum;
			sumsq += sc.p[r].rep.w[id].sumsq;
		}
		k = count;
		if (k && (sum != k * (k - 1) / 2 || sumsq != (k - 1) * k * (2 * k - 1) / 6)) {
			printf("stress: BUG (scenario %u %s): writer %d: the %llu records received "
			       "are not seqs 0..%llu exactly once (sum %llu, sum of squares %llu)\n",
			       scenario_key, topology_names[sc.topology], id,
			       (unsigned long long)k, (unsigned long long)(k - 1),
			       (unsigned long long)sum, (unsigned long long)sumsq);
			failures++;
			continue;
		}
		if (consumer_lost || chain_lost)
			continue;	/* records in flight died with a reader */
		killed = WIFSIGNALED(w->status);
		if (!killed && w->reported && (int64_t)k != w->rep.sent) {
			printf("stress: BUG (scenario %u %s): writer %d sent %d records, "
			       "%llu arrived\n", scenario_key, topology_names[sc.topology],
			       id, w->rep.sent, (unsigned long long)k);
			failures++;
		}
		if (killed && w->reported && (int64_t)k < w->rep.sent) {
			printf("stress: BUG (scenario %u): killed writer %d reported %d, %llu arrived\n",
			       scenario_key, id, w->rep.sent, (unsigned long long)k);
			failures++;
		}
	}
}

static void kill_all(int sig)
{
	for (int i = 0; i < sc.nprocs; i++)
		if (sc.p[i].pid > 0 && !sc.p[i].reaped)
			kill(sc.p[i].pid, sig);
}

static int run_scenario(uint32_t key, int number)
{
	int live = 0, keeper_fd = -1, writers_left;
	sigset_t block, old_mask;
	double start, t;
	int failures_before = failures;

	plan(key);
	if (sc.fifo) {
		snprintf(sc.fifo_path, sizeof(sc.fifo_path), "%s/fifo%d", work_dir, number);
		if (mkfifo(sc.fifo_path, 0600) != 0) {
			printf("stress: mkfifo %s: %s\n", sc.fifo_path, strerror(errno));
			failures++;
			return -1;
		}
		if (sc.keeper)
			keeper_fd = open(sc.fifo_path, O_RDWR);
	}
	for (int i = 0; i < MAX_PIPES; i++)
		sc.pipes[i][0] = sc.pipes[i][1] = -1;
	for (int i = sc.fifo ? 1 : 0; i < sc.npipes; i++) {
		if (pipe(sc.pipes[i]) != 0) {
			printf("stress: pipe: %s\n", strerror(errno));
			failures++;
			return -1;
		}
	}
	if (verbose) {
		printf("stress: scenario %d (key %u): %s, %d processes, %d pipes%s%s, signals %d%%\n",
		       number, key, topology_names[sc.topology], sc.nprocs, sc.npipes,
		       sc.fifo ? ", FIFO" : "", sc.keeper ? " with keeper" : "", sc.signal_rate);
		fflush(stdout);
	}
	fflush(stdout);
	/* Signals wait until each child has its handlers in place. */
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigaddset(&block, SIGUSR2);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGWINCH);
	sigprocmask(SIG_BLOCK, &block, &old_mask);
	for (int i = 0; i < sc.nprocs; i++) {
		pid_t pid = fork();
		if (pid == 0) {
			if (keeper_fd >= 0)
				close(keeper_fd);
			process_main(i, &old_mask);
		}
		sc.p[i].pid = pid;
		if (pid < 0) {
			printf("stress: fork: %s\n", strerror(errno));
			failures++;
			sc.p[i].reaped = 1;
		} else {
			live++;
		}
	}
	sigprocmask(SIG_SETMASK, &old_mask, NULL);
	for (int i = 0; i < sc.npipes; i++) {
		if (sc.pipes[i][0] >= 0)
			close(sc.pipes[i][0]);
		if (sc.pipes[i][1] >= 0)
			close(sc.pipes[i][1]);
	}

	rng_seed(key, 0x6d61696eu);
	start = now_seconds();
	while (live > 0) {
		struct pollfd pfd = { results_pipe[0], POLLIN, 0 };
		pid_t pid;
		int status;

		poll(&pfd, 1, 2 + (int)below(20));
		drain_reports();
		t = now_seconds();
		if (chance(sc.signal_rate))
			random_signal(t);
		for (int i = 0; i < sc.nprocs; i++) {
			if (sc.p[i].stopped && !sc.p[i].reaped && t >= sc.p[i].stop_until) {
				kill(sc.p[i].pid, SIGCONT);
				sc.p[i].stopped = 0;
			}
		}
		while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
			for (int i = 0; i < sc.nprocs; i++) {
				if (sc.p[i].pid == pid && !sc.p[i].reaped) {
					sc.p[i].reaped = 1;
					sc.p[i].status = status;
					live--;
				}
			}
		}
		writers_left = 0;
		for (int i = 0; i < sc.nprocs; i++)
			writers_left += sc.p[i].role == R_WRITER && !sc.p[i].reaped;
		if (keeper_fd >= 0 && writers_left == 0) {
			close(keeper_fd);	/* now the reader may see end of file */
			keeper_fd = -1;
		}
		if (t - start > SCENARIO_SECONDS) {
			printf("stress: BUG (scenario %u %s): not finished after %d s: hung\n",
			       key, topology_names[sc.topology], SCENARIO_SECONDS);
			dump_file("/proc/ps");
			dump_file("/proc/pipes");
			failures++;
			kill_all(SIGKILL);
			start = t + 1e9;	/* report once */
		}
	}
	if (keeper_fd >= 0)
		close(keeper_fd);
	drain_reports();
	for (int i = 0; i < sc.nprocs; i++)
		if (sc.p[i].pid > 0)
			check_status(i);
	check_delivery();
	if (sc.fifo)
		unlink(sc.fifo_path);
	if (failures != failures_before)
		printf("stress: scenario %d (key %u, %s) failed: replay it alone with "
		       "stress -v -s %d %u\n", number, key, topology_names[sc.topology],
		       number, main_seed);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Counters, as in fuzz.c.                                             */

struct counters {
	long pages_free, processes, files, pipes, kmalloc_objects;
	int valid;
};

static long field(const char *text, const char *key)
{
	size_t len = strlen(key);

	for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : p)
		if (strncmp(p, key, len) == 0 && p[len] == ' ')
			return atol(p + len + 1);
	return -1;
}

static struct counters read_counters(void)
{
	static char text[1024];
	struct counters c;

	memset(&c, 0, sizeof(c));
	if (read_file("/proc/meminfo", text, sizeof(text)) <= 0)
		return c;
	c.pages_free = field(text, "pages_free");
	c.processes = field(text, "processes");
	c.files = field(text, "files");
	c.pipes = field(text, "pipes");
	c.kmalloc_objects = field(text, "kmalloc_objects");
	c.valid = c.pages_free >= 0 && c.processes >= 0 && c.files >= 0 &&
		  c.pipes >= 0 && c.kmalloc_objects >= 0;
	return c;
}

static int counters_equal(const struct counters *a, const struct counters *b)
{
	return a->pages_free == b->pages_free && a->processes == b->processes &&
	       a->files == b->files && a->pipes == b->pipes &&
	       a->kmalloc_objects == b->kmalloc_objects;
}

static int warm_stack(int n)
{
	volatile char frame[4096];

	frame[0] = (char)n;
	frame[4095] = (char)n;
	return n > 0 ? warm_stack(n - 1) + frame[0] + frame[4095] : 0;
}

/* One lane: scenarios first, first + lanes, ... until the time is up. */
static int run_lane(int first, int lanes, int only, double start, long seconds)
{
	int n = 0;

	if (pipe(results_pipe) != 0) {
		printf("stress: pipe: %s\n", strerror(errno));
		failures++;
		return 0;
	}
	fcntl(results_pipe[0], F_SETFL, O_NONBLOCK);
	if (only >= 0) {
		run_scenario(mix32(main_seed ^ mix32((uint32_t)only + 1)), only);
		n = 1;
	}
	for (int k = first; only < 0 && now_seconds() - start < seconds; k += lanes) {
		run_scenario(mix32(main_seed ^ mix32((uint32_t)k + 1)), k);
		n++;
		if (failures > 20)
			break;
	}
	close(results_pipe[0]);
	close(results_pipe[1]);
	return n;
}

static void usage(void)
{
	fprintf(stderr, "usage: stress [-v] [-l LANES] [-t SECONDS] [-s SCENARIO] [SEED]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	long seconds = DEFAULT_SECONDS;
	int only = -1, lanes = 2;
	int opt, host = getenv("CONDUIT_HOST_RUN") != NULL, scenarios = 0;
	struct counters before, after;
	double start;

	while ((opt = getopt(argc, argv, "t:vs:l:")) != -1) {
		switch (opt) {
		case 'l':
			lanes = atoi(optarg);
			if (lanes < 1 || lanes > MAX_LANES)
				usage();
			break;
		case 's':
			only = atoi(optarg);
			break;
		case 't':
			seconds = atol(optarg);
			if (seconds <= 0)
				usage();
			break;
		case 'v':
			verbose = 1;
			break;
		default:
			usage();
		}
	}
	if (argc - optind > 1)
		usage();
	if (argc - optind == 1) {
		main_seed = (uint32_t)strtoul(argv[optind], NULL, 0);
	} else {
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		main_seed = mix32((uint32_t)ts.tv_sec ^ (uint32_t)ts.tv_nsec ^ (uint32_t)getpid() << 16);
	}
	printf("stress: seed %u, %ld seconds (replay: stress -t %ld %u)\n", main_seed,
	       seconds, seconds, main_seed);
	fflush(stdout);
	signal(SIGPIPE, SIG_IGN);

	/* Warm up, then take the baseline. */
	warm_stack(32);
	snprintf(work_dir, sizeof(work_dir), "/tmp/stress-%d", (int)getpid());
	mkdir(work_dir, 0755);
	rmdir(work_dir);
	dump_file("/nonexistent");
	before = read_counters();
	if (!before.valid && !host) {
		printf("stress: cannot read the counters in /proc/meminfo "
		       "(on a Linux host, set CONDUIT_HOST_RUN=1)\n");
		return 1;
	}
	before = read_counters();

	if (mkdir(work_dir, 0755) != 0) {
		printf("stress: setup: %s\n", strerror(errno));
		return 1;
	}
	start = now_seconds();
	if (only >= 0 || lanes == 1) {
		scenarios = run_lane(0, 1, only, start, seconds);
	} else {
		pid_t lane_pids[MAX_LANES];
		int running = 0;
		fflush(stdout);
		for (int l = 0; l < lanes; l++) {
			lane_pids[l] = fork();
			if (lane_pids[l] == 0) {
				int n = run_lane(l, lanes, -1, start, seconds);
				printf("stress: lane %d: %d scenarios, %d failure(s)\n", l, n, failures);
				fflush(stdout);
				_exit(failures ? 1 : 0);
			}
			if (lane_pids[l] < 0) {
				printf("stress: fork of lane %d: %s\n", l, strerror(errno));
				failures++;
			} else {
				running++;
			}
		}
		while (running > 0) {
			int status;
			pid_t pid = waitpid(-1, &status, 0);
			if (pid < 0 && errno == EINTR)
				continue;
			if (pid < 0)
				break;
			for (int l = 0; l < lanes; l++) {
				if (pid != lane_pids[l])
					continue;
				running--;
				if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
					printf("stress: lane %d ended with status %#x\n", l, status);
					failures++;
				}
			}
		}
		scenarios = -1;
	}
	if (rmdir(work_dir) != 0) {
		printf("stress: could not remove %s: %s\n", work_dir, strerror(errno));
		failures++;
	}
	if (scenarios >= 0)
		printf("stress: %d scenarios in %.0f s, %d failure(s)\n", scenarios,
		       now_seconds() - start, failures);
	else
		printf("stress: %d lanes for %.0f s, %d failure(s)\n", lanes,
		       now_seconds() - start, failures);
	if (host) {
		printf("stress: host run: counter check skipped\n");
	} else {
		for (int i = 0; i < 200; i++) {
			pid_t pid;
			int status;
			after = read_counters();
			if (counters_equal(&before, &after))
				break;
			while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
				;
			sleep_ms(50);
		}
		if (!counters_equal(&before, &after)) {
			printf("stress: counters, start -> end:\n");
			printf("stress:   pages_free      %ld -> %ld (%+ld)\n", before.pages_free,
			       after.pages_free, after.pages_free - before.pages_free);
			printf("stress:   processes       %ld -> %ld (%+ld)\n", before.processes,
			       after.processes, after.processes - before.processes);
			printf("stress:   files           %ld -> %ld (%+ld)\n", before.files,
			       after.files, after.files - before.files);
			printf("stress:   pipes           %ld -> %ld (%+ld)\n", before.pipes,
			       after.pipes, after.pipes - before.pipes);
			printf("stress:   kmalloc_objects %ld -> %ld (%+ld)\n",
			       before.kmalloc_objects, after.kmalloc_objects,
			       after.kmalloc_objects - before.kmalloc_objects);
			dump_file("/proc/ps");
			dump_file("/proc/pipes");
			printf("stress: FAILED: the kernel's counters did not return to their start\n");
			failures++;
		} else {
			printf("stress: counters back to their start (pages_free %ld, files %ld, "
			       "pipes %ld, processes %ld, kmalloc_objects %ld)\n",
			       after.pages_free, after.files, after.pipes, after.processes,
			       after.kmalloc_objects);
		}
	}
	printf("stress: %s (seed %u)\n", failures ? "FAILED" : "passed", main_seed);
	fflush(stdout);
	return failures ? 1 : 0;
}
