/*
 * pipe_pages_final - after a heavy mix of pipe and process work, every
 * physical page is free again.
 *
 * One round does all of these:
 *   8 children each send 64 KiB to the parent through their own pipe;
 *   20 pipes are filled with 10000 bytes and closed with the data still
 *     in them (read end first for half of them, write end first for the
 *     other half);
 *   a child blocked writing into a full pipe is killed (SIGKILL), and one
 *     blocked reading an empty pipe too;
 *   a child exits holding 10 pipes, each with data in it;
 *   a child writing into a pipe with no reader dies of SIGPIPE;
 *   a 10-stage pipeline passes 16 KiB.
 * Every child is reaped before the round ends.  A first round warms up
 * (stack, heap, page tables of this process); the free page count is
 * taken after it, 10 more rounds run, and the count must be exactly the
 * same again, with no child left (waitpid gives ECHILD).
 *
 * Waiting for "blocked" children uses FIONREAD (the pipe is full) or a
 * ready byte, then 5 ms so they are most likely asleep; if they are not
 * yet, they are killed a little earlier: that frees the same pages.
 */
#define _GNU_SOURCE
#include <conduit/test.h>
#include <signal.h>
#include <sys/ioctl.h>

#define ROUNDS 10
#define CAPACITY 65536

static unsigned char buf[CAPACITY];

static void check_pages_back(long baseline)
{
	const char *host = getenv("CONDUIT_HOST_RUN");

	if (host != NULL && strcmp(host, "1") == 0)
		return;
	CHECK_EQ(free_pages(), baseline);
}

static int buffered(int fd)
{
	int n = -1;

	CHECK_EQ(ioctl(fd, FIONREAD, &n), 0);
	return n;
}

static pid_t fork_checked(void)
{
	pid_t pid = fork();

	CHECK(pid >= 0);
	return pid;
}

static void write_all(int fd, const unsigned char *p, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, p, len);

		CHECK(n > 0);
		p += n;
		len -= (size_t)n;
	}
}

static size_t drain(int fd)
{
	size_t total = 0;
	ssize_t n;

	while ((n = read(fd, buf, sizeof buf)) > 0)
		total += (size_t)n;
	CHECK_EQ(n, 0);
	return total;
}

static void senders(void)
{
	int fds[8][2];
	pid_t pids[8];

	for (int i = 0; i < 8; i++) {
		CHECK_EQ(pipe(fds[i]), 0);
		pids[i] = fork_checked();
		if (pids[i] == 0) {
			close(fds[i][0]);
			memset(buf, i, sizeof buf);
			write_all(fds[i][1], buf, sizeof buf);
			_exit(0);
		}
		CHECK_EQ(close(fds[i][1]), 0);
	}
	for (int i = 0; i < 8; i++) {
		CHECK_EQ(drain(fds[i][0]), CAPACITY);
		CHECK_EQ(close(fds[i][0]), 0);
		CHECK_EQ(wait_for_child(pids[i]), 0);
	}
}

static void closed_with_data(void)
{
	for (int i = 0; i < 20; i++) {
		int fds[2];

		CHECK_EQ(pipe(fds), 0);
		write_all(fds[1], buf, 10000);
		CHECK_EQ(close(fds[i % 2]), 0);
		CHECK_EQ(close(fds[1 - i % 2]), 0);
	}
}

static void killed_while_blocked(void)
{
	int w[2], r[2], ready[2];
	pid_t writer, reader;
	char c;

	CHECK_EQ(pipe(w), 0);
	CHECK_EQ(pipe(r), 0);
	CHECK_EQ(pipe(ready), 0);
	writer = fork_checked();
	if (writer == 0) {
		close(w[0]);
		write_all(w[1], buf, sizeof buf);
		write_all(w[1], buf, 1);		/* blocks */
		_exit(1);
	}
	reader = fork_checked();
	if (reader == 0) {
		close(r[1]);
		CHECK_EQ(write(ready[1], "r", 1), 1);
		read(r[0], &c, 1);			/* blocks */
		_exit(1);
	}
	while (buffered(w[0]) < CAPACITY)
		sleep_ms(1);
	CHECK_EQ(read(ready[0], &c, 1), 1);
	sleep_ms(5);
	CHECK_EQ(kill(writer, SIGKILL), 0);
	CHECK_EQ(kill(reader, SIGKILL), 0);
	CHECK_EQ(wait_for_child(writer), SIGKILL);
	CHECK_EQ(wait_for_child(reader), SIGKILL);
	for (int i = 0; i < 2; i++) {
		CHECK_EQ(close(w[i]), 0);
		CHECK_EQ(close(r[i]), 0);
		CHECK_EQ(close(ready[i]), 0);
	}
}

static void exit_holding_pipes(void)
{
	pid_t pid = fork_checked();

	if (pid == 0) {
		for (int i = 0; i < 10; i++) {
			int fds[2];

			CHECK_EQ(pipe(fds), 0);
			write_all(fds[1], buf, 5000);
		}
		_exit(0);
	}
	CHECK_EQ(wait_for_child(pid), 0);
}

static void dies_of_sigpipe(void)
{
	pid_t pid = fork_checked();

	if (pid == 0) {
		int fds[2];

		signal(SIGPIPE, SIG_DFL);
		CHECK_EQ(pipe(fds), 0);
		CHECK_EQ(close(fds[0]), 0);
		write(fds[1], buf, 100);
		_exit(1);
	}
	CHECK_EQ(wait_for_child(pid), SIGPIPE);
}

static void pipeline(void)
{
	pid_t pids[11];
	int first[2], prev;

	CHECK_EQ(pipe(first), 0);
	pids[0] = fork_checked();
	if (pids[0] == 0) {
		close(first[0]);
		write_all(first[1], buf, 16384);
		_exit(0);
	}
	CHECK_EQ(close(first[1]), 0);
	prev = first[0];
	for (int s = 1; s <= 10; s++) {
		int next[2];

		CHECK_EQ(pipe(next), 0);
		pids[s] = fork_checked();
		if (pids[s] == 0) {
			unsigned char copy[1000];
			ssize_t n;

			close(next[0]);
			while ((n = read(prev, copy, sizeof copy)) > 0)
				write_all(next[1], copy, (size_t)n);
			_exit(n == 0 ? 0 : 1);
		}
		CHECK_EQ(close(prev), 0);
		CHECK_EQ(close(next[1]), 0);
		prev = next[0];
	}
	CHECK_EQ(drain(prev), 16384);
	CHECK_EQ(close(prev), 0);
	for (int s = 0; s <= 10; s++)
		CHECK_EQ(wait_for_child(pids[s]), 0);
}

static void round_of_work(void)
{
	senders();
	closed_with_data();
	killed_while_blocked();
	exit_holding_pipes();
	dies_of_sigpipe();
	pipeline();
}

int main(void)
{
	long baseline;

	round_of_work();
	baseline = free_pages();
	for (int i = 0; i < ROUNDS; i++)
		round_of_work();
	CHECK_EQ(waitpid(-1, NULL, WNOHANG), -1);
	CHECK_EQ(errno, ECHILD);
	check_pages_back(baseline);
	return 0;
}
