/*
 * sig_exec_reset - what fork and execve do to signal dispositions, the
 * mask and pending signals.
 *
 * Before forking, the parent installs a handler for SIGUSR1 (and an
 * SA_SIGINFO handler for SIGINT), ignores SIGUSR2, blocks SIGTERM and
 * SIGHUP, and raises SIGHUP, which stays pending.
 *
 *   fork: the child has the same dispositions (SIGUSR1 runs the handler,
 *     SIGUSR2 is ignored) and the same mask, but no pending signals
 *     (SIGHUP is not pending in the child);
 *   execve: the child raises its own SIGHUP (blocked, so pending) and
 *     re-executes this program (argv[0], an absolute path) with the
 *     argument --exec-check.  In the new image, handled signals are back
 *     to SIG_DFL (SIGUSR1, SIGINT), ignored ones stay ignored (SIGUSR2;
 *     raising it does nothing), the mask is kept (SIGTERM and SIGHUP
 *     blocked) and so is the pending SIGHUP.  Finally the new image
 *     raises SIGUSR1, whose default action must now terminate it; the
 *     parent checks the child died of SIGUSR1 (a failed CHECK would exit
 *     with status 1 instead).
 */
#define _GNU_SOURCE
#include <conduit/test.h>
#include <signal.h>

#define EXEC_FLAG "--exec-check"

static volatile sig_atomic_t usr1_count;

static void on_usr1(int sig)
{
	(void)sig;
	usr1_count++;
}

static void on_int(int sig, siginfo_t *info, void *context)
{
	(void)sig;
	(void)info;
	(void)context;
}

static void set_action(int sig, void (*handler)(int), int flags)
{
	struct sigaction act;

	memset(&act, 0, sizeof act);
	act.sa_handler = handler;
	act.sa_flags = flags;
	sigemptyset(&act.sa_mask);
	CHECK_EQ(sigaction(sig, &act, NULL), 0);
}

static struct sigaction query(int sig)
{
	struct sigaction old;

	memset(&old, 0, sizeof old);
	CHECK_EQ(sigaction(sig, NULL, &old), 0);
	return old;
}

static void check_mask_and_ignored(void)
{
	sigset_t mask;

	CHECK_EQ(sigprocmask(SIG_BLOCK, NULL, &mask), 0);
	CHECK(sigismember(&mask, SIGTERM));
	CHECK(sigismember(&mask, SIGHUP));
	CHECK(!sigismember(&mask, SIGUSR1));
	CHECK(!sigismember(&mask, SIGUSR2));
	CHECK(query(SIGUSR2).sa_handler == SIG_IGN);
	CHECK_EQ(raise(SIGUSR2), 0);		/* ignored: we survive */
}

/* The re-executed image. */
static int exec_check(void)
{
	sigset_t pending;

	CHECK(query(SIGUSR1).sa_handler == SIG_DFL);
	CHECK(query(SIGINT).sa_handler == SIG_DFL);
	CHECK_EQ(query(SIGINT).sa_flags & SA_SIGINFO, 0);
	check_mask_and_ignored();
	CHECK_EQ(sigpending(&pending), 0);
	CHECK(sigismember(&pending, SIGHUP));
	CHECK(!sigismember(&pending, SIGTERM));
	raise(SIGUSR1);				/* default action: terminate */
	return 3;
}

static void child(const char *self)
{
	char *argv[] = { (char *)self, EXEC_FLAG, NULL };
	extern char **environ;
	sigset_t pending;

	CHECK(query(SIGUSR1).sa_handler == on_usr1);
	CHECK(query(SIGINT).sa_sigaction == on_int);
	CHECK(query(SIGINT).sa_flags & SA_SIGINFO);
	check_mask_and_ignored();
	CHECK_EQ(sigpending(&pending), 0);
	CHECK(!sigismember(&pending, SIGHUP));	/* fork clears pending */

	usr1_count = 0;
	CHECK_EQ(raise(SIGUSR1), 0);
	CHECK_EQ(usr1_count, 1);

	CHECK_EQ(raise(SIGHUP), 0);
	CHECK_EQ(sigpending(&pending), 0);
	CHECK(sigismember(&pending, SIGHUP));
	execve(self, argv, environ);
	_exit(4);
}

int main(int argc, char **argv)
{
	struct sigaction act;
	sigset_t block, pending;
	pid_t pid;
	int status;

	if (argc == 2 && strcmp(argv[1], EXEC_FLAG) == 0)
		return exec_check();
	CHECK_EQ(argc, 1);

	set_action(SIGUSR1, on_usr1, 0);
	memset(&act, 0, sizeof act);
	act.sa_sigaction = on_int;
	act.sa_flags = SA_SIGINFO;
	sigemptyset(&act.sa_mask);
	CHECK_EQ(sigaction(SIGINT, &act, NULL), 0);
	set_action(SIGUSR2, SIG_IGN, 0);
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	CHECK_EQ(sigprocmask(SIG_BLOCK, &block, NULL), 0);
	CHECK_EQ(raise(SIGHUP), 0);
	CHECK_EQ(sigpending(&pending), 0);
	CHECK(sigismember(&pending, SIGHUP));

	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0)
		child(argv[0]);
	status = wait_for_child(pid);
	CHECK(WIFSIGNALED(status));
	CHECK_EQ(WTERMSIG(status), SIGUSR1);

	/* Our own SIGHUP is still pending: discard it by ignoring it. */
	set_action(SIGHUP, SIG_IGN, 0);
	CHECK_EQ(sigprocmask(SIG_UNBLOCK, &block, NULL), 0);
	return 0;
}
