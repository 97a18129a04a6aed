/*
 * smp_relay_chain - a chain of 500 processes joined by pipes, spread over
 * the CPUs, passes 200 numbered tokens along, each process adding 1.
 *
 * The parent makes the chain: stage i reads from the pipe stage i-1
 * writes (stage 0 from the parent) and writes to a new pipe for stage
 * i+1 (the last stage writes back to the parent).  The parent holds only
 * the two ends of the chain, so no process needs more than a few
 * descriptors; 500 processes are far below the kernel's limit (PROC_MAX
 * and RLIMIT_NPROC, 8000).  Stage i runs on the (i mod n)-th available
 * CPU, so on several CPUs neighbours sit on different CPUs and every hop
 * is a cross-CPU wake-up (with one CPU they all share it; a note says so).
 *
 * A token is two 32-bit words, (index, value), sent with value = index *
 * 1000.  Stage i checks that tokens come in index order 0, 1, 2, ... with
 * value index * 1000 + i, adds 1 and passes the token on; at end of file
 * it checks that it saw all TOKENS and exits 0.  The parent keeps WINDOW
 * tokens in flight and checks that each comes back in order with value
 * index * 1000 + 500.  A token lost, repeated, reordered or corrupted on
 * any hop fails a check; a lost wake-up would stall the chain, so the
 * parent waits for each token at most STALL_MS ("stall: token N ..."),
 * then kills and reaps every stage and fails.  At the end all 500 must be
 * reaped with exit status 0, and (on Conduit) the process count must be
 * back where it was.
 */
#define _GNU_SOURCE
#include <conduit/test.h>
#include <conduit/smp_test.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>

#define STAGES 500
#define TOKENS 200
#define WINDOW 8		/* tokens in the chain at once */
#define STEP 1000		/* a token starts with value index * STEP */
#define STALL_MS 15000		/* a token later than this: a stall */

struct token {
	uint32_t index;
	uint32_t value;
};

static pid_t stage_pid[STAGES];

/* Read one token; 0 at end of file, 1 otherwise. */
static int get_token(int fd, struct token *t)
{
	size_t have = 0;

	while (have < sizeof(*t)) {
		ssize_t n = read(fd, (char *)t + have, sizeof(*t) - have);

		if (n < 0 && errno == EINTR)
			continue;
		CHECK(n >= 0);
		if (n == 0)
			break;
		have += (size_t)n;
	}
	CHECK(have == 0 || have == sizeof(*t));	/* no torn token */
	return have != 0;
}

static void put_token(int fd, const struct token *t)
{
	CHECK_EQ(write(fd, t, sizeof(*t)), sizeof(*t));
}

static void stage(int i, int in, int out)
{
	struct token t;
	uint32_t next = 0;

	smp_pin_slot(i);
	while (get_token(in, &t)) {
		if (t.index != next || t.value != t.index * STEP + (uint32_t)i) {
			fprintf(stderr, "smp_relay_chain: stage %d got token (%u, %u), expected (%u, %u)\n",
				i, (unsigned)t.index, (unsigned)t.value,
				(unsigned)next, (unsigned)(next * STEP + (uint32_t)i));
			_exit(1);
		}
		next++;
		t.value++;
		put_token(out, &t);
	}
	CHECK_EQ(next, TOKENS);
	_exit(0);
}

/* Fork the stages; returns the read end of the last one's output. */
static int build_chain(int source_w, int first_r)
{
	int in = first_r;

	for (int i = 0; i < STAGES; i++) {
		int next[2];

		CHECK_EQ(pipe(next), 0);
		stage_pid[i] = fork();
		CHECK(stage_pid[i] >= 0);
		if (stage_pid[i] == 0) {
			close(source_w);
			close(next[0]);
			stage(i, in, next[1]);
		}
		CHECK_EQ(close(in), 0);
		CHECK_EQ(close(next[1]), 0);
		in = next[0];
	}
	return in;
}

static void send_token(int fd, uint32_t index)
{
	struct token t = { index, index * STEP };

	put_token(fd, &t);
}

/* Wait at most STALL_MS for the next token out of the chain. */
static int wait_token(int fd, struct token *t, uint32_t index)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	int n;

	do {
		n = poll(&p, 1, STALL_MS);
	} while (n < 0 && errno == EINTR);
	CHECK(n >= 0);
	if (n == 0) {
		fprintf(stderr, "smp_relay_chain: stall: token %u did not come out of the chain within %d ms\n",
			(unsigned)index, STALL_MS);
		return -1;
	}
	return get_token(fd, t);
}

/* After a stall: kill every stage, reap them all, fail. */
static void give_up(void)
{
	for (int i = 0; i < STAGES; i++)
		kill(stage_pid[i], SIGKILL);
	for (int i = 0; i < STAGES; i++)
		wait_for_child(stage_pid[i]);
	exit(1);
}

/* Feed the chain WINDOW tokens ahead; check each one that comes out. */
static void run_tokens(int source_w, int sink_r)
{
	uint32_t sent = 0;
	struct token t;

	while (sent < WINDOW && sent < TOKENS)
		send_token(source_w, sent++);
	for (uint32_t index = 0; index < TOKENS; index++) {
		int r = wait_token(sink_r, &t, index);

		if (r < 0)
			give_up();
		CHECK_EQ(r, 1);
		CHECK_EQ(t.index, index);
		CHECK_EQ(t.value, index * STEP + STAGES);
		if (sent < TOKENS)
			send_token(source_w, sent++);
	}
}

int main(void)
{
	int source[2], sink_r;
	long procs_before = process_count();
	struct token t;

	smp_find_cpus("smp_relay_chain", "all its stages share it");
	CHECK_EQ(pipe(source), 0);
	sink_r = build_chain(source[1], source[0]);
	run_tokens(source[1], sink_r);
	CHECK_EQ(close(source[1]), 0);		/* end of file runs down the chain */
	CHECK_EQ(get_token(sink_r, &t), 0);
	CHECK_EQ(close(sink_r), 0);
	for (int i = 0; i < STAGES; i++) {
		int status = wait_for_child(stage_pid[i]);

		if (status != 0) {
			fprintf(stderr, "smp_relay_chain: stage %d ended with status 0x%x\n",
				i, status);
			exit(1);
		}
	}
	if (getenv("CONDUIT_HOST_RUN") == NULL)
		CHECK_EQ(process_count(), procs_before);
	return 0;
}
