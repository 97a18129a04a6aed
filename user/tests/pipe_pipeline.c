/*
 * pipe_pipeline - 64 KiB pass unchanged through a pipeline of 100
 * processes, each copying its standard input to its standard output.
 *
 * Like a shell running "feeder | copy | copy | ... | copy" with 100
 * copies: a feeder child writes 64 KiB (in chunks of varying size) into
 * the first pipe; stage i reads pipe i on descriptor 0 and writes pipe
 * i + 1 on descriptor 1 (set up with dup2), copying with reads of
 * varying size until end of file; the parent reads the last pipe.  Each
 * process closes every pipe end it does not use, so end of file travels
 * down the pipeline when the feeder finishes; a leaked write end would
 * make the test hang (the runner's timeout fails it).  The parent checks
 * the length and every byte of what arrives, then that all 101 children
 * exited 0.
 *
 * A 3-stage run warms up first; free pages must be back to the baseline
 * after the 100-stage run.
 */
#define _GNU_SOURCE
#include <conduit/test.h>
#include <stdint.h>

#define STAGES 100
#define TOTAL (64 * 1024)

static void check_pages_back(long baseline)
{
	const char *host = getenv("CONDUIT_HOST_RUN");

	if (host != NULL && strcmp(host, "1") == 0)
		return;
	CHECK_EQ(free_pages(), baseline);
}

static unsigned char stream_byte(uint32_t i)
{
	return (unsigned char)((i * 0x45d9f3bu) >> 13);
}

static void write_all(int fd, const unsigned char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);

		CHECK(n > 0);
		buf += n;
		len -= (size_t)n;
	}
}

static void feeder(int fd)
{
	static unsigned char buf[TOTAL];
	size_t pos = 0, chunk = 1;

	for (uint32_t i = 0; i < TOTAL; i++)
		buf[i] = stream_byte(i);
	while (pos < TOTAL) {
		if (chunk > TOTAL - pos)
			chunk = TOTAL - pos;
		write_all(fd, buf + pos, chunk);
		pos += chunk;
		chunk = chunk * 3 % 5000 + 1;
	}
	_exit(0);
}

/* A stage: copy descriptor 0 to descriptor 1 until end of file. */
static void copier(int stage)
{
	unsigned char buf[4096];
	size_t want = (size_t)stage % 4096 + 1;
	ssize_t n;

	while ((n = read(0, buf, want)) > 0) {
		write_all(1, buf, (size_t)n);
		want = want * 7 % 4096 + 1;
	}
	_exit(n == 0 ? 0 : 1);
}

static void run_pipeline(int stages)
{
	static pid_t pids[STAGES + 1];
	static unsigned char buf[8192];
	uint32_t pos = 0;
	int first[2], prev_read;
	ssize_t n;

	CHECK_EQ(pipe(first), 0);
	pids[0] = fork();
	CHECK(pids[0] >= 0);
	if (pids[0] == 0) {
		close(first[0]);
		feeder(first[1]);
	}
	CHECK_EQ(close(first[1]), 0);
	prev_read = first[0];

	for (int s = 1; s <= stages; s++) {
		int next[2];

		CHECK_EQ(pipe(next), 0);
		pids[s] = fork();
		CHECK(pids[s] >= 0);
		if (pids[s] == 0) {
			if (dup2(prev_read, 0) != 0 || dup2(next[1], 1) != 1)
				_exit(2);
			close(prev_read);
			close(next[0]);
			close(next[1]);
			copier(s);
		}
		CHECK_EQ(close(prev_read), 0);
		CHECK_EQ(close(next[1]), 0);
		prev_read = next[0];
	}

	while ((n = read(prev_read, buf, sizeof buf)) > 0) {
		CHECK((uint32_t)n <= TOTAL - pos);
		for (ssize_t i = 0; i < n; i++)
			CHECK_EQ(buf[i], stream_byte(pos + (uint32_t)i));
		pos += (uint32_t)n;
	}
	CHECK_EQ(n, 0);
	CHECK_EQ(pos, TOTAL);
	CHECK_EQ(close(prev_read), 0);
	for (int s = 0; s <= stages; s++)
		CHECK_EQ(wait_for_child(pids[s]), 0);
}

int main(void)
{
	long baseline;

	run_pipeline(3);
	baseline = free_pages();
	run_pipeline(STAGES);
	check_pages_back(baseline);
	return 0;
}
