/*
 * primes - the concurrent prime sieve: one process per prime, all
 * connected by pipes.
 *
 * Usage: primes N          prints the primes below or equal to N
 *
 *   generator --2,3,4,5,...--> [filter 2] --3,5,7,9,...--> [filter 3]
 *        --5,7,11,13,...--> [filter 5] --> ... --> [filter 9973]
 *
 * The generator (the first process) writes the numbers 2..N into a pipe.
 * Each filter process reads numbers from the pipe on its left:
 *
 *   - the first number p it reads is prime (no smaller prime divides it,
 *     or an earlier filter would have removed it), so it prints p;
 *   - every later number that p does not divide goes on to the next
 *     filter.  The next filter, with a new pipe to it, is forked only
 *     when the first such number appears, so there is exactly one
 *     process per prime (plus the generator): "primes 10000" runs
 *     1,230 processes at once.
 *
 * Numbers travel as 4-byte ints, one read() or write() of 4 bytes each.
 * read_int() still loops until it has all 4 bytes, because read() may
 * legally return fewer bytes than asked for.
 *
 * Ending cleanly depends on closing the right descriptors:
 *   - every process closes the pipe ends it does not use; in particular
 *     a new filter closes the write end of its own input pipe, which it
 *     inherited from its parent.  Otherwise read() would never return 0
 *     (end of file), because a pipe's reader sees EOF only when *all*
 *     write ends are closed;
 *   - when a process's input ends, it closes its output pipe, which is
 *     the EOF of the next filter, and so on down the chain;
 *   - each process waits for its child before exiting, so when the
 *     generator's wait returns, every prime has been printed.
 *
 * Output: each filter prints its prime itself, with a single write(1)
 * of a whole line ("97\n"), so lines never mix and no stdio buffer is
 * copied by fork() and printed twice.  Because filter k prints before it
 * passes anything to filter k+1, the primes come out in order.
 *
 * Exit status: 0; 1 if something failed (fork, pipe, a write to stdout),
 * in which case the failing process exits and its parent passes the
 * failure on.  Usage errors exit with 2.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

/* Read exactly one int.  1 if read, 0 at end of file. */
static int read_int(int fd, int *value)
{
	char *p = (char *)value;
	size_t got = 0;

	while (got < sizeof *value) {
		ssize_t n = read(fd, p + got, sizeof *value - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			fprintf(stderr, "primes: read: %s\n", strerror(errno));
			exit(1);
		}
		if (n == 0) {
			if (got == 0)
				return 0;
			fprintf(stderr, "primes: read: a number was cut short\n");
			exit(1);
		}
		got += n;
	}
	return 1;
}

/* Write all n bytes to fd (retrying short writes), or exit with 1. */
static void write_all(int fd, const void *data, size_t n, const char *what)
{
	const char *p = data;

	while (n > 0) {
		ssize_t done = write(fd, p, n);

		if (done < 0 && errno == EINTR)
			continue;
		if (done < 0) {
			fprintf(stderr, "primes: %s: %s\n", what, strerror(errno));
			exit(1);
		}
		p += done;
		n -= done;
	}
}

static void write_int(int fd, int value)
{
	write_all(fd, &value, sizeof value, "write");
}

/* Wait for a child; returns 0 if it exited with 0, else 1. */
static int wait_child(pid_t pid)
{
	int status;

	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return 1;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}

static void filter(int in) __attribute__((noreturn));

/*
 * Fork the next filter with a new pipe between us.  Returns the write
 * end, which the caller feeds; *child gets the new filter's pid.
 */
static int start_filter(int in, pid_t *child)
{
	int fds[2];

	if (pipe(fds) < 0) {
		fprintf(stderr, "primes: pipe: %s\n", strerror(errno));
		exit(1);
	}
	*child = fork();
	if (*child < 0) {
		fprintf(stderr, "primes: fork: %s\n", strerror(errno));
		exit(1);
	}
	if (*child == 0) {
		close(fds[1]);		/* the child only reads this pipe */
		if (in >= 0)
			close(in);	/* and never reads our input */
		filter(fds[0]);
	}
	close(fds[0]);			/* we only write this pipe */
	return fds[1];
}

/* A filter process: see the header comment.  Never returns. */
static void filter(int in)
{
	int prime, n, out = -1;
	pid_t child = -1;
	char line[16];

	if (!read_int(in, &prime))
		exit(0);			/* nothing came: no prime here */
	snprintf(line, sizeof line, "%d\n", prime);
	write_all(1, line, strlen(line), "write error");

	while (read_int(in, &n)) {
		if (n % prime == 0)
			continue;
		if (out < 0)
			out = start_filter(in, &child);
		write_int(out, n);
	}
	close(in);
	if (out < 0)
		exit(0);			/* we are the last prime */
	close(out);				/* the next filter's end of file */
	exit(wait_child(child));
}

/* Parse N: a whole number from 0 to a million (a million primes is
 * more processes than any kernel here allows anyway). */
static int parse_limit(const char *text)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(text, &end, 10);
	if (end == text || *end != '\0' || errno != 0 || n < 0 || n > 1000000) {
		fprintf(stderr, "primes: invalid number: '%s'\n", text);
		fprintf(stderr, "usage: primes N\n");
		exit(2);
	}
	return (int)n;
}

int main(int argc, char **argv)
{
	pid_t child;
	int limit, out;

	if (argc != 2) {
		fprintf(stderr, "usage: primes N\n");
		return 2;
	}
	limit = parse_limit(argv[1]);
	if (limit < 2)
		return 0;
	/* The generator: this process.  It feeds 2..limit to filter 2. */
	out = start_filter(-1, &child);
	for (int i = 2; i <= limit; i++)
		write_int(out, i);
	close(out);
	return wait_child(child);
}
