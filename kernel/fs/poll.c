/*
 * poll.c - poll, ppoll and select: one process waiting on many files.
 *
 * Readiness comes from each file's `poll` operation, which reports what
 * it is ready for right now (POLLIN, POLLOUT, POLLHUP, POLLERR) using the
 * same predicates as its blocking read and write, and names the wait
 * queues whose wakeups could change that answer.  There is no polling
 * loop: the caller is put on all those queues at once (one struct waiter
 * per queue, in a poll_table) and sleeps; any wake_all on any of them
 * makes it runnable, it re-checks every file, and sleeps again if nothing
 * is ready.
 *
 *     poll([fd 3, fd 5])          pipe A rd_wait:  [waiter -> me]
 *        |                        pipe B wr_wait:  [waiter -> me]
 *        +-- sleeps once;  a write to A or a read from B wakes it
 *
 * No wakeup is lost: the files are checked and the process goes to sleep
 * with interrupts off (wait.c explains why that suffices), and the waiters
 * stay on their queues from the first check to the end of the call.
 *
 * Rules (Linux): a negative fd is skipped; a closed fd reports POLLNVAL
 * and counts as ready; timeouts are 0 (just look), positive milliseconds,
 * or negative (forever); a handled signal ends the wait with EINTR and
 * the call is never restarted after a handler.  select is poll with bit
 * sets, and a closed descriptor in a set is EBADF.
 */
#include "fs/poll.h"
#include "lib/errno.h"
#include "fs/fd.h"
#include "fs/file.h"
#include "mm/kmalloc.h"
#include "lib/lib.h"
#include "lib/panic.h"
#include "mm/pmm.h"
#include "proc/proc.h"
#include "syscall/syscall.h"
#include "time/timer.h"
#include "arch/x86.h"

/* Only a name for ps: pollers sleep on their files' queues, not on this. */
static WAIT_QUEUE(poll_label, "poll");

struct kpollfd {
	int32_t fd;
	int16_t events, revents;
};

#define WAITERS_PER_PAGE (PAGE_SIZE / sizeof(struct waiter))

static struct waiter *poll_entry(struct poll_table *pt, uint32_t i)
{
	return &pt->page[i / WAITERS_PER_PAGE][i % WAITERS_PER_PAGE];
}

void poll_wait(struct poll_table *pt, struct wait_queue *wq)
{
	struct waiter *w;

	if (!pt)
		return;
	assert(pt->n < POLL_TABLE_PAGES * WAITERS_PER_PAGE);
	w = poll_entry(pt, pt->n++);
	w->proc = current;
	list_init(&w->link);
	wq_add(wq, w);
}

static void poll_table_free(struct poll_table *pt)
{
	for (uint32_t i = 0; i < pt->n; i++)
		wq_remove(poll_entry(pt, i));
	for (int i = 0; i < POLL_TABLE_PAGES; i++)
		if (pt->page[i])
			page_free(pt->page[i]);
}

static uint32_t file_poll(struct file *f, struct poll_table *pt)
{
	if (f->ops->poll)
		return f->ops->poll(f, pt);
	return POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM;	/* never blocks */
}

/* Check every entry; returns how many have something to report. */
static int poll_scan(struct kpollfd *fds, uint32_t nfds, struct poll_table *pt)
{
	int ready = 0;

	for (uint32_t i = 0; i < nfds; i++) {
		struct file *f;
		fds[i].revents = 0;
		if (fds[i].fd < 0)
			continue;
		f = fd_get(&current->fds, fds[i].fd);
		fds[i].revents = f ? file_poll(f, pt) &
				     (fds[i].events | POLLHUP | POLLERR) : POLLNVAL;
		ready += fds[i].revents != 0;
	}
	return ready;
}

/*
 * The core of all three calls.  deadline: a tick count, WAIT_NO_DEADLINE
 * for forever, or `now` for "do not wait".  Returns the ready count (0 on
 * timeout) or -ERESTARTSYS (a signal; EINTR after a handler, since these
 * calls are NO_RESTART in syscall.c) / -ENOMEM.
 */
static int poll_wait_ready(struct kpollfd *fds, uint32_t nfds, uint64_t deadline)
{
	struct poll_table pt = { { page_alloc(), page_alloc() }, 0 };
	int ready;
	bool irq;

	if (!pt.page[0] || !pt.page[1]) {
		poll_table_free(&pt);
		return -ENOMEM;
	}
	irq = irq_save();	/* check-then-sleep as one step: see wait.c */
	ready = poll_scan(fds, nfds, &pt);
	while (!ready) {
		int err = sched_sleep(&poll_label, WAIT_INTERRUPTIBLE, deadline);
		if (err) {
			ready = err == -ETIMEDOUT ? 0 : err;
			break;
		}
		ready = poll_scan(fds, nfds, NULL);	/* woken: look again */
	}
	irq_restore(irq);
	poll_table_free(&pt);
	return ready;
}

/* A timeout in milliseconds (negative: forever) as a deadline tick. */
static uint64_t deadline_from_ms(int64_t ms)
{
	uint64_t deadline = timer_deadline_ms(ms);

	if (ms < 0)
		return WAIT_NO_DEADLINE;
	return deadline ? deadline : 1;	/* 0 would mean "no deadline" */
}

static long poll_common(uaddr_t ufds, uint32_t nfds, uint64_t deadline)
{
	struct kpollfd *fds;
	int ready;

	if (nfds > FD_MAX)
		return -EINVAL;
	fds = kmalloc(nfds * sizeof(*fds) + 1);
	if (!fds)
		return -ENOMEM;
	ready = copy_from_user(fds, ufds, nfds * sizeof(*fds));
	if (!ready)
		ready = poll_wait_ready(fds, nfds, deadline);
	if (ready >= 0 && copy_to_user(ufds, fds, nfds * sizeof(*fds)))
		ready = -EFAULT;
	kfree(fds);
	return ready;
}

long sys_poll(uaddr_t ufds, uint32_t nfds, int32_t timeout_ms)
{
	return poll_common(ufds, nfds, deadline_from_ms(timeout_ms));
}

struct ktimespec {
	int32_t tv_sec, tv_nsec;
};

/* ppoll: poll with a timespec and a signal mask held during the wait. */
long sys_ppoll(uaddr_t ufds, uint32_t nfds, uaddr_t uts, uaddr_t umask,
	       size_t setsize)
{
	struct ktimespec ts;
	uint64_t deadline = WAIT_NO_DEADLINE;
	sigset_t mask;
	long ret;

	if (uts) {
		if (copy_from_user(&ts, uts, sizeof(ts)))
			return -EFAULT;
		if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000)
			return -EINVAL;
		deadline = deadline_from_ms((int64_t)ts.tv_sec * 1000 +
					    (ts.tv_nsec + 999999) / 1000000);
	}
	if (umask) {
		if (setsize != sizeof(sigset_t))
			return -EINVAL;
		if (copy_from_user(&mask, umask, sizeof(mask)))
			return -EFAULT;
		current->sig.saved_mask = current->sig.blocked;
		current->sig.restore_mask = true;	/* undone after delivery */
		current->sig.blocked = mask & ~SIG_UNBLOCKABLE;
	}
	ret = poll_common(ufds, nfds, deadline);
	if (ret != -ERESTARTSYS && umask) {		/* no signal: put the mask back now */
		current->sig.blocked = current->sig.saved_mask;
		current->sig.restore_mask = false;
	}
	return ret;
}

/* ---- select: poll with bit sets ---- */

#define FDSET_WORDS(n) (((n) + 31) / 32)

struct select_sets {
	uint32_t in[FD_MAX / 32], out[FD_MAX / 32], ex[FD_MAX / 32];
};

static bool bit_set(const uint32_t *set, int fd)
{
	return set[fd / 32] & (1u << (fd % 32));
}

static int select_copy_in(struct select_sets *s, int nfds, uaddr_t uin,
			  uaddr_t uout, uaddr_t uex)
{
	size_t bytes = FDSET_WORDS(nfds) * 4;

	memset(s, 0, sizeof(*s));
	if ((uin && copy_from_user(s->in, uin, bytes)) ||
	    (uout && copy_from_user(s->out, uout, bytes)) ||
	    (uex && copy_from_user(s->ex, uex, bytes)))
		return -EFAULT;
	return 0;
}

/* Turn the sets into poll entries; EBADF for a closed descriptor. */
static int select_to_poll(const struct select_sets *s, int nfds,
			  struct kpollfd *fds, uint32_t *n)
{
	*n = 0;
	for (int fd = 0; fd < nfds; fd++) {
		int16_t ev = (bit_set(s->in, fd) ? POLLIN : 0) |
			     (bit_set(s->out, fd) ? POLLOUT : 0) |
			     (bit_set(s->ex, fd) ? POLLPRI : 0);
		if (!ev)
			continue;
		if (!fd_get(&current->fds, fd))
			return -EBADF;
		fds[*n].fd = fd;
		fds[(*n)++].events = ev;
	}
	return 0;
}

/* Back to sets: readable includes hang-up and error, as on Linux. */
static int poll_to_select(struct select_sets *s, const struct kpollfd *fds,
			  uint32_t n)
{
	int count = 0;

	memset(s, 0, sizeof(*s));
	for (uint32_t i = 0; i < n; i++) {
		int fd = fds[i].fd, r = fds[i].revents, ev = fds[i].events;
		uint32_t bit = 1u << (fd % 32);
		if ((ev & POLLIN) && (r & (POLLIN | POLLHUP | POLLERR)))
			s->in[fd / 32] |= bit, count++;
		if ((ev & POLLOUT) && (r & (POLLOUT | POLLERR)))
			s->out[fd / 32] |= bit, count++;
		if ((ev & POLLPRI) && (r & POLLPRI))
			s->ex[fd / 32] |= bit, count++;
	}
	return count;
}

static int select_copy_out(const struct select_sets *s, int nfds, uaddr_t uin,
			   uaddr_t uout, uaddr_t uex)
{
	size_t bytes = FDSET_WORDS(nfds) * 4;

	if ((uin && copy_to_user(uin, s->in, bytes)) ||
	    (uout && copy_to_user(uout, s->out, bytes)) ||
	    (uex && copy_to_user(uex, s->ex, bytes)))
		return -EFAULT;
	return 0;
}

/* As Linux does, select tells the program how much of its timeout is left. */
static int select_time_left(uaddr_t utv, uint64_t deadline)
{
	uint64_t left = deadline > timer_ticks ? deadline - timer_ticks : 0;
	int32_t tv[2] = { left / HZ, left % HZ * (1000000 / HZ) };

	return copy_to_user(utv, tv, sizeof(tv));
}

/* Wait as select does, with the sets already copied in. */
static long select_run(struct select_sets *s, struct kpollfd *fds, int nfds,
		       uaddr_t utv)
{
	uint64_t deadline = WAIT_NO_DEADLINE;
	int32_t tv[2];
	uint32_t n;
	long ret;

	if (utv) {
		if (copy_from_user(tv, utv, sizeof(tv)))
			return -EFAULT;
		if (tv[0] < 0 || tv[1] < 0 || tv[1] >= 1000000)
			return -EINVAL;
		deadline = deadline_from_ms((int64_t)tv[0] * 1000 + (tv[1] + 999) / 1000);
	}
	if ((ret = select_to_poll(s, nfds, fds, &n)))
		return ret;
	ret = poll_wait_ready(fds, n, deadline);
	if (utv && select_time_left(utv, deadline))
		return -EFAULT;
	return ret < 0 ? ret : poll_to_select(s, fds, n);
}

long sys_select(int nfds, uaddr_t uin, uaddr_t uout, uaddr_t uex, uaddr_t utv)
{
	struct select_sets *s = kmalloc(sizeof(*s));
	struct kpollfd *fds = kmalloc(FD_MAX * sizeof(*fds));
	long ret = -ENOMEM;

	if (nfds < 0 || nfds > 1024)
		ret = -EINVAL;
	else if (s && fds) {
		nfds = min_u32(nfds, FD_MAX);	/* higher descriptors never exist */
		ret = select_copy_in(s, nfds, uin, uout, uex);
		if (!ret)
			ret = select_run(s, fds, nfds, utv);
		if (ret >= 0 && select_copy_out(s, nfds, uin, uout, uex))
			ret = -EFAULT;
	}
	kfree(s);
	kfree(fds);
	return ret;
}
