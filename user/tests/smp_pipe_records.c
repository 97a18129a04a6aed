/*
 * smp_pipe_records - writes of PIPE_BUF bytes stay whole when writers and
 * readers of one pipe run at the same time on different CPUs.
 *
 * WRITERS children each write RECORDS records into one pipe, each record
 * a single write() of exactly PIPE_BUF (4096) bytes: the writer's id, the
 * sequence number, and 1022 words of a pattern computed from (id, seq,
 * position).  Writers and readers are pinned round-robin to the CPUs that
 * sched_getaffinity() reports, so on several CPUs they really run at
 * once; with only one CPU they all share it (a note says so).
 *
 * Phase 1, one reader: it reads with requests of random sizes (1 to 3
 * records, not lined up with the records), cuts the byte stream into
 * consecutive 4096-byte records and checks each one word by word.  A
 * write whose bytes were split by another writer's (atomicity broken), a
 * byte lost, duplicated or moved (a race on the ring's head or tail), or
 * a partial direct copy to the sleeping reader shows up as a record whose
 * header or pattern is wrong.  Per writer the sequence numbers must
 * arrive exactly 0, 1, 2, ... (FIFO, nothing lost or repeated).
 *
 * Phase 2, MAX_READERS (2) readers: each reads exactly PIPE_BUF bytes at
 * a time.  The pipe then only ever holds whole records, so each read must
 * return one whole record (POSIX: fewer bytes than asked only when fewer are
 * there; Linux too, since a read holds the pipe's lock while it copies),
 * or 0 at end of file.  Per reader, each writer's sequence numbers must
 * increase (the reader's reads are ordered and the pipe is FIFO); which
 * reader gets which record is free.  Each reader sends the parent a
 * bitmap of the (id, seq) it got; together they must hold every record
 * exactly once.
 *
 * Synchronisation: the pipes and waitpid only.  The end of file after
 * the last writer exits ends the readers.
 */
#define _GNU_SOURCE
#include <conduit/test.h>
#include <conduit/smp_test.h>
#include <limits.h>
#include <sched.h>
#include <stdint.h>

#define WRITERS 4
#define RECORDS 10000		/* per writer */
#define MAX_READERS 2
#define WORDS (PIPE_BUF / 4)
#define BITMAP_BYTES ((WRITERS * RECORDS + 7) / 8)

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

static void writer(int fd, uint32_t id, int slot)
{
	static uint32_t rec[WORDS];

	smp_pin_slot(slot);
	for (uint32_t seq = 0; seq < RECORDS; seq++) {
		make_record(rec, id, seq);
		CHECK_EQ(write(fd, rec, PIPE_BUF), PIPE_BUF);
	}
	_exit(0);
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
		fprintf(stderr, "smp_pipe_records: record %ld has header (%u, %u): not a record start\n",
			nth, (unsigned)id, (unsigned)seq);
		exit(1);
	}
	for (uint32_t i = 2; i < WORDS; i++) {
		if (rec[i] != pattern(id, seq, i)) {
			fprintf(stderr, "smp_pipe_records: record %ld (writer %u, seq %u) broken at byte %u: 0x%08x, expected 0x%08x\n",
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
		fprintf(stderr, "smp_pipe_records: writer %u: got seq %u, expected %s%d\n",
			(unsigned)id, (unsigned)seq, t->exact ? "" : "at least ",
			t->next_seq[id]);
		exit(1);
	}
	t->next_seq[id] = (int)seq + 1;
	bit = id * RECORDS + seq;
	t->got[bit / 8] |= (unsigned char)(1u << (bit % 8));
	t->records++;
}

static ssize_t read_retry(int fd, void *buf, size_t n)
{
	ssize_t got;

	do {
		got = read(fd, buf, n);
	} while (got < 0 && errno == EINTR);
	CHECK(got >= 0);
	return got;
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

	while ((n = read_retry(fd, chunk, 1 + next_random(&rng) % sizeof(chunk))) > 0) {
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
		fprintf(stderr, "smp_pipe_records: end of file after %zu bytes of a record\n",
			filled);
		exit(1);
	}
}

/* One of several readers: every read of PIPE_BUF must be one record. */
static void read_whole(int fd, struct tally *t)
{
	static uint32_t rec[WORDS];
	ssize_t n;

	while ((n = read_retry(fd, rec, PIPE_BUF)) > 0) {
		if (n != PIPE_BUF) {
			fprintf(stderr, "smp_pipe_records: a read of %d from a pipe of whole records returned %zd\n",
				PIPE_BUF, n);
			exit(1);
		}
		count_record(rec, t);
	}
}

static void reader(int fd, int result, int readers, int slot)
{
	static struct tally t;

	smp_pin_slot(slot);
	t.exact = readers == 1;
	if (readers == 1)
		read_stream(fd, &t);
	else
		read_whole(fd, &t);
	CHECK_EQ(write(result, t.got, sizeof(t.got)), sizeof(t.got));
	_exit(0);
}

/* Read a reader's bitmap (written once, before it exits); its length. */
static size_t collect(int fd, unsigned char *bitmap)
{
	size_t have = 0;
	ssize_t n;

	while (have < BITMAP_BYTES &&
	       (n = read_retry(fd, bitmap + have, BITMAP_BYTES - have)) > 0)
		have += (size_t)n;
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
			fprintf(stderr, "smp_pipe_records: writer %d record %d read %d times\n",
				bit / RECORDS, bit % RECORDS, times);
			exit(1);
		}
	}
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

	CHECK_EQ(pipe(data), 0);
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
	smp_find_cpus("smp_pipe_records", "all processes share it");
	run_phase(1);
	run_phase(MAX_READERS);
	return 0;
}
