/*
 * poll.h - waiting for events on several file descriptors.
 */
#ifndef _POLL_H
#define _POLL_H

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

#endif
