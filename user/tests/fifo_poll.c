/*
 * fifo_poll - poll() on the ends of a FIFO, including the Linux rule for
 * readers that have not seen a writer yet.
 *
 *  1. A reader opened with O_RDONLY|O_NONBLOCK while no writer exists gets
 *     no POLLHUP (revents 0): on Linux a FIFO reader reports hang-up only
 *     once a writer that opened after it has gone again.  This is what
 *     lets a server open its FIFO non-blocking and poll() for its first
 *     client.
 *  2. With a writer: empty (reader nothing, writer POLLOUT), data
 *     (POLLIN), writer closed with data left (POLLIN|POLLHUP), drained
 *     (POLLHUP alone), a new writer (no POLLHUP any more).
 *  3. A reader that opens after the last writer left sees no POLLHUP
 *     (rule 1 again), while an older reader of the same pipe does.
 *  4. An O_RDWR descriptor is its own writer and reader: POLLOUT, then
 *     POLLIN|POLLOUT with data, never POLLHUP or POLLERR.
 *  5. The last reader gone: the writer gets POLLOUT|POLLERR.
 *  6. poll(-1) on the lone non-blocking reader is woken when a child
 *     opens the FIFO for writing and writes, and then sees the child's
 *     hang-up.
 *
 * Synchronisation: 1-5 happen in one process; in 6 the parent may enter
 * poll() before or after the child writes, both give POLLIN, and the
 * hang-up is waited for with poll(-1) too.
 */
#include <conduit/test.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>

#define FIFO "/tmp/fifo_poll-fifo"

/* revents of fd for `events`, looking without waiting. */
static int revents_of(int fd, int events)
{
	struct pollfd p = { fd, (short)events, 0x7fff };
	int n = poll(&p, 1, 0);

	CHECK(n == 0 || n == 1);
	CHECK_EQ(n, p.revents != 0);
	return p.revents;
}

int main(void)
{
	int rd, rd2, wr, rw, all = POLLIN | POLLOUT;
	char buf[16];
	pid_t pid;

	unlink(FIFO);		/* a leftover of an interrupted run (Linux) */
	CHECK_EQ(mkfifo(FIFO, 0600), 0);

	/* 1: no writer has been seen: nothing to report, not even POLLHUP. */
	rd = open(FIFO, O_RDONLY | O_NONBLOCK);
	CHECK(rd >= 0);
	CHECK_EQ(revents_of(rd, POLLIN), 0);

	/* 2 */
	wr = open(FIFO, O_WRONLY | O_NONBLOCK);
	CHECK(wr >= 0);
	CHECK_EQ(revents_of(rd, all), 0);
	CHECK_EQ(revents_of(wr, all), POLLOUT);
	CHECK_EQ(write(wr, "abc", 3), 3);
	CHECK_EQ(revents_of(rd, all), POLLIN);
	CHECK_EQ(close(wr), 0);
	CHECK_EQ(revents_of(rd, POLLIN), POLLIN | POLLHUP);
	CHECK_EQ(read(rd, buf, sizeof buf), 3);
	CHECK_EQ(revents_of(rd, POLLIN), POLLHUP);
	CHECK_EQ(revents_of(rd, 0), POLLHUP);	/* reported even unasked */
	CHECK_EQ(read(rd, buf, sizeof buf), 0);
	wr = open(FIFO, O_WRONLY | O_NONBLOCK);
	CHECK(wr >= 0);
	CHECK_EQ(revents_of(rd, POLLIN), 0);	/* a writer again */
	CHECK_EQ(close(wr), 0);
	CHECK_EQ(revents_of(rd, POLLIN), POLLHUP);

	/* 3: a newcomer has not seen that writer. */
	rd2 = open(FIFO, O_RDONLY | O_NONBLOCK);
	CHECK(rd2 >= 0);
	CHECK_EQ(revents_of(rd2, POLLIN), 0);
	CHECK_EQ(revents_of(rd, POLLIN), POLLHUP);
	CHECK_EQ(close(rd2), 0);

	/* 4 */
	rw = open(FIFO, O_RDWR);
	CHECK(rw >= 0);
	CHECK_EQ(revents_of(rw, all), POLLOUT);
	CHECK_EQ(revents_of(rd, POLLIN), 0);	/* rw is a writer */
	CHECK_EQ(write(rw, "x", 1), 1);
	CHECK_EQ(revents_of(rw, all), POLLIN | POLLOUT);
	CHECK_EQ(revents_of(rd, POLLIN), POLLIN);
	CHECK_EQ(read(rd, buf, sizeof buf), 1);

	/* 5: rw is still a reader; once rd and rw are closed, no reader. */
	wr = open(FIFO, O_WRONLY | O_NONBLOCK);
	CHECK(wr >= 0);
	CHECK_EQ(revents_of(wr, POLLOUT), POLLOUT);
	CHECK_EQ(close(rd), 0);
	CHECK_EQ(revents_of(wr, POLLOUT), POLLOUT);
	CHECK_EQ(close(rw), 0);
	CHECK_EQ(revents_of(wr, POLLOUT), POLLOUT | POLLERR);
	CHECK_EQ(revents_of(wr, 0), POLLERR);
	CHECK_EQ(close(wr), 0);

	/* 6: a lone reader waits in poll() for its first writer. */
	rd = open(FIFO, O_RDONLY | O_NONBLOCK);
	CHECK(rd >= 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		CHECK_EQ(close(rd), 0);
		sleep_ms(30);	/* the parent is probably in poll() by now */
		wr = open(FIFO, O_WRONLY);
		CHECK(wr >= 0);
		CHECK_EQ(write(wr, "hello", 5), 5);
		_exit(0);	/* closes wr: the parent sees POLLHUP */
	}
	{
		struct pollfd p = { rd, POLLIN, 0 };
		CHECK_EQ(poll(&p, 1, -1), 1);
		CHECK(p.revents & POLLIN);
		CHECK_EQ(read(rd, buf, sizeof buf), 5);
		CHECK_EQ(memcmp(buf, "hello", 5), 0);
		p.revents = 0;
		CHECK_EQ(poll(&p, 1, -1), 1);
		CHECK_EQ(p.revents, POLLHUP);
	}
	CHECK_EQ(wait_for_child(pid), 0);
	CHECK_EQ(read(rd, buf, sizeof buf), 0);
	CHECK_EQ(close(rd), 0);
	CHECK_EQ(unlink(FIFO), 0);
	return 0;
}
