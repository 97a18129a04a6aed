/*
 * process.c - one process of a scenario, from fork to exit: it keeps only
 * its own pipe ends, sets up its signal handling, plays its role
 * (roles.c), and at the end sends its report to the main process.  Also
 * what every role needs: reporting a broken rule, waiting after EAGAIN,
 * and writing a record whole.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "longrun.h"
#include "rng.h"
#include "stress.h"

struct report process_report;	/* what this process sends at its end */
static int process_index;	/* which of sc.procs this process is */
/* Handled signals are only counted: what matters is the interrupted call. */
static volatile sig_atomic_t process_signals;

/*
 * Print a line with one write() to fd 1, not through stdio: several
 * processes print at once, and a line must come out whole; and a buffer
 * would be lost by _exit().
 */
static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
	char line[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof(line))
		n = sizeof(line) - 1;
	if (n > 0 && write(1, line, (size_t)n) < 0)
		return;		/* nowhere to say that saying failed */
}

/* A rule was broken: say so, and exit with EXIT_CHECK in the end. */
void process_bug(const char *fmt, ...)
{
	char line[300];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	process_report.bad++;
	say("stress: BUG (scenario %u %s): %s %d (pid %d): %s\n", sc.key,
	    topology_names[sc.topology], role_names[sc.procs[process_index].role],
	    process_index, (int)getpid(), line);
}

/* One write of REPORT_SIZE bytes: atomic, so reports never mix. */
static void send_record(uint32_t magic)
{
	unsigned char buf[REPORT_SIZE];

	memset(buf, 0, sizeof(buf));
	process_report.magic = magic;
	process_report.index = process_index;
	process_report.role = sc.procs[process_index].role;
	memcpy(buf, &process_report, sizeof(process_report));
	for (;;) {
		ssize_t n = write(results_pipe[1], buf, sizeof(buf));
		if (n == (ssize_t)sizeof(buf))
			return;
		if (n < 0 && errno == EINTR)
			continue;
		say("stress: process %d could not report: %zd (%s)\n", process_index,
		    n, n < 0 ? strerror(errno) : "short write");
		return;
	}
}

static void send_report(void)
{
	send_record(REPORT_MAGIC);
}

/* Report and exit; a broken rule overrides the code. */
void process_finish(int code)
{
	send_report();
	_exit(process_report.bad ? EXIT_CHECK : code);
}

/* Wait until fd is ready for events (after EAGAIN). */
static void wait_ready(int fd, short events)
{
	struct pollfd p = { fd, events, 0 };

	while (poll(&p, 1, -1) < 0 && errno == EINTR)
		;
}

/*
 * Read up to want bytes, going on after EINTR and EAGAIN: the count, 0 at
 * end of file, -1 (reported) on an error.
 */
ssize_t process_read(int fd, unsigned char *buf, size_t want)
{
	for (;;) {
		ssize_t r = read(fd, buf, want);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 && errno == EAGAIN) {
			wait_ready(fd, POLLIN);
			continue;
		}
		if (r < 0)
			process_bug("read failed: %s", strerror(errno));
		return r;
	}
}

/*
 * Write n bytes, going on after EINTR and EAGAIN.  atomic: the bytes are
 * records, at most PIPE_BUF, so one write() must take them all.  0 when
 * written, -EPIPE when the reader is gone, -1 on anything else.
 */
int process_write(int fd, const unsigned char *buf, size_t n, int atomic)
{
	size_t done = 0;

	while (done < n) {
		ssize_t r = write(fd, buf + done, n - done);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 && errno == EAGAIN) {
			wait_ready(fd, POLLOUT);
			continue;
		}
		if (r < 0 && errno == EPIPE)
			return -EPIPE;
		if (r < 0) {
			process_bug("write of %zu bytes failed: %s", n - done, strerror(errno));
			return -1;
		}
		if (atomic && (size_t)r != n)
			process_bug("write of a %zu-byte record (<= PIPE_BUF) returned %zd", n, r);
		if (r == 0) {
			process_bug("write returned 0");
			return -1;
		}
		done += (size_t)r;
	}
	return 0;
}

static void on_signal(int sig)
{
	(void)sig;
	process_signals++;
}

/*
 * The handlers the plan gave this process, then the signals the main
 * process blocked around fork() may come in (mask is its mask before).
 */
static void set_signals(const struct sproc *me, const sigset_t *mask)
{
	int restart = me->restart ? SA_RESTART : 0;

	set_handler(SIGUSR1, on_signal, restart);
	set_handler(SIGUSR2, SIG_IGN, 0);
	set_handler(SIGPIPE, SIG_IGN, 0);	/* writers see EPIPE instead */
	set_handler(SIGTERM, me->term_handled ? on_signal : SIG_DFL, restart);
	sigprocmask(SIG_SETMASK, mask, NULL);
}

/*
 * Close every pipe end but this process's own, so that ends of file and
 * EPIPE come when the processes at the other ends are done, and the
 * results pipe's read end and the FIFO's keeper, which are the main
 * process's.
 */
static void keep_own_ends(const struct sproc *me, int *in, int *out)
{
	for (int i = 0; i < sc.npipes; i++) {
		if (sc.pipes[i][0] < 0)
			continue;
		if (i == me->in)
			*in = sc.pipes[i][0];
		else
			close(sc.pipes[i][0]);
		if (i == me->out)
			*out = sc.pipes[i][1];
		else
			close(sc.pipes[i][1]);
	}
	close(results_pipe[0]);
	if (sc.keeper_fd >= 0)
		close(sc.keeper_fd);
}

static int open_fifo(int flags)
{
	for (;;) {
		int fd = open(sc.fifo_path, flags);
		if (fd >= 0 || errno != EINTR)
			return fd;
	}
}

/* FIFO scenarios: pipe 0 is opened by name, which may wait for the other side. */
static void open_fifo_end(const struct sproc *me, int *in, int *out)
{
	if (me->role == R_WRITER && me->out == 0) {
		*out = open_fifo(me->open_rdwr ? O_RDWR : O_WRONLY);
		if (*out < 0) {
			process_bug("open FIFO for writing: %s", strerror(errno));
			process_finish(EXIT_SETUP);
		}
	}
	if (me->role == R_READER && me->in == 0) {
		*in = open_fifo(O_RDONLY);
		if (*in < 0) {
			process_bug("open FIFO for reading: %s", strerror(errno));
			process_finish(EXIT_SETUP);
		}
		/* The keeper may go now (scenario.c, release_keeper): until
		 * this note, our open would wait for ever once it had. */
		send_record(OPENED_MAGIC);
	}
}

/* Process index of the scenario, just forked; mask: the signal mask to restore. */
void process_main(int index, const sigset_t *mask)
{
	struct sproc *me = &sc.procs[index];
	int in = -1, out = -1;

	process_index = index;
	memset(&process_report, 0, sizeof(process_report));
	rng_seed(stress_seed, sc.key, (uint32_t)index);
	set_signals(me, mask);
	keep_own_ends(me, &in, &out);
	if (sc.fifo)
		open_fifo_end(me, &in, &out);
	if (me->nonblock && in >= 0)
		fcntl(in, F_SETFL, O_NONBLOCK);
	if (me->nonblock && out >= 0)
		fcntl(out, F_SETFL, O_NONBLOCK);
	switch (me->role) {
	case R_WRITER:
		writer_main(me, out);
	case R_READER:
		reader_main(me, in);
	default:
		relay_main(in, out);
	}
}
