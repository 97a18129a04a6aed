/*
 * pipe_nonblock - O_NONBLOCK on both ends of a pipe, all in one process.
 *
 *   read on an empty pipe whose write end is open: -1 EAGAIN; once the
 *     write end is closed: 0 (end of file, even non-blocking);
 *   write into a full pipe: -1 EAGAIN, for 1 byte and for large writes;
 *   a write of n <= PIPE_BUF bytes is all or nothing: with only 100
 *     bytes of room, 200 bytes and 4096 bytes both give EAGAIN and leave
 *     the pipe unchanged, while 100 bytes fit exactly;
 *   a write of n > PIPE_BUF into an empty pipe writes what fits (exactly
 *     the capacity, 65536, reported by F_GETPIPE_SZ) and returns that
 *     partial count; into a pipe with some room (10000 bytes read out of
 *     a full pipe) it writes part of n, at most the room, after which the
 *     pipe is full (a 1-byte write gets EAGAIN);
 *   reads on a non-blocking pipe return what is there, in order;
 *   O_NONBLOCK can be set and cleared with F_SETFL, and pipe2(O_NONBLOCK)
 *     sets it on both ends.
 *
 * FIONREAD is used to check how much each write really put in the pipe.
 */
#define _GNU_SOURCE
#include <conduit/test.h>
#include <fcntl.h>
#include <limits.h>
#include <sys/ioctl.h>

#define BIG 100000

static unsigned char out[BIG], in[BIG];
static size_t out_pos, in_pos;		/* stream positions written / read */

static int buffered(int fd)
{
	int n = -1;

	CHECK_EQ(ioctl(fd, FIONREAD, &n), 0);
	return n;
}

static unsigned char stream_byte(size_t pos)
{
	return (unsigned char)(pos * 11 + pos / 256);
}

/* Write len stream bytes; returns write()'s result. */
static ssize_t put(int fd, size_t len)
{
	ssize_t n;

	for (size_t i = 0; i < len; i++)
		out[i] = stream_byte(out_pos + i);
	n = write(fd, out, len);
	if (n > 0)
		out_pos += (size_t)n;
	return n;
}

/* Read exactly len bytes (they must be there) and check them. */
static void take(int fd, size_t len)
{
	CHECK_EQ(read(fd, in, len), len);
	for (size_t i = 0; i < len; i++)
		CHECK_EQ(in[i], stream_byte(in_pos + i));
	in_pos += len;
}

static void expect_eagain(ssize_t result)
{
	CHECK_EQ(result, -1);
	CHECK_EQ(errno, EAGAIN);
}

int main(void)
{
	int fds[2], capacity, room;
	ssize_t n;
	char c;

	CHECK_EQ(pipe2(fds, O_NONBLOCK), 0);
	CHECK(fcntl(fds[0], F_GETFL) & O_NONBLOCK);
	CHECK(fcntl(fds[1], F_GETFL) & O_NONBLOCK);
	capacity = fcntl(fds[0], F_GETPIPE_SZ);
	CHECK_EQ(capacity, 65536);

	expect_eagain(read(fds[0], &c, 1));

	/* Empty pipe, large write: exactly the capacity goes in. */
	CHECK_EQ(put(fds[1], BIG), capacity);
	CHECK_EQ(buffered(fds[0]), capacity);
	expect_eagain(put(fds[1], 1));
	expect_eagain(put(fds[1], PIPE_BUF));
	expect_eagain(put(fds[1], BIG));
	CHECK_EQ(buffered(fds[0]), capacity);

	/* Make 10000 bytes of room: a large write takes part of it, and
	 * afterwards the pipe is full again. */
	take(fds[0], 10000);
	room = capacity - 10000;
	n = put(fds[1], BIG);
	CHECK(n > 0);
	CHECK(n <= 10000);
	CHECK_EQ(buffered(fds[0]), room + n);
	expect_eagain(put(fds[1], 1));

	/* Drain in pieces, in order; then empty means EAGAIN again. */
	while (in_pos < out_pos) {
		size_t left = out_pos - in_pos;

		take(fds[0], left < 30000 ? left : 30000);
	}
	expect_eagain(read(fds[0], &c, 1));

	/* 100 bytes of room: small writes are all or nothing. */
	CHECK_EQ(put(fds[1], (size_t)capacity - 100), capacity - 100);
	expect_eagain(put(fds[1], 200));
	expect_eagain(put(fds[1], PIPE_BUF));
	CHECK_EQ(buffered(fds[0]), capacity - 100);
	CHECK_EQ(put(fds[1], 100), 100);
	CHECK_EQ(buffered(fds[0]), capacity);
	expect_eagain(put(fds[1], 1));
	take(fds[0], (size_t)capacity);

	/* Clear O_NONBLOCK on the read end: data is still read at once. */
	CHECK_EQ(fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) & ~O_NONBLOCK), 0);
	CHECK_EQ(fcntl(fds[0], F_GETFL) & O_NONBLOCK, 0);
	CHECK(fcntl(fds[1], F_GETFL) & O_NONBLOCK);	/* other end unchanged */
	CHECK_EQ(put(fds[1], 5), 5);
	take(fds[0], 5);
	CHECK_EQ(fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK), 0);
	expect_eagain(read(fds[0], &c, 1));

	/* Writer gone: non-blocking read of an empty pipe is end of file. */
	CHECK_EQ(close(fds[1]), 0);
	CHECK_EQ(read(fds[0], &c, 1), 0);
	CHECK_EQ(read(fds[0], &c, 1), 0);
	CHECK_EQ(close(fds[0]), 0);

	/* F_SETFL on a pipe made without flags. */
	CHECK_EQ(pipe(fds), 0);
	CHECK_EQ(fcntl(fds[0], F_GETFL) & O_NONBLOCK, 0);
	CHECK_EQ(fcntl(fds[0], F_SETFL, O_NONBLOCK), 0);
	expect_eagain(read(fds[0], &c, 1));
	CHECK_EQ(close(fds[0]), 0);
	CHECK_EQ(close(fds[1]), 0);
	return 0;
}
