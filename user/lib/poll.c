/*
 * poll.c - waiting for file descriptors to become ready: poll(), ppoll()
 * and select() (the "_newselect" system call, which takes a struct
 * timeval).
 */
#include <poll.h>
#include <signal.h>
#include <time.h>
#include <sys/select.h>
#include "syscall_internal.h"

int poll(struct pollfd *fds, nfds_t nfds, int timeout_ms)
{
	return __syscall_ret(__syscall3(SYS_poll, (long)fds, (long)nfds,
					timeout_ms));
}

/*
 * The kernel writes the time left back into the timeout; like glibc we
 * hand it a copy, so the caller's timeout is never changed.  The mask
 * size is that of the kernel's sigset_t (64 signals, 8 bytes).
 */
int ppoll(struct pollfd *fds, nfds_t nfds, const struct timespec *timeout,
	  const sigset_t *mask)
{
	struct timespec copy;
	struct timespec *t = NULL;

	if (timeout) {
		copy = *timeout;
		t = &copy;
	}
	return __syscall_ret(__syscall5(SYS_ppoll, (long)fds, (long)nfds,
					(long)t, (long)mask, sizeof(sigset_t)));
}

int select(int nfds, fd_set *readfds, fd_set *writefds, fd_set *exceptfds,
	   struct timeval *timeout)
{
	return __syscall_ret(__syscall5(SYS__newselect, nfds, (long)readfds,
					(long)writefds, (long)exceptfds,
					(long)timeout));
}
