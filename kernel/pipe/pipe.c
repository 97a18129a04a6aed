/*
 * pipe.c - pipes: a FIFO of bytes in a kernel ring buffer, with a read end
 * and a write end, and exactly the semantics of a Unix pipe.  The policy
 * lives here: who may copy how much, and when to sleep and whom to wake.
 * Beside it: ring.c (the bytes), fifo.c (opening named pipes),
 * pipeinfo.c (the capacity and /proc/pipes), pipe_impl.h (struct pipe).
 *
 * The ring (ring.c: the mechanism).  A pipe holds up to ring_size bytes,
 * in pages allocated the first time a write reaches them.  `head` counts
 * every byte ever written and `tail` every byte ever read; both run
 * freely and wrap around 2^32.  Invariant:  0 <= head - tail <= ring_size.
 * Only writers move head and only readers move tail.  The ring functions
 * (ring_*) only copy and count; they know nothing of blocking, EOF or
 * signals.
 *
 * The capacity.  A new pipe has 16 pages (64 KiB), or fewer if
 * /proc/sys/fs/pipe-max-size is smaller.  F_SETPIPE_SZ (pipe_set_size)
 * changes it, by Linux's rules (fs/pipe.c): the request is rounded up to
 * a power-of-two number of pages, at least one; above 2^31 it is EINVAL;
 * growing past pipe-max-size is EPERM; a size too small for the bytes
 * held (or for the packets, one a page) is EBUSY.  Linux lets a process with CAP_SYS_RESOURCE pass
 * pipe-max-size; Conduit has no capabilities, so its processes (all uid
 * 0) are held to it, like root in a container without that capability.
 * Above RING_MAX_PAGES (4 MiB) the ring's arrays would not fit in a page:
 * ENOMEM, which is what Linux says when it cannot allocate its slots.
 * The power of two keeps the invariant above true across the wrap at 2^32
 * (ring.c shows why).  Growing wakes the writers and pollers on wr_wait.
 *
 * Packet mode (pipe2 with O_DIRECT, or F_SETFL; Linux 3.4).  A write
 * through a file with O_DIRECT goes in as packets of at most PIPE_BUF
 * bytes, each waited for whole (the ring records where each ends); a read
 * returns at most one packet, and if its buffer is smaller, the rest of
 * that packet is discarded.  Bytes written without O_DIRECT while packets
 * wait become the front of the next packet written, or are read as a
 * plain stream once the packets before them are gone.  (Linux differs there in detail: it merges a small packet into
 * a preceding page of plain bytes.)  A pipe holds at most one packet per
 * page, as on Linux, so packet writers also wait for a free packet slot.
 *
 * The ends.  `readers` and `writers` count the open-file objects (struct
 * file) on each end, not descriptors: dup() and fork() share a file, and
 * only the release of a file's last reference (file.c) changes a count.
 * So fork, dup, close, exit and exec keep the counts exact for free.
 *
 * Sleeping.  Each blocking call is a loop around a predicate (wait.c
 * shows the shape).  Who sleeps where, and who wakes them:
 *   rd_wait: readers, until pipe_readable() (data, or no writer left);
 *            FIFO readers in open(), until a writer opens.
 *            Woken by a write that added bytes, by the last writer's
 *            close, and by an open of the write end.
 *   wr_wait: writers, until pipe_writable() (room for what they need, or
 *            no reader left); FIFO writers in open(), until a reader opens.
 *            Woken by a read that made room, by a resize, by the last
 *            reader's close, and by an open of the read end.
 *   poll() and select() put their callers on the same two queues
 *   (pipe_poll), so every one of those wakeups reaches them too.
 *
 * Locks.  Each pipe has a spinlock (class PIPE) that guards everything in
 * it: the ring and both counters, the reader/writer counts, the direct-copy
 * notes.  A reader or writer holds it from its first look at the pipe to
 * its return, copies included (the copies look pages up in software and
 * never sleep, vm.c), so a write of up to PIPE_BUF bytes goes in as one
 * piece even with writers on other CPUs, and a read takes bytes no other
 * reader takes.  A sleeper checks its predicate under the lock and lets
 * go of it only as it goes to sleep (wq_sleep_locked), and every waker
 * changes the pipe under the same lock, so no wake-up falls between the
 * check and the sleep (wait.c draws the race).  The big-write yield lets
 * go of the lock around schedule().  pipes_lock (class PIPES, ranked
 * before PIPE) guards the list of all pipes, nr_pipes, the FIFO links
 * (inode->fifo, p->fifo) and a pipe's death: the last close decides under
 * both that the pipe is dead, so a FIFO open can never find a pipe that
 * is being freed.  pipe_max_size is a plain word: a lock-free read sees
 * the old or the new size.
 *
 * The fast path.  A reader that has to sleep on an empty pipe leaves a
 * note (struct pipe_reader) with its buffer; the next writer copies
 * straight from its buffer into the reader's, without the ring
 * (pipe_write_direct).  Only when the ring is empty, so order is kept;
 * a packet delivered so counts as written in full, as a read of it would
 * have discarded what did not fit.  A writer with more than PIPE_BUF left
 * to write whose reader has not yet collected the last delivery yields
 * the CPU once, so the reader can come back for more instead of the rest
 * taking the two-copy way through the ring.
 *
 * The rules (POSIX, and Linux where POSIX leaves a choice):
 *   read   - data present: returns min(available, requested) at once (in
 *            packet mode, of the oldest packet); empty with a writer:
 *            sleeps until at least one byte (or EAGAIN with O_NONBLOCK);
 *            empty with no writer: 0 (end of file).
 *   write  - n <= PIPE_BUF is atomic: it waits until all n bytes fit and
 *            goes in as one piece (so 4096 bytes into a 4096-byte pipe
 *            that holds 1 byte wait for the reader); so does a writev of
 *            n bytes in all (pipe_writev; a larger one is a write per
 *            buffer).  Larger writes go in as room appears and complete
 *            in full unless a signal or a broken pipe stops them, which
 *            returns the count already written.  O_NONBLOCK: small
 *            writes all or EAGAIN; large ones what fits (whole packets,
 *            in packet mode).
 *   broken - writing with no reader sends SIGPIPE to the writer and fails
 *            with EPIPE (the signal's default action kills the writer
 *            before it sees EPIPE).  A writer that had written some bytes
 *            returns that count instead, as Linux does.
 *   faults - a bad user buffer gives EFAULT; read consumes nothing it could
 *            not deliver (but a packet it delivered part of is gone),
 *            write makes visible only what it returns.
 * An interrupted sleep returns -ERESTARTSYS when nothing was transferred
 * (signal.c turns that into EINTR or a restart) and the count otherwise.
 */
#include "pipe/pipe.h"
#include "pipe/ring.h"
#include "pipe/pipe_impl.h"
#include "lib/panic.h"
#include "lib/errno.h"
#include "fs/file.h"
#include "fs/fs.h"
#include "mm/kmalloc.h"
#include "lib/lib.h"
#include "mm/pmm.h"
#include "fs/poll.h"
#include "fs/procfs.h"
#include "proc/proc.h"
#include "syscall/syscall.h"
#include "mm/vm.h"
#include "proc/wait.h"

#define PIPE_DEF_PAGES 16	/* a new pipe: 64 KiB, as on Linux */
#define FIONREAD 0x541B

/*
 * A reader asleep on an empty pipe offers its buffer: a writer that finds
 * it copies straight from its own buffer into the reader's, one copy
 * instead of two (into the ring and out again).  One reader at a time
 * offers; a delivery ends the offer, since a read returns what it got.
 */
struct pipe_reader {
	struct pipe *pipe;
	struct mm *mm;			/* the reader's address space */
	uaddr_t buf;
	uint32_t want;			/* bytes it asked for */
	uint32_t got;			/* bytes a writer delivered */
};

static const struct file_ops pipe_read_ops, pipe_write_ops, pipe_rdwr_ops;
SPINLOCK(pipes_lock, LOCK_PIPES);
static uint32_t pipe_next_ino = 1;	/* pipes_lock */
struct list_head all_pipes = { &all_pipes, &all_pipes };	/* pipes_lock */
uint32_t nr_pipes;		/* pipes_lock; for /proc/meminfo */
uint32_t pipe_max_size = 1048576;  /* /proc/sys/fs/pipe-max-size */

/* ---- blocking conditions, shared by the wait loops and poll ---- */

/* Data to read, or end of file to report: a read need not wait. */
static bool pipe_readable(const struct pipe *p)
{
	return ring_used(&p->ring) > 0 || p->writers == 0;
}

/* Room for `need` bytes, and for a packet a free packet slot. */
static bool pipe_has_room(const struct pipe *p, uint32_t need, bool packet)
{
	return ring_room(&p->ring) >= need &&
	       (!packet || ring_packets(&p->ring) < p->ring.nr_pages);
}

/* Room for what a write needs, or a broken pipe to report: need not wait. */
static bool pipe_writable(const struct pipe *p, uint32_t need, bool packet)
{
	return pipe_has_room(p, need, packet) || p->readers == 0;
}

/* ---- policy: reading, writing, closing ---- */

/* Sleep until there is something to read; returns a direct delivery's size. */
static ssize_t pipe_read_wait(struct pipe *p, uaddr_t buf, size_t n)
{
	struct pipe_reader me = { p, current->mm, buf, n, 0 };
	int err = 0;

	if (!p->reader)
		p->reader = &me;	/* offer our buffer to the next writer */
	while (!me.got && !pipe_readable(p) && !err)	/* until data or EOF */
		err = wq_sleep_locked(&p->rd_wait, &p->lock, WAIT_INTERRUPTIBLE,
				      WAIT_NO_DEADLINE);
	if (p->reader == &me)
		p->reader = NULL;
	if (p->delivered == &me)
		p->delivered = NULL;
	if (me.got)
		vm_tlb_sync(current->mm);	/* the writer may have changed our tables */
	return me.got ? (ssize_t)me.got : err;	/* data, even if a signal came too */
}

/* read(2) on a pipe, p->lock held. */
static ssize_t pipe_read_locked(struct file *f, struct pipe *p, uaddr_t buf,
				size_t n)
{
	ssize_t got;

	if (!pipe_readable(p)) {
		if (f->flags & O_NONBLOCK)
			return -EAGAIN;
		got = pipe_read_wait(p, buf, n);
		if (got)
			return got;
	}
	if (ring_used(&p->ring) == 0)
		return 0;		/* no writer left: end of file */
	got = ring_copy_out(&p->ring, buf, min_u32(n, ring_readable(&p->ring)));
	if (got > 0 && ring_packets(&p->ring) > 0)
		ring_drop_packet(&p->ring);	/* one packet a read, cut to fit */
	if (got > 0)
		wq_wake_all(&p->wr_wait);	/* there is room now */
	return got;
}

static ssize_t pipe_read(struct file *f, uaddr_t buf, size_t n)
{
	struct pipe *p = f->priv;
	ssize_t got;

	if (n == 0)
		return 0;
	spin_lock(&p->lock);
	got = pipe_read_locked(f, p, buf, n);
	spin_unlock(&p->lock);
	return got;
}

/* Wait until pipe_writable(p, need, packet); 0, or -EAGAIN / -ERESTARTSYS. */
static int pipe_wait_room(struct file *f, struct pipe *p, uint32_t need,
			  bool packet)
{
	int err;

	while (!pipe_writable(p, need, packet)) {
		if (f->flags & O_NONBLOCK)
			return -EAGAIN;
		err = wq_sleep_locked(&p->wr_wait, &p->lock, WAIT_INTERRUPTIBLE,
				      WAIT_NO_DEADLINE);	/* until room */
		if (err)
			return err;
	}
	return 0;
}

/*
 * Copy straight into the waiting reader's buffer (the ring is empty, so
 * the order of bytes is kept).  Returns the bytes delivered - for a
 * packet, all n of it, though the reader gets only what fits - or 0 if
 * the copy failed, in which case the write goes on through the ring and
 * the bad buffer is reported to whoever owns it.
 */
static ssize_t pipe_write_direct(struct pipe *p, uaddr_t buf, uint32_t n,
				 bool packet)
{
	struct pipe_reader *r = p->reader;
	uint32_t len = min_u32(n, r->want);

	p->reader = NULL;
	if (vm_copy_between(r->mm, r->buf, current->mm, buf, len))
		return 0;
	r->got = len;
	p->delivered = r;
	wq_wake_all(&p->rd_wait);	/* the reader has its data */
	return packet ? n : len;
}

/*
 * One pass of pipe_write puts in a piece: in packet mode a packet of at
 * most PIPE_BUF bytes, waited for whole; otherwise what fits, after
 * waiting for all n bytes if n <= PIPE_BUF (atomic) and for 1 if not.
 * p->lock held.
 */
static ssize_t pipe_write_locked(struct file *f, struct pipe *p, uaddr_t buf,
				 size_t n)
{
	bool packet = f->flags & O_DIRECT;
	uint32_t need = n <= PIPE_BUF ? n : 1;	/* atomic: all at once */
	bool yielded = false;
	size_t done = 0;

	while (done < n) {
		uint32_t piece = packet ? min_u32(n - done, PIPE_BUF) : n - done;
		int err = pipe_wait_room(f, p, packet ? piece : need, packet);
		ssize_t put;
		if (err)
			return done ? (ssize_t)done : err;
		if (p->readers == 0) {
			signal_send(current, SIGPIPE);	/* broken pipe */
			return done ? (ssize_t)done : -EPIPE;
		}
		if (p->reader && ring_used(&p->ring) == 0 &&
		    (put = pipe_write_direct(p, buf + done, piece, packet)) > 0) {
			done += put;
			continue;
		}
		if (p->delivered && ring_used(&p->ring) == 0 && !yielded &&
		    n - done > PIPE_BUF) {
			/* A big write: let the reader we just filled run and
			 * offer its buffer again, rather than copy twice via the
			 * ring.  (Small writes are not worth a switch each.) */
			yielded = true;
			spin_unlock(&p->lock);	/* never switch holding it */
			schedule();
			spin_lock(&p->lock);
			continue;
		}
		put = ring_copy_in(&p->ring, buf + done,
				   min_u32(piece, ring_room(&p->ring)));
		if (put < 0)
			return done ? (ssize_t)done : put;
		if (packet)
			ring_end_packet(&p->ring);	/* what went in is one packet */
		done += put;
		wq_wake_all(&p->rd_wait);	/* there is data now */
	}
	return done;
}

static ssize_t pipe_write(struct file *f, uaddr_t buf, size_t n)
{
	struct pipe *p = f->priv;
	ssize_t done;

	if (n == 0)
		return 0;	/* as Linux: even on a broken pipe */
	spin_lock(&p->lock);
	done = pipe_write_locked(f, p, buf, n);
	spin_unlock(&p->lock);
	return done;
}

/*
 * writev of at most PIPE_BUF bytes in all is atomic too (POSIX), so it
 * cannot be one pipe_write per buffer: another writer could come between
 * two of them.  Wait once for room for the total, then copy the buffers
 * into the ring one after another without sleeping, and make them visible
 * together.  A bad buffer makes none of them visible (EFAULT), as Linux.
 * (No direct delivery here: the reader takes the bytes from the ring.)
 * A larger writev is one pipe_write per buffer, like any file's.
 */
static ssize_t pipe_writev_locked(struct file *f, struct pipe *p,
				  const struct iov_table *v)
{
	uint32_t start;
	int err;

	err = pipe_wait_room(f, p, v->total, f->flags & O_DIRECT);
	if (err)
		return err;
	if (p->readers == 0) {
		signal_send(current, SIGPIPE);
		return -EPIPE;
	}
	if ((err = ring_reserve(&p->ring, v->total)))
		return err;
	start = p->ring.head;
	for (uint32_t i = 0; i < v->count; i++) {
		const struct kiovec *s = iov_at(v, i);
		if (ring_copy_in(&p->ring, s->base, s->len) != (ssize_t)s->len) {
			p->ring.head = start;	/* nobody has seen them: take back */
			return -EFAULT;		/* (the pages exist: not ENOMEM) */
		}
	}
	if (f->flags & O_DIRECT)
		ring_end_packet(&p->ring);	/* the whole writev is one packet */
	wq_wake_all(&p->rd_wait);	/* there is data now */
	return v->total;
}

static ssize_t pipe_writev(struct file *f, const struct iov_table *v)
{
	struct pipe *p = f->priv;
	ssize_t ret;

	if (v->total > PIPE_BUF)
		return file_iov_transfer(f, v, false);
	spin_lock(&p->lock);
	ret = pipe_writev_locked(f, p, v);
	spin_unlock(&p->lock);
	return ret;
}

/*
 * Free p if no end is open.  pipes_lock held, and not p->lock: the counts
 * can then only go up through a FIFO open, which needs pipes_lock.
 */
void pipe_free_if_unused(struct pipe *p)
{
	assert(spin_holding(&pipes_lock));
	if (p->readers == 0 && p->writers == 0) {
		assert(!wq_has_waiters(&p->rd_wait) && !wq_has_waiters(&p->wr_wait));
		if (p->fifo)
			p->fifo->fifo = NULL;	/* the data dies with the last close */
		list_del(&p->all_link);
		nr_pipes--;
		ring_free(&p->ring);
		kfree(p);
	}
}

/* Close ends of f's pipe: `rd` read ends and `wr` write ends. */
static void pipe_release(struct file *f, uint32_t rd, uint32_t wr)
{
	struct pipe *p = f->priv;

	spin_lock(&pipes_lock);
	spin_lock(&p->lock);
	assert(p->readers >= rd && p->writers >= wr);
	p->readers -= rd;
	p->writers -= wr;
	if (rd && p->readers == 0)
		wq_wake_all(&p->wr_wait);	/* writers must see the broken pipe */
	if (wr && p->writers == 0)
		wq_wake_all(&p->rd_wait);	/* readers must see end of file */
	if (rd && wr) {		/* an O_RDWR FIFO end: both may wait on it */
		wq_wake_all(&p->rd_wait);
		wq_wake_all(&p->wr_wait);
	}
	spin_unlock(&p->lock);
	pipe_free_if_unused(p);
	spin_unlock(&pipes_lock);
}

static void pipe_release_read(struct file *f)
{
	pipe_release(f, 1, 0);
}

static void pipe_release_write(struct file *f)
{
	pipe_release(f, 0, 1);
}

/* An O_RDWR open of a FIFO holds both ends. */
static void pipe_release_rdwr(struct file *f)
{
	pipe_release(f, 1, 1);
}

/* An anonymous pipe's identity; a FIFO keeps its inode's (fs_fill_stat). */
static void pipe_stat(struct file *f, struct kstat *st)
{
	struct pipe *p = f->priv;

	if (f->inode)
		return;
	st->st_dev = 0xC;		/* a made-up "pipefs" device */
	st->st_ino = p->ino;
	st->st_mode = S_IFIFO | 0600;
	st->st_nlink = 1;
	st->st_blksize = PAGE_SIZE;
}

static int pipe_ioctl(struct file *f, uint32_t cmd, uaddr_t arg)
{
	struct pipe *p = f->priv;
	int32_t n;

	if (cmd != FIONREAD)
		return -ENOTTY;
	spin_lock(&p->lock);
	n = ring_used(&p->ring);
	spin_unlock(&p->lock);
	return copy_to_user(arg, &n, sizeof(n));
}

/*
 * Readiness for poll/select, from the same facts the wait loops use:
 * read end POLLIN with data, POLLHUP once no writer is left (with POLLIN
 * while data remains); write end POLLOUT with room for an atomic write,
 * POLLERR once no reader is left.  As on Linux, a FIFO read end opened
 * with O_NONBLOCK while no writer was there reports no POLLHUP until a
 * writer has come (f->version remembers the write-open count then; it is
 * 0 otherwise, and every pipe has had at least one writer).
 */
static uint32_t pipe_poll(struct file *f, struct poll_table *pt)
{
	struct pipe *p = f->priv;
	uint32_t mask = 0;

	spin_lock(&p->lock);	/* one consistent look at both ends */
	if (file_open_for_read(f)) {
		poll_wait(pt, &p->rd_wait);
		if (ring_used(&p->ring) > 0)
			mask |= POLLIN | POLLRDNORM;
		if (p->writers == 0 && f->version != p->w_opens)
			mask |= POLLHUP;
	}
	if (file_open_for_write(f)) {
		poll_wait(pt, &p->wr_wait);
		if (pipe_has_room(p, PIPE_BUF, f->flags & O_DIRECT))
			mask |= POLLOUT | POLLWRNORM;
		if (p->readers == 0)
			mask |= POLLERR;
	}
	spin_unlock(&p->lock);
	return mask;
}

static const struct file_ops pipe_read_ops = {
	.read = pipe_read,
	.poll = pipe_poll,
	.ioctl = pipe_ioctl,
	.stat = pipe_stat,
	.release = pipe_release_read,
};

static const struct file_ops pipe_write_ops = {
	.write = pipe_write,
	.writev = pipe_writev,
	.poll = pipe_poll,
	.ioctl = pipe_ioctl,
	.stat = pipe_stat,
	.release = pipe_release_write,
};

static const struct file_ops pipe_rdwr_ops = {
	.read = pipe_read,
	.write = pipe_write,
	.writev = pipe_writev,
	.poll = pipe_poll,
	.ioctl = pipe_ioctl,
	.stat = pipe_stat,
	.release = pipe_release_rdwr,
};

struct pipe *pipe_of(const struct file *f)
{
	return f->ops == &pipe_read_ops || f->ops == &pipe_write_ops ||
	       f->ops == &pipe_rdwr_ops ? f->priv : NULL;
}

/* ---- creating a pipe ---- */

/*
 * An empty pipe with no ends open yet, or NULL.  Its capacity is Linux's
 * default, unless pipe-max-size is smaller (alloc_pipe_info in Linux).
 * pipes_lock held.
 */
struct pipe *pipe_alloc(void)
{
	struct pipe *p = kzalloc(sizeof(*p));

	if (p && ring_init(&p->ring, min_u32(PIPE_DEF_PAGES,
					     pipe_max_size / PAGE_SIZE))) {
		kfree(p);
		p = NULL;
	}
	if (!p)
		return NULL;
	assert(spin_holding(&pipes_lock));
	spin_init(&p->lock, LOCK_PIPE);
	p->ino = pipe_next_ino++;
	wq_init(&p->rd_wait, "pipe-read", p->ino);
	wq_init(&p->wr_wait, "pipe-write", p->ino);
	list_add_tail(&p->all_link, &all_pipes);
	nr_pipes++;
	return p;
}

/* Open one more end of p (O_RDONLY, O_WRONLY or O_RDWR).  p->lock held. */
struct file *pipe_open_end(struct pipe *p, uint32_t flags)
{
	uint32_t mode = flags & O_ACCMODE;
	const struct file_ops *ops = mode == O_RDONLY ? &pipe_read_ops :
				     mode == O_WRONLY ? &pipe_write_ops : &pipe_rdwr_ops;
	struct file *f = file_alloc(ops, flags & (O_ACCMODE | O_NONBLOCK));

	if (!f)
		return NULL;
	f->priv = p;
	if (mode != O_WRONLY) {
		p->readers++;
		p->r_opens++;
		wq_wake_all(&p->wr_wait);	/* a writer may wait in open */
	}
	if (mode != O_RDONLY) {
		p->writers++;
		p->w_opens++;
		wq_wake_all(&p->rd_wait);	/* a reader may wait in open */
	}
	return f;
}

/*
 * A new pipe with its two files, or -ENOMEM / -ENFILE with nothing left
 * behind: if the second file cannot be had, dropping the first releases
 * its end, and that frees the pipe.
 */
static int pipe_create(uint32_t flags, struct file **rf, struct file **wf)
{
	struct pipe *p;

	spin_lock(&pipes_lock);
	p = pipe_alloc();
	if (p) {
		spin_lock(&p->lock);
		*rf = pipe_open_end(p, O_RDONLY | (flags & O_NONBLOCK));
		*wf = *rf ? pipe_open_end(p, O_WRONLY | flags) : NULL;
		spin_unlock(&p->lock);
		if (!*rf)
			pipe_free_if_unused(p);
	}
	spin_unlock(&pipes_lock);
	if (!p)
		return -ENOMEM;
	if (!*rf)
		return file_alloc_error();
	if (!*wf) {
		file_put(*rf);		/* the last end: frees the pipe */
		return file_alloc_error();
	}
	(*wf)->flags |= flags & O_DIRECT;	/* packets: the writer's mode */
	return 0;
}

long sys_pipe2(uaddr_t ufds, uint32_t flags)
{
	struct file *rf, *wf;
	int fds[2], err;

	if (flags & ~(O_CLOEXEC | O_NONBLOCK | O_DIRECT))
		return -EINVAL;
	if ((err = pipe_create(flags & (O_NONBLOCK | O_DIRECT), &rf, &wf)))
		return err;
	fds[0] = fd_install(&current->fds, rf, 0, flags & O_CLOEXEC);
	fds[1] = fds[0] < 0 ? -EMFILE :
		 fd_install(&current->fds, wf, 0, flags & O_CLOEXEC);
	err = fds[1] < 0 ? -EMFILE : copy_to_user(ufds, fds, sizeof(fds));
	if (err) {		/* undo: close what we installed, drop the rest */
		if (fds[0] >= 0)
			fd_close(&current->fds, fds[0]);
		else
			file_put(rf);
		if (fds[1] >= 0)
			fd_close(&current->fds, fds[1]);
		else
			file_put(wf);
	}
	return err;
}

long sys_pipe(uaddr_t ufds)
{
	return sys_pipe2(ufds, 0);
}
