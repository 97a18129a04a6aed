/*
 * pselect.c - pselect(), through the pselect6 system call.
 *
 * pselect6's sixth argument points at a pair { const sigset_t *mask;
 * size_t size; }, since a system call has only six registers.  The kernel
 * writes the time left into the timeout it is given (so that a restart
 * after a stop waits only the rest), but POSIX's pselect leaves *timeout
 * alone: like glibc, we hand the kernel a copy.
 */
#include <sys/select.h>
#include "syscall_internal.h"

int pselect(int nfds, fd_set *readfds, fd_set *writefds, fd_set *exceptfds,
	    const struct timespec *timeout, const sigset_t *sigmask)
{
	struct timespec left;
	struct {
		const sigset_t *mask;
		size_t size;
	} sigdata = { sigmask, sizeof(sigset_t) };

	if (timeout)
		left = *timeout;
	return __syscall_ret(__syscall6(SYS_pselect6, nfds, (long)readfds,
					(long)writefds, (long)exceptfds,
					timeout ? (long)&left : 0,
					(long)&sigdata));
}
