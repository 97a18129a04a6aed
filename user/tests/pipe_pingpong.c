/*
 * pipe_pingpong - 5000 one-byte round trips between two processes, each
 * waiting for the other's byte before sending its own.
 *
 * The parent sends byte i (i mod 256) on one pipe; the child answers each
 * byte b with (b * 7 + 3) mod 256 on a second pipe; the parent checks
 * every answer before sending the next byte.  Every read finds an empty
 * pipe at first and must block until the other side writes, so this
 * exercises blocking and waking, not throughput.  At the end the parent
 * closes its write end; the child sees end of file, exits 0, and the
 * parent then gets end of file on the answer pipe.
 */
#define _GNU_SOURCE
#include <conduit/test.h>

#define ROUND_TRIPS 5000

static unsigned char answer(unsigned char b)
{
	return (unsigned char)(b * 7 + 3);
}

static void responder(int in, int out)
{
	unsigned char b;
	ssize_t n;

	while ((n = read(in, &b, 1)) == 1) {
		b = answer(b);
		CHECK_EQ(write(out, &b, 1), 1);
	}
	_exit(n == 0 ? 0 : 1);
}

int main(void)
{
	int ping[2], pong[2];
	unsigned char b;
	pid_t pid;

	CHECK_EQ(pipe(ping), 0);
	CHECK_EQ(pipe(pong), 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		close(ping[1]);
		close(pong[0]);
		responder(ping[0], pong[1]);
	}
	CHECK_EQ(close(ping[0]), 0);
	CHECK_EQ(close(pong[1]), 0);

	for (int i = 0; i < ROUND_TRIPS; i++) {
		unsigned char sent = (unsigned char)i;

		CHECK_EQ(write(ping[1], &sent, 1), 1);
		CHECK_EQ(read(pong[0], &b, 1), 1);
		CHECK_EQ(b, answer(sent));
	}
	CHECK_EQ(close(ping[1]), 0);
	CHECK_EQ(read(pong[0], &b, 1), 0);
	CHECK_EQ(wait_for_child(pid), 0);
	CHECK_EQ(close(pong[0]), 0);
	return 0;
}
