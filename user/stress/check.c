/*
 * check.c - the main process's checks of a scenario: the reports that
 * come in on the results pipe, how each process ended, and whether every
 * record sent arrived exactly once.  (The processes check the records
 * themselves as they read them: roles.c.)
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#include "stress.h"

/* A failure of the scenario, seen by the main process. */
void scenario_bug(const char *fmt, ...)
{
	char line[300];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	printf("stress: BUG (scenario %u %s): %s\n", sc.key,
	       topology_names[sc.topology], line);
	stress_failures++;
}

/* ------------------------------------------------------------------ */
/* Reports.                                                            */

static void take_report(const unsigned char *buf)
{
	struct report r;

	memcpy(&r, buf, sizeof(r));
	if (r.magic == OPENED_MAGIC && r.index >= 0 && r.index < sc.nprocs) {
		sc.procs[r.index].opened = 1;
		return;
	}
	if (r.magic != REPORT_MAGIC || r.index < 0 || r.index >= sc.nprocs) {
		scenario_bug("a corrupt report (magic %#x index %d)", r.magic, r.index);
		return;
	}
	if (sc.procs[r.index].reported)
		scenario_bug("process %d reported twice", r.index);
	sc.procs[r.index].reported = 1;
	sc.procs[r.index].rep = r;
}

/*
 * Read the reports waiting on the (non-blocking) results pipe.  Each was
 * one write of REPORT_SIZE <= PIPE_BUF bytes, so reads must return whole
 * ones.
 */
void check_drain_reports(void)
{
	static unsigned char buf[REPORT_SIZE * 16];

	for (;;) {
		ssize_t n = read(results_pipe[0], buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		if (n % REPORT_SIZE)
			scenario_bug("a read of reports got %zd bytes, not whole "
				     "%d-byte records", n, REPORT_SIZE);
		for (ssize_t off = 0; off + REPORT_SIZE <= n; off += REPORT_SIZE)
			take_report(buf + off);
	}
}

/* ------------------------------------------------------------------ */
/* Endings.                                                            */

static int signal_sent(const struct sproc *p, int sig)
{
	return (p->sent_signals >> (sig - 1)) & 1;
}

/* Did p stop reading (or writing) before the end of its stream? */
static int died_or_quit(const struct sproc *p)
{
	return WIFSIGNALED(p->status) || p->early >= 0 ||
	       (WIFEXITED(p->status) && WEXITSTATUS(p->status) != 0);
}

/* Did a consumer of process i's output go away?  Then EPIPE is its due. */
static int downstream_gone(int i)
{
	const struct sproc *p = &sc.procs[i];

	if (p->out < 0)
		return 0;
	for (int j = 0; j < sc.nprocs; j++) {
		const struct sproc *q = &sc.procs[j];
		if (j != i && q->in == p->out && (died_or_quit(q) || q->pid < 0))
			return 1;
	}
	return 0;
}

/* Exit 0; EPIPE's exit if downstream went; a deadly signal it was sent. */
static int ending_allowed(int i, int st)
{
	const struct sproc *p = &sc.procs[i];

	if (WIFEXITED(st))
		return WEXITSTATUS(st) == 0 ||
		       (WEXITSTATUS(st) == EXIT_EPIPE && downstream_gone(i));
	if (WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL)
		return signal_sent(p, SIGKILL);
	if (WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM)
		return signal_sent(p, SIGTERM) && !p->term_handled;
	return 0;
}

/* Did process i (reaped) end as its plan and the signals sent allow? */
void check_status(int i)
{
	const struct sproc *p = &sc.procs[i];
	int st = p->status;

	if (!ending_allowed(i, st))
		scenario_bug("%s %d (pid %d) ended with status %#x (%s %d)%s",
			     role_names[p->role], i, (int)p->pid, st,
			     WIFEXITED(st) ? "exit" : "signal",
			     WIFEXITED(st) ? WEXITSTATUS(st) : WTERMSIG(st),
			     WIFEXITED(st) && WEXITSTATUS(st) == EXIT_CHECK ? " (see above)" : "");
	if (WIFEXITED(st) && !p->reported)
		scenario_bug("%s %d exited (status %d) without its report",
			     role_names[p->role], i, WEXITSTATUS(st));
}

/* ------------------------------------------------------------------ */
/* Delivery.                                                           */

/*
 * Did a reader or relay die or quit, or not report?  Then the records
 * it held, or that were in its pipe, are gone, and a writer's count
 * cannot be checked.
 */
static int consumer_lost(void)
{
	for (int j = 0; j < sc.nprocs; j++) {
		const struct sproc *p = &sc.procs[j];
		if (p->role != R_WRITER && (died_or_quit(p) || !p->reported))
			return 1;
	}
	return 0;
}

/* What the readers got from writer id, all together. */
static void received(int id, uint64_t *count, uint64_t *sum, uint64_t *sumsq)
{
	*count = *sum = *sumsq = 0;
	for (int r = 0; r < sc.nprocs; r++) {
		const struct sproc *p = &sc.procs[r];
		if (p->role != R_READER || !p->reported)
			continue;
		*count += p->rep.w[id].count;
		*sum += p->rep.w[id].sum;
		*sumsq += p->rep.w[id].sumsq;
	}
}

/*
 * k seqs arrived: their sum and sum of squares must be those of
 * 0..k-1.  With each reader's seqs increasing, that means each arrived
 * once, with no gap.  Then, unless records were lost downstream, k must
 * be what the writer reported sending (at least that, for a writer
 * killed after it reported).
 */
static void check_writer(const struct sproc *w, int lost)
{
	uint64_t k, sum, sumsq;

	received(w->writer_id, &k, &sum, &sumsq);
	if (k && (sum != k * (k - 1) / 2 || sumsq != (k - 1) * k * (2 * k - 1) / 6)) {
		scenario_bug("writer %d: the %llu records received are not seqs 0..%llu "
			     "exactly once (sum %llu, sum of squares %llu)", w->writer_id,
			     (unsigned long long)k, (unsigned long long)(k - 1),
			     (unsigned long long)sum, (unsigned long long)sumsq);
		return;
	}
	if (lost || !w->reported)
		return;
	if (!WIFSIGNALED(w->status) && (int64_t)k != w->rep.sent)
		scenario_bug("writer %d sent %d records, %llu arrived", w->writer_id,
			     w->rep.sent, (unsigned long long)k);
	if (WIFSIGNALED(w->status) && (int64_t)k < w->rep.sent)
		scenario_bug("killed writer %d reported %d, %llu arrived", w->writer_id,
			     w->rep.sent, (unsigned long long)k);
}

/*
 * Could a stream have been cut inside a record?  Only by a process that
 * died halfway through passing it on: a relay (it copies pieces of any
 * size), or a writer killed inside a write bigger than PIPE_BUF (only a
 * writer alone on its pipe makes those: big_writes).  A cut anywhere
 * else means a write of at most PIPE_BUF was not atomic.
 */
static int stream_cut_allowed(void)
{
	for (int j = 0; j < sc.nprocs; j++) {
		const struct sproc *p = &sc.procs[j];
		if (p->role == R_RELAY && died_or_quit(p))
			return 1;
		if (p->role == R_WRITER && p->big_writes && WIFSIGNALED(p->status))
			return 1;
	}
	return 0;
}

/* Did every record sent arrive exactly once (a killed writer's: a prefix)? */
void check_delivery(void)
{
	int lost = consumer_lost();

	for (int j = 0; j < sc.nprocs; j++) {
		const struct sproc *p = &sc.procs[j];
		if (p->role == R_WRITER)
			check_writer(p, lost);
		if (p->role == R_READER && p->reported && p->rep.truncated &&
		    !stream_cut_allowed())
			scenario_bug("reader %d: its stream ended %d bytes into a "
				     "record, and nobody upstream died", j,
				     p->rep.truncated);
	}
}
