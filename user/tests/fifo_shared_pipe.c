/*
 * fifo_shared_pipe - while a FIFO is open anywhere there is exactly one
 * pipe behind it, and its data never outlives the last close.
 *
 *  1. Opens made at different times share the pipe: bytes written through
 *     one writer before a second reader opened are read by that second
 *     reader; a second writer's bytes follow the first's in order; an
 *     O_RDWR open joins the same pipe.
 *  2. Across processes: the parent writes into the FIFO and keeps it
 *     open; a child that opens the FIFO afterwards reads what is buffered.
 *  3. The data dies with the last close: write, close every descriptor,
 *     reopen: the pipe is empty (a non-blocking read gets EAGAIN while
 *     the new writer is there, and end of file without one).  The same
 *     when the last descriptor to go is the reader's, or the writer's.
 *  4. Unlinking a FIFO that is open does not disturb the pipe; a new FIFO
 *     made under the same name is a different, empty one.
 *  5. Free pages are the same after a warm-up round and after a second
 *     round (skipped when CONDUIT_HOST_RUN is set: Linux's count is
 *     noisy): the pipe's buffer is freed with the last close.
 *
 * Synchronisation: one child in case 2, which the parent waits for; its
 * open does not block because the parent holds a write end.
 */
#include <conduit/test.h>
#include <fcntl.h>
#include <sys/stat.h>

#define FIFO "/tmp/fifo_shared_pipe-fifo"

static void read_exact(int fd, const char *want)
{
	size_t len = strlen(want), got = 0;
	char buf[64];

	CHECK(len <= sizeof buf);
	while (got < len) {
		ssize_t n = read(fd, buf + got, len - got);
		CHECK(n > 0);
		got += (size_t)n;
	}
	CHECK_EQ(memcmp(buf, want, len), 0);
}

/* fd is non-blocking and its pipe is empty. */
static void check_empty(int fd, int have_writer)
{
	char c;

	errno = 0;
	if (have_writer) {
		CHECK_EQ(read(fd, &c, 1), -1);
		CHECK_EQ(errno, EAGAIN);
	} else {
		CHECK_EQ(read(fd, &c, 1), 0);
	}
}

static void shared_between_opens(void)
{
	int rd1, rd2, wr1, wr2, rw;

	rd1 = open(FIFO, O_RDONLY | O_NONBLOCK);
	CHECK(rd1 >= 0);
	wr1 = open(FIFO, O_WRONLY);
	CHECK(wr1 >= 0);
	CHECK_EQ(write(wr1, "early ", 6), 6);
	rd2 = open(FIFO, O_RDONLY);		/* a writer is there: no wait */
	CHECK(rd2 >= 0);
	CHECK_EQ(fcntl(rd2, F_SETFL, O_NONBLOCK), 0);
	read_exact(rd2, "early ");
	check_empty(rd1, 1);			/* one pipe: rd2 took it all */

	wr2 = open(FIFO, O_WRONLY);
	CHECK(wr2 >= 0);
	CHECK_EQ(write(wr1, "one ", 4), 4);
	CHECK_EQ(write(wr2, "two ", 4), 4);
	rw = open(FIFO, O_RDWR);
	CHECK(rw >= 0);
	CHECK_EQ(write(rw, "three", 5), 5);
	read_exact(rd1, "one two three");
	check_empty(rd2, 1);
	CHECK_EQ(write(wr2, "back", 4), 4);
	read_exact(rw, "back");

	CHECK_EQ(close(wr1), 0);
	CHECK_EQ(close(wr2), 0);
	CHECK_EQ(close(rw), 0);
	check_empty(rd1, 0);			/* every writer gone: EOF */
	check_empty(rd2, 0);
	CHECK_EQ(close(rd1), 0);
	CHECK_EQ(close(rd2), 0);
}

static void shared_with_child(void)
{
	int wr = open(FIFO, O_RDWR);	/* a reader too, so nothing blocks */
	pid_t pid;

	CHECK(wr >= 0);
	CHECK_EQ(write(wr, "buffered for a later reader", 27), 27);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		int rd = open(FIFO, O_RDONLY);
		CHECK(rd >= 0);
		read_exact(rd, "buffered for a later reader");
		_exit(0);
	}
	CHECK_EQ(wait_for_child(pid), 0);
	{
		int fl = fcntl(wr, F_GETFL);
		CHECK(fl >= 0);
		CHECK_EQ(fcntl(wr, F_SETFL, fl | O_NONBLOCK), 0);
		check_empty(wr, 1);		/* the child took it all */
	}
	CHECK_EQ(close(wr), 0);
}

/* last: 0 = the writer closes last, 1 = the reader, 2 = one O_RDWR fd. */
static void data_dies(int last)
{
	int rd, wr;

	if (last == 2) {
		wr = open(FIFO, O_RDWR);
		CHECK(wr >= 0);
		CHECK_EQ(write(wr, "stale", 5), 5);
		CHECK_EQ(close(wr), 0);
	} else {
		rd = open(FIFO, O_RDONLY | O_NONBLOCK);
		CHECK(rd >= 0);
		wr = open(FIFO, O_WRONLY);
		CHECK(wr >= 0);
		CHECK_EQ(write(wr, "stale", 5), 5);
		CHECK_EQ(close(last == 0 ? rd : wr), 0);
		CHECK_EQ(close(last == 0 ? wr : rd), 0);
	}
	rd = open(FIFO, O_RDONLY | O_NONBLOCK);
	CHECK(rd >= 0);
	check_empty(rd, 0);
	wr = open(FIFO, O_WRONLY);
	CHECK(wr >= 0);
	check_empty(rd, 1);
	CHECK_EQ(write(wr, "fresh", 5), 5);
	read_exact(rd, "fresh");
	CHECK_EQ(close(wr), 0);
	CHECK_EQ(close(rd), 0);
}

static void unlinked_while_open(void)
{
	int rd, wr, rd_new;

	rd = open(FIFO, O_RDONLY | O_NONBLOCK);
	CHECK(rd >= 0);
	wr = open(FIFO, O_WRONLY);
	CHECK(wr >= 0);
	CHECK_EQ(write(wr, "old", 3), 3);
	CHECK_EQ(unlink(FIFO), 0);
	CHECK_EQ(write(wr, "er", 2), 2);

	CHECK_EQ(mkfifo(FIFO, 0600), 0);
	rd_new = open(FIFO, O_RDONLY | O_NONBLOCK);
	CHECK(rd_new >= 0);
	check_empty(rd_new, 0);		/* a new pipe, no writer */
	read_exact(rd, "older");
	CHECK_EQ(close(wr), 0);
	check_empty(rd, 0);
	CHECK_EQ(close(rd), 0);
	CHECK_EQ(close(rd_new), 0);
}

/* A round makes and removes its own FIFO, so that no kernel object made
 * in one round is freed in the next (which could move free pages). */
static void one_round(void)
{
	CHECK_EQ(mkfifo(FIFO, 0600), 0);
	shared_between_opens();
	shared_with_child();
	data_dies(0);
	data_dies(1);
	data_dies(2);
	unlinked_while_open();
	CHECK_EQ(unlink(FIFO), 0);
}

int main(void)
{
	unlink(FIFO);		/* a leftover of an interrupted run (Linux) */
	run_leak_checked(one_round);
	return 0;
}
