/*
 * libc_sysv_signals - the System V signal calls against glibc's
 * behaviour: sigset() (returns the old disposition or SIG_HOLD, unblocks
 * the signal, installs without SA_RESTART so a blocked read fails with
 * EINTR; with SIG_HOLD only blocks), sighold()/sigrelse() (the mask),
 * sigignore() (SIG_IGN), the XSI sigpause() (unblocks one signal while
 * waiting, then restores the mask), and EINVAL for bad signals.
 * The same file built with i686-linux-gnu-gcc -static passes on Linux.
 */
#define _XOPEN_SOURCE 700	/* glibc declares the System V calls for XSI */
#define _DEFAULT_SOURCE
#include <conduit/test.h>
#include <signal.h>

static volatile sig_atomic_t caught;

static void on_usr1(int sig)
{
	(void)sig;
	caught++;
}

static void on_usr2(int sig)
{
	(void)sig;
}

static int is_blocked(int sig)
{
	sigset_t mask;

	CHECK_EQ(sigprocmask(SIG_BLOCK, NULL, &mask), 0);
	return sigismember(&mask, sig);
}

static void test_sigset(void)
{
	struct sigaction sa;

	CHECK(sigset(SIGUSR1, on_usr1) == SIG_DFL);
	CHECK(sigset(SIGUSR1, on_usr1) == on_usr1);
	CHECK_EQ(sigaction(SIGUSR1, NULL, &sa), 0);
	CHECK(sa.sa_handler == on_usr1);
	CHECK_EQ(sa.sa_flags & (SA_RESTART | SA_RESETHAND | SA_NODEFER | SA_SIGINFO), 0);
	caught = 0;
	CHECK_EQ(raise(SIGUSR1), 0);
	CHECK_EQ(caught, 1);

	/* SIG_HOLD blocks and reports the handler; a second time, SIG_HOLD */
	CHECK(sigset(SIGUSR1, SIG_HOLD) == on_usr1);
	CHECK(is_blocked(SIGUSR1));
	CHECK(sigset(SIGUSR1, SIG_HOLD) == SIG_HOLD);
	CHECK_EQ(sigaction(SIGUSR1, NULL, &sa), 0);
	CHECK(sa.sa_handler == on_usr1);	/* still installed */
	CHECK_EQ(raise(SIGUSR1), 0);
	CHECK_EQ(caught, 1);			/* held */

	/* installing unblocks: the pending signal arrives, SIG_HOLD returned */
	CHECK(sigset(SIGUSR1, on_usr1) == SIG_HOLD);
	CHECK(!is_blocked(SIGUSR1));
	CHECK_EQ(caught, 2);

	CHECK(sigset(SIGUSR1, SIG_DFL) == on_usr1);
	CHECK(sigset(SIGUSR1, SIG_DFL) == SIG_DFL);
}

/*
 * A handler installed by sigset does not restart system calls.  The
 * child keeps signalling; one signal finds the parent blocked in read,
 * which must fail with EINTR.  (If it restarted, the child's byte,
 * written after many signals, would be read instead.)
 */
static void test_sigset_no_restart(void)
{
	int fds[2];
	char c;
	ssize_t n;
	pid_t parent = getpid(), pid;

	CHECK(sigset(SIGUSR2, on_usr2) != SIG_ERR);
	CHECK_EQ(pipe(fds), 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		close(fds[0]);
		for (int i = 0; i < 400; i++) {
			kill(parent, SIGUSR2);
			sleep_ms(5);
		}
		write(fds[1], "x", 1);
		_exit(0);
	}
	close(fds[1]);
	n = read(fds[0], &c, 1);
	CHECK_EQ(n, -1);
	CHECK_EQ(errno, EINTR);
	kill(pid, SIGKILL);
	wait_for_child(pid);
	close(fds[0]);
	CHECK(sigset(SIGUSR2, SIG_DFL) == on_usr2);
}

static void test_hold_release_ignore(void)
{
	struct sigaction sa;

	caught = 0;
	CHECK(sigset(SIGUSR1, on_usr1) == SIG_DFL);
	CHECK_EQ(sighold(SIGUSR1), 0);
	CHECK(is_blocked(SIGUSR1));
	CHECK_EQ(raise(SIGUSR1), 0);
	CHECK_EQ(caught, 0);
	CHECK_EQ(sigrelse(SIGUSR1), 0);		/* delivered now */
	CHECK(!is_blocked(SIGUSR1));
	CHECK_EQ(caught, 1);

	CHECK_EQ(sigignore(SIGUSR1), 0);
	CHECK_EQ(sigaction(SIGUSR1, NULL, &sa), 0);
	CHECK(sa.sa_handler == SIG_IGN);
	CHECK_EQ(raise(SIGUSR1), 0);		/* ignored: we live on */
	CHECK_EQ(caught, 1);
	CHECK(sigset(SIGUSR1, SIG_DFL) == SIG_IGN);
}

/* sigpause(sig) lets a pending sig in and returns with the mask as before. */
static void test_sigpause(void)
{
	caught = 0;
	CHECK(sigset(SIGUSR1, on_usr1) != SIG_ERR);
	CHECK_EQ(sighold(SIGUSR1), 0);
	CHECK_EQ(sighold(SIGUSR2), 0);
	CHECK_EQ(raise(SIGUSR1), 0);
	errno = 0;
	CHECK_EQ(sigpause(SIGUSR1), -1);
	CHECK_EQ(errno, EINTR);
	CHECK_EQ(caught, 1);
	CHECK(is_blocked(SIGUSR1));		/* the old mask is back */
	CHECK(is_blocked(SIGUSR2));		/* never unblocked */
	CHECK_EQ(sigrelse(SIGUSR1), 0);
	CHECK_EQ(sigrelse(SIGUSR2), 0);
	CHECK(sigset(SIGUSR1, SIG_DFL) == on_usr1);
}

static void test_bad_signals(void)
{
	errno = 0;
	CHECK(sigset(0, SIG_IGN) == SIG_ERR);
	CHECK_EQ(errno, EINVAL);
	errno = 0;
	CHECK(sigset(65, SIG_IGN) == SIG_ERR);
	CHECK_EQ(errno, EINVAL);
	errno = 0;
	CHECK(sigset(SIGKILL, SIG_IGN) == SIG_ERR);
	CHECK_EQ(errno, EINVAL);
	errno = 0;
	CHECK_EQ(sighold(0), -1);
	CHECK_EQ(errno, EINVAL);
	errno = 0;
	CHECK_EQ(sigrelse(70), -1);
	CHECK_EQ(errno, EINVAL);
	errno = 0;
	CHECK_EQ(sigignore(SIGKILL), -1);
	CHECK_EQ(errno, EINVAL);
	errno = 0;
	CHECK_EQ(sigignore(0), -1);
	CHECK_EQ(errno, EINVAL);
	errno = 0;
	CHECK_EQ(sigpause(0), -1);
	CHECK_EQ(errno, EINVAL);
}

int main(void)
{
	test_sigset();
	test_sigset_no_restart();
	test_hold_release_ignore();
	test_sigpause();
	test_bad_signals();
	return 0;
}
