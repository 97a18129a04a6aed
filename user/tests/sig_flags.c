/*
 * sig_flags - SA_RESETHAND, SA_NODEFER and signal()'s BSD semantics.
 *
 *   SA_RESETHAND: the handler runs once and the disposition is back to
 *     SIG_DFL (sigaction reports it) when it returns; a second SIGUSR1
 *     then terminates the process (checked in a child);
 *   SA_NODEFER: the signal is not blocked inside its own handler, so a
 *     raise() in the handler runs the handler again at once, nested
 *     (depth 2 is reached before the inner raise returns);
 *   without SA_NODEFER the same raise() stays pending until the handler
 *     returns: two runs, never nested;
 *   signal(): the handler stays installed after it ran (a second raise
 *     runs it again), sigaction reports SA_RESTART and not SA_RESETHAND,
 *     and signal() returns the previous handler; signal(SIGKILL, ...)
 *     fails with SIG_ERR and EINVAL.
 *
 * Everything happens in one process (and one child), synchronously:
 * raise() delivers an unblocked signal before it returns.
 */
#define _GNU_SOURCE
#include <conduit/test.h>
#include <signal.h>

static volatile sig_atomic_t count, depth, max_depth;
static volatile sig_atomic_t in_handler_mask_has_sig;

static void nesting_handler(int sig)
{
	sigset_t now;

	count++;
	depth++;
	if (depth > max_depth)
		max_depth = depth;
	sigprocmask(SIG_BLOCK, NULL, &now);
	if (count == 1) {		/* only the first run raises again */
		in_handler_mask_has_sig = sigismember(&now, sig);
		raise(sig);
	}
	depth--;
}

static void counting_handler(int sig)
{
	(void)sig;
	count++;
}

static void install(void (*handler)(int), int flags)
{
	struct sigaction act;

	memset(&act, 0, sizeof act);
	act.sa_handler = handler;
	act.sa_flags = flags;
	sigemptyset(&act.sa_mask);
	CHECK_EQ(sigaction(SIGUSR1, &act, NULL), 0);
}

static struct sigaction query(int sig)
{
	struct sigaction old;

	memset(&old, 0, sizeof old);
	CHECK_EQ(sigaction(sig, NULL, &old), 0);
	return old;
}

static void resethand(void)
{
	pid_t pid;
	int status;

	count = 0;
	install(counting_handler, SA_RESETHAND);
	CHECK(query(SIGUSR1).sa_handler == counting_handler);
	CHECK_EQ(raise(SIGUSR1), 0);
	CHECK_EQ(count, 1);
	CHECK(query(SIGUSR1).sa_handler == SIG_DFL);

	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		count = 0;
		install(counting_handler, SA_RESETHAND);
		raise(SIGUSR1);
		if (count != 1)
			_exit(1);
		raise(SIGUSR1);		/* default action now: terminate */
		_exit(2);
	}
	status = wait_for_child(pid);
	CHECK(WIFSIGNALED(status));
	CHECK_EQ(WTERMSIG(status), SIGUSR1);
}

static void nodefer(void)
{
	count = depth = max_depth = 0;
	install(nesting_handler, SA_NODEFER);
	CHECK_EQ(raise(SIGUSR1), 0);
	CHECK_EQ(count, 2);
	CHECK_EQ(max_depth, 2);
	CHECK_EQ(in_handler_mask_has_sig, 0);
}

static void deferred(void)
{
	count = depth = max_depth = 0;
	install(nesting_handler, 0);
	CHECK_EQ(raise(SIGUSR1), 0);
	CHECK_EQ(count, 2);
	CHECK_EQ(max_depth, 1);
	CHECK_EQ(in_handler_mask_has_sig, 1);
}

static void bsd_signal(void)
{
	struct sigaction now;

	install(SIG_DFL, 0);
	count = 0;
	CHECK(signal(SIGUSR1, counting_handler) == SIG_DFL);
	CHECK_EQ(raise(SIGUSR1), 0);
	CHECK_EQ(raise(SIGUSR1), 0);
	CHECK_EQ(count, 2);
	now = query(SIGUSR1);
	CHECK(now.sa_handler == counting_handler);
	CHECK(now.sa_flags & SA_RESTART);
	CHECK_EQ(now.sa_flags & SA_RESETHAND, 0);
	CHECK(signal(SIGUSR1, SIG_IGN) == counting_handler);
	CHECK_EQ(raise(SIGUSR1), 0);		/* ignored */
	CHECK_EQ(count, 2);
	CHECK(signal(SIGUSR1, SIG_DFL) == SIG_IGN);

	CHECK(signal(SIGKILL, counting_handler) == SIG_ERR);
	CHECK_EQ(errno, EINVAL);
}

int main(void)
{
	resethand();
	nodefer();
	deferred();
	bsd_signal();
	return 0;
}
