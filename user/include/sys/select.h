/*
 * sys/select.h - select(), pselect() and the fd_set bitmap they work on.
 * An fd_set holds FD_SETSIZE bits, 32 per unsigned long.
 */
#ifndef _SYS_SELECT_H
#define _SYS_SELECT_H

#include <signal.h>		/* sigset_t */
#include <time.h>		/* struct timespec */
#include <sys/time.h>		/* struct timeval */

#define FD_SETSIZE 1024
#define NFDBITS 32		/* bits per fds_bits[] word */

typedef struct {
	unsigned long fds_bits[FD_SETSIZE / NFDBITS];
} fd_set;

#define FD_ZERO(set) \
	do { \
		for (int fd_zero_i = 0; fd_zero_i < FD_SETSIZE / NFDBITS; fd_zero_i++) \
			(set)->fds_bits[fd_zero_i] = 0; \
	} while (0)
#define FD_SET(fd, set) ((set)->fds_bits[(fd) / NFDBITS] |= 1UL << ((fd) % NFDBITS))
#define FD_CLR(fd, set) ((set)->fds_bits[(fd) / NFDBITS] &= ~(1UL << ((fd) % NFDBITS)))
#define FD_ISSET(fd, set) (((set)->fds_bits[(fd) / NFDBITS] & (1UL << ((fd) % NFDBITS))) != 0)

int select(int nfds, fd_set *readfds, fd_set *writefds, fd_set *exceptfds,
	   struct timeval *timeout);
/* select with a timespec, and `sigmask` (if not NULL) as the signal mask
 * while it waits; *timeout is left as it was. */
int pselect(int nfds, fd_set *readfds, fd_set *writefds, fd_set *exceptfds,
	    const struct timespec *timeout, const sigset_t *sigmask);

#endif
