/*
 * select_states - select() on the states of a pipe, and its errors.
 * Everything is looked at with a zero timeout, in one process.
 *
 *   empty             read end not readable, write end writable
 *   data              read end readable
 *   full              write end not writable
 *   no writer         read end readable (end of file: read() returns 0),
 *                     with or without data left
 *   no reader         write end "writable" (a write would not block: it
 *                     fails with EPIPE), as on Linux
 *   except set        a pipe never has exceptional conditions
 *
 * Also: the sets come back holding only the ready descriptors, and the
 * result counts bits over all three sets (a regular file in both the read
 * and the write set counts 2); descriptors at or above nfds are not
 * looked at (a closed one there is no error); a closed descriptor in any
 * set is EBADF and leaves the sets unmodified; nfds < 0 is EINVAL; a set
 * at a bad address is EFAULT; select(0, NULL, NULL, NULL, {0, 0})
 * returns 0.
 */
#include <conduit/test.h>
#include <fcntl.h>
#include <sys/select.h>
#include <sys/time.h>

#define FILE_PATH "/tmp/select_states-file"

/* Which of rd (for reading) and wr (for writing) select finds ready:
 * bit 0 = rd readable, bit 1 = wr writable.  Checks the count too. */
static int ready(int rd, int wr)
{
	struct timeval tv = { 0, 0 };
	fd_set r, w, e;
	int n, max = rd > wr ? rd : wr, result = 0;

	FD_ZERO(&r);
	FD_ZERO(&w);
	FD_ZERO(&e);
	if (rd >= 0) {
		FD_SET(rd, &r);
		FD_SET(rd, &e);
	}
	if (wr >= 0) {
		FD_SET(wr, &w);
		FD_SET(wr, &e);
	}
	n = select(max + 1, &r, &w, &e, &tv);
	CHECK(n >= 0);
	if (rd >= 0 && FD_ISSET(rd, &r))
		result |= 1;
	if (wr >= 0 && FD_ISSET(wr, &w))
		result |= 2;
	CHECK_EQ(n, (result & 1) + (result >> 1));
	for (int fd = 0; fd <= max; fd++) {	/* only what was asked */
		CHECK(!FD_ISSET(fd, &e));
		CHECK(!FD_ISSET(fd, &r) || fd == rd);
		CHECK(!FD_ISSET(fd, &w) || fd == wr);
	}
	return result;
}

static void pipe_states(void)
{
	static char buf[65536];
	int fds[2];
	long total = 0;
	ssize_t n;

	CHECK_EQ(pipe(fds), 0);
	CHECK_EQ(ready(fds[0], fds[1]), 2);		/* empty */
	CHECK_EQ(write(fds[1], "x", 1), 1);
	total = 1;
	CHECK_EQ(ready(fds[0], fds[1]), 3);		/* data */
	CHECK_EQ(ready(fds[0], -1), 1);

	/* full */
	CHECK_EQ(fcntl(fds[1], F_SETFL, O_NONBLOCK), 0);
	while ((n = write(fds[1], buf, sizeof buf)) > 0)
		total += n;
	while ((n = write(fds[1], buf, 1)) > 0)
		total += n;
	CHECK_EQ(errno, EAGAIN);
	CHECK_EQ(ready(fds[0], fds[1]), 1);
	CHECK_EQ(ready(-1, fds[1]), 0);

	/* no writer, data left; then end of file */
	CHECK_EQ(close(fds[1]), 0);
	CHECK_EQ(ready(fds[0], -1), 1);
	while ((n = read(fds[0], buf, sizeof buf)) > 0)
		total -= n;
	CHECK_EQ(n, 0);
	CHECK_EQ(total, 0);		/* everything came back... */
	CHECK_EQ(ready(fds[0], -1), 1);	/* and EOF is "readable" */
	CHECK_EQ(close(fds[0]), 0);

	/* no reader */
	CHECK_EQ(pipe(fds), 0);
	CHECK_EQ(close(fds[0]), 0);
	CHECK_EQ(ready(-1, fds[1]), 2);
	CHECK_EQ(close(fds[1]), 0);
}

static void counting_and_limits(void)
{
	struct timeval tv = { 0, 0 };
	fd_set r, w;
	int fd, fds[2], closed;

	unlink(FILE_PATH);
	fd = open(FILE_PATH, O_RDWR | O_CREAT | O_EXCL, 0600);
	CHECK(fd >= 0);
	FD_ZERO(&r);
	FD_ZERO(&w);
	FD_SET(fd, &r);
	FD_SET(fd, &w);
	CHECK_EQ(select(fd + 1, &r, &w, NULL, &tv), 2);
	CHECK(FD_ISSET(fd, &r) && FD_ISSET(fd, &w));

	/* Not looked at: a descriptor at nfds or above, even a closed one. */
	CHECK_EQ(pipe(fds), 0);
	closed = fds[1] + 1;
	while (fcntl(closed, F_GETFD) >= 0)
		closed++;
	CHECK_EQ(write(fds[1], "x", 1), 1);
	FD_ZERO(&r);
	FD_SET(fds[0], &r);
	FD_SET(closed, &r);
	tv.tv_sec = 0, tv.tv_usec = 0;
	CHECK_EQ(select(closed, &r, NULL, NULL, &tv), 1);
	CHECK(FD_ISSET(fds[0], &r));
	tv.tv_sec = 0, tv.tv_usec = 0;
	CHECK_EQ(select(fds[0], &r, NULL, NULL, &tv), 0);	/* fds[0] too */

	/* A closed descriptor below nfds, in any set: EBADF, sets kept. */
	for (int which = 0; which < 3; which++) {
		fd_set sets[3];
		for (int k = 0; k < 3; k++) {
			FD_ZERO(&sets[k]);
			FD_SET(fds[0], &sets[k]);
		}
		FD_SET(closed, &sets[which]);
		tv.tv_sec = 0, tv.tv_usec = 0;
		errno = 0;
		CHECK_EQ(select(closed + 1, &sets[0], &sets[1], &sets[2], &tv), -1);
		CHECK_EQ(errno, EBADF);
		for (int k = 0; k < 3; k++) {
			CHECK(FD_ISSET(fds[0], &sets[k]));
			CHECK_EQ(FD_ISSET(closed, &sets[k]), k == which);
		}
	}

	errno = 0;
	tv.tv_sec = 0, tv.tv_usec = 0;
	CHECK_EQ(select(-1, NULL, NULL, NULL, &tv), -1);
	CHECK_EQ(errno, EINVAL);
	tv.tv_sec = 0, tv.tv_usec = 0;
	CHECK_EQ(select(0, NULL, NULL, NULL, &tv), 0);
	errno = 0;
	tv.tv_sec = 0, tv.tv_usec = 0;
	CHECK_EQ(select(fds[0] + 1, opaque_pointer(16), NULL, NULL, &tv), -1);
	CHECK_EQ(errno, EFAULT);

	CHECK_EQ(close(fds[0]), 0);
	CHECK_EQ(close(fds[1]), 0);
	CHECK_EQ(close(fd), 0);
	CHECK_EQ(unlink(FILE_PATH), 0);
}

int main(void)
{
	pipe_states();
	counting_and_limits();
	return 0;
}
