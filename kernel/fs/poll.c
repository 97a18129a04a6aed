/*
 * poll.c - poll, ppoll, select, pselect6 and the old select: one process
 * waiting on many files.
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
 * No wakeup is lost: the process joins every queue and announces its
 * sleep (sched_sleep_prepare) before it checks the files, each under its
 * own lock, so a waker on another CPU either comes before a check, which
 * sees its change, or finds us on its queue (wait.c draws the race); the
 * waiters stay on their queues from the first check to the end.
 *
 * Timeouts become an absolute CLOCK_MONOTONIC deadline in ns (clock.h)
 * when the call starts: poll's milliseconds, ppoll's and pselect6's
 * timespec, select's timeval, exactly; the sleep's timer (sched_sleep)
 * ends the wait at that moment, not before.  A signal ends the wait with
 * -ERESTARTSYS (EINTR after a handler: NO_RESTART in the syscall table).
 * If no handler runs the call restarts, and sleeps only what was left:
 *   - poll leaves a restart block with its deadline (signal.c), as Linux;
 *   - select, pselect6 and ppoll write the time left back into the
 *     caller's timeout, as Linux does, and restart with it.  If that
 *     write fails (a read-only timeout) the result is kept, but an
 *     interrupted call then fails with EINTR instead of restarting.
 *
 * Rules (Linux): a negative fd is skipped; a closed fd reports POLLNVAL
 * and counts as ready; poll timeouts are 0 (just look), positive
 * milliseconds, or negative (forever).  select is poll with bit sets,
 * and a closed descriptor in a set is EBADF.  ppoll and pselect6 hold a
 * signal mask while they wait (poll_mask_install), which sigsuspend's
 * rules put back (signal.c).
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
#include "time/clock.h"
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
 * The core of all the calls.  deadline: CLOCK_MONOTONIC ns,
 * WAIT_NO_DEADLINE for forever; one already past only looks.  Returns the ready count (0 on
 * timeout) or -ERESTARTSYS (a signal; EINTR after a handler, since these
 * calls are NO_RESTART in syscall.c) / -ENOMEM.
 */
static int poll_wait_ready(struct kpollfd *fds, uint32_t nfds, uint64_t deadline)
{
	struct poll_table pt = { { page_alloc(), page_alloc() }, 0 };
	int ready;

	if (!pt.page[0] || !pt.page[1]) {
		poll_table_free(&pt);
		return -ENOMEM;
	}
	ready = poll_scan(fds, nfds, &pt);	/* joins every queue, and looks */
	while (!ready) {
		int err;

		/* Announce, then look, then sleep: wait.c says why. */
		sched_sleep_prepare(&poll_label, WAIT_INTERRUPTIBLE);
		ready = poll_scan(fds, nfds, NULL);
		if (ready) {
			sched_sleep_cancel();
			break;
		}
		err = sched_sleep_commit(WAIT_INTERRUPTIBLE, deadline);
		if (err) {
			ready = err == -ETIMEDOUT ? 0 : err;
			break;
		}
	}
	poll_table_free(&pt);
	return ready;
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

static long poll_restart(struct restart_block *rb);

/* poll until deadline; cut short by a signal, leave a restart block. */
static long poll_until(uaddr_t ufds, uint32_t nfds, uint64_t deadline)
{
	long ret = poll_common(ufds, nfds, deadline);

	if (ret == -ERESTARTSYS) {
		current->restart.fn = poll_restart;
		current->restart.deadline = deadline;
		current->restart.uaddr = ufds;
		current->restart.count = nfds;
	}
	return ret;
}

static long poll_restart(struct restart_block *rb)
{
	return poll_until(rb->uaddr, rb->count, rb->deadline);
}

long sys_poll(uaddr_t ufds, uint32_t nfds, int32_t timeout_ms)
{
	uint64_t deadline = WAIT_NO_DEADLINE;

	if (timeout_ms >= 0)
		deadline = time_deadline(timeout_ms * NSEC_PER_MSEC);
	return poll_until(ufds, nfds, deadline);
}

/*
 * Linux writes the time left back into the caller's timeout (a timespec
 * or, for select, a timeval).  If it cannot, an interrupted call is not
 * restarted, since its restart would wait the whole time again.
 */
static long timeout_write_back(uaddr_t ut, bool timeval, uint64_t deadline,
			       long ret)
{
	uint64_t now = time_now_ns(), left = deadline > now ? deadline - now : 0;
	struct ktimespec ts = ns_to_timespec(left);
	struct ktimeval tv = ns_to_timeval(left);
	int err = timeval ? copy_to_user(ut, &tv, sizeof(tv))
			  : copy_to_user(ut, &ts, sizeof(ts));

	return err && ret == -ERESTARTSYS ? -EINTR : ret;
}

/* A user timespec as a deadline: 0, or -EFAULT / -EINVAL. */
static int timespec_deadline(uaddr_t uts, uint64_t *deadline)
{
	struct ktimespec ts;
	uint64_t ns;

	*deadline = WAIT_NO_DEADLINE;
	if (!uts)
		return 0;
	if (copy_from_user(&ts, uts, sizeof(ts)))
		return -EFAULT;
	if (timespec_to_ns(&ts, &ns))
		return -EINVAL;
	*deadline = time_deadline(ns);
	return 0;
}

/* ppoll and pselect6: hold `umask` (if any) as the signal mask while waiting. */
static int poll_mask_install(uaddr_t umask, size_t setsize)
{
	sigset_t mask;

	if (!umask)
		return 0;
	if (setsize != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&mask, umask, sizeof(mask)))
		return -EFAULT;
	signal_mask_push(mask);		/* undone after delivery */
	return 0;
}

/* No signal came: put the mask back now (else signal.c does, after delivery). */
static void poll_mask_done(uaddr_t umask, long ret)
{
	if (umask && ret != -ERESTARTSYS)
		signal_mask_pop();
}

/* ppoll: poll with a timespec and a signal mask held during the wait. */
long sys_ppoll(uaddr_t ufds, uint32_t nfds, uaddr_t uts, uaddr_t umask,
	       size_t setsize)
{
	uint64_t deadline;
	long ret;

	if ((ret = timespec_deadline(uts, &deadline)) ||
	    (ret = poll_mask_install(umask, setsize)))
		return ret;
	ret = poll_common(ufds, nfds, deadline);
	if (uts)
		ret = timeout_write_back(uts, false, deadline, ret);
	poll_mask_done(umask, ret);
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

/* The select family's core: sets in, wait until `deadline`, sets out. */
static long select_common(int nfds, uaddr_t uin, uaddr_t uout, uaddr_t uex,
			  uint64_t deadline)
{
	struct select_sets *s = kmalloc(sizeof(*s));
	struct kpollfd *fds = kmalloc(FD_MAX * sizeof(*fds));
	uint32_t n;
	long ret = -ENOMEM;

	if (nfds < 0 || nfds > 1024)
		ret = -EINVAL;
	else if (s && fds) {
		nfds = min_u32(nfds, FD_MAX);	/* higher descriptors never exist */
		ret = select_copy_in(s, nfds, uin, uout, uex);
		if (!ret)
			ret = select_to_poll(s, nfds, fds, &n);
		if (!ret)
			ret = poll_wait_ready(fds, n, deadline);
		if (ret >= 0)
			ret = poll_to_select(s, fds, n);
		if (ret >= 0 && select_copy_out(s, nfds, uin, uout, uex))
			ret = -EFAULT;
	}
	kfree(s);
	kfree(fds);
	return ret;
}

long sys_select(int nfds, uaddr_t uin, uaddr_t uout, uaddr_t uex, uaddr_t utv)
{
	uint64_t deadline = WAIT_NO_DEADLINE, ns;
	struct ktimeval tv;
	long ret;

	if (utv) {
		if (copy_from_user(&tv, utv, sizeof(tv)))
			return -EFAULT;
		if (timeval_to_ns(&tv, &ns))
			return -EINVAL;
		deadline = time_deadline(ns);
	}
	ret = select_common(nfds, uin, uout, uex, deadline);
	return utv ? timeout_write_back(utv, true, deadline, ret) : ret;
}

/* The old select (82): its five arguments in a struct sel_arg_struct. */
long sys_old_select(uaddr_t uargs)
{
	uint32_t a[5];

	if (copy_from_user(a, uargs, sizeof(a)))
		return -EFAULT;
	return sys_select(a[0], a[1], a[2], a[3], a[4]);
}

/* pselect6: select with a timespec and a signal mask; the sixth argument
 * points at { const sigset_t *mask; size_t size; }. */
long sys_pselect6(int nfds, uaddr_t uin, uaddr_t uout, uaddr_t uex, uaddr_t uts,
		  uaddr_t usigdata)
{
	uint32_t sigdata[2] = { 0, 0 };
	uint64_t deadline;
	long ret;

	if (usigdata && copy_from_user(sigdata, usigdata, sizeof(sigdata)))
		return -EFAULT;
	if ((ret = timespec_deadline(uts, &deadline)) ||
	    (ret = poll_mask_install(sigdata[0], sigdata[1])))
		return ret;
	ret = select_common(nfds, uin, uout, uex, deadline);
	if (uts)
		ret = timeout_write_back(uts, false, deadline, ret);
	poll_mask_done(sigdata[0], ret);
	return ret;
}
