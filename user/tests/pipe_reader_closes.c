/*
 * pipe_reader_closes - a writer blocked on a full pipe whose last reader
 * goes away.
 *
 * In each case a child (the writer) makes one blocking write of 100000
 * bytes, more than the 65536 the pipe holds.  The parent (the only
 * reader) first waits until the pipe is full (FIONREAD == 65536; it polls
 * every millisecond, which only waits for a condition and cannot give a
 * wrong result), so the writer has transferred 65536 bytes and is, or is
 * about to be, blocked.  The parent then reads exactly 1000 bytes (they
 * must be the first 1000 of the stream), notes how much is still
 * buffered (FIONREAD, b) and closes the read end.  Then, depending on
 * how the writer treats SIGPIPE:
 *
 *   ignored:  write returns the partial count r: what the reader consumed
 *             plus what was left buffered, so 1000 + b <= r <= 1000 +
 *             65536, r < 100000; the next write fails with EPIPE;
 *   blocked:  the same, and SIGPIPE is pending after the partial write;
 *   handled:  the same partial count; as on Linux, the handler runs once
 *             for the partial write and once more for the failing one;
 *   default:  the writer is killed by SIGPIPE.
 *
 * The writer reports its results to the parent through a report pipe; a
 * killed writer reports nothing (the parent reads end of file).
 */
#define _GNU_SOURCE
#include <conduit/test.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/ioctl.h>

#define CAPACITY 65536
#define WRITE_SIZE 100000
#define CONSUMED 1000

enum mode { IGNORED, BLOCKED, HANDLED, DEFAULT };

struct report {
	long first_result;	/* the 100000-byte write */
	int first_errno;
	int pending_after_first;
	int handler_after_first;
	long second_result;	/* a 10-byte write after it */
	int second_errno;
	int handler_after_second;
};

static volatile sig_atomic_t handler_count;
static unsigned char buf[WRITE_SIZE];

static void on_sigpipe(int sig)
{
	(void)sig;
	handler_count++;
}

static void writer(int fd, int report_fd, enum mode mode)
{
	struct sigaction act;
	struct report rep;
	sigset_t set;

	memset(&act, 0, sizeof act);
	sigemptyset(&act.sa_mask);
	act.sa_handler = mode == IGNORED ? SIG_IGN
		: mode == HANDLED ? on_sigpipe : SIG_DFL;
	CHECK_EQ(sigaction(SIGPIPE, &act, NULL), 0);
	sigemptyset(&set);
	sigaddset(&set, SIGPIPE);
	CHECK_EQ(sigprocmask(mode == BLOCKED ? SIG_BLOCK : SIG_UNBLOCK,
			     &set, NULL), 0);

	for (int i = 0; i < WRITE_SIZE; i++)
		buf[i] = (unsigned char)(i % 251);
	memset(&rep, 0, sizeof rep);
	rep.first_result = write(fd, buf, WRITE_SIZE);
	rep.first_errno = errno;
	rep.handler_after_first = handler_count;
	CHECK_EQ(sigpending(&set), 0);
	rep.pending_after_first = sigismember(&set, SIGPIPE);
	rep.second_result = write(fd, buf, 10);
	rep.second_errno = errno;
	rep.handler_after_second = handler_count;
	CHECK_EQ(write(report_fd, &rep, sizeof rep), sizeof rep);
	_exit(0);
}

static int bytes_buffered(int fd)
{
	int n = -1;

	CHECK_EQ(ioctl(fd, FIONREAD, &n), 0);
	return n;
}

static void run_case(enum mode mode)
{
	int data[2], report[2], b, status;
	unsigned char got[CONSUMED];
	struct report rep;
	ssize_t n;
	pid_t pid;

	CHECK_EQ(pipe(data), 0);
	CHECK_EQ(pipe(report), 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		close(data[0]);
		close(report[0]);
		writer(data[1], report[1], mode);
	}
	close(data[1]);
	close(report[1]);

	while (bytes_buffered(data[0]) < CAPACITY)
		sleep_ms(1);
	CHECK_EQ(bytes_buffered(data[0]), CAPACITY);
	CHECK_EQ(read(data[0], got, CONSUMED), CONSUMED);
	for (int i = 0; i < CONSUMED; i++)
		CHECK_EQ(got[i], i % 251);
	b = bytes_buffered(data[0]);
	CHECK(b >= CAPACITY - CONSUMED);
	CHECK(b <= CAPACITY);
	CHECK_EQ(close(data[0]), 0);

	n = read(report[0], &rep, sizeof rep);
	status = wait_for_child(pid);
	close(report[0]);
	if (mode == DEFAULT) {
		CHECK_EQ(n, 0);
		CHECK(WIFSIGNALED(status));
		CHECK_EQ(WTERMSIG(status), SIGPIPE);
		return;
	}
	CHECK_EQ(n, sizeof rep);
	CHECK_EQ(status, 0);
	CHECK(rep.first_result >= CONSUMED + b);
	CHECK(rep.first_result <= CONSUMED + CAPACITY);
	CHECK(rep.first_result < WRITE_SIZE);
	CHECK_EQ(rep.second_result, -1);
	CHECK_EQ(rep.second_errno, EPIPE);
	if (mode == BLOCKED)
		CHECK_EQ(rep.pending_after_first, 1);
	if (mode == HANDLED) {
		CHECK_EQ(rep.handler_after_first, 1);
		CHECK_EQ(rep.handler_after_second, 2);
	}
}

int main(void)
{
	run_case(IGNORED);
	run_case(BLOCKED);
	run_case(HANDLED);
	run_case(DEFAULT);
	return 0;
}
