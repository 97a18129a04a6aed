/*
 * fd_dup2_stdout - redirecting a program's standard output (and input)
 * into pipes with dup2, the way a shell builds "echo hello | ...".
 *
 *   A child dup2s a pipe's write end onto descriptor 1, closes the
 *   originals and execs /bin/echo hello.  The parent, having closed its
 *   write end, reads "hello\n" and then end of file (echo exited, and no
 *   other copy of the write end exists); echo exits 0.
 *
 *   A child dup2s one pipe's read end onto 0 and another's write end onto
 *   1 and execs /bin/cat.  The parent writes a few lines into the first
 *   pipe and closes it; it must read exactly the same bytes back from the
 *   second, then end of file.
 *
 * Synchronisation: the pipes themselves and waitpid.  The input for cat
 * is small enough to fit in a pipe, so writing it all before reading
 * cannot deadlock.
 */
#define _GNU_SOURCE
#include <conduit/test.h>

static const char cat_input[] = "first line\nsecond line\n\nlast, no newline";

/* Read until end of file into buf (NUL-terminated); returns the length. */
static size_t read_to_eof(int fd, char *buf, size_t size)
{
	size_t got = 0;
	ssize_t n;

	while ((n = read(fd, buf + got, size - 1 - got)) > 0)
		got += (size_t)n;
	CHECK_EQ(n, 0);
	buf[got] = '\0';
	return got;
}

static void echo_into_pipe(void)
{
	char buf[64];
	int fds[2];
	pid_t pid;

	CHECK_EQ(pipe(fds), 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		close(fds[0]);
		if (dup2(fds[1], 1) != 1)
			_exit(126);
		close(fds[1]);
		execl("/bin/echo", "echo", "hello", (char *)NULL);
		_exit(127);
	}
	CHECK_EQ(close(fds[1]), 0);
	CHECK_EQ(read_to_eof(fds[0], buf, sizeof buf), 6);
	CHECK_EQ(strcmp(buf, "hello\n"), 0);
	CHECK_EQ(wait_for_child(pid), 0);
	CHECK_EQ(close(fds[0]), 0);
}

static void cat_between_pipes(void)
{
	int in[2], out[2];
	char buf[128];
	pid_t pid;

	CHECK_EQ(pipe(in), 0);
	CHECK_EQ(pipe(out), 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		if (dup2(in[0], 0) != 0 || dup2(out[1], 1) != 1)
			_exit(126);
		close(in[0]);
		close(in[1]);
		close(out[0]);
		close(out[1]);
		execl("/bin/cat", "cat", (char *)NULL);
		_exit(127);
	}
	CHECK_EQ(close(in[0]), 0);
	CHECK_EQ(close(out[1]), 0);
	CHECK_EQ(write(in[1], cat_input, strlen(cat_input)), strlen(cat_input));
	CHECK_EQ(close(in[1]), 0);
	CHECK_EQ(read_to_eof(out[0], buf, sizeof buf), strlen(cat_input));
	CHECK_EQ(strcmp(buf, cat_input), 0);
	CHECK_EQ(wait_for_child(pid), 0);
	CHECK_EQ(close(out[0]), 0);
}

int main(void)
{
	echo_into_pipe();
	cat_between_pipes();
	return 0;
}
