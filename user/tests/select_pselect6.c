/*
 * select_pselect6 - the old select (82) and pselect6 (308), and the time
 * left that the select family and ppoll write back.
 *
 *  1. select(82) takes its five arguments through one pointer (struct
 *     sel_arg_struct): a pipe with data is readable (1, the bit stays
 *     set), an empty one times out at {0, 0} (0, the bit cleared); a bad
 *     pointer to the arguments is EFAULT, nfds -1 is EINVAL.
 *  2. pselect6 holds a signal mask while it waits, like ppoll: with
 *     SIGUSR1 blocked and pending, pselect with a mask that unblocks it
 *     runs the handler and fails with EINTR; afterwards SIGUSR1 is
 *     blocked again.  With a mask that keeps it blocked, pselect times
 *     out (0) and the signal stays pending.  A NULL mask changes nothing.
 *  3. pselect6's sixth argument {mask, size}: size 4 is EINVAL, a bad
 *     pointer EFAULT, a NULL pointer (or a NULL mask) means no mask.
 *  4. Interrupted by a handler, the raw pselect6 and ppoll calls write
 *     the time left into their timespec (Linux): more than 5 s of 10 s.
 *     A timeout in read-only memory is not an error: the call just
 *     cannot write the time back (ppoll of 10 ms returns 0).
 *
 * The signal is sent by the process itself while blocked, so it is
 * pending before the call starts: no ordering to hope for.
 */
#include <conduit/test.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/select.h>
#include <sys/syscall.h>

static volatile sig_atomic_t handled;
static int fds[2];
static const struct timespec read_only_10ms = { 0, 10000000 };

static void on_usr1(int sig)
{
	(void)sig;
	handled++;
}

static long old_select(long nfds, fd_set *r, struct timeval *tv)
{
	long args[5] = { nfds, (long)r, 0, 0, (long)tv };

	return syscall(SYS_select, args);
}

static void select_82(void)
{
	struct timeval tv = { 0, 0 };
	fd_set r;
	char c;

	FD_ZERO(&r);
	FD_SET(fds[0], &r);
	CHECK_EQ(old_select(fds[0] + 1, &r, &tv), 0);
	CHECK(!FD_ISSET(fds[0], &r));
	CHECK_EQ(write(fds[1], "x", 1), 1);
	FD_SET(fds[0], &r);
	tv.tv_sec = 5;
	CHECK_EQ(old_select(fds[0] + 1, &r, &tv), 1);
	CHECK(FD_ISSET(fds[0], &r));
	CHECK(tv.tv_sec <= 5 && tv.tv_sec >= 4);	/* time left written back */
	CHECK_EQ(read(fds[0], &c, 1), 1);
	errno = 0;
	CHECK_EQ(syscall(SYS_select, opaque_pointer(0xC0000000)), -1);
	CHECK_EQ(errno, EFAULT);
	CHECK_EQ(old_select(-1, NULL, &tv), -1);
	CHECK_EQ(errno, EINVAL);
}

static bool usr1_blocked(void)
{
	sigset_t now;

	CHECK_EQ(sigprocmask(SIG_BLOCK, NULL, &now), 0);
	return sigismember(&now, SIGUSR1);
}

static void pselect_mask(void)
{
	struct timespec ts = { 0, 10000000 };
	sigset_t unblock, keep, pending;
	fd_set r;

	CHECK_EQ(sigprocmask(SIG_BLOCK, NULL, &keep), 0);
	unblock = keep;
	sigdelset(&unblock, SIGUSR1);
	CHECK_EQ(kill(getpid(), SIGUSR1), 0);	/* pending, blocked */

	FD_ZERO(&r);
	FD_SET(fds[0], &r);
	CHECK_EQ(pselect(fds[0] + 1, &r, NULL, NULL, &ts, &keep), 0);
	CHECK_EQ(pselect(fds[0] + 1, &r, NULL, NULL, &ts, NULL), 0);
	CHECK_EQ(handled, 0);
	CHECK_EQ(sigpending(&pending), 0);
	CHECK(sigismember(&pending, SIGUSR1));

	FD_SET(fds[0], &r);
	errno = 0;
	CHECK_EQ(pselect(fds[0] + 1, &r, NULL, NULL, &ts, &unblock), -1);
	CHECK_EQ(errno, EINTR);
	CHECK_EQ(handled, 1);
	CHECK(usr1_blocked());
	CHECK_EQ(ts.tv_nsec, 10000000);		/* the C library's copy changed */
}

static void pselect_sigdata(void)
{
	struct timespec ts = { 0, 0 };
	sigset_t mask;
	struct { sigset_t *mask; size_t size; } data = { &mask, 4 };

	sigemptyset(&mask);
	errno = 0;
	CHECK_EQ(syscall(SYS_pselect6, 0, NULL, NULL, NULL, &ts, &data), -1);
	CHECK_EQ(errno, EINVAL);
	CHECK_EQ(syscall(SYS_pselect6, 0, NULL, NULL, NULL, &ts, opaque_pointer(1)), -1);
	CHECK_EQ(errno, EFAULT);
	CHECK_EQ(syscall(SYS_pselect6, 0, NULL, NULL, NULL, &ts, NULL), 0);
	data.mask = NULL;
	CHECK_EQ(syscall(SYS_pselect6, 0, NULL, NULL, NULL, &ts, &data), 0);
}

static void time_left_written_back(void)
{
	struct timespec ts = { 10, 0 };
	struct pollfd p = { fds[0], POLLIN, 0 };
	sigset_t unblock;
	struct { sigset_t *mask; size_t size; } data = { &unblock, 8 };
	fd_set r;

	CHECK_EQ(sigprocmask(SIG_BLOCK, NULL, &unblock), 0);
	sigdelset(&unblock, SIGUSR1);
	FD_ZERO(&r);
	FD_SET(fds[0], &r);
	CHECK_EQ(kill(getpid(), SIGUSR1), 0);
	CHECK_EQ(syscall(SYS_pselect6, fds[0] + 1, &r, NULL, NULL, &ts, &data), -1);
	CHECK_EQ(errno, EINTR);
	CHECK(ts.tv_sec >= 5 && (ts.tv_sec < 10 || (ts.tv_sec == 10 && ts.tv_nsec == 0)));

	ts.tv_sec = 10, ts.tv_nsec = 0;
	CHECK_EQ(kill(getpid(), SIGUSR1), 0);
	CHECK_EQ(syscall(SYS_ppoll, &p, 1, &ts, &unblock, 8), -1);
	CHECK_EQ(errno, EINTR);
	CHECK(ts.tv_sec >= 5 && (ts.tv_sec < 10 || (ts.tv_sec == 10 && ts.tv_nsec == 0)));
	CHECK_EQ(handled, 3);

	CHECK_EQ(syscall(SYS_ppoll, &p, 1, &read_only_10ms, NULL, 8), 0);
}

int main(void)
{
	struct sigaction sa;
	sigset_t usr1;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	CHECK_EQ(sigprocmask(SIG_BLOCK, &usr1, NULL), 0);
	CHECK_EQ(pipe(fds), 0);

	select_82();
	pselect_mask();
	pselect_sigdata();
	time_left_written_back();
	return 0;
}
