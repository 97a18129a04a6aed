/*
 * smp_pipe_records_nonblock - smp_pipe_records with O_NONBLOCK on both
 * ends: a write of PIPE_BUF bytes is all or nothing, records stay whole,
 * and no wake-up is lost, with writers and readers on different CPUs.
 *
 * First, in one process: an empty pipe reads EAGAIN; a pipe holding 1
 * byte and 15 records (65535 of its 65536 bytes) refuses a 4096-byte
 * write with EAGAIN (a short write of 4095 would break atomicity) and
 * does not poll POLLOUT; after the byte is read it polls POLLOUT and
 * takes the record.
 *
 * Then WRITERS children write RECORDS records of exactly PIPE_BUF bytes
 * each (writer id, sequence number, a pattern over the rest computed from
 * both) into one O_NONBLOCK pipe, pinned round-robin to the CPUs
 * sched_getaffinity() reports (with only one CPU they share it, and a
 * note says so).  A writer that gets EAGAIN waits in poll() for POLLOUT
 * and tries again; any count other than 4096 or EAGAIN fails.  Readers
 * get EAGAIN when the pipe is empty and wait in poll() for POLLIN; end of
 * file (read 0) comes once every writer has closed.
 *
 * Phase 1, one reader, reads of random sizes reassembled into records:
 * each record intact, each writer's records in order 0, 1, 2, ..., none
 * lost or repeated.  Phase 2, MAX_READERS (2) readers reading exactly
 * PIPE_BUF: each read is one whole record (the pipe only ever holds whole
 * records, and a read returns fewer bytes than asked only when fewer are
 * there), each writer's sequence numbers increase per reader, and the
 * readers' bitmaps of what they got hold every record exactly once.
 *
 * A lost wake-up would leave a poll() waiting although the pipe has data
 * or room: every poll has a timeout of STALL_MS and a timeout fails the
 * test ("stall: ..."), well before runtests' 30 s.  Synchronisation: the
 * pipes, poll and waitpid.
 */
#define _GNU_SOURCE
#include <conduit/test.h>
#include <conduit/smp_test.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <sched.h>
#include <stdint.h>

#define WRITERS 4
#define RECORDS 10000		/* per writer */
#define MAX_READERS 2
#define WORDS (PIPE_BUF / 4)
#define BITMAP_BYTES ((WRITERS * RECORDS + 7) / 8)
#define CAPACITY 65536		/* of a new pipe, on Conduit and Linux */
#define STALL_MS 15000		/* a poll that waits longer: lost wake-up */

/* Word i (2 .. WORDS-1) of record (id, seq): a bijective mix of all three. */
static uint32_t pattern(uint32_t id, uint32_t seq, uint32_t i)
{
	uint32_t x = (id * 65536u + seq) * (uint32_t)WORDS + i;

	x ^= x >> 16;
	x *= 0x7feb352du;
	x ^= x >> 15;
	x *= 0x846ca68bu;
	x ^= x >> 16;
	return x;
}

static void make_record(uint32_t *rec, uint32_t id, uint32_t seq)
{
	rec[0] = id;
	rec[1] = seq;
	for (uint32_t i = 2; i < WORDS; i++)
		rec[i] = pattern(id, seq, i);
}

/* poll() one descriptor for events; returns revents, fails on a stall. */
static short wait_ready(int fd, short events, const char *who)
{
	struct pollfd p = { .fd = fd, .events = events };
	int n;

	do {
		n = poll(&p, 1, STALL_MS);
	} while (n < 0 && errno == EINTR);
	CHECK(n >= 0);
	if (n == 0) {
		fprintf(stderr, "smp_pipe_records_nonblock: stall: %s waited %d ms in poll for %s\n",
			who, STALL_MS, events == POLLOUT ? "POLLOUT" : "POLLIN");
		exit(1);
	}
	return p.revents;
}

/* Write one record: all 4096 bytes, or EAGAIN and wait for room. */
static void write_record(int fd, const uint32_t *rec)
{
	for (;;) {
		ssize_t n = write(fd, rec, PIPE_BUF);

		if (n == PIPE_BUF)
			return;
		if (n >= 0) {
			fprintf(stderr, "smp_pipe_records_nonblock: a nonblocking write of %d returned %zd: not all or nothing\n",
				PIPE_BUF, n);
			exit(1);
		}
		CHECK(errno == EAGAIN || errno == EINTR);
		if (errno == EAGAIN)
			wait_ready(fd, POLLOUT, "a writer");
	}
}

static void writer(int fd, uint32_t id, int slot)
{
	static uint32_t rec[WORDS];

	smp_pin_slot(slot);
	for (uint32_t seq = 0; seq < RECORDS; seq++) {
		make_record(rec, id, seq);
		write_record(fd, rec);
	}
	_exit(0);
}

/*
 * Read up to n bytes: waits in poll while the pipe is empty (EAGAIN),
 * returns 0 at end of file.
 */
static ssize_t read_nonblock(int fd, void *buf, size_t n)
{
	for (;;) {
		ssize_t got = read(fd, buf, n);

		if (got >= 0)
			return got;
		CHECK(errno == EAGAIN || errno == EINTR);
		if (errno == EAGAIN)
			wait_ready(fd, POLLIN, "a reader");
	}
}

/* What one reader has seen. */
struct tally {
	int next_seq[WRITERS];		/* lowest sequence number still allowed */
	int exact;			/* the only reader: next_seq exactly */
	unsigned char got[BITMAP_BYTES];
	long records;
};

static void check_intact(const uint32_t *rec, long nth)
{
	uint32_t id = rec[0], seq = rec[1];

	if (id >= WRITERS || seq >= RECORDS) {
		fprintf(stderr, "smp_pipe_records_nonblock: record %ld has header (%u, %u): not a record start\n",
			nth, (unsigned)id, (unsigned)seq);
		exit(1);
	}
	for (uint32_t i = 2; i < WORDS; i++) {
		if (rec[i] != pattern(id, seq, i)) {
			fprintf(stderr, "smp_pipe_records_nonblock: record %ld (writer %u, seq %u) broken at byte %u: 0x%08x, expected 0x%08x\n",
				nth, (unsigned)id, (unsigned)seq, (unsigned)(i * 4),
				(unsigned)rec[i], (unsigned)pattern(id, seq, i));
			exit(1);
		}
	}
}

static void count_record(const uint32_t *rec, struct tally *t)
{
	uint32_t id, seq, bit;

	check_intact(rec, t->records);
	id = rec[0];
	seq = rec[1];
	if (t->exact ? (int)seq != t->next_seq[id] : (int)seq < t->next_seq[id]) {
		fprintf(stderr, "smp_pipe_records_nonblock: writer %u: got seq %u, expected %s%d\n",
			(unsigned)id, (unsigned)seq, t->exact ? "" : "at least ",
			t->next_seq[id]);
		exit(1);
	}
	t->next_seq[id] = (int)seq + 1;
	bit = id * RECORDS + seq;
	t->got[bit / 8] |= (unsigned char)(1u << (bit % 8));
	t->records++;
}

static uint32_t next_random(uint32_t *state)
{
	*state = *state * 1103515245u + 12345u;
	return *state >> 8;
}

/* The only reader: reads of random sizes, reassembled into records. */
static void read_stream(int fd, struct tally *t)
{
	static char chunk[3 * PIPE_BUF];
	static uint32_t rec[WORDS];
	uint32_t rng = 4242;
	size_t filled = 0;
	ssize_t n;

	while ((n = read_nonblock(fd, chunk, 1 + next_random(&rng) % sizeof(chunk))) > 0) {
		for (size_t off = 0; off < (size_t)n;) {
			size_t take = (size_t)n - off;

			if (take > PIPE_BUF - filled)
				take = PIPE_BUF - filled;
			memcpy((char *)rec + filled, chunk + off, take);
			off += take;
			filled += take;
			if (filled == PIPE_BUF) {
				count_record(rec, t);
				filled = 0;
			}
		}
	}
	if (filled != 0) {
		fprintf(stderr, "smp_pipe_records_nonblock: end of file after %zu bytes of a record\n",
			filled);
		exit(1);
	}
}

/* One of several readers: every read of PIPE_BUF must be one record. */
static void read_whole(int fd, struct tally *t)
{
	static uint32_t rec[WORDS];
	ssize_t n;

	while ((n = read_nonblock(fd, rec, PIPE_BUF)) > 0) {
		if (n != PIPE_BUF) {
			fprintf(stderr, "smp_pipe_records_nonblock: a read of %d from a pipe of whole records returned %zd\n",
				PIPE_BUF, n);
			exit(1);
		}
		count_record(rec, t);
	}
}

static void reader(int fd, int result, int readers, int slot)
{
	static struct tally t;
	char after;

	smp_pin_slot(slot);
	t.exact = readers == 1;
	if (readers == 1)
		read_stream(fd, &t);
	else
		read_whole(fd, &t);
	CHECK_EQ(read(fd, &after, 1), 0);	/* end of file stays */
	CHECK_EQ(write(result, t.got, sizeof(t.got)), sizeof(t.got));
	_exit(0);
}

/* Read a reader's bitmap (written once, before it exits); its length. */
static size_t collect(int fd, unsigned char *bitmap)
{
	size_t have = 0;
	ssize_t n;

	while (have < BITMAP_BYTES &&
	       (n = read(fd, bitmap + have, BITMAP_BYTES - have)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		CHECK(n > 0);
		have += (size_t)n;
	}
	CHECK_EQ(close(fd), 0);
	return have;
}

/* Every record must be in exactly one reader's bitmap. */
static void check_all_once(unsigned char got[][BITMAP_BYTES], int readers)
{
	for (int bit = 0; bit < WRITERS * RECORDS; bit++) {
		int times = 0;

		for (int r = 0; r < readers; r++)
			times += (got[r][bit / 8] >> (bit % 8)) & 1;
		if (times != 1) {
			fprintf(stderr, "smp_pipe_records_nonblock: writer %d record %d read %d times\n",
				bit / RECORDS, bit % RECORDS, times);
			exit(1);
		}
	}
}

/* Which of events fd polls right now, without waiting. */
static short poll_now(int fd, short events)
{
	struct pollfd p = { .fd = fd, .events = events };

	CHECK(poll(&p, 1, 0) >= 0);
	return p.revents;
}

/* The single-process checks: EAGAIN when empty, all or nothing when full. */
static void check_all_or_nothing(void)
{
	static uint32_t rec[WORDS];
	int fds[2];
	char byte = 'x';

	CHECK_EQ(pipe2(fds, O_NONBLOCK), 0);
	CHECK_EQ(fcntl(fds[1], F_GETPIPE_SZ), CAPACITY);
	CHECK_EQ(read(fds[0], rec, PIPE_BUF), -1);
	CHECK_EQ(errno, EAGAIN);			/* empty, a writer open */
	CHECK_EQ(poll_now(fds[0], POLLIN), 0);
	CHECK_EQ(write(fds[1], &byte, 1), 1);
	for (uint32_t seq = 0; seq < CAPACITY / PIPE_BUF - 1; seq++) {
		make_record(rec, 0, seq);
		CHECK_EQ(write(fds[1], rec, PIPE_BUF), PIPE_BUF);
	}
	CHECK_EQ(write(fds[1], rec, PIPE_BUF), -1);	/* room for 4095 only */
	CHECK_EQ(errno, EAGAIN);
	CHECK_EQ(poll_now(fds[1], POLLOUT), 0);
	CHECK_EQ(read(fds[0], &byte, 1), 1);
	CHECK_EQ(byte, 'x');
	CHECK_EQ(poll_now(fds[1], POLLOUT), POLLOUT);
	CHECK_EQ(write(fds[1], rec, PIPE_BUF), PIPE_BUF);
	for (uint32_t seq = 0; seq < CAPACITY / PIPE_BUF; seq++) {
		CHECK_EQ(read(fds[0], rec, PIPE_BUF), PIPE_BUF);
		check_intact(rec, seq);
	}
	CHECK_EQ(close(fds[1]), 0);
	CHECK_EQ(read(fds[0], rec, PIPE_BUF), 0);	/* end of file */
	CHECK_EQ(close(fds[0]), 0);
}

static pid_t start_reader(int data[2], int *result_fd, int readers, int slot)
{
	int result[2];
	pid_t pid;

	CHECK_EQ(pipe(result), 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		close(data[1]);
		close(result[0]);
		reader(data[0], result[1], readers, slot);
	}
	CHECK_EQ(close(result[1]), 0);
	*result_fd = result[0];
	return pid;
}

static void run_phase(int readers)
{
	static unsigned char got[MAX_READERS][BITMAP_BYTES];
	pid_t rpid[MAX_READERS], wpid[WRITERS];
	int data[2], result[MAX_READERS];

	CHECK_EQ(pipe2(data, O_NONBLOCK), 0);
	for (int r = 0; r < readers; r++)
		rpid[r] = start_reader(data, &result[r], readers, r);
	for (int w = 0; w < WRITERS; w++) {
		wpid[w] = fork();
		CHECK(wpid[w] >= 0);
		if (wpid[w] == 0) {
			close(data[0]);
			writer(data[1], (uint32_t)w, readers + w);
		}
	}
	CHECK_EQ(close(data[0]), 0);
	CHECK_EQ(close(data[1]), 0);
	for (int r = 0; r < readers; r++) {	/* they end after the writers */
		size_t have = collect(result[r], got[r]);

		CHECK_EQ(wait_for_child(rpid[r]), 0);	/* it says why if not */
		CHECK_EQ(have, BITMAP_BYTES);
	}
	for (int w = 0; w < WRITERS; w++)
		CHECK_EQ(wait_for_child(wpid[w]), 0);
	check_all_once(got, readers);
}

int main(void)
{
	CHECK_EQ(PIPE_BUF, 4096);
	smp_find_cpus("smp_pipe_records_nonblock", "all processes share it");
	check_all_or_nothing();
	run_phase(1);
	run_phase(MAX_READERS);
	return 0;
}
