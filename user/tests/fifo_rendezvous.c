/*
 * fifo_rendezvous - 200 rounds of "open the FIFO, pass one message,
 * close" between two processes, in a random order each round, without
 * ever deadlocking.
 *
 * Each round a shared pseudo-random sequence (the same generator state
 * in parent and child, copied by fork) decides who reads and who writes,
 * and who opens first.  The first opener tells the other "I am opening"
 * through a control pipe and calls open(), where it normally blocks; the
 * second opener waits for that word and then opens, completing the pair
 * and waking the first.  So both orders, reader-first and writer-first,
 * really happen (if the first one is slow to reach open(), the second
 * simply waits in its own open() for it: also legal, and also no
 * deadlock).  The writer sends the round number and closes; the reader
 * checks it, reads end of file, closes, and says "done" through the
 * other control pipe, so a round's pipe is gone before the next round
 * opens the FIFO again.  In some rounds a reader that opens second uses
 * O_NONBLOCK and then poll()s for the data.
 *
 * Synchronisation: control pipes only; a hang (deadlock) is caught by
 * the runner's timeout.  Free pages are the same after a warm-up round
 * and after all rounds (skipped when CONDUIT_HOST_RUN is set: Linux's
 * count is noisy).
 */
#include <conduit/test.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>

#define FIFO "/tmp/fifo_rendezvous-fifo"
#define ROUNDS 200

static unsigned long rng_state;

static unsigned next_random(void)
{
	rng_state = rng_state * 1103515245UL + 12345UL;
	return (unsigned)(rng_state >> 16) & 0x7fff;
}

static void put(int fd, char c)
{
	CHECK_EQ(write(fd, &c, 1), 1);
}

static void get(int fd, char want)
{
	char c = 0;

	CHECK_EQ(read(fd, &c, 1), 1);
	CHECK_EQ(c, want);
}

/*
 * One side of round r.  `me` is 0 (parent) or 1 (child); to_other and
 * from_other are this side's control pipe ends.
 */
static void round_side(int me, int r, int to_other, int from_other)
{
	unsigned dice = next_random();
	int reader = dice & 1, first = (dice >> 1) & 1;
	int nonblock = (dice >> 2) & 1;
	int i_read = me == reader, i_first = me == first;
	int flags = i_read ? O_RDONLY : O_WRONLY;
	int fd, value;

	if (i_first) {
		put(to_other, 'o');		/* "I am opening" */
	} else {
		get(from_other, 'o');
		/* A second-opening reader may also open without blocking
		 * (a writer may not: ENXIO if the reader is not there yet). */
		if (nonblock && i_read)
			flags |= O_NONBLOCK;
	}
	fd = open(FIFO, flags);
	CHECK(fd >= 0);
	if (i_read) {
		struct pollfd p = { fd, POLLIN, 0 };
		if (flags & O_NONBLOCK) {
			/* The writer may not have opened yet: wait for data.
			 * (On Linux a reader that has not yet seen a writer gets
			 * no POLLHUP, so this waits for the writer, see
			 * fifo_poll.) */
			CHECK_EQ(poll(&p, 1, -1), 1);
			CHECK_EQ(fcntl(fd, F_SETFL, 0), 0);
		}
		CHECK_EQ(read(fd, &value, sizeof value), (ssize_t)sizeof value);
		CHECK_EQ(value, r);
		CHECK_EQ(read(fd, &value, sizeof value), 0);	/* end of file */
		CHECK_EQ(close(fd), 0);
		put(to_other, 'd');		/* "done": the pipe is gone */
	} else {
		value = r;
		CHECK_EQ(write(fd, &value, sizeof value), (ssize_t)sizeof value);
		CHECK_EQ(close(fd), 0);
		get(from_other, 'd');
	}
}

static void rendezvous(int rounds)
{
	int p2c[2], c2p[2];
	pid_t pid;

	CHECK_EQ(pipe(p2c), 0);
	CHECK_EQ(pipe(c2p), 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		CHECK_EQ(close(p2c[1]), 0);
		CHECK_EQ(close(c2p[0]), 0);
		for (int r = 0; r < rounds; r++)
			round_side(1, r, c2p[1], p2c[0]);
		_exit(0);
	}
	CHECK_EQ(close(p2c[0]), 0);
	CHECK_EQ(close(c2p[1]), 0);
	for (int r = 0; r < rounds; r++)
		round_side(0, r, p2c[1], c2p[0]);
	CHECK_EQ(wait_for_child(pid), 0);
	CHECK_EQ(close(p2c[1]), 0);
	CHECK_EQ(close(c2p[0]), 0);
}

int main(void)
{
	int host = getenv("CONDUIT_HOST_RUN") != NULL;
	long base;

	rng_state = (unsigned long)time(NULL) ^ ((unsigned long)getpid() << 12);
	unlink(FIFO);		/* a leftover of an interrupted run (Linux) */
	CHECK_EQ(mkfifo(FIFO, 0600), 0);
	rendezvous(4);		/* warm-up */
	base = free_pages();
	rendezvous(ROUNDS);
	if (!host)
		CHECK_EQ(free_pages(), base);
	CHECK_EQ(unlink(FIFO), 0);
	return 0;
}
