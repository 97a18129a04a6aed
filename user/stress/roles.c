/*
 * roles.c - what the processes of a scenario do: writers send records,
 * readers check them as they arrive, relays pass bytes on in a chain.
 * Each ends with process_finish(), which sends its report.
 */
#include <errno.h>
#include <sched.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "rng.h"
#include "stress.h"

#define WRITER_BATCH_MAX 6	/* records in one write() */

/* ------------------------------------------------------------------ */
/* Writers.                                                            */

/* Mostly long records, some short ones; fan-out: the pipe's fixed size. */
static uint16_t writer_record_length(void)
{
	if (sc.fixed_size)
		return (uint16_t)sc.fixed_size;
	if (chance(20))
		return (uint16_t)(RECORD_HEADER_SIZE + below(64));
	return (uint16_t)(RECORD_HEADER_SIZE + below(PIPE_BUF_SIZE - RECORD_HEADER_SIZE + 1));
}

/*
 * Fill buf with the next records, from seq on and below limit: one, or a
 * batch that still fits in PIPE_BUF (one atomic write), or, for a writer
 * alone on its pipe, sometimes a batch bigger than that (not atomic, and
 * allowed to be written in parts).  Sets *count; returns the bytes.
 */
static size_t writer_fill(const struct sproc *me, unsigned char *buf, size_t size,
			  int seq, int limit, int *count)
{
	int batch = chance(30) ? 1 + (int)below(WRITER_BATCH_MAX) : 1;
	size_t max = me->big_writes && chance(25) ? size : PIPE_BUF_SIZE;
	size_t n = 0;
	int k = 0;

	while (k < batch && seq + k < limit) {
		uint16_t len = writer_record_length();
		if (n + len > max)
			break;
		record_make(buf + n, (uint16_t)me->writer_id, (uint32_t)(seq + k), len);
		n += len;
		k++;
	}
	*count = k;
	return n;
}

/* Now and then give way, so that the interleavings vary. */
static void writer_dawdle(void)
{
	if (chance(5))
		sched_yield();
	if (chance(2)) {
		struct timespec ts = { 0, (long)below(3000000) };
		nanosleep(&ts, NULL);
	}
}

void writer_main(struct sproc *me, int fd)
{
	static unsigned char buf[WRITER_BATCH_MAX * PIPE_BUF_SIZE];
	int limit = me->early >= 0 ? me->early : me->records;
	int seq = 0;

	while (seq < limit) {
		int count, err;
		size_t n = writer_fill(me, buf, sizeof(buf), seq, limit, &count);

		err = process_write(fd, buf, n, n <= PIPE_BUF_SIZE);
		if (err == -EPIPE)
			process_finish(EXIT_EPIPE);
		if (err < 0)
			process_finish(EXIT_CHECK);
		seq += count;
		process_report.sent = seq;
		writer_dawdle();
	}
	if (chance(50))
		close(fd);	/* else exit closes it: both ways must work */
	process_finish(0);
}

/* ------------------------------------------------------------------ */
/* Readers.                                                            */

/* Count a sound record, checking that its writer's seqs come in order. */
static void reader_count(const struct record_header *h, int strict_order)
{
	struct per_writer *pw = &process_report.w[h->writer];

	if (strict_order ? h->seq != pw->count : pw->count && h->seq <= pw->last)
		process_bug("writer %u: got seq %u after %u records (last %u)",
			    h->writer, h->seq, pw->count, pw->last);
	pw->count++;
	pw->last = h->seq;
	pw->sum += h->seq;
	pw->sumsq += (uint64_t)h->seq * h->seq;
}

/*
 * Check and count the record at p, of which have bytes are there: its
 * length, 0 if it is not all there yet, -1 if it is wrong.
 */
static int reader_take(const unsigned char *p, size_t have, int strict_order)
{
	struct record_header h;
	int got = record_read_header(p, have, &h);
	long bad_byte;

	if (got < 0)
		process_bug("corrupt record header: %02x%02x writer %u seq %u len %u",
			    p[0], p[1], h.writer, h.seq, h.len);
	if (got <= 0)
		return got;
	if (have < h.len)
		return 0;
	bad_byte = record_payload_mismatch(p, &h);
	if (bad_byte >= 0) {
		process_bug("record writer %u seq %u (len %u): payload differs at byte %ld",
			    h.writer, h.seq, h.len, bad_byte);
		return -1;
	}
	reader_count(&h, strict_order);
	return h.len;
}

/* Take every whole record at the start of buf; the records taken. */
static uint32_t reader_take_all(unsigned char *buf, size_t *have, int strict_order)
{
	uint32_t records = 0;
	int len;

	while ((len = reader_take(buf, *have, strict_order)) > 0) {
		memmove(buf, buf + len, *have - (size_t)len);
		*have -= (size_t)len;
		records++;
	}
	if (len < 0)
		process_finish(EXIT_CHECK);
	return records;
}

/* Random sizes, so reads end anywhere in a record; fan-out: whole ones. */
static size_t reader_want(size_t room)
{
	size_t want;

	if (sc.fixed_size)
		want = (size_t)sc.fixed_size * (1 + below(4));
	else
		want = 1 + below(chance(50) ? 200 : 8192);
	return want < room ? want : room;
}

/* The next read: bytes, 0 at end of file, -1 (reported) if it broke a rule. */
static ssize_t reader_read(int fd, unsigned char *buf, size_t room)
{
	size_t want = reader_want(room);
	ssize_t r = process_read(fd, buf, want);

	if (r > 0 && (size_t)r > want) {
		process_bug("read returned %zd for %zu", r, want);
		return -1;
	}
	if (r > 0 && sc.fixed_size && r % sc.fixed_size != 0)
		process_bug("read of %zu got %zd bytes: not whole %d-byte records",
			    want, r, sc.fixed_size);
	return r;
}

/*
 * A fan-out reader sees only some of each writer's records, so their
 * seqs need only increase; any other sees a writer's whole stream.
 */
void reader_main(struct sproc *me, int fd)
{
	static unsigned char buf[3 * 65536];
	int strict_order = sc.topology != T_FAN_OUT;
	size_t have = 0;
	uint32_t records = 0;
	ssize_t r;

	while ((r = reader_read(fd, buf + have, sizeof(buf) - have)) > 0) {
		have += (size_t)r;
		records += reader_take_all(buf, &have, strict_order);
		if (me->early >= 0 && records >= (uint32_t)me->early) {
			close(fd);	/* writers now see EPIPE */
			process_finish(0);
		}
	}
	/* Whether someone upstream may have cut it is for check.c to say. */
	process_report.truncated = (int)have;
	process_finish(0);
}

/* ------------------------------------------------------------------ */
/* Relays.                                                             */

/* Pass n bytes on in pieces of random sizes: records get cut anywhere. */
static void relay_pass_on(int out, const unsigned char *buf, size_t n)
{
	for (size_t off = 0; off < n; ) {
		size_t piece = 1 + below((uint32_t)(n - off));
		int err = process_write(out, buf + off, piece, 0);

		if (err == -EPIPE)
			process_finish(EXIT_EPIPE);
		if (err < 0)
			process_finish(EXIT_CHECK);
		off += piece;
		process_report.bytes += (uint32_t)piece;
	}
}

void relay_main(int in, int out)
{
	static unsigned char buf[65536];

	for (;;) {
		size_t want = 1 + below(chance(30) ? sizeof(buf) : 5000);
		ssize_t r = process_read(in, buf, want);

		if (r < 0)
			process_finish(EXIT_CHECK);
		if (r == 0)
			break;
		relay_pass_on(out, buf, (size_t)r);
	}
	close(out);
	process_finish(0);
}
