/*
 * regress_fifo_poll_hup - poll() on a FIFO's read end reports POLLHUP once
 * the last writer has gone, also when a writer was already there when the
 * reader opened it.
 *
 * Linux suppresses POLLHUP on a FIFO's read end only until the first
 * writer comes, and only for a reader that opened (O_NONBLOCK) while no
 * writer was there.  Conduit remembered the number of writer opens at
 * every open of the read end and reported POLLHUP only if a writer had
 * opened *since*: a reader that joined a writer already there never got
 * POLLHUP, though read() said end of file.  A program that polls (or
 * selects) before reading then waits forever.  Found by stress: a FIFO
 * scenario whose writer opened first; its non-blocking reader sat in
 * poll() with no writer left (/proc/pipes: READERS 1 WRITERS 0, RWAIT
 * the reader) until the scenario timed out.
 */
#include <conduit/test.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>

int main(void)
{
	char path[64];
	struct pollfd p;
	int writer, reader;
	char c;

	snprintf(path, sizeof(path), "/tmp/regress_fifo.%d", (int)getpid());
	CHECK_EQ(mkfifo(path, 0600), 0);
	writer = open(path, O_RDWR);		/* a writer (and reader) first */
	CHECK(writer >= 0);
	reader = open(path, O_RDONLY);		/* joins: a writer is there */
	CHECK(reader >= 0);
	CHECK_EQ(write(writer, "x", 1), 1);
	CHECK_EQ(close(writer), 0);		/* the last writer goes */

	p.fd = reader;
	p.events = POLLIN;
	p.revents = 0;
	CHECK_EQ(poll(&p, 1, 2000), 1);		/* data */
	CHECK(p.revents & POLLIN);
	CHECK_EQ(read(reader, &c, 1), 1);
	CHECK_EQ(read(reader, &c, 1), 0);	/* end of file */
	p.revents = 0;
	if (poll(&p, 1, 2000) != 1 || !(p.revents & POLLHUP)) {
		fprintf(stderr, "FAIL: poll on a FIFO with no writer left: revents %#x "
			"(expected POLLHUP)\n", p.revents);
		return 1;
	}
	CHECK_EQ(close(reader), 0);
	CHECK_EQ(unlink(path), 0);
	return 0;
}
