/*
 * fifo_open_eintr - a blocked open() of a FIFO can be interrupted.
 *
 *  1. A child blocked in open(O_RDONLY) of a FIFO with no writer, with a
 *     SIGUSR1 handler installed without SA_RESTART, gets -1/EINTR once
 *     the signal arrives, and the handler ran.  The same for a blocked
 *     open(O_WRONLY) with no reader.
 *  2. The interrupted open leaves nothing behind: after an interrupted
 *     reader, O_WRONLY|O_NONBLOCK still fails with ENXIO (no reader is
 *     counted); after an interrupted writer, a reader's read() sees end of
 *     file (no writer is counted) rather than EAGAIN.
 *  3. With SA_RESTART the open is restarted after the handler and
 *     completes normally when the partner finally opens (Linux restarts
 *     the FIFO open).
 *
 * Synchronisation: the child installs its handler, then says "ready"
 * through a pipe and calls open().  The parent sends SIGUSR1 again and
 * again (each time waiting up to 20 ms for the child's report) until the
 * child reports how its open ended: a signal that arrives before the
 * child is inside open() just runs the handler, and a later one
 * interrupts the open, so the result never depends on timing.  In case 3
 * the parent sends a few signals with short pauses (the child is
 * probably blocked by then; if not, the open is simply not interrupted
 * and the test is weaker, not wrong) and then opens the other end.
 */
#include <conduit/test.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>

#define FIFO "/tmp/fifo_open_eintr-fifo"

static volatile sig_atomic_t handled;
static int handled_fd = -1;	/* the handler reports here, if >= 0 */

static void on_usr1(int sig)
{
	(void)sig;
	handled++;
	if (handled_fd >= 0) {
		int saved = errno;
		if (write(handled_fd, "h", 1) != 1)
			_exit(9);
		errno = saved;
	}
}

static void install(int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_usr1;
	sa.sa_flags = flags;
	sigemptyset(&sa.sa_mask);
	CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
}

/* Child of case 1: open with `flags`, report {result, errno, handled}. */
static void interrupted_child(int flags, int report)
{
	int result[3];

	install(0);
	CHECK_EQ(write(report, "r", 1), 1);		/* ready */
	result[0] = open(FIFO, flags);
	result[1] = errno;
	result[2] = handled;
	CHECK_EQ(write(report, result, sizeof result), (ssize_t)sizeof result);
	_exit(0);
}

static void interrupted_open(int flags)
{
	int report[2], result[3];
	char c;
	pid_t pid;

	CHECK_EQ(pipe(report), 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		CHECK_EQ(close(report[0]), 0);
		interrupted_child(flags, report[1]);
	}
	CHECK_EQ(close(report[1]), 0);
	CHECK_EQ(read(report[0], &c, 1), 1);
	CHECK_EQ(c, 'r');
	for (;;) {
		struct pollfd p = { report[0], POLLIN, 0 };
		CHECK_EQ(kill(pid, SIGUSR1), 0);
		if (poll(&p, 1, 20) == 1)
			break;
	}
	CHECK_EQ(read(report[0], result, sizeof result), (ssize_t)sizeof result);
	CHECK_EQ(result[0], -1);
	CHECK_EQ(result[1], EINTR);
	CHECK(result[2] >= 1);
	CHECK_EQ(wait_for_child(pid), 0);
	CHECK_EQ(close(report[0]), 0);
}

/* Case 2: the interrupted opens are not counted as readers or writers. */
static void nothing_left(void)
{
	char buf[4];
	int rd;

	errno = 0;
	CHECK_EQ(open(FIFO, O_WRONLY | O_NONBLOCK), -1);
	CHECK_EQ(errno, ENXIO);
	rd = open(FIFO, O_RDONLY | O_NONBLOCK);
	CHECK(rd >= 0);
	CHECK_EQ(read(rd, buf, sizeof buf), 0);
	CHECK_EQ(close(rd), 0);
}

/* Case 3: with SA_RESTART the child's open completes after the signals. */
static void restarted_open(int flags, int partner_flags)
{
	int report[2], handled_pipe[2], fd, result[3];
	char c;
	pid_t pid;

	CHECK_EQ(pipe(report), 0);
	CHECK_EQ(pipe(handled_pipe), 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		CHECK_EQ(close(report[0]), 0);
		CHECK_EQ(close(handled_pipe[0]), 0);
		handled_fd = handled_pipe[1];
		install(SA_RESTART);
		CHECK_EQ(write(report[1], "r", 1), 1);
		result[0] = open(FIFO, flags);
		result[1] = errno;
		result[2] = handled;
		CHECK_EQ(write(report[1], result, sizeof result), (ssize_t)sizeof result);
		if (result[0] >= 0)
			CHECK_EQ(close(result[0]), 0);
		_exit(0);
	}
	CHECK_EQ(close(report[1]), 0);
	CHECK_EQ(close(handled_pipe[1]), 0);
	CHECK_EQ(read(report[0], &c, 1), 1);
	for (int i = 0; i < 3; i++) {
		sleep_ms(20);	/* the child is probably blocked in open() */
		CHECK_EQ(kill(pid, SIGUSR1), 0);
		CHECK_EQ(read(handled_pipe[0], &c, 1), 1);	/* handler ran */
	}
	fd = open(FIFO, partner_flags);
	CHECK(fd >= 0);
	CHECK_EQ(read(report[0], result, sizeof result), (ssize_t)sizeof result);
	CHECK(result[0] >= 0);		/* restarted, not EINTR */
	CHECK_EQ(result[2], 3);
	CHECK_EQ(wait_for_child(pid), 0);
	CHECK_EQ(close(fd), 0);
	CHECK_EQ(close(report[0]), 0);
	CHECK_EQ(close(handled_pipe[0]), 0);
}

int main(void)
{
	unlink(FIFO);		/* a leftover of an interrupted run (Linux) */
	CHECK_EQ(mkfifo(FIFO, 0600), 0);

	interrupted_open(O_RDONLY);
	nothing_left();
	interrupted_open(O_WRONLY);
	nothing_left();

	restarted_open(O_RDONLY, O_WRONLY);
	restarted_open(O_WRONLY, O_RDONLY);
	nothing_left();

	CHECK_EQ(unlink(FIFO), 0);
	return 0;
}
