/*
 * poll.h - waiting for events on several file descriptors: poll() and
 * ppoll().
 */
#ifndef _POLL_H
#define _POLL_H

#include <signal.h>		/* sigset_t, for ppoll */
#include <time.h>		/* struct timespec, for ppoll */

#define POLLIN 0x0001		/* there is data to read */
#define POLLPRI 0x0002		/* there is urgent data */
#define POLLOUT 0x0004		/* writing will not block */
#define POLLERR 0x0008		/* error (output only) */
#define POLLHUP 0x0010		/* hung up (output only) */
#define POLLNVAL 0x0020		/* fd is not open (output only) */
#define POLLRDNORM 0x0040
#define POLLRDBAND 0x0080
#define POLLWRNORM 0x0100
#define POLLWRBAND 0x0200
#define POLLMSG 0x0400
#define POLLRDHUP 0x2000

typedef unsigned long nfds_t;

struct pollfd {
	int fd;			/* file descriptor to watch, or < 0 to skip */
	short events;		/* what we are interested in */
	short revents;		/* what happened (set by the kernel) */
};

int poll(struct pollfd *fds, nfds_t nfds, int timeout_ms);

/*
 * poll with a struct timespec timeout (NULL: wait forever) and a signal
 * mask that is in force only while it waits (NULL: keep the mask).
 * *timeout is left unchanged.
 */
int ppoll(struct pollfd *fds, nfds_t nfds, const struct timespec *timeout,
	  const sigset_t *mask);

#endif
