/*
 * poll_mux - three producers multiplexed with poll(): runs "/bin/mux 3"
 * (user/bin/mux.c) and checks what comes out.
 *
 * mux forks 3 producers, each writing its messages into its own pipe,
 * and forwards every message, tagged "pI", to stdout from one poll()
 * loop until all producers have hung up.  This test runs it by fork+exec
 * with stdout going into a pipe, reads everything, and checks:
 *
 *   - mux exits with status 0;
 *   - every line is "pI SEQ LEN PAYLOAD" with I in 0..2, LEN 0..100 and
 *     PAYLOAD = LEN copies of 'a' + (7 * I + SEQ) % 26, except the last,
 *     which is the "#" summary line;
 *   - each producer's messages appear exactly once and in order:
 *     SEQ = 0, 1, 2, ... without gaps, and all three sent the same
 *     number of messages (at least 1), which the summary states as
 *     "3 producers x M messages: 3M forwarded, 0 bad".
 *
 * Any interleaving of the producers is accepted.  Synchronisation: the
 * test reads the pipe until end of file, then waits for mux.  To run it
 * on Linux against a host build of user/bin/mux.c, set MUX_PATH to it.
 */
#include <conduit/test.h>

#define PRODUCERS 3

static const char *mux_path(void)
{
	const char *path = getenv("MUX_PATH");

	return path ? path : "/bin/mux";
}

/* Run mux 3; return its whole stdout (NUL-terminated) and wait status. */
static char *run_mux(int *status)
{
	char *argv[] = { "mux", "3", NULL };
	size_t len = 0, cap = 4096;
	char *out = malloc(cap);
	int fds[2];
	ssize_t n;
	pid_t pid;

	CHECK(out != NULL);
	CHECK_EQ(pipe(fds), 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		CHECK(dup2(fds[1], 1) == 1);
		close(fds[0]);
		close(fds[1]);
		execv(mux_path(), argv);
		fprintf(stderr, "poll_mux: cannot run %s: %s\n", mux_path(),
			strerror(errno));
		_exit(127);
	}
	CHECK_EQ(close(fds[1]), 0);
	while ((n = read(fds[0], out + len, cap - len - 1)) > 0) {
		len += (size_t)n;
		if (cap - len < 1024) {
			cap *= 2;
			out = realloc(out, cap);
			CHECK(out != NULL);
		}
	}
	CHECK_EQ(n, 0);
	out[len] = '\0';
	CHECK_EQ(close(fds[0]), 0);
	*status = wait_for_child(pid);
	return out;
}

/* A decimal number at *p, followed by one space (skipped). */
static long number(const char **p)
{
	char *end;
	long v;

	CHECK(**p >= '0' && **p <= '9');
	v = strtol(*p, &end, 10);
	CHECK_EQ(*end, ' ');
	*p = end + 1;
	return v;
}

/* Check one "pI SEQ LEN PAYLOAD" line against what producer I owes. */
static void check_message(const char *line, int next[PRODUCERS])
{
	const char *p = line;
	long i, seq, len;

	CHECK_EQ(*p++, 'p');
	i = number(&p);
	seq = number(&p);
	len = number(&p);
	CHECK(i >= 0 && i < PRODUCERS);
	CHECK_EQ(seq, next[i]);		/* exactly once, in order */
	next[i]++;
	CHECK(len >= 0 && len <= 100);
	CHECK_EQ(strlen(p), len);
	for (long k = 0; k < len; k++)
		CHECK_EQ(p[k], 'a' + (7 * i + seq) % 26);
}

/* "# mux: N producers x M messages: F forwarded, B bad, ..." */
static void check_summary(const char *line, long *messages, long *forwarded)
{
	const char *prefix = "# mux: ";
	const char *p = line + strlen(prefix);

	CHECK_EQ(strncmp(line, prefix, strlen(prefix)), 0);
	CHECK_EQ(number(&p), PRODUCERS);
	CHECK_EQ(strncmp(p, "producers x ", 12), 0);
	p += 12;
	*messages = number(&p);
	CHECK_EQ(strncmp(p, "messages: ", 10), 0);
	p += 10;
	*forwarded = number(&p);
	CHECK_EQ(strncmp(p, "forwarded, 0 bad", 16), 0);
}

int main(void)
{
	int next[PRODUCERS] = { 0 }, status, saw_summary = 0;
	long messages = 0, forwarded = 0;
	char *out, *line, *rest;

	out = run_mux(&status);
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 0);

	for (line = strtok_r(out, "\n", &rest); line;
	     line = strtok_r(NULL, "\n", &rest)) {
		CHECK(!saw_summary);		/* the summary comes last */
		if (line[0] == '#') {
			saw_summary = 1;
			check_summary(line, &messages, &forwarded);
		} else {
			check_message(line, next);
		}
	}
	CHECK(saw_summary);
	CHECK(messages >= 1);
	for (int i = 0; i < PRODUCERS; i++)
		CHECK_EQ(next[i], messages);
	CHECK_EQ(forwarded, PRODUCERS * messages);
	free(out);
	return 0;
}
