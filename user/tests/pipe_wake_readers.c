/*
 * pipe_wake_readers - closing the last write end wakes every reader
 * blocked on the pipe, and each of them gets end of file.
 *
 * 20 children close their copy of the write end, report "ready" through
 * a second pipe and then read the empty data pipe, which blocks: the
 * parent still holds the only write end.  Once all 20 are ready the
 * parent waits until /proc/ps shows each of them asleep in read
 * (wait_for_wchan, WCHAN pipe-read), so every one of them really is
 * blocked, and closes its write end.  Every child must then return from
 * read with 0 and exit 0.  A reader that is never woken makes the test
 * hang, which the runner's timeout reports.
 *
 * The whole round runs 3 times after a warm-up round; free pages must
 * then be back to the baseline.
 */
#define _GNU_SOURCE
#include <conduit/test.h>

#define READERS 20
#define ROUNDS 3

/* Free-page checks are skipped only on a development host
 * (CONDUIT_HOST_RUN=1), where free memory changes all the time. */
static void check_pages_back(long baseline)
{
	const char *host = getenv("CONDUIT_HOST_RUN");

	if (host != NULL && strcmp(host, "1") == 0)
		return;
	CHECK_EQ(free_pages(), baseline);
}

static void reader(int data[2], int ready[2])
{
	char c;
	ssize_t n;

	close(data[1]);
	close(ready[0]);
	CHECK_EQ(write(ready[1], "r", 1), 1);
	close(ready[1]);
	n = read(data[0], &c, 1);
	_exit(n == 0 ? 0 : 10 + (int)n);
}

static void one_round(int readers)
{
	pid_t pids[READERS];
	int data[2], ready[2];
	char c;

	CHECK_EQ(pipe(data), 0);
	CHECK_EQ(pipe(ready), 0);
	for (int i = 0; i < readers; i++) {
		pids[i] = fork();
		CHECK(pids[i] >= 0);
		if (pids[i] == 0)
			reader(data, ready);
	}
	CHECK_EQ(close(ready[1]), 0);
	for (int i = 0; i < readers; i++)
		CHECK_EQ(read(ready[0], &c, 1), 1);
	CHECK_EQ(close(ready[0]), 0);

	for (int i = 0; i < readers; i++)
		wait_for_wchan(pids[i], "pipe-read");
	CHECK_EQ(close(data[1]), 0);
	for (int i = 0; i < readers; i++)
		CHECK_EQ(wait_for_child(pids[i]), 0);
	CHECK_EQ(close(data[0]), 0);
}

int main(void)
{
	long baseline;

	one_round(2);
	baseline = free_pages();
	for (int round = 0; round < ROUNDS; round++)
		one_round(READERS);
	check_pages_back(baseline);
	return 0;
}
