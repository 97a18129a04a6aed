/*
 * smp_fifo_open_close - a reader's blocking open() of a FIFO returns even
 * when its writer opens and closes again at once, on another CPU.
 *
 * POSIX: open(O_RDONLY) of a FIFO blocks until a writer opens it.  A
 * writer that opens and closes at once has still opened it, so the
 * reader's open must return (and its read then sees the writer's byte and
 * end of file).  The regression this catches: fifo_open noted the writer
 * count it waits for only after letting go of the pipe's lock, so a
 * writer that came and went in that moment was missed and the reader
 * slept in open() for ever (seen as stress_short hanging in its "fifo"
 * scenarios with several CPUs).
 *
 * Each round the reader (parent, on the first CPU) sends a token through
 * a control pipe and calls open(); the writer (child, on the second CPU)
 * waits for the token, then tries open(O_WRONLY | O_NONBLOCK) until it
 * works (ENXIO while no reader is there; sched_yield lets the reader run
 * when both share one CPU), writes the round's byte and closes at once.
 * 20000 rounds: before the fix about one run in three at -smp 4 lost a
 * rendezvous.  Only pipes synchronise the two.  A reader still in open() after 20 s
 * has lost the rendezvous: SIGALRM says so and fails the test.
 */
#define _GNU_SOURCE
#include <conduit/test.h>
#include <conduit/smp_test.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>

#define FIFO "/tmp/smp_fifo_open_close-fifo"
#define ROUNDS 20000

static volatile int round_now;

static void lost(int sig)
{
	char msg[120];
	int n = snprintf(msg, sizeof msg, "FAIL: round %d: open(O_RDONLY) still "
			 "blocked after 20 s: the writer's open was missed\n",
			 round_now);

	(void)sig;
	write(2, msg, n);
	_exit(1);
}

static void writer(int token_fd)
{
	char token, byte;
	int fd;

	smp_pin_slot(1);
	for (int r = 0; r < ROUNDS; r++) {
		ssize_t n = read(token_fd, &token, 1);
		if (n == 0)
			_exit(1);	/* the reader failed and went away */
		CHECK_EQ(n, 1);
		while ((fd = open(FIFO, O_WRONLY | O_NONBLOCK)) < 0) {
			CHECK_EQ(errno, ENXIO);
			sched_yield();
		}
		byte = (char)r;
		CHECK_EQ(write(fd, &byte, 1), 1);
		CHECK_EQ(close(fd), 0);
	}
	_exit(0);
}

static void reader_round(int r, int token_fd)
{
	char byte = 0;
	int fd;

	round_now = r;
	CHECK_EQ(write(token_fd, "t", 1), 1);
	alarm(20);
	fd = open(FIFO, O_RDONLY);
	alarm(0);
	CHECK(fd >= 0);
	CHECK_EQ(read(fd, &byte, 1), 1);
	CHECK_EQ(byte, (char)r);
	CHECK_EQ(read(fd, &byte, 1), 0);	/* the writer has closed */
	CHECK_EQ(close(fd), 0);
}

int main(void)
{
	int token[2], status;
	pid_t child;

	smp_find_cpus("smp_fifo_open_close", "the race needs two");
	unlink(FIFO);
	CHECK_EQ(mkfifo(FIFO, 0600), 0);
	CHECK_EQ(pipe(token), 0);
	signal(SIGALRM, lost);
	child = fork();
	CHECK(child >= 0);
	if (child == 0) {
		close(token[1]);
		writer(token[0]);
	}
	close(token[0]);
	smp_pin_slot(0);
	for (int r = 0; r < ROUNDS; r++)
		reader_round(r, token[1]);
	CHECK_EQ(waitpid(child, &status, 0), child);
	CHECK_EQ(status, 0);
	CHECK_EQ(unlink(FIFO), 0);
	printf("smp_fifo_open_close: %d rounds, every open returned\n", ROUNDS);
	return 0;
}
