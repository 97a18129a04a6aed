/*
 * pipe_basic - the chapter's example: a child writes a message into a
 * pipe and the parent reads it back.
 *
 * Both processes close the ends they do not use.  The parent reads until
 * end of file and must get exactly the message, then 0 on every further
 * read (end of file is permanent once every writer is gone).  Also:
 * read(fd, buf, 0) returns 0 at once, both on an empty pipe that still
 * has a writer and at end of file, and write(fd, buf, 0) returns 0.
 *
 * Synchronisation: only the pipe itself.  The parent's reads block until
 * the child has written, and return 0 only once the child has closed its
 * write end (by closing it or by exiting).
 */
#define _GNU_SOURCE		/* glibc: pipe2 and friends; ignored by Conduit */
#include <conduit/test.h>

static const char message[] = "hello from the child, through a pipe";

static void child(int fds[2])
{
	CHECK_EQ(close(fds[0]), 0);
	CHECK_EQ(write(fds[1], message, sizeof message), sizeof message);
	CHECK_EQ(close(fds[1]), 0);
	_exit(0);
}

int main(void)
{
	char buf[2 * sizeof message];
	size_t got = 0;
	ssize_t n;
	int fds[2];
	pid_t pid;

	CHECK_EQ(pipe(fds), 0);
	CHECK(fds[0] >= 0);
	CHECK(fds[1] >= 0);
	CHECK(fds[0] != fds[1]);

	/* Zero-length transfers never block and move nothing. */
	CHECK_EQ(read(fds[0], buf, 0), 0);
	CHECK_EQ(write(fds[1], buf, 0), 0);

	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0)
		child(fds);

	CHECK_EQ(close(fds[1]), 0);
	while ((n = read(fds[0], buf + got, sizeof buf - got)) > 0)
		got += (size_t)n;
	CHECK_EQ(n, 0);
	CHECK_EQ(got, sizeof message);
	CHECK_EQ(memcmp(buf, message, sizeof message), 0);

	/* End of file stays: every later read returns 0 as well. */
	for (int i = 0; i < 3; i++)
		CHECK_EQ(read(fds[0], buf, sizeof buf), 0);
	CHECK_EQ(read(fds[0], buf, 0), 0);

	CHECK_EQ(wait_for_child(pid), 0);
	CHECK_EQ(close(fds[0]), 0);
	return 0;
}
