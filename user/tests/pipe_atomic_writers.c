/*
 * pipe_atomic_writers - writes of PIPE_BUF bytes are atomic: records from
 * 8 concurrent writers never interleave.
 *
 * Each of 8 children writes RECORDS records into one pipe, each record a
 * single write() of exactly PIPE_BUF (4096) bytes filled with the 32-bit
 * word (writer id << 16 | sequence number).  The parent reads with
 * requests of random sizes (so its reads do not line up with records),
 * cuts the stream into consecutive 4096-byte records and checks that
 * every record is uniform (one writer, one sequence number), that each
 * writer's sequence numbers arrive in order 0, 1, 2, ..., and that at end
 * of file every writer has delivered all its records.  2 MiB pass through
 * the 64 KiB pipe, so the writers spend most of the time blocked on a
 * full pipe and compete for the space freed by each read.
 *
 * Synchronisation: only the data pipe and waitpid.  A warm-up round comes
 * first; free pages must be back to the baseline after the real round.
 */
#define _GNU_SOURCE
#include <conduit/test.h>
#include <limits.h>
#include <stdint.h>

#define WRITERS 8
#define RECORDS 64
#define WORDS (PIPE_BUF / 4)

static void check_pages_back(long baseline)
{
	const char *host = getenv("CONDUIT_HOST_RUN");

	if (host != NULL && strcmp(host, "1") == 0)
		return;
	CHECK_EQ(free_pages(), baseline);
}

static void writer(int fd, uint32_t id, int records)
{
	static uint32_t record[WORDS];

	for (int seq = 0; seq < records; seq++) {
		for (int i = 0; i < WORDS; i++)
			record[i] = id << 16 | (uint32_t)seq;
		CHECK_EQ(write(fd, record, PIPE_BUF), PIPE_BUF);
	}
	_exit(0);
}

static void check_record(const uint32_t *record, int *next_seq)
{
	uint32_t id = record[0] >> 16;
	uint32_t seq = record[0] & 0xffff;

	for (int i = 1; i < WORDS; i++) {
		if (record[i] != record[0]) {
			fprintf(stderr, "pipe_atomic_writers: record of writer %u seq %u mixed with 0x%x at word %d\n",
				(unsigned)id, (unsigned)seq, (unsigned)record[i], i);
			CHECK_EQ(record[i], record[0]);
		}
	}
	CHECK(id < WRITERS);
	CHECK_EQ(seq, next_seq[id]);
	next_seq[id]++;
}

static void one_round(int records)
{
	static uint32_t record[WORDS];
	int next_seq[WRITERS] = { 0 };
	pid_t pids[WRITERS];
	size_t filled = 0;
	int fds[2];
	ssize_t n;

	CHECK_EQ(pipe(fds), 0);
	for (int w = 0; w < WRITERS; w++) {
		pids[w] = fork();
		CHECK(pids[w] >= 0);
		if (pids[w] == 0) {
			close(fds[0]);
			writer(fds[1], (uint32_t)w, records);
		}
	}
	CHECK_EQ(close(fds[1]), 0);

	srand(4242);
	for (;;) {
		size_t want = (size_t)(rand() % PIPE_BUF) + 1;

		if (want > PIPE_BUF - filled)
			want = PIPE_BUF - filled;
		n = read(fds[0], (char *)record + filled, want);
		CHECK(n >= 0);
		if (n == 0)
			break;
		filled += (size_t)n;
		if (filled == PIPE_BUF) {
			check_record(record, next_seq);
			filled = 0;
		}
	}
	CHECK_EQ(filled, 0);
	for (int w = 0; w < WRITERS; w++) {
		CHECK_EQ(next_seq[w], records);
		CHECK_EQ(wait_for_child(pids[w]), 0);
	}
	CHECK_EQ(close(fds[0]), 0);
}

int main(void)
{
	long baseline;

	CHECK_EQ(PIPE_BUF, 4096);
	one_round(2);
	baseline = free_pages();
	one_round(RECORDS);
	check_pages_back(baseline);
	return 0;
}
