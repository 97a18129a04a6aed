/*
 * stress_short - a short run of the pipe stress test (/bin/stress):
 * 6 seconds of scenarios from a fixed seed, then its leak check.  It
 * must exit 0.  A scenario still running after 15 s (-H) has hung: stress
 * then prints it with /proc/ps and /proc/pipes, well inside the harness's
 * 30 s timeout.  Its output is kept and shown only on failure; replay a
 * failure with `make stress STRESS_ARGS="-v -s SCENARIO SEED"` (docs/reliability.md).
 */
#include <conduit/test.h>

int main(void)
{
	char *argv[] = { "/bin/stress", "-t", "6", "-H", "15", "20240611", NULL };
	int status = run_quietly(argv);

	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "FAIL: stress -t 6 -H 15 20240611 ended with status %#x\n", status);
		return 1;
	}
	return 0;
}
