/*
 * pipe_fifo_order - 1 MiB through a pipe arrives complete and in order,
 * whatever the sizes of the writes and the reads.
 *
 * A child writes the stream in chunks of random size (1 to 9000 bytes,
 * so below, at and above PIPE_BUF; seeded rand(), so every run is the
 * same), the parent reads it in chunks of other random sizes.  Byte i of
 * the stream is a hash of i, so a lost, repeated or reordered chunk shows
 * up at the first byte that does not match its position.  The parent also
 * checks that no read returns more than it asked for, that a running
 * checksum matches the one computed from the expected stream, and that
 * end of file comes exactly after the last byte.
 *
 * Synchronisation: only the data pipe; the parent reads until end of file.
 */
#define _GNU_SOURCE
#include <conduit/test.h>
#include <stdint.h>

#define TOTAL (1024 * 1024)
#define MAX_CHUNK 9000
#define WRITER_SEED 12345
#define READER_SEED 54321

/* The expected value of byte i of the stream. */
static unsigned char stream_byte(uint32_t i)
{
	i ^= i >> 7;
	i *= 0x9e3779b1u;
	i ^= i >> 15;
	return (unsigned char)(i >> 8);
}

static size_t random_chunk(void)
{
	return (size_t)(rand() % MAX_CHUNK) + 1;
}

static void writer(int fd)
{
	static unsigned char buf[MAX_CHUNK];
	uint32_t pos = 0;

	srand(WRITER_SEED);
	while (pos < TOTAL) {
		size_t len = random_chunk();

		if (len > TOTAL - pos)
			len = TOTAL - pos;
		for (size_t i = 0; i < len; i++)
			buf[i] = stream_byte(pos + (uint32_t)i);
		/* A blocking write completes in full. */
		CHECK_EQ(write(fd, buf, len), len);
		pos += (uint32_t)len;
	}
	_exit(0);
}

int main(void)
{
	static unsigned char buf[MAX_CHUNK];
	uint32_t pos = 0, sum = 0, expected_sum = 0;
	int fds[2];
	ssize_t n;
	pid_t pid;

	for (uint32_t i = 0; i < TOTAL; i++)
		expected_sum = expected_sum * 31 + stream_byte(i);

	CHECK_EQ(pipe(fds), 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		close(fds[0]);
		writer(fds[1]);
	}
	CHECK_EQ(close(fds[1]), 0);

	srand(READER_SEED);
	for (;;) {
		size_t want = random_chunk();

		n = read(fds[0], buf, want);
		CHECK(n >= 0);
		if (n == 0)
			break;
		CHECK((size_t)n <= want);
		CHECK((uint32_t)n <= TOTAL - pos);	/* never more than was sent */
		for (ssize_t i = 0; i < n; i++) {
			if (buf[i] != stream_byte(pos + (uint32_t)i)) {
				fprintf(stderr, "pipe_fifo_order: byte %lu wrong\n",
					(unsigned long)(pos + (uint32_t)i));
				CHECK_EQ(buf[i], stream_byte(pos + (uint32_t)i));
			}
			sum = sum * 31 + buf[i];
		}
		pos += (uint32_t)n;
	}
	CHECK_EQ(pos, TOTAL);
	CHECK_EQ(sum, expected_sum);
	CHECK_EQ(read(fds[0], buf, 1), 0);
	CHECK_EQ(wait_for_child(pid), 0);
	CHECK_EQ(close(fds[0]), 0);
	return 0;
}
