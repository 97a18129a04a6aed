/*
 * fifo_unrelated - a FIFO connects processes that share no descriptors:
 * data, end of file and SIGPIPE go through it as through a pipe.
 *
 * The parent makes the FIFO and forks two children without creating any
 * pipe first, so the children share nothing but the FIFO's name.
 *
 *  1. Data and EOF: the writer child sends 100,000 patterned bytes in
 *     chunks of varying size (more than a pipe holds, so it blocks and is
 *     woken by the reader) and exits; the reader child reads until end of
 *     file and checks every byte.  Once with the reader forked first and
 *     once with the writer first.
 *  2. SIGPIPE: the reader child reads 10 bytes and exits; the writer
 *     child keeps writing and must be killed by SIGPIPE.
 *  3. EPIPE: the same with SIGPIPE ignored in the writer, whose write()
 *     must then fail with EPIPE (it exits 0 when it sees that).
 *
 * Synchronisation: the blocking opens make the two children meet, and
 * the parent only waits for both; no sleeps.
 */
#include <conduit/test.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>

#define FIFO "/tmp/fifo_unrelated-fifo"
#define TOTAL 100000

static unsigned char pattern(long i)
{
	return (unsigned char)(i * 7 + i / 251);
}

static void writer_all(void)
{
	unsigned char buf[3000];
	long sent = 0;
	int fd = open(FIFO, O_WRONLY), k = 0;

	CHECK(fd >= 0);
	while (sent < TOTAL) {
		long n = 1 + (k++ * 997) % (long)sizeof buf;
		if (n > TOTAL - sent)
			n = TOTAL - sent;
		for (long i = 0; i < n; i++)
			buf[i] = pattern(sent + i);
		CHECK_EQ(write(fd, buf, (size_t)n), n);
		sent += n;
	}
	_exit(0);		/* the reader sees end of file */
}

static void reader_all(void)
{
	unsigned char buf[4096];
	long got = 0;
	ssize_t n;
	int fd = open(FIFO, O_RDONLY);

	CHECK(fd >= 0);
	while ((n = read(fd, buf, sizeof buf)) > 0) {
		for (ssize_t i = 0; i < n; i++)
			CHECK_EQ(buf[i], pattern(got + i));
		got += n;
	}
	CHECK_EQ(n, 0);
	CHECK_EQ(got, TOTAL);
	CHECK_EQ(read(fd, buf, sizeof buf), 0);
	_exit(0);
}

static void reader_ten(void)
{
	char buf[10];
	int got = 0, fd = open(FIFO, O_RDONLY);

	CHECK(fd >= 0);
	while (got < 10) {
		ssize_t n = read(fd, buf + got, sizeof buf - (size_t)got);
		CHECK(n > 0);
		got += (int)n;
	}
	_exit(0);		/* closes the only read end */
}

static void writer_forever(int ignore_sigpipe)
{
	char buf[512];
	int fd;

	memset(buf, 'w', sizeof buf);
	if (ignore_sigpipe)
		CHECK(signal(SIGPIPE, SIG_IGN) != SIG_ERR);
	fd = open(FIFO, O_WRONLY);
	CHECK(fd >= 0);
	for (;;) {
		ssize_t n = write(fd, buf, sizeof buf);
		if (n < 0) {
			CHECK(ignore_sigpipe);
			CHECK_EQ(errno, EPIPE);
			_exit(0);
		}
		CHECK(n > 0);
	}
}

static pid_t spawn(void (*fn)(void))
{
	pid_t pid = fork();

	CHECK(pid >= 0);
	if (pid == 0)
		fn();
	return pid;
}

static void sigpipe_writer(void) { writer_forever(0); }
static void epipe_writer(void) { writer_forever(1); }

int main(void)
{
	pid_t r, w;
	int status;

	signal(SIGPIPE, SIG_DFL);
	unlink(FIFO);		/* a leftover of an interrupted run (Linux) */
	CHECK_EQ(mkfifo(FIFO, 0600), 0);

	/* 1 */
	r = spawn(reader_all);
	w = spawn(writer_all);
	CHECK_EQ(wait_for_child(w), 0);
	CHECK_EQ(wait_for_child(r), 0);
	w = spawn(writer_all);
	r = spawn(reader_all);
	CHECK_EQ(wait_for_child(r), 0);
	CHECK_EQ(wait_for_child(w), 0);

	/* 2 */
	w = spawn(sigpipe_writer);
	r = spawn(reader_ten);
	CHECK_EQ(wait_for_child(r), 0);
	status = wait_for_child(w);
	CHECK(WIFSIGNALED(status));
	CHECK_EQ(WTERMSIG(status), SIGPIPE);

	/* 3 */
	r = spawn(reader_ten);
	w = spawn(epipe_writer);
	CHECK_EQ(wait_for_child(r), 0);
	CHECK_EQ(wait_for_child(w), 0);

	CHECK_EQ(unlink(FIFO), 0);
	return 0;
}
