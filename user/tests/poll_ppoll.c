/*
 * poll_ppoll - ppoll(2): poll with a struct timespec timeout and a signal
 * mask that holds only while it waits.  Called through syscall(), with
 * the kernel's 8-byte signal mask (bit sig-1 for signal sig).
 *
 *  1. Timeouts: NULL waits (here: data is already there, returns 1);
 *     {0, 0} only looks; {0, 100 ms} returns 0 after at least 90 ms;
 *     tv_nsec >= 10^9 or a negative tv_sec is EINVAL; a mask size other
 *     than 8 is EINVAL.
 *  2. The mask is installed atomically for the wait: SIGUSR1 is blocked
 *     and pending (raised while blocked); ppoll with an empty mask and no
 *     timeout returns -1/EINTR at once with the handler run exactly once,
 *     and afterwards SIGUSR1 is blocked again.  (With sigprocmask + poll
 *     instead, the signal would be handled before poll and poll would
 *     sleep forever: the race ppoll exists to close.)
 *  3. A mask that blocks SIGUSR1 keeps it from interrupting: a child sends
 *     SIGUSR1 while the parent is in ppoll(300 ms) with SIGUSR1 masked;
 *     ppoll times out with 0, and the signal is handled once ppoll has
 *     restored the normal mask.
 *
 * Synchronisation: in 3 the child waits for a byte from the parent and
 * then 30 ms (the parent is probably in ppoll by then); if the signal
 * comes before or after the ppoll instead, it is simply handled there,
 * ppoll still returns 0, and the test stays correct.
 */
#include <conduit/test.h>
#include <poll.h>
#include <signal.h>
#include <sys/syscall.h>

#define KMASK(sig) (1ULL << ((sig) - 1))

static volatile sig_atomic_t handled;

static void on_usr1(int sig)
{
	(void)sig;
	handled++;
}

static long now_ms(void)
{
	struct timespec t;

	CHECK_EQ(clock_gettime(CLOCK_MONOTONIC, &t), 0);
	return (long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static int my_ppoll(struct pollfd *fds, unsigned long n,
		    const struct timespec *ts, const unsigned long long *mask,
		    unsigned long mask_size)
{
	return (int)syscall(SYS_ppoll, fds, n, ts, mask, mask_size);
}

static void timeouts(int fds[2])
{
	struct pollfd p = { fds[0], POLLIN, 0 };
	struct timespec zero = { 0, 0 }, t100 = { 0, 100000000L };
	struct timespec bad_nsec = { 0, 1000000000L }, bad_sec = { -1, 0 };
	unsigned long long empty = 0;
	long start;
	char c;

	CHECK_EQ(my_ppoll(&p, 1, &zero, NULL, 0), 0);
	CHECK_EQ(p.revents, 0);
	start = now_ms();
	CHECK_EQ(my_ppoll(&p, 1, &t100, NULL, 0), 0);
	CHECK(now_ms() - start >= 90);
	/* Linux writes the time left back into the timespec (glibc's
	 * ppoll() hides that with a copy): use a fresh one. */
	t100.tv_sec = 0, t100.tv_nsec = 100000000L;
	start = now_ms();
	CHECK_EQ(my_ppoll(NULL, 0, &t100, &empty, 8), 0);
	CHECK(now_ms() - start >= 90);

	errno = 0;
	CHECK_EQ(my_ppoll(&p, 1, &bad_nsec, NULL, 0), -1);
	CHECK_EQ(errno, EINVAL);
	errno = 0;
	CHECK_EQ(my_ppoll(&p, 1, &bad_sec, NULL, 0), -1);
	CHECK_EQ(errno, EINVAL);
	errno = 0;
	zero.tv_sec = 0, zero.tv_nsec = 0;
	CHECK_EQ(my_ppoll(&p, 1, &zero, &empty, 4), -1);
	CHECK_EQ(errno, EINVAL);

	CHECK_EQ(write(fds[1], "x", 1), 1);
	CHECK_EQ(my_ppoll(&p, 1, NULL, NULL, 0), 1);
	CHECK_EQ(p.revents, POLLIN);
	CHECK_EQ(my_ppoll(&p, 1, NULL, &empty, 8), 1);
	CHECK_EQ(read(fds[0], &c, 1), 1);
}

static void mask_opens_for_the_wait(int fds[2])
{
	struct pollfd p = { fds[0], POLLIN, 0 };
	unsigned long long empty = 0;
	sigset_t block, now;

	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	CHECK_EQ(sigprocmask(SIG_BLOCK, &block, NULL), 0);
	handled = 0;
	CHECK_EQ(raise(SIGUSR1), 0);
	CHECK_EQ(handled, 0);

	errno = 0;
	CHECK_EQ(my_ppoll(&p, 1, NULL, &empty, 8), -1);
	CHECK_EQ(errno, EINTR);
	CHECK_EQ(handled, 1);
	CHECK_EQ(sigprocmask(SIG_BLOCK, NULL, &now), 0);
	CHECK(sigismember(&now, SIGUSR1));
	CHECK_EQ(sigprocmask(SIG_UNBLOCK, &block, NULL), 0);
	CHECK_EQ(handled, 1);
}

static void mask_closes_for_the_wait(int fds[2])
{
	struct pollfd p = { fds[0], POLLIN, 0 };
	struct timespec t300 = { 0, 300000000L };
	unsigned long long usr1 = KMASK(SIGUSR1);
	int go[2];
	pid_t parent = getpid(), pid;
	char c;

	CHECK_EQ(pipe(go), 0);
	handled = 0;
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		CHECK_EQ(read(go[0], &c, 1), 1);
		sleep_ms(30);	/* the parent is probably in ppoll by now */
		CHECK_EQ(kill(parent, SIGUSR1), 0);
		_exit(0);
	}
	CHECK_EQ(write(go[1], "g", 1), 1);
	CHECK_EQ(my_ppoll(&p, 1, &t300, &usr1, 8), 0);
	CHECK_EQ(wait_for_child(pid), 0);
	CHECK_EQ(handled, 1);	/* unmasked again: delivered by now */
	CHECK_EQ(close(go[0]), 0);
	CHECK_EQ(close(go[1]), 0);
}

int main(void)
{
	struct sigaction sa;
	int fds[2];

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_usr1;
	sa.sa_flags = SA_RESTART;	/* ppoll is never restarted anyway */
	sigemptyset(&sa.sa_mask);
	CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
	CHECK_EQ(pipe(fds), 0);

	timeouts(fds);
	mask_opens_for_the_wait(fds);
	mask_closes_for_the_wait(fds);

	CHECK_EQ(close(fds[0]), 0);
	CHECK_EQ(close(fds[1]), 0);
	return 0;
}
