/*
 * sig_uncatchable - SIGKILL and SIGSTOP cannot be caught, ignored or
 * blocked.
 *
 *   sigaction(SIGKILL or SIGSTOP, any new action) fails with EINVAL:
 *     handler, SIG_IGN and even SIG_DFL; just reading the action (act ==
 *     NULL) works and reports SIG_DFL; signal() returns SIG_ERR/EINVAL;
 *   sigaction with signal number 0 or above the last one is EINVAL;
 *   sigprocmask accepts a set containing them but silently leaves them
 *     out of the mask (SIG_BLOCK and SIG_SETMASK with a full set), while
 *     the other signals in the set are blocked;
 *   a child that blocks every signal and ignores every catchable one is
 *     still stopped by SIGSTOP (waitpid WUNTRACED), continued by SIGCONT
 *     (which continues even though it is blocked and ignored; WCONTINUED
 *     reports it) and killed by SIGKILL.  The child reports "ready"
 *     through a pipe once its dispositions and mask are in place, then
 *     blocks in read.
 */
#define _GNU_SOURCE
#include <conduit/test.h>
#include <signal.h>

static void handler(int sig)
{
	(void)sig;
}

static void cannot_change(int sig)
{
	struct sigaction act, old;
	void (*handlers[3])(int) = { handler, SIG_IGN, SIG_DFL };

	for (int i = 0; i < 3; i++) {
		memset(&act, 0, sizeof act);
		act.sa_handler = handlers[i];
		sigemptyset(&act.sa_mask);
		CHECK_EQ(sigaction(sig, &act, NULL), -1);
		CHECK_EQ(errno, EINVAL);
	}
	memset(&old, 0, sizeof old);
	old.sa_handler = handler;
	CHECK_EQ(sigaction(sig, NULL, &old), 0);
	CHECK(old.sa_handler == SIG_DFL);
	CHECK(signal(sig, SIG_IGN) == SIG_ERR);
	CHECK_EQ(errno, EINVAL);
	CHECK(signal(sig, handler) == SIG_ERR);
	CHECK_EQ(errno, EINVAL);
}

static void bad_numbers(void)
{
	struct sigaction act;

	memset(&act, 0, sizeof act);
	act.sa_handler = handler;
	sigemptyset(&act.sa_mask);
	CHECK_EQ(sigaction(0, &act, NULL), -1);
	CHECK_EQ(errno, EINVAL);
	CHECK_EQ(sigaction(65, &act, NULL), -1);
	CHECK_EQ(errno, EINVAL);
	CHECK_EQ(sigaction(-1, &act, NULL), -1);
	CHECK_EQ(errno, EINVAL);
}

static void cannot_block(void)
{
	sigset_t set, now, old;

	sigemptyset(&set);
	sigaddset(&set, SIGKILL);
	sigaddset(&set, SIGSTOP);
	sigaddset(&set, SIGUSR1);
	CHECK_EQ(sigprocmask(SIG_BLOCK, &set, &old), 0);
	CHECK_EQ(sigprocmask(SIG_BLOCK, NULL, &now), 0);
	CHECK(sigismember(&now, SIGUSR1));
	CHECK(!sigismember(&now, SIGKILL));
	CHECK(!sigismember(&now, SIGSTOP));

	sigfillset(&set);
	CHECK_EQ(sigprocmask(SIG_SETMASK, &set, NULL), 0);
	CHECK_EQ(sigprocmask(SIG_BLOCK, NULL, &now), 0);
	for (int sig = 1; sig < 32; sig++) {
		if (sig == SIGKILL || sig == SIGSTOP)
			CHECK(!sigismember(&now, sig));
		else
			CHECK(sigismember(&now, sig));
	}
	CHECK_EQ(sigprocmask(SIG_SETMASK, &old, NULL), 0);
}

static void fortress(int ready, int hold[2])
{
	struct sigaction act;
	sigset_t all;
	char c;

	memset(&act, 0, sizeof act);
	act.sa_handler = SIG_IGN;
	sigemptyset(&act.sa_mask);
	for (int sig = 1; sig < 32; sig++)
		if (sig != SIGKILL && sig != SIGSTOP)
			CHECK_EQ(sigaction(sig, &act, NULL), 0);
	sigfillset(&all);
	CHECK_EQ(sigprocmask(SIG_SETMASK, &all, NULL), 0);
	close(hold[1]);
	CHECK_EQ(write(ready, "r", 1), 1);
	read(hold[0], &c, 1);
	_exit(1);
}

static void still_stoppable_and_killable(void)
{
	int ready[2], hold[2], status = 0;
	pid_t pid;
	char c;

	CHECK_EQ(pipe(ready), 0);
	CHECK_EQ(pipe(hold), 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0)
		fortress(ready[1], hold);
	CHECK_EQ(read(ready[0], &c, 1), 1);

	CHECK_EQ(kill(pid, SIGSTOP), 0);
	CHECK_EQ(waitpid(pid, &status, WUNTRACED), pid);
	CHECK(WIFSTOPPED(status));
	CHECK_EQ(WSTOPSIG(status), SIGSTOP);
	CHECK_EQ(kill(pid, SIGCONT), 0);
	CHECK_EQ(waitpid(pid, &status, WCONTINUED), pid);
	CHECK(WIFCONTINUED(status));

	CHECK_EQ(kill(pid, SIGTERM), 0);		/* ignored */
	CHECK_EQ(kill(pid, SIGKILL), 0);
	status = wait_for_child(pid);
	CHECK(WIFSIGNALED(status));
	CHECK_EQ(WTERMSIG(status), SIGKILL);
	close(ready[0]);
	close(ready[1]);
	close(hold[0]);
	close(hold[1]);
}

int main(void)
{
	cannot_change(SIGKILL);
	cannot_change(SIGSTOP);
	bad_numbers();
	cannot_block();
	still_stoppable_and_killable();
	return 0;
}
