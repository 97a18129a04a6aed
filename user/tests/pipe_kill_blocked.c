/*
 * pipe_kill_blocked - a process blocked on a pipe can be killed, and its
 * ends of the pipe are closed when it dies.
 *
 *   A writer makes one blocking write of 65536 + 1000 bytes into a pipe
 *   nobody reads, so it blocks once the pipe is full.  The parent waits
 *   until /proc/ps shows the writer asleep in write (wait_for_wchan,
 *   WCHAN pipe-write) and sends SIGKILL.  The wait status must say
 *   SIGKILL.
 *   The 65536 bytes stay in the pipe: the parent reads them back intact,
 *   and then gets end of file, because the dead writer's end was closed.
 *   The same again with SIGTERM (default action: terminate).
 *
 *   A reader blocks in read on an empty pipe (it reports "ready" through
 *   a second pipe first; the parent also holds no read end), and once
 *   /proc/ps shows it asleep there (pipe-read), SIGKILL must end it;
 *   afterwards a write finds no reader left: EPIPE (SIGPIPE is ignored
 *   here).
 */
#define _GNU_SOURCE
#include <conduit/test.h>
#include <signal.h>
#include <sys/ioctl.h>

#define CAPACITY 65536
#define EXTRA 1000

static unsigned char buf[CAPACITY + EXTRA];

static int bytes_buffered(int fd)
{
	int n = -1;

	CHECK_EQ(ioctl(fd, FIONREAD, &n), 0);
	return n;
}

static void kill_blocked_writer(int sig)
{
	int fds[2], status;
	size_t got = 0;
	ssize_t n;
	pid_t pid;

	CHECK_EQ(pipe(fds), 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		close(fds[0]);
		for (size_t i = 0; i < sizeof buf; i++)
			buf[i] = (unsigned char)(i * 7 + sig);
		write(fds[1], buf, sizeof buf);
		_exit(0);		/* never reached: nobody reads */
	}
	CHECK_EQ(close(fds[1]), 0);
	wait_for_wchan(pid, "pipe-write");
	CHECK_EQ(bytes_buffered(fds[0]), CAPACITY);	/* why it sleeps */
	CHECK_EQ(kill(pid, sig), 0);
	status = wait_for_child(pid);
	CHECK(WIFSIGNALED(status));
	CHECK_EQ(WTERMSIG(status), sig);

	CHECK_EQ(bytes_buffered(fds[0]), CAPACITY);
	memset(buf, 0, sizeof buf);
	while ((n = read(fds[0], buf + got, sizeof buf - got)) > 0)
		got += (size_t)n;
	CHECK_EQ(n, 0);
	CHECK_EQ(got, CAPACITY);
	for (size_t i = 0; i < got; i++)
		CHECK_EQ(buf[i], (unsigned char)(i * 7 + sig));
	CHECK_EQ(close(fds[0]), 0);
}

static void kill_blocked_reader(void)
{
	int fds[2], ready[2], status;
	char c;
	pid_t pid;

	CHECK_EQ(pipe(fds), 0);
	CHECK_EQ(pipe(ready), 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		close(ready[0]);
		close(fds[1]);
		CHECK_EQ(write(ready[1], "r", 1), 1);
		read(fds[0], &c, 1);
		_exit(0);		/* never reached: nobody writes */
	}
	CHECK_EQ(close(ready[1]), 0);
	CHECK_EQ(close(fds[0]), 0);
	CHECK_EQ(read(ready[0], &c, 1), 1);
	wait_for_wchan(pid, "pipe-read");
	CHECK_EQ(kill(pid, SIGKILL), 0);
	status = wait_for_child(pid);
	CHECK(WIFSIGNALED(status));
	CHECK_EQ(WTERMSIG(status), SIGKILL);

	CHECK(signal(SIGPIPE, SIG_IGN) != SIG_ERR);
	CHECK_EQ(write(fds[1], "x", 1), -1);
	CHECK_EQ(errno, EPIPE);
	CHECK(signal(SIGPIPE, SIG_DFL) != SIG_ERR);
	close(fds[1]);
	close(ready[0]);
}

int main(void)
{
	kill_blocked_writer(SIGKILL);
	kill_blocked_writer(SIGTERM);
	kill_blocked_reader();
	return 0;
}
