/*
 * fuzz_short - a short, fixed run of the system-call fuzzer (/bin/fuzz):
 * 4 workers, 300 calls each, from a fixed seed, then its leak check.  It
 * must exit 0.  Its output is kept and shown only on failure; replay a
 * failure with `make fuzz FUZZ_ARGS="SEED N"` (see docs/reliability.md).
 */
#include <conduit/test.h>
#include <fcntl.h>

#define SEED "20240611"
#define ROUNDS "300"

static char output[65536];

int main(void)
{
	int fds[2], status;
	size_t got = 0;
	pid_t pid;

	CHECK_EQ(pipe(fds), 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		char *argv[] = { "/bin/fuzz", SEED, ROUNDS, NULL };
		dup2(fds[1], 1);
		dup2(fds[1], 2);
		close(fds[0]);
		close(fds[1]);
		execve(argv[0], argv, NULL);
		_exit(127);
	}
	close(fds[1]);
	for (;;) {
		ssize_t n = read(fds[0], output + got, sizeof(output) - 1 - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
		if (got == sizeof(output) - 1) {	/* keep the end */
			memmove(output, output + got / 2, got - got / 2);
			got -= got / 2;
		}
	}
	output[got] = 0;
	close(fds[0]);
	status = wait_for_child(pid);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "%s", output);
		fprintf(stderr, "FAIL: fuzz " SEED " " ROUNDS " ended with status %#x\n", status);
		return 1;
	}
	return 0;
}
