/*
 * mux - the chapter's multiplexer: one process serving many pipes with
 * poll().
 *
 * Usage: mux N [M]        N producers (1..16), M messages each (default 20)
 *
 *   producer 0 --pipe 0--+
 *   producer 1 --pipe 1--+--> consumer (poll on all N read ends) --> stdout
 *   ...                  |
 *   producer N-1 --------+
 *
 * The problem.  A process that reads several pipes with plain read()
 * must pick one to block on.  While it waits for a quiet producer, a
 * busy one fills its pipe and stalls.  poll() answers "which of these
 * descriptors can I use *now* without blocking?" and sleeps until at
 * least one of them can be used, so a single loop serves every pipe
 * as soon as it has something.
 *
 * The producers.  Producer i writes M messages into pipe i, one line each:
 *
 *     "SEQ LEN PAYLOAD\n"   SEQ = 0..M-1, PAYLOAD = LEN (0..100) copies
 *                           of the letter 'a' + (7 * i + SEQ) % 26
 *
 * LEN is random, and so is the pacing: before each message a producer
 * goes straight on, yields the CPU, or sleeps a few milliseconds, and
 * some messages are written in two pieces with a pause in between.  The
 * pipe is a byte stream: nothing keeps a message in one piece, so the
 * consumer must find the message boundaries itself (the newlines).
 *
 * The consumer (the parent) keeps one struct pollfd per pipe and loops:
 *
 *     poll(fds, N, -1)                    sleep until some pipe is ready
 *     for each fd with POLLIN or POLLHUP:
 *         read() what is there            never blocks: poll said so
 *         n > 0: append to that pipe's buffer, forward each whole line
 *                as "pI LINE" to stdout, checking SEQ, LEN and PAYLOAD
 *         n == 0: end of file: the producer has hung up and everything
 *                it wrote has been read; close the fd and set it to -1,
 *                which poll() skips from then on
 *
 * until every producer has hung up.  Two details matter:
 *
 *   - POLLHUP can come together with POLLIN: the writer is gone but data
 *     is still buffered.  Reading until read() returns 0 (instead of
 *     closing at the first POLLHUP) is what guarantees nothing is lost.
 *   - POLLHUP only comes when *every* write end of the pipe is closed.
 *     The parent closes its copy of pipe i's write end right after
 *     forking producer i, and each producer closes the ends of the
 *     earlier pipes it inherited; one forgotten write end and the
 *     consumer would wait forever.
 *
 * Output: each forwarded message on its own line, "pI SEQ LEN PAYLOAD",
 * then one summary line starting with '#'.  Messages of one producer
 * come out in the order it sent them; how the producers interleave
 * depends on timing.
 *
 * Exit status: 0 iff every message arrived exactly once, intact and in
 * order for its producer, and every producer exited with status 0;
 * 1 otherwise; 2 for usage errors.
 */
#include <errno.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/types.h>
#include <sys/wait.h>

#define MAX_PRODUCERS 16
#define DEFAULT_MESSAGES 20
#define MAX_PAYLOAD 100
#define LINE_MAX_BYTES 128	/* "SEQ LEN PAYLOAD\n" always fits */

/* The letter producer `i` repeats in message `seq`. */
static char payload_letter(int i, int seq)
{
	return (char)('a' + (7 * i + seq) % 26);
}

static void write_all(int fd, const char *buf, size_t n)
{
	while (n > 0) {
		ssize_t done = write(fd, buf, n);
		if (done < 0) {
			if (errno == EINTR)
				continue;
			_exit(1);	/* the consumer is gone */
		}
		buf += done;
		n -= (size_t)done;
	}
}

static void sleep_ms(long ms)
{
	struct timespec t = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&t, NULL);
}

/* A random pause: none, a yield, or a short sleep. */
static void random_pause(void)
{
	switch (rand() % 4) {
	case 0:
	case 1:
		break;
	case 2:
		sched_yield();
		break;
	default:
		sleep_ms(1 + rand() % 3);
	}
}

/* Producer i: M messages into `fd`, then exit (which closes it). */
static void producer(int i, int messages, int fd, unsigned seed)
{
	char line[LINE_MAX_BYTES];

	srand(seed);
	for (int seq = 0; seq < messages; seq++) {
		int len = rand() % (MAX_PAYLOAD + 1);
		int n = snprintf(line, sizeof(line), "%d %d ", seq, len);

		memset(line + n, payload_letter(i, seq), (size_t)len);
		n += len;
		line[n++] = '\n';
		random_pause();
		if (rand() % 4 == 0) {		/* in two pieces */
			int cut = rand() % n;
			write_all(fd, line, (size_t)cut);
			random_pause();
			write_all(fd, line + cut, (size_t)(n - cut));
		} else {
			write_all(fd, line, (size_t)n);
		}
	}
	_exit(0);
}

/* What the consumer knows about one producer's pipe. */
struct source {
	char buf[2 * LINE_MAX_BYTES];
	size_t len;		/* bytes in buf not yet forwarded */
	int next_seq;		/* the SEQ the next message must have */
	pid_t pid;
};

static struct source sources[MAX_PRODUCERS];
static long received, damaged;

/* Check one message line of producer i (without its '\n'), forward it. */
static void forward(int i, char *line)
{
	struct source *s = &sources[i];
	int seq, len, ok = 1;
	char *p = line, *end;

	seq = (int)strtol(p, &end, 10);
	if (end == p || *end != ' ')
		ok = 0;
	p = end + (ok ? 1 : 0);
	len = (int)strtol(p, &end, 10);
	if (!ok || end == p || *end != ' ' || len < 0 || len > MAX_PAYLOAD ||
	    strlen(end + 1) != (size_t)len)
		ok = 0;
	for (int k = 0; ok && k < len; k++)
		if (end[1 + k] != payload_letter(i, seq))
			ok = 0;
	if (!ok || seq != s->next_seq) {
		fprintf(stderr, "mux: producer %d: expected message %d, got \"%s\"\n",
			i, s->next_seq, line);
		damaged++;
		if (ok && seq > s->next_seq)
			s->next_seq = seq + 1;	/* report each gap once */
		return;
	}
	s->next_seq++;
	received++;
	printf("p%d %s\n", i, line);
}

/* New bytes are in sources[i].buf: forward every complete line. */
static void forward_lines(int i)
{
	struct source *s = &sources[i];
	char *start = s->buf, *nl;

	while ((nl = memchr(start, '\n', s->len - (size_t)(start - s->buf)))) {
		*nl = '\0';
		forward(i, start);
		start = nl + 1;
	}
	s->len -= (size_t)(start - s->buf);
	memmove(s->buf, start, s->len);
	if (s->len == sizeof(s->buf)) {		/* a line too long to be ours */
		fprintf(stderr, "mux: producer %d: runaway line\n", i);
		damaged++;
		s->len = 0;
	}
}

static void usage(void)
{
	fprintf(stderr, "usage: mux N [M]   (N producers 1..%d, M messages each)\n",
		MAX_PRODUCERS);
	exit(2);
}

int main(int argc, char *argv[])
{
	struct pollfd fds[MAX_PRODUCERS];
	int producers, messages = DEFAULT_MESSAGES, open_pipes, failed = 0;
	long polls = 0, hangups = 0;
	unsigned seed;
	char *end;

	if (argc < 2 || argc > 3)
		usage();
	producers = (int)strtol(argv[1], &end, 10);
	if (*end || producers < 1 || producers > MAX_PRODUCERS)
		usage();
	if (argc == 3) {
		messages = (int)strtol(argv[2], &end, 10);
		if (*end || messages < 0 || messages > 100000)
			usage();
	}
	seed = (unsigned)time(NULL) ^ ((unsigned)getpid() << 8);

	fflush(stdout);		/* nothing buffered may be copied by fork */
	for (int i = 0; i < producers; i++) {
		int p[2];

		if (pipe(p) < 0) {
			perror("mux: pipe");
			return 1;
		}
		sources[i].pid = fork();
		if (sources[i].pid < 0) {
			perror("mux: fork");
			return 1;
		}
		if (sources[i].pid == 0) {
			close(p[0]);
			for (int j = 0; j < i; j++)	/* the earlier read ends */
				close(fds[j].fd);
			producer(i, messages, p[1], seed + 7919u * (unsigned)i);
		}
		close(p[1]);	/* or pipe i would never hang up */
		fds[i].fd = p[0];
		fds[i].events = POLLIN;
		fds[i].revents = 0;
	}

	open_pipes = producers;
	while (open_pipes > 0) {
		int ready = poll(fds, (nfds_t)producers, -1);

		if (ready < 0) {
			if (errno == EINTR)
				continue;
			perror("mux: poll");
			return 1;
		}
		polls++;
		for (int i = 0; i < producers; i++) {
			struct source *s = &sources[i];
			ssize_t n;

			if (fds[i].fd < 0 || fds[i].revents == 0)
				continue;
			if (fds[i].revents & (POLLERR | POLLNVAL)) {
				fprintf(stderr, "mux: pipe %d: revents 0x%x\n",
					i, fds[i].revents);
				return 1;
			}
			n = read(fds[i].fd, s->buf + s->len, sizeof(s->buf) - s->len);
			if (n < 0) {
				if (errno == EINTR)
					continue;
				perror("mux: read");
				return 1;
			}
			if (n > 0) {
				s->len += (size_t)n;
				forward_lines(i);
				continue;
			}
			/* n == 0: hung up, and everything has been read */
			if (fds[i].revents & POLLHUP)
				hangups++;
			if (s->len > 0) {
				fprintf(stderr, "mux: producer %d: %u bytes of an unfinished message\n",
					i, (unsigned)s->len);
				damaged++;
			}
			close(fds[i].fd);
			fds[i].fd = -1;		/* poll skips it from now on */
			open_pipes--;
		}
	}
	if (fflush(stdout) != 0)
		failed = 1;

	for (int i = 0; i < producers; i++) {
		int status;

		while (waitpid(sources[i].pid, &status, 0) < 0)
			if (errno != EINTR) {
				perror("mux: waitpid");
				return 1;
			}
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			fprintf(stderr, "mux: producer %d failed (status 0x%x)\n",
				i, status);
			failed = 1;
		}
		if (sources[i].next_seq != messages) {
			fprintf(stderr, "mux: producer %d: %d of %d messages\n",
				i, sources[i].next_seq, messages);
			failed = 1;
		}
	}
	printf("# mux: %d producers x %d messages: %ld forwarded, %ld bad, "
	       "%ld hang-ups, %ld polls\n", producers, messages, received,
	       damaged, hangups, polls);
	if (fflush(stdout) != 0)
		failed = 1;
	return failed || damaged || received != (long)producers * messages;
}
