/*
 * sig_mask - the signal mask: blocking, pending, unblocking, sigsuspend,
 * and the mask in force while a handler runs.
 *
 *   sigprocmask: SIG_BLOCK, SIG_UNBLOCK and SIG_SETMASK change the mask
 *     as asked, and the old mask comes back in oldset;
 *   a blocked signal stays pending (sigpending) and its handler does not
 *     run; raised three times it is still pending once; unblocking it
 *     runs the handler exactly once, before sigprocmask returns;
 *   inside a handler the mask is the old mask plus the signal itself plus
 *     sa_mask; a signal in sa_mask raised inside the handler waits until
 *     the handler returns and only then runs; a change the handler makes
 *     to the mask (blocking SIGHUP) is undone when it returns, so after
 *     the handler the mask is exactly what it was before;
 *   sigsuspend: with a signal already pending, returns -1 EINTR at once
 *     after its handler ran, and restores the old mask; waiting for a
 *     signal sent later by a child, it is woken by that signal and not by
 *     one that its temporary mask still blocks, which stays pending.
 *
 * In the sigsuspend-with-child case both signals are blocked before the
 * fork, so it does not matter whether the child sends them before or
 * after the parent gets into sigsuspend.
 */
#define _GNU_SOURCE
#include <conduit/test.h>
#include <signal.h>

static volatile sig_atomic_t usr1_count, usr2_count, hup_count;
static volatile sig_atomic_t usr2_during_usr1;	/* USR2 ran inside USR1? */
static volatile sig_atomic_t in_usr1;
static sigset_t mask_in_handler;

static void on_usr2(int sig)
{
	(void)sig;
	usr2_count++;
	if (in_usr1)
		usr2_during_usr1 = 1;
}

static void on_hup(int sig)
{
	(void)sig;
	hup_count++;
}

static void on_usr1_plain(int sig)
{
	(void)sig;
	usr1_count++;
}

/* Records the mask, raises USR2 (blocked by sa_mask), blocks SIGHUP. */
static void on_usr1_checking(int sig)
{
	sigset_t hup;

	(void)sig;
	in_usr1 = 1;
	usr1_count++;
	sigprocmask(SIG_BLOCK, NULL, &mask_in_handler);
	raise(SIGUSR2);
	sigemptyset(&hup);
	sigaddset(&hup, SIGHUP);
	sigprocmask(SIG_BLOCK, &hup, NULL);
	in_usr1 = 0;
}

static void install(int sig, void (*handler)(int), int also_block)
{
	struct sigaction act;

	memset(&act, 0, sizeof act);
	act.sa_handler = handler;
	sigemptyset(&act.sa_mask);
	if (also_block)
		sigaddset(&act.sa_mask, also_block);
	CHECK_EQ(sigaction(sig, &act, NULL), 0);
}

static sigset_t current_mask(void)
{
	sigset_t set;

	CHECK_EQ(sigprocmask(SIG_BLOCK, NULL, &set), 0);
	return set;
}

static sigset_t pending(void)
{
	sigset_t set;

	CHECK_EQ(sigpending(&set), 0);
	return set;
}

static sigset_t set_of(int a, int b)
{
	sigset_t set;

	sigemptyset(&set);
	if (a)
		sigaddset(&set, a);
	if (b)
		sigaddset(&set, b);
	return set;
}

static void procmask_operations(void)
{
	sigset_t set = set_of(SIGUSR1, SIGTERM), old, now;

	CHECK_EQ(sigprocmask(SIG_SETMASK, &set, &old), 0);
	now = current_mask();
	CHECK(sigismember(&now, SIGUSR1));
	CHECK(sigismember(&now, SIGTERM));
	CHECK(!sigismember(&now, SIGUSR2));

	set = set_of(SIGUSR2, 0);
	CHECK_EQ(sigprocmask(SIG_BLOCK, &set, &old), 0);
	CHECK(sigismember(&old, SIGUSR1));
	CHECK(!sigismember(&old, SIGUSR2));
	now = current_mask();
	CHECK(sigismember(&now, SIGUSR1));
	CHECK(sigismember(&now, SIGUSR2));

	set = set_of(SIGUSR1, SIGTERM);
	CHECK_EQ(sigprocmask(SIG_UNBLOCK, &set, &old), 0);
	CHECK(sigismember(&old, SIGTERM));
	now = current_mask();
	CHECK(!sigismember(&now, SIGUSR1));
	CHECK(!sigismember(&now, SIGTERM));
	CHECK(sigismember(&now, SIGUSR2));

	/* An invalid "how" is rejected and changes nothing. */
	set = set_of(SIGHUP, 0);
	CHECK_EQ(sigprocmask(12345, &set, NULL), -1);
	CHECK_EQ(errno, EINVAL);
	now = current_mask();
	CHECK(!sigismember(&now, SIGHUP));

	set = set_of(0, 0);
	CHECK_EQ(sigprocmask(SIG_SETMASK, &set, NULL), 0);
	now = current_mask();
	CHECK(!sigismember(&now, SIGUSR2));
}

static void blocked_stays_pending(void)
{
	sigset_t set = set_of(SIGUSR1, 0), p;

	install(SIGUSR1, on_usr1_plain, 0);
	usr1_count = 0;
	CHECK_EQ(sigprocmask(SIG_BLOCK, &set, NULL), 0);
	for (int i = 0; i < 3; i++)
		CHECK_EQ(raise(SIGUSR1), 0);
	CHECK_EQ(usr1_count, 0);
	p = pending();
	CHECK(sigismember(&p, SIGUSR1));
	CHECK(!sigismember(&p, SIGUSR2));
	CHECK_EQ(sigprocmask(SIG_UNBLOCK, &set, NULL), 0);
	CHECK_EQ(usr1_count, 1);
	p = pending();
	CHECK(!sigismember(&p, SIGUSR1));
}

static void mask_inside_handler(void)
{
	sigset_t before = set_of(SIGTERM, 0), after, p;

	install(SIGUSR1, on_usr1_checking, SIGUSR2);
	install(SIGUSR2, on_usr2, 0);
	install(SIGHUP, on_hup, 0);
	usr1_count = usr2_count = hup_count = 0;
	usr2_during_usr1 = 0;
	CHECK_EQ(sigprocmask(SIG_SETMASK, &before, NULL), 0);

	CHECK_EQ(raise(SIGUSR1), 0);
	CHECK_EQ(usr1_count, 1);
	CHECK_EQ(usr2_count, 1);		/* ran, after USR1 returned */
	CHECK_EQ(usr2_during_usr1, 0);
	CHECK(sigismember(&mask_in_handler, SIGUSR1));
	CHECK(sigismember(&mask_in_handler, SIGUSR2));
	CHECK(sigismember(&mask_in_handler, SIGTERM));
	CHECK(!sigismember(&mask_in_handler, SIGHUP));

	/* Exactly the old mask again: SIGHUP unblocked, SIGTERM blocked. */
	after = current_mask();
	CHECK(sigismember(&after, SIGTERM));
	CHECK(!sigismember(&after, SIGHUP));
	CHECK(!sigismember(&after, SIGUSR1));
	CHECK(!sigismember(&after, SIGUSR2));
	CHECK_EQ(raise(SIGHUP), 0);
	CHECK_EQ(hup_count, 1);
	p = pending();
	CHECK(!sigismember(&p, SIGUSR2));
	before = set_of(0, 0);
	CHECK_EQ(sigprocmask(SIG_SETMASK, &before, NULL), 0);
}

static void sigsuspend_pending(void)
{
	sigset_t block = set_of(SIGUSR1, 0), wait_mask = set_of(0, 0), now;

	install(SIGUSR1, on_usr1_plain, 0);
	usr1_count = 0;
	CHECK_EQ(sigprocmask(SIG_BLOCK, &block, NULL), 0);
	CHECK_EQ(raise(SIGUSR1), 0);
	CHECK_EQ(usr1_count, 0);
	CHECK_EQ(sigsuspend(&wait_mask), -1);
	CHECK_EQ(errno, EINTR);
	CHECK_EQ(usr1_count, 1);
	now = current_mask();
	CHECK(sigismember(&now, SIGUSR1));	/* old mask restored */
	CHECK_EQ(sigprocmask(SIG_UNBLOCK, &block, NULL), 0);
	CHECK_EQ(usr1_count, 1);
}

static void sigsuspend_from_child(void)
{
	sigset_t block = set_of(SIGUSR1, SIGUSR2), wait_mask = set_of(SIGUSR2, 0);
	sigset_t now, p;
	pid_t parent = getpid(), pid;

	install(SIGUSR1, on_usr1_plain, 0);
	install(SIGUSR2, on_usr2, 0);
	usr1_count = usr2_count = 0;
	CHECK_EQ(sigprocmask(SIG_BLOCK, &block, NULL), 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		sleep_ms(10);	/* parent most likely in sigsuspend by now */
		CHECK_EQ(kill(parent, SIGUSR2), 0);
		CHECK_EQ(kill(parent, SIGUSR1), 0);
		_exit(0);
	}
	while (usr1_count == 0) {
		CHECK_EQ(sigsuspend(&wait_mask), -1);
		CHECK_EQ(errno, EINTR);
	}
	CHECK_EQ(usr1_count, 1);
	CHECK_EQ(usr2_count, 0);
	now = current_mask();
	CHECK(sigismember(&now, SIGUSR1));
	CHECK(sigismember(&now, SIGUSR2));
	p = pending();
	CHECK(sigismember(&p, SIGUSR2));
	CHECK_EQ(wait_for_child(pid), 0);

	CHECK_EQ(sigprocmask(SIG_UNBLOCK, &block, NULL), 0);
	CHECK_EQ(usr2_count, 1);
	CHECK_EQ(usr1_count, 1);
}

int main(void)
{
	procmask_operations();
	blocked_stays_pending();
	mask_inside_handler();
	sigsuspend_pending();
	sigsuspend_from_child();
	return 0;
}
