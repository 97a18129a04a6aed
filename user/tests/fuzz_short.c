/*
 * fuzz_short - a short, fixed run of the system-call fuzzer (/bin/fuzz):
 * 4 workers, 300 calls each, from a fixed seed, then its leak check.  It
 * must exit 0.  Its output is kept and shown only on failure; replay a
 * failure with `make fuzz FUZZ_ARGS="SEED N"` (see docs/reliability.md).
 */
#include <conduit/test.h>

int main(void)
{
	char *argv[] = { "/bin/fuzz", "20240611", "300", NULL };
	int status = run_quietly(argv);

	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "FAIL: fuzz 20240611 300 ended with status %#x\n", status);
		return 1;
	}
	return 0;
}
