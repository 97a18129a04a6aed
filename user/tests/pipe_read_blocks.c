/*
 * pipe_read_blocks - a read on an empty pipe whose write end is still
 * open waits until data arrives, and then returns that data (not 0, not
 * an error).
 *
 * We cannot see directly that the parent is blocked, so the test works
 * by ordering.  In each round the parent sends a token to the child and
 * then reads the (empty) data pipe.  The child writes the round's message
 * only after it has received the token.  So nothing can be in the data
 * pipe when the parent starts its read, and the read must return exactly
 * the message written after the token; returning early with 0 (false end
 * of file) or -1 fails the test.  The child pauses 2 ms after getting the
 * token so that the parent is usually already asleep in read; the test
 * is correct whichever happens first.
 *
 * The messages have different lengths (1 to 200 bytes, each written in
 * one write, so the reader gets all of it at once).  At the end the child
 * exits and the next read returns 0.
 */
#define _GNU_SOURCE
#include <conduit/test.h>

#define ROUNDS 30

static size_t message_length(int round)
{
	return (size_t)(round * 37 % 200) + 1;
}

static void make_message(int round, unsigned char *buf)
{
	for (size_t i = 0; i < message_length(round); i++)
		buf[i] = (unsigned char)(round + i * 3);
}

static void writer(int data, int token)
{
	unsigned char msg[256];
	char c;

	for (int round = 0; round < ROUNDS; round++) {
		CHECK_EQ(read(token, &c, 1), 1);
		sleep_ms(2);
		make_message(round, msg);
		CHECK_EQ(write(data, msg, message_length(round)),
			 message_length(round));
	}
	_exit(0);
}

int main(void)
{
	unsigned char expect[256], got[512];
	int data[2], token[2];
	pid_t pid;

	CHECK_EQ(pipe(data), 0);
	CHECK_EQ(pipe(token), 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		close(data[0]);
		close(token[1]);
		writer(data[1], token[0]);
	}
	close(data[1]);
	close(token[0]);

	for (int round = 0; round < ROUNDS; round++) {
		size_t len = message_length(round);

		make_message(round, expect);
		CHECK_EQ(write(token[1], "t", 1), 1);
		CHECK_EQ(read(data[0], got, sizeof got), len);
		CHECK_EQ(memcmp(got, expect, len), 0);
	}
	CHECK_EQ(read(data[0], got, sizeof got), 0);
	CHECK_EQ(wait_for_child(pid), 0);
	return 0;
}
