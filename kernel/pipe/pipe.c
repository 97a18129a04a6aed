/*
 * pipe.c - pipes: a FIFO of bytes in a kernel ring buffer, with a read end
 * and a write end, and exactly the semantics of a Unix pipe.
 *
 * The ring.  A pipe holds up to PIPE_CAPACITY bytes in PIPE_PAGES pages,
 * allocated the first time a write reaches them.  `head` counts every byte
 * ever written and `tail` every byte ever read; both run freely and wrap
 * around 2^32, and the byte numbered i lives at offset i % PIPE_CAPACITY.
 * Invariant:  0 <= head - tail <= PIPE_CAPACITY.
 * Bytes in the pipe: head - tail.  Room: PIPE_CAPACITY - (head - tail).
 * Only writers move head and only readers move tail.  The ring functions
 * (ring_*) are pure mechanism: they copy bytes and know nothing of
 * blocking, EOF or signals.
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
 *            Woken by a read that made room, by the last reader's close,
 *            and by an open of the read end.
 *   poll() and select() put their callers on the same two queues
 *   (pipe_poll), so every one of those wakeups reaches them too.
 * The check-then-sleep is race-free for the reason wait.c explains: one
 * CPU and a non-preemptive kernel, so between a sleeper's check of the
 * predicate and its sleep no other process can run, and no interrupt
 * handler touches a pipe.
 *
 * The fast path.  A reader that has to sleep on an empty pipe leaves a
 * note (struct pipe_reader) with its buffer; the next writer copies
 * straight from its buffer into the reader's, without the ring
 * (pipe_write_direct).  Only when the ring is empty, so order is kept.
 * A writer with more than PIPE_BUF left to write whose reader has not yet
 * collected the last delivery yields the CPU once, so the reader can come
 * back for more instead of the rest taking the two-copy way through the
 * ring.
 *
 * The rules (POSIX, and Linux where POSIX leaves a choice):
 *   read   - data present: returns min(available, requested) at once;
 *            empty with a writer: sleeps until at least one byte (or
 *            EAGAIN with O_NONBLOCK); empty with no writer: 0 (end of file).
 *   write  - n <= PIPE_BUF is atomic: it waits until all n bytes fit and
 *            goes in as one piece; so does a writev of n bytes in all
 *            (pipe_writev; a larger one is a write per buffer).  Larger
 *            writes go in as room appears and complete in full unless a
 *            signal or a broken pipe stops them, which returns the count
 *            already written.
 *            O_NONBLOCK: small writes all or EAGAIN; large ones what fits.
 *   broken - writing with no reader sends SIGPIPE to the writer and fails
 *            with EPIPE (the signal's default action kills the writer
 *            before it sees EPIPE).  A writer that had written some bytes
 *            returns that count instead, as Linux does.
 *   faults - a bad user buffer gives EFAULT; read consumes nothing it could
 *            not deliver, write makes visible only what it returns.
 * An interrupted sleep returns -ERESTARTSYS when nothing was transferred
 * (signal.c turns that into EINTR or a restart) and the count otherwise.
 */
#include "pipe/pipe.h"
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

#define PIPE_PAGES (PIPE_CAPACITY / PAGE_SIZE)
#define FIONREAD 0x541B

struct pipe {
	uint32_t head;			/* bytes ever written; writers move it */
	uint32_t tail;			/* bytes ever read; readers move it */
	uint8_t *page[PIPE_PAGES];	/* the ring; NULL until first used */
	uint32_t readers, writers;	/* open files on each end */
	struct wait_queue rd_wait;	/* readers waiting for data or EOF */
	struct wait_queue wr_wait;	/* writers waiting for room or no reader */
	uint32_t ino;			/* identity for fstat and /proc/pipes */
	struct list_head all_link;	/* on all_pipes, for /proc/pipes */
	struct pipe_reader *reader;	/* a reader asleep on the empty pipe */
	struct pipe_reader *delivered;	/* one we filled that has not run yet */
	struct inode *fifo;		/* the named pipe this is behind, or NULL */
	uint32_t r_opens, w_opens;	/* opens ever made of each end (FIFOs) */
};

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
static uint32_t pipe_next_ino = 1;
static struct list_head all_pipes = { &all_pipes, &all_pipes };
uint32_t nr_pipes;		/* pipes in existence, for /proc/meminfo */

/* ---- the ring buffer: mechanism only ---- */

static uint32_t ring_used(const struct pipe *p)
{
	assert(p->head - p->tail <= PIPE_CAPACITY);	/* the ring's invariant */
	return p->head - p->tail;
}

static uint32_t ring_room(const struct pipe *p)
{
	return PIPE_CAPACITY - ring_used(p);
}

/* The contiguous piece of the ring at byte `pos`, at most n long. */
static uint32_t ring_piece(uint32_t pos, uint32_t n)
{
	return min_u32(n, PAGE_SIZE - pos % PAGE_SIZE);
}

static uint8_t **ring_page(struct pipe *p, uint32_t pos)
{
	return &p->page[(pos / PAGE_SIZE) % PIPE_PAGES];
}

/* Copy n bytes (n <= room) from user memory in; returns bytes or -errno. */
static ssize_t ring_copy_in(struct pipe *p, uaddr_t buf, uint32_t n)
{
	uint32_t done = 0;

	while (done < n) {
		uint32_t chunk = ring_piece(p->head, n - done);
		uint8_t **page = ring_page(p, p->head);
		if (!*page && !(*page = page_alloc()))
			return done ? (ssize_t)done : -ENOMEM;
		if (copy_from_user(*page + p->head % PAGE_SIZE, buf + done, chunk))
			return done ? (ssize_t)done : -EFAULT;
		p->head += chunk;	/* visible only once copied */
		done += chunk;
	}
	return done;
}

/* Copy n bytes (n <= used) out to user memory; returns bytes or -errno. */
static ssize_t ring_copy_out(struct pipe *p, uaddr_t buf, uint32_t n)
{
	uint32_t done = 0;

	while (done < n) {
		uint32_t chunk = ring_piece(p->tail, n - done);
		uint8_t *page = *ring_page(p, p->tail);
		if (copy_to_user(buf + done, page + p->tail % PAGE_SIZE, chunk))
			return done ? (ssize_t)done : -EFAULT;
		p->tail += chunk;	/* consumed only once delivered */
		done += chunk;
	}
	return done;
}

static void ring_free(struct pipe *p)
{
	for (uint32_t i = 0; i < PIPE_PAGES; i++)
		if (p->page[i])
			page_free(p->page[i]);
}

/* ---- blocking conditions, shared by the wait loops and poll ---- */

/* Data to read, or end of file to report: a read need not wait. */
static bool pipe_readable(const struct pipe *p)
{
	return ring_used(p) > 0 || p->writers == 0;
}

/* Room for `need` bytes, or a broken pipe to report: a write need not wait. */
static bool pipe_writable(const struct pipe *p, uint32_t need)
{
	return ring_room(p) >= need || p->readers == 0;
}

/* ---- policy: reading, writing, closing ---- */

/* Sleep until there is something to read; returns a direct delivery's size. */
static ssize_t pipe_read_wait(struct pipe *p, uaddr_t buf, size_t n)
{
	struct pipe_reader me = { p, current->mm, buf, n, 0 };
	int err = 0;

	if (!p->reader)
		p->reader = &me;	/* offer our buffer to the next writer */
	while (!me.got && !pipe_readable(p) && !err)
		err = wq_sleep(&p->rd_wait, WAIT_INTERRUPTIBLE, WAIT_NO_DEADLINE);
	if (p->reader == &me)
		p->reader = NULL;
	if (p->delivered == &me)
		p->delivered = NULL;
	return me.got ? (ssize_t)me.got : err;	/* data, even if a signal came too */
}

static ssize_t pipe_read(struct file *f, uaddr_t buf, size_t n)
{
	struct pipe *p = f->priv;
	ssize_t got;

	if (n == 0)
		return 0;
	if (!pipe_readable(p)) {
		if (f->flags & O_NONBLOCK)
			return -EAGAIN;
		got = pipe_read_wait(p, buf, n);
		if (got)
			return got;
	}
	if (ring_used(p) == 0)
		return 0;		/* no writer left: end of file */
	got = ring_copy_out(p, buf, min_u32(n, ring_used(p)));
	if (got > 0)
		wq_wake_all(&p->wr_wait);	/* there is room now */
	return got;
}

/* Wait until pipe_writable(p, need); 0, or -EAGAIN / -ERESTARTSYS. */
static int pipe_wait_room(struct file *f, struct pipe *p, uint32_t need)
{
	int err;

	while (!pipe_writable(p, need)) {
		if (f->flags & O_NONBLOCK)
			return -EAGAIN;
		err = wq_sleep(&p->wr_wait, WAIT_INTERRUPTIBLE, WAIT_NO_DEADLINE);
		if (err)
			return err;
	}
	return 0;
}

/*
 * Copy straight into the waiting reader's buffer (the ring is empty, so
 * the order of bytes is kept).  Returns the bytes delivered, or 0 if the
 * copy failed, in which case the write goes on through the ring and the
 * bad buffer is reported to whoever owns it.
 */
static ssize_t pipe_write_direct(struct pipe *p, uaddr_t buf, uint32_t n)
{
	struct pipe_reader *r = p->reader;
	uint32_t len = min_u32(n, r->want);

	p->reader = NULL;
	if (vm_copy_between(r->mm, r->buf, current->mm, buf, len))
		return 0;
	r->got = len;
	p->delivered = r;
	wq_wake_all(&p->rd_wait);	/* the reader has its data */
	return len;
}

static ssize_t pipe_write(struct file *f, uaddr_t buf, size_t n)
{
	struct pipe *p = f->priv;
	uint32_t need = n <= PIPE_BUF ? n : 1;	/* atomic: all at once */
	bool yielded = false;
	size_t done = 0;

	if (n == 0)
		return 0;	/* as Linux: even on a broken pipe */
	while (done < n) {
		int err = pipe_wait_room(f, p, need);
		ssize_t put;
		if (err)
			return done ? (ssize_t)done : err;
		if (p->readers == 0) {
			signal_send(current, SIGPIPE);	/* broken pipe */
			return done ? (ssize_t)done : -EPIPE;
		}
		if (p->reader && ring_used(p) == 0 &&
		    (put = pipe_write_direct(p, buf + done, n - done)) > 0) {
			done += put;
			continue;
		}
		if (p->delivered && ring_used(p) == 0 && !yielded &&
		    n - done > PIPE_BUF) {
			/* A big write: let the reader we just filled run and
			 * offer its buffer again, rather than copy twice via the
			 * ring.  (Small writes are not worth a switch each.) */
			yielded = true;
			schedule();
			continue;
		}
		put = ring_copy_in(p, buf + done, min_u32(n - done, ring_room(p)));
		if (put < 0)
			return done ? (ssize_t)done : put;
		done += put;
		wq_wake_all(&p->rd_wait);	/* there is data now */
	}
	return done;
}

/* The ring pages the next n bytes will go to (n <= room); 0 or -ENOMEM. */
static int ring_reserve(struct pipe *p, uint32_t n)
{
	for (uint32_t done = 0; done < n; done += ring_piece(p->head + done, n - done)) {
		uint8_t **page = ring_page(p, p->head + done);
		if (!*page && !(*page = page_alloc()))
			return -ENOMEM;
	}
	return 0;
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
static ssize_t pipe_writev(struct file *f, const struct iov_table *v)
{
	struct pipe *p = f->priv;
	uint32_t start;
	int err;

	if (v->total > PIPE_BUF)
		return file_iov_transfer(f, v, false);
	err = pipe_wait_room(f, p, v->total);
	if (err)
		return err;
	if (p->readers == 0) {
		signal_send(current, SIGPIPE);
		return -EPIPE;
	}
	if ((err = ring_reserve(p, v->total)))
		return err;
	start = p->head;
	for (uint32_t i = 0; i < v->count; i++) {
		const struct kiovec *s = iov_at(v, i);
		if (ring_copy_in(p, s->base, s->len) != (ssize_t)s->len) {
			p->head = start;	/* nobody has seen them: take back */
			return -EFAULT;		/* (the pages exist: not ENOMEM) */
		}
	}
	wq_wake_all(&p->rd_wait);	/* there is data now */
	return v->total;
}

static void pipe_free_if_unused(struct pipe *p)
{
	if (p->readers == 0 && p->writers == 0) {
		assert(!wq_has_waiters(&p->rd_wait) && !wq_has_waiters(&p->wr_wait));
		if (p->fifo)
			p->fifo->fifo = NULL;	/* the data dies with the last close */
		list_del(&p->all_link);
		nr_pipes--;
		ring_free(p);
		kfree(p);
	}
}

static void pipe_release_read(struct file *f)
{
	struct pipe *p = f->priv;

	assert(p->readers > 0);
	if (--p->readers == 0)
		wq_wake_all(&p->wr_wait);	/* writers must see the broken pipe */
	pipe_free_if_unused(p);
}

static void pipe_release_write(struct file *f)
{
	struct pipe *p = f->priv;

	assert(p->writers > 0);
	if (--p->writers == 0)
		wq_wake_all(&p->rd_wait);	/* readers must see end of file */
	pipe_free_if_unused(p);
}

/* An O_RDWR open of a FIFO holds both ends. */
static void pipe_release_rdwr(struct file *f)
{
	struct pipe *p = f->priv;

	assert(p->readers > 0 && p->writers > 0);
	p->readers--;
	p->writers--;
	wq_wake_all(&p->rd_wait);	/* either end may have closed for good */
	wq_wake_all(&p->wr_wait);
	pipe_free_if_unused(p);
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
	int32_t n = ring_used(p);

	if (cmd != FIONREAD)
		return -ENOTTY;
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

	if (file_open_for_read(f)) {
		poll_wait(pt, &p->rd_wait);
		if (ring_used(p) > 0)
			mask |= POLLIN | POLLRDNORM;
		if (p->writers == 0 && f->version != p->w_opens)
			mask |= POLLHUP;
	}
	if (file_open_for_write(f)) {
		poll_wait(pt, &p->wr_wait);
		if (ring_room(p) >= PIPE_BUF)
			mask |= POLLOUT | POLLWRNORM;
		if (p->readers == 0)
			mask |= POLLERR;
	}
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

uint32_t pipe_capacity(const struct pipe *p)
{
	(void)p;
	return PIPE_CAPACITY;
}

/* ---- /proc/pipes ---- */

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
	for (pos = all_pipes.next; pos != &all_pipes; pos = pos->next) {
		struct pipe *p = list_entry(pos, struct pipe, all_link);
		sbuf_printf(b, "%u %u %u %u %u", p->ino, ring_used(p),
			    PIPE_CAPACITY, p->readers, p->writers);
		report_waiters(b, &p->rd_wait);
		report_waiters(b, &p->wr_wait);
		sbuf_printf(b, "\n");
	}
}

/* ---- creating a pipe ---- */

/* An empty pipe with no ends open yet, or NULL. */
static struct pipe *pipe_alloc(void)
{
	struct pipe *p = kzalloc(sizeof(*p));

	if (!p)
		return NULL;
	p->ino = pipe_next_ino++;
	wq_init(&p->rd_wait, "pipe-read", p->ino);
	wq_init(&p->wr_wait, "pipe-write", p->ino);
	list_add_tail(&p->all_link, &all_pipes);
	nr_pipes++;
	return p;
}

/* Open one more end of p (O_RDONLY, O_WRONLY or O_RDWR). */
static struct file *pipe_open_end(struct pipe *p, uint32_t flags)
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
	struct pipe *p = pipe_alloc();

	if (!p)
		return -ENOMEM;
	*rf = pipe_open_end(p, O_RDONLY | flags);
	if (!*rf) {
		pipe_free_if_unused(p);
		return file_alloc_error();
	}
	*wf = pipe_open_end(p, O_WRONLY | flags);
	if (!*wf) {
		file_put(*rf);
		return file_alloc_error();
	}
	return 0;
}

long sys_pipe2(uaddr_t ufds, uint32_t flags)
{
	struct file *rf, *wf;
	int fds[2], err;

	if (flags & ~(O_CLOEXEC | O_NONBLOCK))
		return -EINVAL;
	if ((err = pipe_create(flags & O_NONBLOCK, &rf, &wf)))
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

/* ---- named pipes (FIFOs) ---- */

/*
 * Wait in open() until the other end has been opened (its open count has
 * moved past `seen`); 0 or -ERESTARTSYS.
 */
static int fifo_wait_partner(struct wait_queue *wq, const uint32_t *opens,
			     uint32_t seen)
{
	int err = 0;

	while (*opens == seen && !err)
		err = wq_sleep(wq, WAIT_INTERRUPTIBLE, WAIT_NO_DEADLINE);
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
 */
int fifo_open(struct inode *ino, uint32_t flags, struct file **out)
{
	uint32_t mode = flags & O_ACCMODE;
	struct pipe *p = ino->fifo ? ino->fifo : pipe_alloc();
	bool reader = mode == O_RDONLY;
	struct file *f;
	int err = 0;

	if (!p)
		return -ENOMEM;
	p->fifo = ino;
	ino->fifo = p;
	if (mode == O_WRONLY && (flags & O_NONBLOCK) && p->readers == 0) {
		pipe_free_if_unused(p);
		return -ENXIO;
	}
	if (!(f = pipe_open_end(p, flags))) {
		pipe_free_if_unused(p);
		return file_alloc_error();
	}
	f->inode = inode_get(ino);
	if (reader && (flags & O_NONBLOCK) && p->writers == 0)
		f->version = p->w_opens;  /* no POLLHUP until a writer came (pipe_poll) */
	if (mode != O_RDWR && !(flags & O_NONBLOCK) &&
	    (reader ? p->writers : p->readers) == 0)
		err = fifo_wait_partner(reader ? &p->rd_wait : &p->wr_wait,
					reader ? &p->w_opens : &p->r_opens,
					reader ? p->w_opens : p->r_opens);
	if (err) {
		file_put(f);		/* interrupted: undo the open */
		return err;
	}
	*out = f;
	return 0;
}
