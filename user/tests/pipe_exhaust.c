/*
 * pipe_exhaust - running out of descriptors (and, across processes,
 * pipes or memory) fails cleanly, and everything comes back afterwards.
 *
 * Phase 1, one process: create pipes until pipe() fails.  It must fail
 *   with EMFILE exactly when the descriptor table (sysconf(_SC_OPEN_MAX)
 *   entries, 256 on Conduit) has fewer than two free slots: the number of
 *   pipes made is (limit - descriptors open at the start) / 2.  Then,
 *   with exactly one slot free, pipe() and pipe2() must fail with EMFILE
 *   without taking that slot (dup() still gets it, and it is the expected
 *   number).  Everything is closed again and the lowest free descriptor
 *   is what it was at the start.  This runs twice: a warm-up, then with
 *   the free pages measured before and after.
 *
 * Phase 2, many processes: up to 12 children each create up to 100 pipes
 *   and write one byte into each (so each pipe really holds a buffer).
 *   A child that cannot create a pipe must get ENFILE or ENOMEM (the
 *   system ran out) and stops there; a fork that fails must fail with
 *   EAGAIN or ENOMEM, and no more children are started.  Every child
 *   reports how many pipes it made and the errno it stopped on (0 if
 *   none) through a report pipe, then waits until the parent closes the
 *   "release" pipe and exits.  After all are reaped, a new pipe can be
 *   made, and free pages are back to the baseline taken after a one-
 *   child warm-up.
 */
#define _GNU_SOURCE
#include <conduit/test.h>
#include <fcntl.h>

#define MAX_CHILDREN 12
#define PIPES_PER_CHILD 100

struct report {
	int pipes;
	int error;
};

static void check_pages_back(long baseline)
{
	const char *host = getenv("CONDUIT_HOST_RUN");

	if (host != NULL && strcmp(host, "1") == 0)
		return;
	CHECK_EQ(free_pages(), baseline);
}

static int is_open(int fd)
{
	return fcntl(fd, F_GETFD) >= 0;
}

static int lowest_free(void)
{
	int fd = 0;

	while (is_open(fd))
		fd++;
	return fd;
}

static int count_open(int limit)
{
	int count = 0;

	for (int fd = 0; fd < limit; fd++)
		count += is_open(fd);
	return count;
}

static void fill_table(int limit)
{
	static int made[65536][2];
	int open_at_start = count_open(limit), low = lowest_free();
	int pipes = 0, free_fd, spare = -1;

	for (;;) {
		CHECK(pipes < 65536 / 2);
		if (pipe(made[pipes]) != 0)
			break;
		pipes++;
	}
	CHECK_EQ(errno, EMFILE);
	CHECK_EQ(pipes, (limit - open_at_start) / 2);
	CHECK(count_open(limit) >= limit - 1);

	/* Make exactly one slot free. */
	if (count_open(limit) == limit) {
		pipes--;
		CHECK_EQ(close(made[pipes][0]), 0);
		spare = made[pipes][1];
	}
	free_fd = lowest_free();
	CHECK(free_fd < limit);
	CHECK_EQ(count_open(limit), limit - 1);
	CHECK_EQ(pipe(made[pipes]), -1);
	CHECK_EQ(errno, EMFILE);
	CHECK_EQ(pipe2(made[pipes], O_CLOEXEC), -1);
	CHECK_EQ(errno, EMFILE);
	CHECK(!is_open(free_fd));
	CHECK_EQ(dup(0), free_fd);
	CHECK_EQ(close(free_fd), 0);

	for (int i = 0; i < pipes; i++) {
		CHECK_EQ(close(made[i][0]), 0);
		CHECK_EQ(close(made[i][1]), 0);
	}
	if (spare >= 0)
		CHECK_EQ(close(spare), 0);
	CHECK_EQ(lowest_free(), low);
	CHECK_EQ(count_open(limit), open_at_start);
}

static void hoarder(int report_fd, int release_fd, int count)
{
	struct report rep = { 0, 0 };
	int fds[2];
	char c;

	while (rep.pipes < count) {
		if (pipe(fds) != 0) {
			rep.error = errno;
			break;
		}
		if (write(fds[1], "x", 1) != 1) {
			rep.error = errno;
			break;
		}
		rep.pipes++;
	}
	CHECK_EQ(write(report_fd, &rep, sizeof rep), sizeof rep);
	while (read(release_fd, &c, 1) > 0)
		;
	_exit(0);
}

/* Returns the total number of pipes the children held at once. */
static int hoard(int children, int per_child)
{
	int report[2], release[2], started = 0, total = 0;
	pid_t pids[MAX_CHILDREN];
	struct report rep;

	CHECK_EQ(pipe(report), 0);
	CHECK_EQ(pipe(release), 0);
	for (int i = 0; i < children; i++) {
		pids[i] = fork();
		if (pids[i] < 0) {
			CHECK(errno == EAGAIN || errno == ENOMEM);
			break;
		}
		if (pids[i] == 0) {
			close(report[0]);
			close(release[1]);
			hoarder(report[1], release[0], per_child);
		}
		started++;
		CHECK_EQ(read(report[0], &rep, sizeof rep), sizeof rep);
		total += rep.pipes;
		if (rep.error != 0) {
			CHECK(rep.error == ENFILE || rep.error == ENOMEM);
			break;
		}
		CHECK_EQ(rep.pipes, per_child);
	}
	CHECK(started >= 1);
	CHECK_EQ(close(release[1]), 0);
	for (int i = 0; i < started; i++)
		CHECK_EQ(wait_for_child(pids[i]), 0);
	CHECK_EQ(close(release[0]), 0);
	CHECK_EQ(close(report[0]), 0);
	CHECK_EQ(close(report[1]), 0);
	return total;
}

int main(void)
{
	long limit = sysconf(_SC_OPEN_MAX), baseline;
	int fds[2];

	CHECK(limit >= 16);
	CHECK(limit <= 65536);

	fill_table((int)limit);
	baseline = free_pages();
	fill_table((int)limit);
	check_pages_back(baseline);

	CHECK_EQ(hoard(1, 10), 10);
	baseline = free_pages();
	CHECK(hoard(MAX_CHILDREN, PIPES_PER_CHILD) >= PIPES_PER_CHILD);
	CHECK_EQ(pipe(fds), 0);
	CHECK_EQ(close(fds[0]), 0);
	CHECK_EQ(close(fds[1]), 0);
	check_pages_back(baseline);
	return 0;
}
