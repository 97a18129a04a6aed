/*
 * smp_pingpong_million - 1,000,000 one-byte round trips between two
 * processes on two CPUs, with no wake-up lost.
 *
 * The pinger and the ponger are pinned to different CPUs (when
 * sched_getaffinity() reports several; with one they share it and a note
 * says so).  The pinger sends byte i (i mod 256) on one pipe and waits for
 * the answer on a second; the ponger checks that each byte is the next one
 * it expects (nothing lost or repeated) and answers (b * 7 + 3) mod 256;
 * the pinger checks every answer.  Every read finds an empty pipe at first
 * and sleeps until the other CPU writes, so each round trip is two
 * cross-CPU wake-ups: a million rounds give a lost wake-up (a sleeper
 * that misses the write that should wake it) two million chances.
 *
 * A lost wake-up hangs the pair.  To report that instead of hanging, the
 * pinger writes its round count to a third pipe every PROGRESS rounds,
 * and the parent, a watchdog, polls that pipe: STALL_MS without progress
 * prints "stall: no progress after round N", kills both with SIGKILL,
 * reaps them and fails.  PROGRESS rounds take about 30 ms under QEMU, and
 * under 1 s even when QEMU runs the pair 25 times slower than usual (seen
 * when a kernel stack lands on a page QEMU still holds translated code
 * for), so only a pair that is really stuck is reported as a stall.  At
 * the end the last count must be exactly ROUNDS, the ponger must have
 * answered exactly ROUNDS bytes before end of file, and both must exit 0.
 *
 * Time: the million takes about 28 s under QEMU on one CPU, close to
 * runtests' 30-second limit.  The number of rounds may be changed for
 * experiments with argv[1] or the environment variable
 * SMP_PINGPONG_ROUNDS; runtests passes neither, so the test runs the full
 * million.
 */
#define _GNU_SOURCE
#include <conduit/test.h>
#include <conduit/smp_test.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>

#define ROUNDS 1000000
#define PROGRESS 1000		/* rounds between progress reports */
#define STALL_MS 10000		/* no progress for this long: a stall */

static unsigned char answer(unsigned char b)
{
	return (unsigned char)(b * 7 + 3);
}

/* ROUNDS unless argv[1] or SMP_PINGPONG_ROUNDS says fewer (or more). */
static long rounds_wanted(int argc, char **argv)
{
	const char *text = argc > 1 ? argv[1] : getenv("SMP_PINGPONG_ROUNDS");
	long n;

	if (text == NULL)
		return ROUNDS;
	n = strtol(text, NULL, 10);
	CHECK(n > 0);
	return n;
}

static void ponger(int in, int out, long rounds)
{
	unsigned char b;
	long got = 0;
	ssize_t n;

	smp_pin_slot(1);
	while ((n = read(in, &b, 1)) == 1) {
		if (b != (unsigned char)got) {
			fprintf(stderr, "smp_pingpong_million: ponger: round %ld brought byte %u, expected %u\n",
				got, b, (unsigned char)got);
			_exit(1);
		}
		got++;
		b = answer(b);
		CHECK_EQ(write(out, &b, 1), 1);
	}
	CHECK_EQ(n, 0);
	CHECK_EQ(got, rounds);
	_exit(0);
}

static void report(int progress, uint32_t done)
{
	CHECK_EQ(write(progress, &done, sizeof(done)), sizeof(done));
}

static void pinger(int out, int in, int progress, long rounds)
{
	unsigned char b;

	smp_pin_slot(0);
	for (long i = 0; i < rounds; i++) {
		unsigned char sent = (unsigned char)i;

		CHECK_EQ(write(out, &sent, 1), 1);
		CHECK_EQ(read(in, &b, 1), 1);
		if (b != answer(sent)) {
			fprintf(stderr, "smp_pingpong_million: pinger: round %ld answered %u, expected %u\n",
				i, b, answer(sent));
			_exit(1);
		}
		if ((i + 1) % PROGRESS == 0 || i + 1 == rounds)
			report(progress, (uint32_t)(i + 1));
	}
	CHECK_EQ(close(out), 0);
	CHECK_EQ(read(in, &b, 1), 0);	/* the ponger saw end of file, left */
	_exit(0);
}

/* Wait for one progress report; 0 at end of file, -1 after STALL_MS. */
static int next_report(int fd, uint32_t *done)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	size_t have = 0;
	int n;

	do {
		n = poll(&p, 1, STALL_MS);
	} while (n < 0 && errno == EINTR);
	CHECK(n >= 0);
	if (n == 0)
		return -1;
	while (have < sizeof(*done)) {	/* one atomic write: all 4 bytes */
		ssize_t got = read(fd, (char *)done + have, sizeof(*done) - have);

		if (got < 0 && errno == EINTR)
			continue;
		CHECK(got >= 0);
		if (got == 0)
			break;
		have += (size_t)got;
	}
	CHECK(have == 0 || have == sizeof(*done));
	return have != 0;
}

/* The watchdog: follow the reports; the last count, or -1 on a stall. */
static long watch(int fd, long rounds)
{
	long last = 0;
	uint32_t done;
	int r;

	while ((r = next_report(fd, &done)) > 0) {
		long expect = last + PROGRESS < rounds ? last + PROGRESS : rounds;

		CHECK_EQ(done, expect);
		last = (long)done;
	}
	if (r < 0) {
		fprintf(stderr, "smp_pingpong_million: stall: no progress after round %ld in %d ms\n",
			last, STALL_MS);
		return -1;
	}
	return last;
}

/* After a stall: kill both, reap them, fail. */
static void give_up(pid_t a, pid_t b)
{
	kill(a, SIGKILL);
	kill(b, SIGKILL);
	wait_for_child(a);
	wait_for_child(b);
	exit(1);
}

static pid_t start(void)
{
	pid_t pid = fork();

	CHECK(pid >= 0);
	return pid;
}

int main(int argc, char **argv)
{
	long rounds = rounds_wanted(argc, argv), last;
	int ping[2], pong[2], progress[2];
	pid_t pinger_pid, ponger_pid;

	smp_find_cpus("smp_pingpong_million", "both processes share it");
	CHECK_EQ(pipe(ping), 0);
	CHECK_EQ(pipe(pong), 0);
	CHECK_EQ(pipe(progress), 0);
	if ((ponger_pid = start()) == 0) {
		close(ping[1]);
		close(pong[0]);
		close(progress[0]);
		close(progress[1]);
		ponger(ping[0], pong[1], rounds);
	}
	if ((pinger_pid = start()) == 0) {
		close(ping[0]);
		close(pong[1]);
		close(progress[0]);
		pinger(ping[1], pong[0], progress[1], rounds);
	}
	CHECK_EQ(close(ping[0]), 0);
	CHECK_EQ(close(ping[1]), 0);
	CHECK_EQ(close(pong[0]), 0);
	CHECK_EQ(close(pong[1]), 0);
	CHECK_EQ(close(progress[1]), 0);

	last = watch(progress[0], rounds);
	if (last < 0)
		give_up(pinger_pid, ponger_pid);
	CHECK_EQ(wait_for_child(pinger_pid), 0);
	CHECK_EQ(wait_for_child(ponger_pid), 0);
	CHECK_EQ(last, rounds);
	CHECK_EQ(close(progress[0]), 0);
	return 0;
}
