/*
 * stress.h - declarations shared by the parts of the pipe stress test:
 * random topologies of processes passing checked records, random
 * signals, closes and exits, then a leak check.
 *
 *   stress [-v] [-l LANES] [-t SECONDS] [-H SECONDS] [-s SCENARIO] [SEED]
 *
 * (default: 60 seconds, 2 lanes, a hang limit of 120 s, a random seed).  Each lane is a process
 * that runs one scenario after another until the time is up, so LANES
 * scenarios run at once; scenario K follows from (SEED, K), so `-s K` runs
 * scenario K alone, and -v shows each plan and the signals sent.  A
 * scenario picks a topology and its sizes:
 *
 *   fan-in    W writers -> one pipe -> one reader
 *   fan-out   W writers -> one pipe -> R readers
 *   chain     a writer -> pipe -> relay -> pipe -> ... -> a reader
 *   fifo      fan-in through a FIFO in /tmp/stress-PID (opened by name;
 *             1:1 without a keeper, so both opens wait for each other;
 *             with several writers the main process keeps an O_RDWR end,
 *             the keeper, until every writer is gone and the reader has
 *             sent its "opened" note on the results pipe)
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
 * sent.  A scenario that does not finish within SCENARIO_SECONDS (-H) is a hang:
 * /proc/ps and /proc/pipes are printed and everything is killed.
 *
 * At the end, with everything reaped and /tmp/stress-PID removed, the
 * counters in /proc/meminfo must be back at their start (set
 * CONDUIT_HOST_RUN=1 to skip that on a Linux host).  Exit status: 0 if
 * everything checked out, 1 if not, 2 for usage.
 *
 * The files, in the order a scenario meets them:
 *   main.c      options, the lanes, the leak check at the end
 *   plan.c      a scenario's topology, processes and their quirks
 *   scenario.c  running one: pipes, forks, signals, reaping, hangs
 *   process.c   a scenario's process: its ends, handlers, report, writes
 *   roles.c     what writers, readers and relays do
 *   record.c    the record format: making and checking records
 *   check.c     the main process's checks: reports, exits, delivery
 * Random numbers and the leak check come from user/common (rng.h,
 * longrun.h), shared with /bin/fuzz.
 */
#ifndef STRESS_H
#define STRESS_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define DEFAULT_SECONDS 60
#define SCENARIO_SECONDS 120	/* default -H: a scenario taking longer has hung */
#define MAX_LANES 8
#define MAX_WRITERS 8
#define MAX_PROCS 20
#define MAX_PIPES 8
#define PIPE_BUF_SIZE 4096	/* PIPE_BUF: writes up to this are atomic */
#define REPORT_SIZE 256		/* one report: well under PIPE_BUF */

/* How a scenario's process exits (besides 0). */
#define EXIT_CHECK 1		/* it found a broken rule */
#define EXIT_EPIPE 3		/* a writer saw its reader go away */
#define EXIT_SETUP 4		/* could not open or set up */

/*
 * The random streams of a scenario, each seeded with (seed, scenario key,
 * stream): the processes use their index (below MAX_PROCS), so each
 * process's choices do not depend on how the others were scheduled.
 */
#define RNG_PLAN 1000		/* plan.c: the scenario's shape */
#define RNG_MAIN 1001		/* scenario.c: the signals the main process sends */

/* ------------------------------------------------------------------ */
/* Records (record.c).                                                 */

#define RECORD_MAGIC 0xC0DE
#define RECORD_HEADER_SIZE 12

struct record_header {
	uint16_t magic, writer;
	uint32_t seq;
	uint16_t len;		/* of the whole record, header included */
	uint16_t check;
};

void record_make(unsigned char *p, uint16_t writer, uint32_t seq, uint16_t len);
int record_read_header(const unsigned char *p, size_t have, struct record_header *h);
long record_payload_mismatch(const unsigned char *p, const struct record_header *h);

/* ------------------------------------------------------------------ */
/* Reports, sent on the results pipe by every process at its end (and  */
/* by a FIFO reader once it has the FIFO open: OPENED_MAGIC).          */

#define REPORT_MAGIC 0x52455054u
#define OPENED_MAGIC 0x4f50454eu	/* a FIFO reader's "I have it open" note */

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

/* ------------------------------------------------------------------ */
/* The scenario (plan.c fills it in, scenario.c runs it).             */

enum topology { T_FAN_IN, T_FAN_OUT, T_CHAIN, T_FIFO, NR_TOPOLOGIES };
enum role { R_WRITER, R_READER, R_RELAY };
extern const char *const topology_names[];
extern const char *const role_names[];

/* One process of a scenario: its plan, then what happened to it. */
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
	int killable;		/* may the main process kill it? */

	pid_t pid;
	int status, reaped;
	uint64_t sent_signals;	/* bit sig-1 */
	int stopped;
	double stop_until;	/* when to send SIGCONT */
	int reported;
	int opened;		/* FIFO reader: its OPENED_MAGIC note came */
	struct report rep;
};

struct scenario {
	int number;		/* K in stress -s K */
	uint32_t key;		/* from (seed, K): the payloads depend on it */
	int topology;
	int nprocs, npipes;
	int nwriters;
	int fixed_size;		/* fan-out: every record this long */
	int fifo;		/* pipe 0 is a FIFO */
	int keeper;		/* main holds the FIFO open O_RDWR until writers end */
	int keeper_fd;		/* that descriptor, or -1 */
	char fifo_path[96];
	int pipes[MAX_PIPES][2];
	struct sproc procs[MAX_PROCS];
	int signal_rate;	/* percent chance per tick to send one */
};

/* ------------------------------------------------------------------ */
/* State of the run, and who provides what.                           */

extern struct scenario sc;	/* the scenario this lane runs now */
extern int results_pipe[2];	/* this lane's: processes -> main */
extern uint32_t stress_seed;
extern int stress_verbose;
extern int stress_failures;	/* found by this process (lane) */
extern int stress_hang_seconds;	/* -H: a scenario running longer has hung */
extern char stress_dir[64];	/* /tmp/stress-PID, for the FIFOs */

/* plan.c */
void scenario_plan(int number, uint32_t key);
void scenario_describe(void);

/* scenario.c */
void scenario_run(int number);

/* process.c: the side of a scenario's process */
extern struct report process_report;
void process_main(int index, const sigset_t *mask) __attribute__((noreturn));
void process_finish(int code) __attribute__((noreturn));
void process_bug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
ssize_t process_read(int fd, unsigned char *buf, size_t want);
int process_write(int fd, const unsigned char *buf, size_t n, int atomic);

/* roles.c */
void writer_main(struct sproc *me, int fd) __attribute__((noreturn));
void reader_main(struct sproc *me, int fd) __attribute__((noreturn));
void relay_main(int in, int out) __attribute__((noreturn));

/* check.c: the side of the main process */
void scenario_bug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void check_drain_reports(void);
void check_status(int index);
void check_delivery(void);

#endif
