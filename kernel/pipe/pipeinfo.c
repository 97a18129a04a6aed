/*
 * pipeinfo.c - a pipe's capacity (F_GETPIPE_SZ, F_SETPIPE_SZ, and the
 * ceiling /proc/sys/fs/pipe-max-size) and the table /proc/pipes.
 *
 * The rules for the size are Linux's, and pipe.c's header gives them:
 * a power-of-two number of pages; EINVAL above 2^31, EPERM past
 * pipe-max-size, EBUSY below what the pipe holds, ENOMEM past
 * RING_MAX_PAGES.  A resize happens under the pipe's lock and wakes the
 * writers (there may be room now).  /proc/pipes walks the list of pipes
 * under pipes_lock, so none is freed while it looks, and each pipe under
 * its own lock, for one consistent line: PIPE USED SIZE READERS WRITERS
 * RWAIT WWAIT (the pids asleep on each queue).
 */
#include "pipe/pipe.h"
#include "pipe/pipe_impl.h"
#include "fs/procfs.h"
#include "lib/errno.h"
#include "lib/lib.h"
#include "mm/pmm.h"
#include "proc/proc.h"

/* Lock-free read: one word, which F_SETPIPE_SZ changes in one store. */
uint32_t pipe_capacity(const struct pipe *p)
{
	return ring_size(&p->ring);
}

/* ---- the capacity: F_SETPIPE_SZ and /proc/sys/fs/pipe-max-size ---- */

/* Linux's round_pipe_size: a power-of-two number of pages; 0 if too big. */
static uint32_t pipe_round_size(uint32_t size)
{
	uint32_t bytes = PAGE_SIZE;

	if (size > 0x80000000u)
		return 0;
	while (bytes < size)
		bytes *= 2;
	return bytes;
}

/* F_SETPIPE_SZ's checks and the resize, p->lock held. */
static long pipe_set_size_locked(struct pipe *p, uint32_t bytes)
{
	uint32_t nr_pages = bytes / PAGE_SIZE;
	int err;

	if (nr_pages > p->ring.nr_pages && bytes > pipe_max_size)
		return -EPERM;
	if (nr_pages > RING_MAX_PAGES)
		return -ENOMEM;
	if (ring_used(&p->ring) > bytes || ring_packets(&p->ring) > nr_pages)
		return -EBUSY;
	if (nr_pages != p->ring.nr_pages &&
	    (err = ring_resize(&p->ring, nr_pages)))
		return err;
	wq_wake_all(&p->wr_wait);	/* writers and pollers: maybe room now */
	return bytes;
}

/* fcntl(F_SETPIPE_SZ): the capacity chosen, or -errno (see the header). */
long pipe_set_size(struct pipe *p, uint32_t size)
{
	uint32_t bytes = pipe_round_size(size);
	long ret;

	if (bytes == 0)
		return -EINVAL;
	spin_lock(&p->lock);
	ret = pipe_set_size_locked(p, bytes);
	spin_unlock(&p->lock);
	return ret;
}

void pipe_max_size_report(struct sbuf *b)
{
	sbuf_printf(b, "%u\n", pipe_max_size);
}

/* A number, rounded as F_SETPIPE_SZ rounds; EINVAL above 2^31, as Linux. */
int pipe_max_size_write(const char *text)
{
	uint32_t size;
	int err = procfs_parse_u32(text, &size);

	if (err)
		return err;
	if (!(size = pipe_round_size(size)))
		return -EINVAL;
	pipe_max_size = size;
	return 0;
}

/* ---- /proc/pipes ---- */

/*
 * The pids waiting on wq.  p->lock held, which is enough: a waiter joins
 * or leaves a pipe's queue only while it holds the pipe's lock, except in
 * wq_sleep_locked's last step, wq_remove, whose waiter is alive until it
 * has taken the lock again.
 */
static void report_waiters(struct sbuf *b, const struct wait_queue *wq)
{
	const struct list_head *pos;

	if (list_empty(&wq->waiters))
		sbuf_printf(b, " -");
	for (pos = wq->waiters.next; pos != &wq->waiters; pos = pos->next)
		sbuf_printf(b, "%s%d", pos == wq->waiters.next ? " " : ",",
			    list_entry(pos, struct waiter, link)->proc->pid);
}

void pipe_report(struct sbuf *b)
{
	struct list_head *pos;

	sbuf_printf(b, "PIPE USED SIZE READERS WRITERS RWAIT WWAIT\n");
	spin_lock(&pipes_lock);		/* no pipe is freed while we look */
	for (pos = all_pipes.next; pos != &all_pipes; pos = pos->next) {
		struct pipe *p = list_entry(pos, struct pipe, all_link);
		spin_lock(&p->lock);
		sbuf_printf(b, "%u %u %u %u %u", p->ino, ring_used(&p->ring),
			    ring_size(&p->ring), p->readers, p->writers);
		report_waiters(b, &p->rd_wait);
		report_waiters(b, &p->wr_wait);
		sbuf_printf(b, "\n");
		spin_unlock(&p->lock);
	}
	spin_unlock(&pipes_lock);
}

