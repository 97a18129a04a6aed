/*
 * poll_pipe_states - what poll() reports for each state of a pipe, and
 * how it counts.  Everything is looked at with timeout 0, in one process.
 *
 *   empty            read end: nothing;  write end: POLLOUT
 *   data             read end: POLLIN (never POLLOUT, even if asked)
 *   full             write end: nothing (no POLLOUT) until the reader
 *                    makes room (reading half the pipe surely does)
 *   no writer, data  read end: POLLIN|POLLHUP
 *   no writer, empty read end: POLLHUP (without POLLIN), even with events 0
 *   no reader        write end: POLLOUT|POLLERR, and POLLERR with events 0
 *   closed fd        POLLNVAL, counted in the result, even with events 0
 *   fd < 0           skipped: revents 0 (whatever was there), not counted
 *
 * Also: the result counts entries with non-zero revents (an entry with
 * POLLIN|POLLHUP counts once, the same fd listed twice counts twice);
 * POLLRDNORM/POLLWRNORM are reported when asked for; a regular file is
 * always readable and writable; nfds 0 with a timeout of 0 returns 0; an
 * array at a bad address is EFAULT.
 */
#include <conduit/test.h>
#include <fcntl.h>
#include <poll.h>

#define FILE_PATH "/tmp/poll_pipe_states-file"

/* Poll one fd for `events` without waiting; return revents. */
static int revents_of(int fd, int events)
{
	struct pollfd p = { fd, (short)events, 0x7fff };
	int n = poll(&p, 1, 0);

	CHECK(n == 0 || n == 1);
	CHECK_EQ(n, p.revents != 0);
	return p.revents;
}

static void basic_states(void)
{
	int fds[2], all = POLLIN | POLLOUT;
	struct pollfd p[2];
	char buf[8];

	CHECK_EQ(pipe(fds), 0);
	/* empty */
	CHECK_EQ(revents_of(fds[0], POLLIN), 0);
	CHECK_EQ(revents_of(fds[0], all), 0);
	CHECK_EQ(revents_of(fds[1], POLLOUT), POLLOUT);
	CHECK_EQ(revents_of(fds[1], all), POLLOUT);
	CHECK_EQ(revents_of(fds[1], POLLIN), 0);
	p[0].fd = fds[0], p[0].events = POLLIN, p[0].revents = 0;
	p[1].fd = fds[1], p[1].events = POLLOUT, p[1].revents = 0;
	CHECK_EQ(poll(p, 2, 0), 1);
	CHECK_EQ(p[0].revents, 0);
	CHECK_EQ(p[1].revents, POLLOUT);

	/* data */
	CHECK_EQ(write(fds[1], "x", 1), 1);
	CHECK_EQ(revents_of(fds[0], POLLIN), POLLIN);
	CHECK_EQ(revents_of(fds[0], all), POLLIN);
	CHECK_EQ(revents_of(fds[0], POLLOUT), 0);
	CHECK_EQ(revents_of(fds[0], POLLRDNORM), POLLRDNORM);
	CHECK_EQ(revents_of(fds[0], POLLIN | POLLRDNORM), POLLIN | POLLRDNORM);
	CHECK_EQ(revents_of(fds[1], POLLWRNORM), POLLWRNORM);
	p[0].revents = p[1].revents = 0;
	CHECK_EQ(poll(p, 2, 0), 2);
	CHECK_EQ(p[0].revents, POLLIN);
	CHECK_EQ(p[1].revents, POLLOUT);

	/* no writer, data left; then drained */
	CHECK_EQ(close(fds[1]), 0);
	CHECK_EQ(revents_of(fds[0], POLLIN), POLLIN | POLLHUP);
	CHECK_EQ(revents_of(fds[0], 0), POLLHUP);
	CHECK_EQ(read(fds[0], buf, sizeof buf), 1);
	CHECK_EQ(revents_of(fds[0], POLLIN), POLLHUP);
	CHECK_EQ(revents_of(fds[0], 0), POLLHUP);
	CHECK_EQ(read(fds[0], buf, sizeof buf), 0);
	CHECK_EQ(close(fds[0]), 0);

	/* no reader */
	CHECK_EQ(pipe(fds), 0);
	CHECK_EQ(close(fds[0]), 0);
	CHECK_EQ(revents_of(fds[1], POLLOUT), POLLOUT | POLLERR);
	CHECK_EQ(revents_of(fds[1], 0), POLLERR);
	CHECK_EQ(close(fds[1]), 0);
}

static void full_pipe(void)
{
	static char big[65536];
	int fds[2];
	long total = 0;
	ssize_t n;

	CHECK_EQ(pipe(fds), 0);
	CHECK_EQ(fcntl(fds[1], F_SETFL, O_NONBLOCK), 0);
	while ((n = write(fds[1], big, sizeof big)) > 0)
		total += n;
	CHECK_EQ(errno, EAGAIN);
	while ((n = write(fds[1], big, 1)) > 0)	/* every last byte */
		total += n;
	CHECK_EQ(n, -1);
	CHECK_EQ(errno, EAGAIN);
	CHECK(total >= 4096);
	CHECK_EQ(revents_of(fds[1], POLLOUT), 0);
	CHECK_EQ(revents_of(fds[0], POLLIN), POLLIN);

	/* Reading half of it leaves room for a write of at least a byte. */
	for (long left = total / 2 + 1; left > 0; left -= n) {
		n = read(fds[0], big, (size_t)(left < (long)sizeof big ? left : (long)sizeof big));
		CHECK(n > 0);
	}
	CHECK_EQ(revents_of(fds[1], POLLOUT), POLLOUT);
	CHECK_EQ(write(fds[1], big, 1), 1);

	/* Full again, then the reader goes: POLLERR, and writable no more
	 * matters (a write would fail with EPIPE). */
	while (write(fds[1], big, 1) == 1)
		;
	CHECK_EQ(close(fds[0]), 0);
	CHECK(revents_of(fds[1], POLLOUT) & POLLERR);
	CHECK_EQ(close(fds[1]), 0);
}

static void bad_and_skipped_fds(void)
{
	struct pollfd p[5];
	int fds[2], closed;

	CHECK_EQ(pipe(fds), 0);
	closed = dup(fds[0]);
	CHECK(closed >= 0);
	CHECK_EQ(close(closed), 0);
	CHECK_EQ(write(fds[1], "y", 1), 1);

	p[0].fd = -1, p[0].events = POLLIN, p[0].revents = 0x7fff;
	p[1].fd = closed, p[1].events = POLLIN, p[1].revents = 0;
	p[2].fd = fds[0], p[2].events = POLLIN, p[2].revents = 0;
	p[3].fd = -5, p[3].events = POLLIN | POLLOUT, p[3].revents = 0x7fff;
	p[4].fd = closed, p[4].events = 0, p[4].revents = 0;
	CHECK_EQ(poll(p, 5, 0), 3);
	CHECK_EQ(p[0].revents, 0);
	CHECK_EQ(p[1].revents, POLLNVAL);
	CHECK_EQ(p[2].revents, POLLIN);
	CHECK_EQ(p[3].revents, 0);
	CHECK_EQ(p[4].revents, POLLNVAL);

	/* Only skipped entries: nothing to report, the timeout runs out. */
	p[1].fd = -1, p[2].fd = -1, p[4].fd = -1;
	CHECK_EQ(poll(p, 5, 0), 0);
	for (int i = 0; i < 5; i++)
		CHECK_EQ(p[i].revents, 0);

	/* The same fd twice counts twice; POLLIN|POLLHUP counts once. */
	CHECK_EQ(close(fds[1]), 0);
	p[0].fd = fds[0], p[0].events = POLLIN;
	p[1].fd = fds[0], p[1].events = POLLIN;
	CHECK_EQ(poll(p, 2, 0), 2);
	CHECK_EQ(p[0].revents, POLLIN | POLLHUP);
	CHECK_EQ(p[1].revents, POLLIN | POLLHUP);
	CHECK_EQ(close(fds[0]), 0);

	CHECK_EQ(poll(p, 0, 0), 0);
	CHECK_EQ(poll(NULL, 0, 0), 0);

	/* A bad array is EFAULT. */
	errno = 0;
	CHECK_EQ(poll(opaque_pointer(0), 1, 0), -1);
	CHECK_EQ(errno, EFAULT);
	errno = 0;
	CHECK_EQ(poll(opaque_pointer(16), 1, 0), -1);
	CHECK_EQ(errno, EFAULT);
}

static void regular_file(void)
{
	int fd;

	unlink(FILE_PATH);
	fd = open(FILE_PATH, O_RDWR | O_CREAT | O_EXCL, 0600);
	CHECK(fd >= 0);
	CHECK_EQ(revents_of(fd, POLLIN | POLLOUT), POLLIN | POLLOUT);
	CHECK_EQ(revents_of(fd, POLLIN), POLLIN);
	CHECK_EQ(close(fd), 0);
	CHECK_EQ(unlink(FILE_PATH), 0);
}

int main(void)
{
	basic_states();
	full_pipe();
	bad_and_skipped_fds();
	regular_file();
	return 0;
}
