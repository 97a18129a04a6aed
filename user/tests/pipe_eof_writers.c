/*
 * pipe_eof_writers - a reader sees end of file only once every write end
 * is closed: its own, a forked child's and a grandchild's copy.
 *
 * The parent creates the data pipe, then a child, which forks a
 * grandchild; both inherit the write end.  Each of them closes its copy
 * only when the parent tells it to, through its own control pipe, and
 * acknowledges through a shared ack pipe.  The parent closes its own
 * write end first.  Then:
 *
 *   with the child and grandchild holding the write end, a non-blocking
 *   read must fail with EAGAIN (data may still come), not return 0;
 *   the child writes "C", closes its copy and acks: the parent reads "C"
 *   and then, the grandchild still holding its copy, EAGAIN again;
 *   the parent switches back to blocking reads and tells the grandchild
 *   to go on; the grandchild waits 5 ms, writes "G" and closes.  The
 *   parent's blocking read must return "G" (a false end of file would
 *   return 0 before it), and only then 0, every time.
 *
 * The child waits for the grandchild and exits with its status, so
 * nothing is left over.  No step depends on timing; the 5 ms pause only
 * makes it likely that the parent is already blocked in read.
 */
#define _GNU_SOURCE
#include <conduit/test.h>
#include <fcntl.h>

static int data[2], to_child[2], to_grandchild[2], acks[2];

static void wait_token(int fd)
{
	char c;

	CHECK_EQ(read(fd, &c, 1), 1);
}

static void grandchild(void)
{
	CHECK_EQ(write(acks[1], "g", 1), 1);	/* ready */
	wait_token(to_grandchild[0]);
	sleep_ms(5);
	CHECK_EQ(write(data[1], "G", 1), 1);
	CHECK_EQ(close(data[1]), 0);
	_exit(0);
}

static void child(void)
{
	pid_t pid = fork();
	int status;

	CHECK(pid >= 0);
	if (pid == 0)
		grandchild();
	CHECK_EQ(close(to_grandchild[0]), 0);
	CHECK_EQ(write(acks[1], "c", 1), 1);	/* ready */
	wait_token(to_child[0]);
	CHECK_EQ(write(data[1], "C", 1), 1);
	CHECK_EQ(close(data[1]), 0);
	CHECK_EQ(write(acks[1], "d", 1), 1);	/* closed */
	status = wait_for_child(pid);
	_exit(status == 0 ? 0 : 1);
}

static void set_nonblocking(int fd, int on)
{
	int flags = fcntl(fd, F_GETFL);

	CHECK(flags >= 0);
	flags = on ? flags | O_NONBLOCK : flags & ~O_NONBLOCK;
	CHECK_EQ(fcntl(fd, F_SETFL, flags), 0);
}

static void expect_no_data_yet(void)
{
	char c;

	CHECK_EQ(read(data[0], &c, 1), -1);
	CHECK_EQ(errno, EAGAIN);
}

int main(void)
{
	char buf[16], ack;
	int seen_c = 0, seen_g = 0;
	pid_t pid;

	CHECK_EQ(pipe(data), 0);
	CHECK_EQ(pipe(to_child), 0);
	CHECK_EQ(pipe(to_grandchild), 0);
	CHECK_EQ(pipe(acks), 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		close(data[0]);
		close(to_child[1]);
		close(to_grandchild[1]);
		close(acks[0]);
		child();
	}
	CHECK_EQ(close(data[1]), 0);
	CHECK_EQ(close(to_child[0]), 0);
	CHECK_EQ(close(to_grandchild[0]), 0);
	CHECK_EQ(close(acks[1]), 0);

	/* Both helpers are running and hold the write end. */
	for (int i = 0; i < 2; i++) {
		CHECK_EQ(read(acks[0], &ack, 1), 1);
		seen_c += ack == 'c';
		seen_g += ack == 'g';
	}
	CHECK_EQ(seen_c, 1);
	CHECK_EQ(seen_g, 1);

	set_nonblocking(data[0], 1);
	expect_no_data_yet();

	/* The child writes "C" and closes: the grandchild's copy remains. */
	CHECK_EQ(write(to_child[1], "x", 1), 1);
	CHECK_EQ(read(acks[0], &ack, 1), 1);
	CHECK_EQ(ack, 'd');
	CHECK_EQ(read(data[0], buf, sizeof buf), 1);
	CHECK_EQ(buf[0], 'C');
	expect_no_data_yet();

	/* Blocking again: the read must wait for "G", not report EOF. */
	set_nonblocking(data[0], 0);
	CHECK_EQ(write(to_grandchild[1], "x", 1), 1);
	CHECK_EQ(read(data[0], buf, sizeof buf), 1);
	CHECK_EQ(buf[0], 'G');
	CHECK_EQ(read(data[0], buf, sizeof buf), 0);
	CHECK_EQ(read(data[0], buf, sizeof buf), 0);

	CHECK_EQ(wait_for_child(pid), 0);
	return 0;
}
