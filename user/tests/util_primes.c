/*
 * util_primes.c - the concurrent prime sieve, /bin/primes: a generator
 * process and one filter process per prime, connected by pipes.
 *
 * "primes 30" must print exactly the primes up to 30; "primes 1000" the
 * 168 primes up to 997; "primes 10000" the 1,229 primes up to 9973, which
 * needs 1,230 processes alive at once.  The output is checked line by
 * line against a sieve computed here, so a lost, doubled, out-of-order
 * or interleaved line fails.  The run must also end by itself (every
 * process closes the pipe ends it does not use, so EOF travels down the
 * chain) and exit with status 0, with nothing on standard error.
 *
 * The harness below runs the program with its output on a pipe.  To run
 * this test on another system, set UTIL_BIN_DIR to the directory holding
 * the programs; it defaults to /bin.
 */
#include <conduit/test.h>

#include <conduit/pipeline.h>

/* ---- the checks ---- */

#define LIMIT 10000

/* The primes up to n, one per line, computed by the sieve of Eratosthenes. */
static void expected_primes(int n, char *out, size_t size, int *count)
{
	static char composite[LIMIT + 1];
	size_t len = 0;

	memset(composite, 0, sizeof composite);
	*count = 0;
	for (int i = 2; i <= n; i++) {
		if (composite[i])
			continue;
		(*count)++;
		len += snprintf(out + len, size - len, "%d\n", i);
		CHECK(len < size);
		for (int j = 2 * i; j <= n; j += i)
			composite[j] = 1;
	}
}

static int count_lines(const char *s)
{
	int lines = 0;

	for (; *s; s++)
		lines += *s == '\n';
	return lines;
}

/* Run "primes n"; check the output, the count and the last prime. */
static void check_primes(int n, int want_count, const char *want_last)
{
	static char want[OUT_MAX];
	char line[32];
	int count;

	expected_primes(n, want, sizeof want, &count);
	CHECK_EQ(count, want_count);
	snprintf(line, sizeof line, "primes %d", n);
	EXPECT(line, NULL, want);
	CHECK_EQ(r.err_len, 0);
	CHECK_EQ(count_lines(r.out), want_count);
	CHECK(r.out_len > strlen(want_last));
	CHECK_EQ(strcmp(r.out + r.out_len - strlen(want_last), want_last), 0);
}

int main(void)
{
	alarm(28);		/* a chain that never ends fails instead of hanging */
	EXPECT("primes 30", NULL, "2\n3\n5\n7\n11\n13\n17\n19\n23\n29\n");
	EXPECT("primes 2", NULL, "2\n");
	EXPECT("primes 1", NULL, "");
	EXPECT_ERROR("primes", NULL, "usage: primes N\n", 2);
	EXPECT_CODE("primes x", NULL, "", 2);
	check_primes(1000, 168, "\n997\n");
	check_primes(LIMIT, 1229, "\n9973\n");
	return 0;
}
