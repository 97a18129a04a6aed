/*
 * pipe_read_partial - read() returns the data that is there, at once,
 * without waiting for the rest of the amount asked for.
 *
 * A child writes a batch of n bytes and then sends a token "batch
 * written" through a second pipe; only after reading that token does
 * the parent read, asking for more than n.  All n bytes are in the pipe
 * then, so read must return exactly n (not less, and it must not block
 * waiting for more: the child writes nothing more until the parent
 * answers through a third pipe).  Batch sizes run from 1 byte to the
 * full capacity of 65536.  A batch of 50 read with requests of 20 gives
 * 20, then 20, then 10.
 *
 * If read wrongly waited for the full request the test would hang (the
 * runner's timeout fails it); if it returned less, a CHECK fails.
 */
#define _GNU_SOURCE
#include <conduit/test.h>

#define CAPACITY 65536

static const size_t batch_sizes[] = { 10, 1, 100, 4095, 4096, 4097, 20000,
				      CAPACITY - 1, CAPACITY };
#define BATCHES (sizeof batch_sizes / sizeof batch_sizes[0])

static unsigned char buf[CAPACITY + 200];

static unsigned char batch_byte(size_t batch, size_t i)
{
	return (unsigned char)(batch * 13 + i * 7 + 1);
}

static void send_token(int fd)
{
	CHECK_EQ(write(fd, "t", 1), 1);
}

static void wait_token(int fd)
{
	char c;

	CHECK_EQ(read(fd, &c, 1), 1);
}

/* Child: for each batch, write it, report, wait for the go-ahead. */
static void writer(int data, int written, int go_on)
{
	for (size_t b = 0; b < BATCHES; b++) {
		for (size_t i = 0; i < batch_sizes[b]; i++)
			buf[i] = batch_byte(b, i);
		CHECK_EQ(write(data, buf, batch_sizes[b]), batch_sizes[b]);
		send_token(written);
		wait_token(go_on);
	}
	/* A final batch of 50, to be read in pieces. */
	memset(buf, 'x', 50);
	CHECK_EQ(write(data, buf, 50), 50);
	send_token(written);
	wait_token(go_on);
	_exit(0);
}

int main(void)
{
	int data[2], written[2], go_on[2];
	pid_t pid;

	CHECK_EQ(pipe(data), 0);
	CHECK_EQ(pipe(written), 0);
	CHECK_EQ(pipe(go_on), 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		close(data[0]);
		close(written[0]);
		close(go_on[1]);
		writer(data[1], written[1], go_on[0]);
	}
	close(data[1]);
	close(written[1]);
	close(go_on[0]);

	for (size_t b = 0; b < BATCHES; b++) {
		size_t n = batch_sizes[b];

		wait_token(written[0]);
		CHECK_EQ(read(data[0], buf, n + 100), n);
		for (size_t i = 0; i < n; i++)
			CHECK_EQ(buf[i], batch_byte(b, i));
		send_token(go_on[1]);
	}

	wait_token(written[0]);
	CHECK_EQ(read(data[0], buf, 20), 20);
	CHECK_EQ(read(data[0], buf + 20, 20), 20);
	CHECK_EQ(read(data[0], buf + 40, 100), 10);
	for (int i = 0; i < 50; i++)
		CHECK_EQ(buf[i], 'x');
	send_token(go_on[1]);

	CHECK_EQ(read(data[0], buf, 100), 0);
	CHECK_EQ(wait_for_child(pid), 0);
	return 0;
}
