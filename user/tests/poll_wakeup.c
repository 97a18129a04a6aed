/*
 * poll_wakeup - a poll() that is asleep is woken by every change that can
 * make one of its descriptors ready, and reports only the ready ones.
 *
 *  1. A write: the parent polls the read ends of three pipes with an
 *     infinite timeout; a child writes into the middle one.  poll()
 *     returns 1, with POLLIN on that pipe only.
 *  2. The last writer's exit: two children hold a pipe's write end (the
 *     parent closed its own).  After one of them exits (and is reaped),
 *     the read end is still not ready; when the other one exits, the
 *     parent's poll(-1) wakes with POLLHUP.
 *  3. A reader making room: the parent fills a pipe and polls the write
 *     end for POLLOUT; a child reads the pipe empty, which wakes it.
 *  4. The last reader's exit: the parent fills a pipe whose only read end
 *     a child holds, and polls the write end for POLLOUT; when the child
 *     exits, poll() wakes with POLLERR.
 *
 * Synchronisation: each child waits for a "go" byte, then sleeps 30 ms
 * (the parent is probably inside poll() by then; if not, poll() finds the
 * state already changed and returns at once, which is also correct) and
 * acts.  Exits are waited for with waitpid.
 */
#include <conduit/test.h>
#include <fcntl.h>
#include <poll.h>

static int go[2];	/* parent -> children: one byte per child to start */

/* fork a child that waits for "go", pauses, then runs fn(arg) and exits. */
static pid_t child(void (*fn)(int), int arg)
{
	pid_t pid = fork();
	char c;

	CHECK(pid >= 0);
	if (pid == 0) {
		CHECK_EQ(read(go[0], &c, 1), 1);
		sleep_ms(30);	/* the parent is probably in poll() by now */
		fn(arg);
		_exit(0);
	}
	return pid;
}

static void do_nothing(int fd) { (void)fd; }
static void write_byte(int fd) { CHECK_EQ(write(fd, "w", 1), 1); }

static void drain(int fd)
{
	static char buf[65536];
	ssize_t n;

	CHECK_EQ(fcntl(fd, F_SETFL, O_NONBLOCK), 0);
	while ((n = read(fd, buf, sizeof buf)) > 0)
		;
	CHECK_EQ(n, -1);
	CHECK_EQ(errno, EAGAIN);
}

static void start(void)
{
	CHECK_EQ(write(go[1], "g", 1), 1);
}

/* Fill a pipe through its (then non-blocking) write end. */
static void fill(int wr)
{
	static char buf[4096];

	CHECK_EQ(fcntl(wr, F_SETFL, O_NONBLOCK), 0);
	while (write(wr, buf, sizeof buf) > 0)
		;
	while (write(wr, buf, 1) > 0)
		;
	CHECK_EQ(errno, EAGAIN);
}

static void woken_by_write(void)
{
	int a[2], b[2], c[2];
	struct pollfd p[3];
	pid_t pid;
	char ch;

	CHECK_EQ(pipe(a), 0);
	CHECK_EQ(pipe(b), 0);
	CHECK_EQ(pipe(c), 0);
	pid = child(write_byte, b[1]);
	p[0].fd = a[0], p[1].fd = b[0], p[2].fd = c[0];
	for (int i = 0; i < 3; i++)
		p[i].events = POLLIN, p[i].revents = 0;
	start();
	CHECK_EQ(poll(p, 3, -1), 1);
	CHECK_EQ(p[0].revents, 0);
	CHECK_EQ(p[1].revents, POLLIN);
	CHECK_EQ(p[2].revents, 0);
	CHECK_EQ(read(b[0], &ch, 1), 1);
	CHECK_EQ(wait_for_child(pid), 0);
	close(a[0]), close(a[1]), close(b[0]), close(b[1]);
	close(c[0]), close(c[1]);
}

static void woken_by_last_writer_exit(void)
{
	struct pollfd p;
	int fds[2], status;
	pid_t a, b, gone;

	CHECK_EQ(pipe(fds), 0);
	a = child(do_nothing, 0);
	b = child(do_nothing, 0);
	CHECK_EQ(close(fds[1]), 0);	/* now only the children write */
	p.fd = fds[0], p.events = POLLIN, p.revents = 0;

	start();			/* one of the two (either) exits */
	do {
		gone = waitpid(-1, &status, 0);
	} while (gone < 0 && errno == EINTR);
	CHECK(gone == a || gone == b);
	CHECK_EQ(status, 0);
	CHECK_EQ(poll(&p, 1, 0), 0);	/* the other still holds it */
	CHECK_EQ(p.revents, 0);

	start();			/* and now the other one */
	CHECK_EQ(poll(&p, 1, -1), 1);
	CHECK_EQ(p.revents, POLLHUP);
	CHECK_EQ(wait_for_child(gone == a ? b : a), 0);
	CHECK_EQ(close(fds[0]), 0);
}

static void woken_by_room(void)
{
	struct pollfd p;
	int fds[2];
	pid_t pid;

	CHECK_EQ(pipe(fds), 0);
	fill(fds[1]);
	pid = child(drain, fds[0]);
	p.fd = fds[1], p.events = POLLOUT, p.revents = 0;
	CHECK_EQ(poll(&p, 1, 0), 0);
	start();
	CHECK_EQ(poll(&p, 1, -1), 1);
	CHECK_EQ(p.revents, POLLOUT);
	CHECK_EQ(wait_for_child(pid), 0);
	CHECK_EQ(close(fds[0]), 0);
	CHECK_EQ(close(fds[1]), 0);
}

static void woken_by_last_reader_exit(void)
{
	struct pollfd p;
	int fds[2];
	pid_t pid;

	CHECK_EQ(pipe(fds), 0);
	fill(fds[1]);
	pid = child(do_nothing, 0);
	CHECK_EQ(close(fds[0]), 0);	/* now only the child reads */
	p.fd = fds[1], p.events = POLLOUT, p.revents = 0;
	CHECK_EQ(poll(&p, 1, 0), 0);
	start();
	CHECK_EQ(poll(&p, 1, -1), 1);
	CHECK(p.revents & POLLERR);
	CHECK_EQ(wait_for_child(pid), 0);
	CHECK_EQ(close(fds[1]), 0);
}

int main(void)
{
	CHECK_EQ(pipe(go), 0);
	woken_by_write();
	woken_by_last_writer_exit();
	woken_by_room();
	woken_by_last_reader_exit();
	return 0;
}
