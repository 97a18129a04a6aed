/*
 * pipe_packet - packet-mode pipes: pipe2(fds, O_DIRECT), as on Linux
 * since 3.4 (man 2 pipe; LTP's pipe2_01 checks the basics).
 *
 *   flags: O_DIRECT shows in F_GETFL on the write end only; O_DIRECT with
 *     O_NONBLOCK and O_CLOEXEC is accepted;
 *   boundaries: each write is one packet; a read returns one packet even
 *     with room for more, and FIONREAD counts all the bytes;
 *   truncated reads: a buffer smaller than the packet gets its first
 *     part, and the rest of that packet is gone (the next read gets the
 *     next packet, or EAGAIN);
 *   big writes: 10000 bytes go in as packets of 4096, 4096 and 1808;
 *     exactly 4096 is one packet;
 *   a write of 0 bytes makes no packet;
 *   slots: a pipe holds at most one packet per page: 16 one-byte packets
 *     fill a 64 KiB pipe (EAGAIN, no POLLOUT; FIONREAD 16), and after one
 *     read a packet fits again and POLLOUT is back; a 2-page pipe holds 2;
 *   F_SETPIPE_SZ: shrinking below the packets held is EBUSY; resizing
 *     keeps every packet whole and in order;
 *   F_SETFL: clearing O_DIRECT makes plain writes that merge ("ab" and
 *     "cd" read as "abcd", after the packet before them); setting it
 *     again makes packets again;
 *   with fork: a child writes packets of many sizes (1 .. 4096, and a
 *     big write that splits), blocking; the parent reads them with a big
 *     buffer, then with a 10-byte buffer (cut packets), and checks every
 *     length and byte; the child checks each write returned its full
 *     size.  Packets arrive in order however the two interleave (the
 *     parent often sleeps first, so the direct copy into its buffer is
 *     used too).
 */
#define _GNU_SOURCE
#include <conduit/test.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>

static unsigned char out[40000], in[40000];

static void pattern(unsigned seed)
{
	for (size_t i = 0; i < sizeof out; i++)
		out[i] = (unsigned char)(seed + i * 13 + i / 253);
}

static void packet_pipe(int fds[2])
{
	CHECK_EQ(pipe2(fds, O_DIRECT | O_NONBLOCK), 0);
}

static void close_pipe(int fds[2])
{
	CHECK_EQ(close(fds[0]), 0);
	CHECK_EQ(close(fds[1]), 0);
}

/* A read of up to `room` bytes must give out[from, from + len). */
static void expect(int fd, size_t room, size_t from, size_t len)
{
	CHECK_EQ(read(fd, in, room), (long)len);
	CHECK_EQ(memcmp(in, out + from, len), 0);
}

static void expect_empty(int fd)
{
	CHECK_EQ(read(fd, in, sizeof in), -1);
	CHECK_EQ(errno, EAGAIN);
}

static int buffered(int fd)
{
	int n = -1;

	CHECK_EQ(ioctl(fd, FIONREAD, &n), 0);
	return n;
}

static void check_flags(void)
{
	int fds[2];

	CHECK_EQ(pipe2(fds, O_DIRECT), 0);
	CHECK_EQ(fcntl(fds[1], F_GETFL), O_WRONLY | O_DIRECT);
	CHECK_EQ(fcntl(fds[0], F_GETFL), O_RDONLY);
	close_pipe(fds);
	CHECK_EQ(pipe2(fds, O_DIRECT | O_NONBLOCK | O_CLOEXEC), 0);
	CHECK_EQ(fcntl(fds[1], F_GETFL), O_WRONLY | O_DIRECT | O_NONBLOCK);
	CHECK_EQ(fcntl(fds[0], F_GETFL), O_RDONLY | O_NONBLOCK);
	CHECK_EQ(fcntl(fds[1], F_GETFD), FD_CLOEXEC);
	close_pipe(fds);
}

static void check_boundaries(void)
{
	int fds[2];

	packet_pipe(fds);
	CHECK_EQ(write(fds[1], out, 5), 5);
	CHECK_EQ(write(fds[1], out + 5, 7), 7);
	CHECK_EQ(write(fds[1], out + 12, 1), 1);
	CHECK_EQ(buffered(fds[0]), 13);
	expect(fds[0], 100, 0, 5);
	expect(fds[0], 100, 5, 7);
	expect(fds[0], 100, 12, 1);
	expect_empty(fds[0]);

	CHECK_EQ(write(fds[1], out, 6), 6);	/* cut short */
	CHECK_EQ(write(fds[1], out + 6, 3), 3);
	expect(fds[0], 2, 0, 2);
	expect(fds[0], 100, 6, 3);
	CHECK_EQ(write(fds[1], out, 100), 100);
	expect(fds[0], 1, 0, 1);
	expect_empty(fds[0]);

	CHECK_EQ(write(fds[1], out, 0), 0);	/* no empty packet */
	expect_empty(fds[0]);
	close_pipe(fds);
}

static void check_big_writes(void)
{
	int fds[2];

	packet_pipe(fds);
	CHECK_EQ(write(fds[1], out, 10000), 10000);
	CHECK_EQ(buffered(fds[0]), 10000);
	expect(fds[0], sizeof in, 0, 4096);
	expect(fds[0], sizeof in, 4096, 4096);
	expect(fds[0], sizeof in, 8192, 1808);
	CHECK_EQ(write(fds[1], out, 4096), 4096);
	CHECK_EQ(write(fds[1], out + 4096, 1), 1);
	expect(fds[0], sizeof in, 0, 4096);
	expect(fds[0], sizeof in, 4096, 1);
	expect_empty(fds[0]);
	close_pipe(fds);
}

static int pollout(int fd)
{
	struct pollfd pw = { fd, POLLOUT, 0 };

	CHECK(poll(&pw, 1, 0) >= 0);
	return (pw.revents & POLLOUT) != 0;
}

static void check_slots(void)
{
	int fds[2], n = 0;

	packet_pipe(fds);
	while (write(fds[1], out + n, 1) == 1)
		n++;
	CHECK_EQ(errno, EAGAIN);
	CHECK_EQ(n, 16);
	CHECK_EQ(buffered(fds[0]), 16);
	CHECK_EQ(pollout(fds[1]), 0);
	expect(fds[0], 100, 0, 1);
	CHECK_EQ(pollout(fds[1]), 1);
	CHECK_EQ(write(fds[1], out + 16, 1), 1);
	CHECK_EQ(write(fds[1], out, 1), -1);
	CHECK_EQ(errno, EAGAIN);

	CHECK_EQ(fcntl(fds[1], F_SETPIPE_SZ, 8192), -1);	/* 16 held */
	CHECK_EQ(errno, EBUSY);
	for (int i = 1; i < 15; i++)
		expect(fds[0], 100, (size_t)i, 1);
	CHECK_EQ(fcntl(fds[1], F_SETPIPE_SZ, 8192), 8192);	/* 2 held */
	CHECK_EQ(write(fds[1], out, 1), -1);
	CHECK_EQ(errno, EAGAIN);
	expect(fds[0], 100, 15, 1);
	expect(fds[0], 100, 16, 1);
	CHECK_EQ(write(fds[1], out, 3000), 3000);
	CHECK_EQ(write(fds[1], out + 3000, 5), 5);
	CHECK_EQ(write(fds[1], out, 1), -1);		/* 2 packets: full */
	CHECK_EQ(errno, EAGAIN);
	CHECK_EQ(fcntl(fds[1], F_SETPIPE_SZ, 4096), -1);
	CHECK_EQ(errno, EBUSY);
	CHECK_EQ(fcntl(fds[0], F_SETPIPE_SZ, 65536), 65536);
	expect(fds[0], sizeof in, 0, 3000);
	CHECK_EQ(write(fds[1], out + 3005, 4096), 4096);
	CHECK_EQ(fcntl(fds[0], F_SETPIPE_SZ, 8192), 8192);
	expect(fds[0], sizeof in, 3000, 5);
	expect(fds[0], sizeof in, 3005, 4096);
	expect_empty(fds[0]);
	close_pipe(fds);
}

static void check_setfl(void)
{
	int fds[2];

	packet_pipe(fds);
	CHECK_EQ(write(fds[1], "P", 1), 1);
	CHECK_EQ(fcntl(fds[1], F_SETFL, O_NONBLOCK), 0);
	CHECK_EQ(fcntl(fds[1], F_GETFL), O_WRONLY | O_NONBLOCK);
	CHECK_EQ(write(fds[1], "ab", 2), 2);
	CHECK_EQ(write(fds[1], "cd", 2), 2);
	CHECK_EQ(read(fds[0], in, 100), 1);
	CHECK_EQ(in[0], 'P');
	CHECK_EQ(read(fds[0], in, 100), 4);
	CHECK_EQ(memcmp(in, "abcd", 4), 0);
	CHECK_EQ(fcntl(fds[1], F_SETFL, O_NONBLOCK | O_DIRECT), 0);
	CHECK_EQ(fcntl(fds[1], F_GETFL), O_WRONLY | O_NONBLOCK | O_DIRECT);
	CHECK_EQ(write(fds[1], "xy", 2), 2);
	CHECK_EQ(write(fds[1], "z", 1), 1);
	CHECK_EQ(read(fds[0], in, 100), 2);
	CHECK_EQ(read(fds[0], in, 100), 1);
	CHECK_EQ(in[0], 'z');
	close_pipe(fds);
}

/* The packets the child writes, by length (0 ends a round). */
static const size_t lengths[] = {
	1, 2, 100, 4095, 4096, 10, 3000, 4096 * 3 + 5, 7, 4096, 1, 0
};

/* The packets a write of `len` makes: PIPE_BUF pieces. */
static size_t packets_of(size_t len, size_t *sizes)
{
	size_t n = 0;

	for (; len > 4096; len -= 4096)
		sizes[n++] = 4096;
	sizes[n++] = len;
	return n;
}

static void writer(int fd)
{
	for (int round = 0; round < 2; round++) {
		size_t from = 0;

		for (int i = 0; lengths[i]; i++) {
			CHECK_EQ(write(fd, out + from, lengths[i]), (long)lengths[i]);
			from += lengths[i];
		}
	}
	_exit(0);
}

static void reader_round(int fd, size_t room)
{
	size_t from = 0, sizes[8];

	for (int i = 0; lengths[i]; i++) {
		size_t n = packets_of(lengths[i], sizes);

		for (size_t k = 0; k < n; k++) {
			size_t got = sizes[k] < room ? sizes[k] : room;

			expect(fd, room, from, got);
			from += sizes[k];
		}
	}
}

static void check_with_fork(void)
{
	int fds[2];
	pid_t pid;

	pattern(5);
	CHECK_EQ(pipe2(fds, O_DIRECT), 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		close(fds[0]);
		writer(fds[1]);
	}
	CHECK_EQ(close(fds[1]), 0);
	reader_round(fds[0], sizeof in);
	reader_round(fds[0], 10);
	CHECK_EQ(read(fds[0], in, sizeof in), 0);	/* end of file */
	CHECK_EQ(wait_for_child(pid), 0);
	CHECK_EQ(close(fds[0]), 0);
}

int main(void)
{
	pattern(1);
	check_flags();
	check_boundaries();
	check_big_writes();
	check_slots();
	check_setfl();
	check_with_fork();
	return 0;
}
