/*
 * rlimit_stack - RLIMIT_STACK: the stack grows only as far as the soft
 * limit allows; past it the process dies of SIGSEGV.
 *
 * Each case runs in a child that sets its stack limit and then recurses
 * through frames of about 4 KiB each, writing every frame, to a depth
 * given in KiB:
 *   - limit 256 KiB, 1 MiB deep: killed by SIGSEGV;
 *   - limit 256 KiB, 128 KiB deep: exits 0 (the limit is not too tight);
 *   - the default limit (8 MiB on Conduit and usually on Linux), 1 MiB
 *     deep: exits 0, so it is the lowered limit that killed the first;
 *   - limit 256 KiB, then execve of this program to recurse: the limit
 *     survives exec (SIGSEGV at 1 MiB, success at 128 KiB);
 *   - on Conduit only: even with no limit (RLIM_INFINITY) the stack
 *     cannot pass USER_STACK_MAX (8 MiB): 12 MiB deep is SIGSEGV.
 * Synchronisation: waitpid only.
 */
#include <conduit/test.h>
#include <signal.h>
#include <sys/resource.h>

#define FRAME 4000

static char *self;

/* A frame of FRAME bytes, written all over, that is live after the call. */
static int recurse(int depth)
{
	volatile char frame[FRAME];

	memset((char *)frame, depth, sizeof frame);
	if (depth == 0)
		return frame[FRAME / 2];
	return recurse(depth - 1) + frame[depth % FRAME];
}

static void set_stack(rlim_t soft)
{
	struct rlimit r;

	CHECK_EQ(getrlimit(RLIMIT_STACK, &r), 0);
	r.rlim_cur = soft;
	if (r.rlim_max != RLIM_INFINITY && r.rlim_max < soft)
		r.rlim_cur = r.rlim_max;
	CHECK_EQ(setrlimit(RLIMIT_STACK, &r), 0);
}

/* Status of a child that recurses kib KiB deep under the given limit. */
static int run(rlim_t limit, int kib, int by_exec)
{
	pid_t pid = fork();

	CHECK(pid >= 0);
	if (pid == 0) {
		char arg[16];
		char *argv[] = { self, arg, NULL };

		if (limit)
			set_stack(limit);
		if (by_exec) {
			snprintf(arg, sizeof arg, "%d", kib);
			execve(self, argv, NULL);
			_exit(127);
		}
		recurse(kib * 1024 / FRAME);
		_exit(0);
	}
	return wait_for_child(pid);
}

static void expect_segv(int status)
{
	CHECK(WIFSIGNALED(status));
	CHECK_EQ(WTERMSIG(status), SIGSEGV);
}

int main(int argc, char **argv)
{
	self = argv[0];
	if (argc == 2) {			/* the exec'ed child */
		recurse(atoi(argv[1]) * 1024 / FRAME);
		return 0;
	}
	expect_segv(run(256 * 1024, 1024, 0));
	CHECK_EQ(run(256 * 1024, 128, 0), 0);
	CHECK_EQ(run(0, 1024, 0), 0);
	expect_segv(run(256 * 1024, 1024, 1));
	CHECK_EQ(run(256 * 1024, 128, 1), 0);
	if (getenv("CONDUIT_HOST_RUN") == NULL)
		expect_segv(run(RLIM_INFINITY, 12 * 1024, 0));
	return 0;
}
