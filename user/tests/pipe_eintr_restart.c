/*
 * pipe_eintr_restart - a pipe read or write interrupted by a handled
 * signal: EINTR if it moved nothing, its partial count if it did, and a
 * transparent restart under SA_RESTART when it moved nothing.
 *
 * The signals come from a "bomber" child that sends SIGUSR1 to the
 * parent every millisecond until the parent closes the bomber's stop
 * pipe (the bomber sees end of file there).  The parent's blocking call
 * can only end because of a signal (nobody will ever supply data or
 * room), and a signal is sure to come while it is blocked, whichever
 * runs first; so there is no race.
 *
 *   no SA_RESTART: read of an empty pipe (write end held by the parent)
 *     gives -1 EINTR; a 10-byte write into a full pipe gives -1 EINTR and
 *     adds nothing; a 200000-byte write into an empty pipe with no one
 *     reading gives a partial count r, 0 < r <= 65536, and exactly r
 *     bytes are in the pipe (FIONREAD);
 *   SA_RESTART: the same partial write still returns its partial count
 *     (a restart would lose the count); a read or write that moved
 *     nothing is restarted.  For those a "helper" child replaces the
 *     bomber: it sends SIGUSR1 three times, waiting each time until the
 *     handler has run (the handler writes a byte to an ack pipe, which
 *     is async-signal-safe), and only then supplies the data (for the
 *     read) or drains the pipe (for the write).  The read must return
 *     exactly that data and the write its full count, never EINTR.  The
 *     parent tells the helper when it is about to block and the helper
 *     waits 10 ms before signalling, so the signals most likely hit the
 *     blocked call; if they come earlier the result must be the same.
 *
 * After each case the parent reaps the bomber/helper (wait_for_child
 * retries on EINTR) before doing anything else that could block.
 */
#define _GNU_SOURCE
#include <conduit/test.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/ioctl.h>

#define CAPACITY 65536
#define BIG 200000
#define HELPER_SIGNALS 3

static volatile sig_atomic_t handler_count;
static int ack_fd = -1;			/* write end of the ack pipe, or -1 */
static unsigned char buf[BIG];

static void on_usr1(int sig)
{
	int saved = errno;

	(void)sig;
	handler_count++;
	if (ack_fd >= 0)
		write(ack_fd, "a", 1);
	errno = saved;
}

static void install(int flags)
{
	struct sigaction act;

	memset(&act, 0, sizeof act);
	act.sa_handler = on_usr1;
	act.sa_flags = flags;
	sigemptyset(&act.sa_mask);
	CHECK_EQ(sigaction(SIGUSR1, &act, NULL), 0);
}

static int buffered(int fd)
{
	int n = -1;

	CHECK_EQ(ioctl(fd, FIONREAD, &n), 0);
	return n;
}

/* Start the bomber; *stop_fd gets the write end of its stop pipe. */
static pid_t start_bomber(int *stop_fd)
{
	pid_t parent = getpid();
	int stop[2];
	pid_t pid;
	char c;

	CHECK_EQ(pipe2(stop, O_NONBLOCK), 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		close(stop[1]);
		while (read(stop[0], &c, 1) != 0) {
			kill(parent, SIGUSR1);
			sleep_ms(1);
		}
		_exit(0);
	}
	close(stop[0]);
	*stop_fd = stop[1];
	return pid;
}

static void stop_bomber(pid_t pid, int stop_fd)
{
	CHECK_EQ(close(stop_fd), 0);
	CHECK_EQ(wait_for_child(pid), 0);
}

static void fill_pipe(int fd)
{
	memset(buf, 'f', CAPACITY);
	CHECK_EQ(write(fd, buf, CAPACITY), CAPACITY);
	CHECK_EQ(buffered(fd), CAPACITY);
}

static void eintr_read(void)
{
	int fds[2], stop;
	pid_t bomber;
	ssize_t n;

	CHECK_EQ(pipe(fds), 0);
	handler_count = 0;
	bomber = start_bomber(&stop);
	n = read(fds[0], buf, 10);
	CHECK_EQ(n, -1);
	CHECK_EQ(errno, EINTR);
	CHECK(handler_count >= 1);
	stop_bomber(bomber, stop);
	CHECK_EQ(buffered(fds[0]), 0);
	close(fds[0]);
	close(fds[1]);
}

static void eintr_write_full(void)
{
	int fds[2], stop;
	pid_t bomber;
	ssize_t n;

	CHECK_EQ(pipe(fds), 0);
	fill_pipe(fds[1]);
	handler_count = 0;
	bomber = start_bomber(&stop);
	n = write(fds[1], buf, 10);
	CHECK_EQ(n, -1);
	CHECK_EQ(errno, EINTR);
	CHECK(handler_count >= 1);
	stop_bomber(bomber, stop);
	CHECK_EQ(buffered(fds[0]), CAPACITY);
	close(fds[0]);
	close(fds[1]);
}

static void partial_write(void)
{
	int fds[2], stop;
	pid_t bomber;
	ssize_t n;

	CHECK_EQ(pipe(fds), 0);
	handler_count = 0;
	bomber = start_bomber(&stop);
	memset(buf, 'p', BIG);
	n = write(fds[1], buf, BIG);
	CHECK(handler_count >= 1);
	stop_bomber(bomber, stop);
	CHECK(n > 0);
	CHECK(n <= CAPACITY);
	CHECK_EQ(buffered(fds[0]), n);
	close(fds[0]);
	close(fds[1]);
}

/*
 * Helper for the SA_RESTART cases: waits for "about to block", signals
 * HELPER_SIGNALS times (each acknowledged by the handler), then calls
 * finish(data_fd).
 */
static pid_t start_helper(int go[2], int ack[2], int data_fd,
			  int unused_fd, void (*finish)(int))
{
	pid_t parent = getpid();
	pid_t pid = fork();
	char c;

	CHECK(pid >= 0);
	if (pid != 0)
		return pid;
	/* Keep no end we do not use, and no write end of the pipes we read:
	 * if the parent dies, our reads see end of file instead of blocking
	 * forever. */
	close(unused_fd);
	close(go[1]);
	close(ack[1]);
	CHECK_EQ(read(go[0], &c, 1), 1);
	sleep_ms(10);
	for (int i = 0; i < HELPER_SIGNALS; i++) {
		CHECK_EQ(kill(parent, SIGUSR1), 0);
		CHECK_EQ(read(ack[0], &c, 1), 1);
	}
	finish(data_fd);
	_exit(0);
}

static const char late_data[] = "data written after the signals";

static void supply_data(int fd)
{
	CHECK_EQ(write(fd, late_data, sizeof late_data), sizeof late_data);
}

static void drain_pipe(int fd)
{
	size_t total = 0;
	ssize_t n;

	while ((n = read(fd, buf, sizeof buf)) > 0)
		total += (size_t)n;
	CHECK_EQ(total, CAPACITY + 1000);
}

static void restart_case(int is_write)
{
	int fds[2], go[2], ack[2];
	pid_t helper;
	ssize_t n;

	CHECK_EQ(pipe(fds), 0);
	CHECK_EQ(pipe(go), 0);
	CHECK_EQ(pipe(ack), 0);
	if (is_write)
		fill_pipe(fds[1]);
	helper = start_helper(go, ack, is_write ? fds[0] : fds[1],
			      is_write ? fds[1] : fds[0],
			      is_write ? drain_pipe : supply_data);
	close(ack[0]);
	close(go[0]);
	ack_fd = ack[1];
	handler_count = 0;

	CHECK_EQ(write(go[1], "g", 1), 1);
	if (is_write) {
		close(fds[0]);		/* the helper is the only reader */
		memset(buf, 'w', 1000);
		n = write(fds[1], buf, 1000);
		CHECK_EQ(n, 1000);
		close(fds[1]);
	} else {
		close(fds[1]);		/* the helper is the only writer */
		n = read(fds[0], buf, sizeof buf);
		CHECK_EQ(n, sizeof late_data);
		CHECK_EQ(memcmp(buf, late_data, sizeof late_data), 0);
		close(fds[0]);
	}
	CHECK_EQ(handler_count, HELPER_SIGNALS);
	CHECK_EQ(wait_for_child(helper), 0);
	ack_fd = -1;
	close(ack[1]);
	close(go[1]);
}

int main(void)
{
	install(0);
	eintr_read();
	eintr_write_full();
	partial_write();

	install(SA_RESTART);
	partial_write();
	restart_case(0);
	restart_case(1);

	signal(SIGUSR1, SIG_DFL);
	return 0;
}
