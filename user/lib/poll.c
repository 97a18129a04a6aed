/*
 * poll.c - waiting for file descriptors to become ready: poll() and
 * select() (the "_newselect" system call, which takes a struct timeval).
 */
#include <poll.h>
#include <sys/select.h>
#include "syscall_internal.h"

int poll(struct pollfd *fds, nfds_t nfds, int timeout_ms)
{
	return __syscall_ret(__syscall3(SYS_poll, (long)fds, (long)nfds,
					timeout_ms));
}

int select(int nfds, fd_set *readfds, fd_set *writefds, fd_set *exceptfds,
	   struct timeval *timeout)
{
	return __syscall_ret(__syscall5(SYS__newselect, nfds, (long)readfds,
					(long)writefds, (long)exceptfds,
					(long)timeout));
}
