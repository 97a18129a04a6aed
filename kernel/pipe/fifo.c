/*
 * fifo.c - named pipes (FIFOs): a node in the file tree with a pipe
 * behind it while any process has it open.
 *
 * The node (struct inode) and its pipe point at each other (inode->fifo,
 * p->fifo) while the FIFO is open anywhere; the first open makes the
 * pipe, the last close frees it (pipe.c, pipe_release), and with it any
 * bytes left.  Both links are pipes_lock's, and a pipe's death is decided
 * under it, so an open never finds a pipe that is being freed.
 *
 * Sleeping: an open that must wait for its partner (a reader for a
 * writer, or the reverse) sleeps on the pipe's rd_wait or wr_wait under
 * the pipe's lock (wq_sleep_locked), until the partner's open count moves
 * past the value it had when this open's own end was made - noted in that
 * same critical section, because a partner may open and close again in
 * the instant between it and the wait (a lost rendezvous otherwise:
 * user/tests/smp_fifo_open_close.c).  pipe_open_end wakes both queues.
 * Entry point: fifo_open (sys_fs.c).
 * Errors: ENXIO (a non-blocking writer with no reader), ENOMEM, ENFILE,
 * and -ERESTARTSYS when a signal ends the wait (the open is undone).
 */
#include "pipe/pipe.h"
#include "pipe/pipe_impl.h"
#include "fs/file.h"
#include "fs/fs.h"
#include "lib/errno.h"

/*
 * What an open that must wait for its partner waits for: the partner's
 * open count (p->w_opens for a reader, r_opens for a writer) to move past
 * `seen`, its value when our own end was opened, sleeping on our side's
 * queue (rd_wait for a reader, wr_wait for a writer).
 */
struct fifo_rendezvous {
	bool wait;		/* no partner was there when we opened */
	struct wait_queue *wq;
	const uint32_t *opens;
	uint32_t seen;
};

/* Wait in open() until the partner has opened; 0 or -ERESTARTSYS.
 * p->lock held. */
static int fifo_wait_partner(struct pipe *p, const struct fifo_rendezvous *rv)
{
	int err = 0;

	while (*rv->opens == rv->seen && !err)	/* until the partner's open */
		err = wq_sleep_locked(rv->wq, &p->lock, WAIT_INTERRUPTIBLE,
				      WAIT_NO_DEADLINE);
	return err;
}

/* The pipe behind FIFO ino, made if it has none; NULL if out of memory. */
static struct pipe *fifo_pipe(struct inode *ino)
{
	struct pipe *p;

	spin_lock(&pipes_lock);		/* guards ino->fifo */
	p = ino->fifo ? ino->fifo : pipe_alloc();
	if (p) {
		p->fifo = ino;
		ino->fifo = p;
	}
	return p;			/* with pipes_lock held */
}

/*
 * Open end `flags` of FIFO pipe p; pipes_lock held, let go of here.  The
 * rendezvous is noted in the same critical section as the open itself:
 * a partner that opens (and perhaps closes again) the moment we let go
 * of the lock must still count as come, so `seen` may not be read later.
 */
static int fifo_open_end(struct pipe *p, struct inode *ino, uint32_t flags,
			 struct file **out, struct fifo_rendezvous *rv)
{
	uint32_t mode = flags & O_ACCMODE;
	bool reader = mode == O_RDONLY;
	struct file *f = NULL;
	int err = 0;

	spin_lock(&p->lock);
	if (mode == O_WRONLY && (flags & O_NONBLOCK) && p->readers == 0)
		err = -ENXIO;
	else if (!(f = pipe_open_end(p, flags)))
		err = file_alloc_error();
	else if (reader && (flags & O_NONBLOCK) && p->writers == 0)
		f->version = p->w_opens;  /* no POLLHUP until a writer came (pipe_poll) */
	rv->wait = f && mode != O_RDWR && !(flags & O_NONBLOCK) &&
		   (reader ? p->writers : p->readers) == 0;
	rv->wq = reader ? &p->rd_wait : &p->wr_wait;
	rv->opens = reader ? &p->w_opens : &p->r_opens;
	rv->seen = *rv->opens;
	spin_unlock(&p->lock);
	if (err)
		pipe_free_if_unused(p);
	spin_unlock(&pipes_lock);
	if (f)
		f->inode = inode_get(ino);
	*out = f;
	return err;
}

/*
 * Open a FIFO, following POSIX and Linux: O_RDONLY waits for a writer,
 * O_WRONLY for a reader (the open that completes the pair wakes the
 * other); O_RDONLY|O_NONBLOCK succeeds at once; O_WRONLY|O_NONBLOCK with
 * no reader fails ENXIO; O_RDWR never waits.  While a FIFO is open
 * anywhere there is exactly one pipe behind it.  Waiting for the partner's
 * open *count* to change, not for the partner to be there, means a partner
 * that opens and closes again at once still completes the rendezvous.
 * The open end we hold keeps the pipe alive while we wait.
 */
int fifo_open(struct inode *ino, uint32_t flags, struct file **out)
{
	struct pipe *p = fifo_pipe(ino);
	struct fifo_rendezvous rv;
	struct file *f;
	int err;

	if (!p) {
		spin_unlock(&pipes_lock);
		return -ENOMEM;
	}
	if ((err = fifo_open_end(p, ino, flags, &f, &rv)))
		return err;
	spin_lock(&p->lock);
	if (rv.wait)
		err = fifo_wait_partner(p, &rv);
	spin_unlock(&p->lock);
	if (err) {
		file_put(f);		/* interrupted: undo the open */
		return err;
	}
	*out = f;
	return 0;
}
