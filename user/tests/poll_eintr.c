/*
 * poll_eintr - a handled signal ends poll() and select() with EINTR, and
 * they are never restarted, even with SA_RESTART (Linux).
 *
 *  1. poll(-1) on an empty pipe, SIGUSR1 handled without SA_RESTART:
 *     -1/EINTR, the handler ran.
 *  2. The same with SA_RESTART: still -1/EINTR, not restarted.
 *  3. The same with a long finite timeout (20 s), with nfds 0 (poll as a
 *     pause()), and for select() with and without a timeout.
 *  4. A blocked signal does not interrupt: poll(100 ms) times out with 0
 *     while SIGUSR1 is blocked (and sent); the handler runs only when it
 *     is unblocked.  An ignored signal does not interrupt either.
 *
 * Synchronisation: a "signaller" child sends SIGUSR1 to the parent every
 * 20 ms until the parent tells it to stop (a byte on a pipe).  A signal
 * that arrives before the parent is inside poll() only runs the handler,
 * and the next one interrupts, so the outcome never depends on timing.
 * In case 4, poll() must simply time out; if the signaller did not get
 * to run during those 100 ms, the test is weaker there, not wrong.
 */
#include <conduit/test.h>
#include <poll.h>
#include <signal.h>
#include <sys/select.h>
#include <sys/time.h>

static volatile sig_atomic_t handled;
static int stop[2];		/* parent -> signaller: "stop" */
static int data[2];		/* the pipe that nobody writes */

static void on_usr1(int sig)
{
	(void)sig;
	handled++;
}

static void handle(int flags, void (*fn)(int))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = fn;
	sa.sa_flags = flags;
	sigemptyset(&sa.sa_mask);
	CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
}

static pid_t start_signaller(void)
{
	pid_t parent = getpid(), pid = fork();

	CHECK(pid >= 0);
	if (pid == 0) {
		struct pollfd p = { stop[0], POLLIN, 0 };
		for (;;) {
			CHECK_EQ(kill(parent, SIGUSR1), 0);
			if (poll(&p, 1, 20) != 0)
				_exit(0);
		}
	}
	return pid;
}

static void stop_signaller(pid_t pid)
{
	char c;

	CHECK_EQ(write(stop[1], "s", 1), 1);
	CHECK_EQ(wait_for_child(pid), 0);
	CHECK_EQ(read(stop[0], &c, 1), 1);	/* ready for the next one */
}

enum call { POLL_FOREVER, POLL_LONG, POLL_NOTHING, SELECT_FOREVER, SELECT_LONG };

static int call(enum call which)
{
	struct pollfd p = { data[0], POLLIN, 0 };
	struct timeval tv = { 20, 0 };
	fd_set set;

	FD_ZERO(&set);
	FD_SET(data[0], &set);
	switch (which) {
	case POLL_FOREVER:
		return poll(&p, 1, -1);
	case POLL_LONG:
		return poll(&p, 1, 20000);
	case POLL_NOTHING:
		return poll(NULL, 0, -1);
	case SELECT_FOREVER:
		return select(data[0] + 1, &set, NULL, NULL, NULL);
	default:
		return select(data[0] + 1, &set, NULL, NULL, &tv);
	}
}

/* `which` must end with EINTR once the signals come. */
static void interrupted(enum call which, int sa_flags)
{
	pid_t pid;
	int ret;

	handle(sa_flags, on_usr1);
	handled = 0;
	pid = start_signaller();
	errno = 0;
	ret = call(which);
	CHECK_EQ(ret, -1);
	CHECK_EQ(errno, EINTR);
	CHECK(handled >= 1);
	stop_signaller(pid);
}

static void blocked_or_ignored(void)
{
	struct pollfd p = { data[0], POLLIN, 0 };
	sigset_t block, pending;
	pid_t pid;

	/* blocked: poll times out; the signal waits for the unblocking */
	handle(0, on_usr1);
	handled = 0;
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	CHECK_EQ(sigprocmask(SIG_BLOCK, &block, NULL), 0);
	pid = start_signaller();
	CHECK_EQ(poll(&p, 1, 100), 0);
	stop_signaller(pid);
	CHECK_EQ(handled, 0);
	CHECK_EQ(sigpending(&pending), 0);
	CHECK(sigismember(&pending, SIGUSR1));
	CHECK_EQ(sigprocmask(SIG_UNBLOCK, &block, NULL), 0);
	CHECK_EQ(handled, 1);		/* delivered once, on unblocking */

	/* ignored: nothing happens at all */
	handle(0, SIG_IGN);
	pid = start_signaller();
	CHECK_EQ(poll(&p, 1, 100), 0);
	stop_signaller(pid);
}

int main(void)
{
	CHECK_EQ(pipe(stop), 0);
	CHECK_EQ(pipe(data), 0);

	interrupted(POLL_FOREVER, 0);
	interrupted(POLL_FOREVER, SA_RESTART);
	interrupted(POLL_LONG, 0);
	interrupted(POLL_LONG, SA_RESTART);
	interrupted(POLL_NOTHING, SA_RESTART);
	interrupted(SELECT_FOREVER, 0);
	interrupted(SELECT_FOREVER, SA_RESTART);
	interrupted(SELECT_LONG, SA_RESTART);
	blocked_or_ignored();
	return 0;
}
