/*
 * poll.h - waiting for any of several files to become ready (poll.c).
 */
#ifndef KERNEL_POLL_H
#define KERNEL_POLL_H

#include "proc/wait.h"

#define POLLIN 0x001
#define POLLPRI 0x002
#define POLLOUT 0x004
#define POLLERR 0x008
#define POLLHUP 0x010
#define POLLNVAL 0x020
#define POLLRDNORM 0x040
#define POLLWRNORM 0x100

/*
 * The queues one poll() call sleeps on.  A file's poll operation calls
 * poll_wait() for each queue whose wakeups can change its readiness; the
 * table is NULL on re-checks, when the waiters are already in place.
 */
#define POLL_TABLE_PAGES 2	/* room for 2 queues per descriptor, FD_MAX of them */

struct poll_table {
	struct waiter *page[POLL_TABLE_PAGES];	/* the waiters, a page at a time */
	uint32_t n;				/* waiters in use */
};

void poll_wait(struct poll_table *pt, struct wait_queue *wq);

#endif
