/*
 * fd_fork_shared - after fork, parent and child share their open files:
 * the file offset and the status flags belong to the open file, not to
 * the descriptor; the descriptor flags (FD_CLOEXEC) and the descriptors
 * themselves are separate.
 *
 *   offset: the parent opens its own executable (argv[0]) read-only; the
 *     child reads 100 bytes from it, after which the parent's
 *     lseek(fd, 0, SEEK_CUR) is 100; the parent reads 50, and the child
 *     then sees offset 150 and reads bytes 150.. (compared with what a
 *     separate open of the same file reads there); an
 *     lseek(SEEK_SET) in the child moves the parent's offset too;
 *   status flags: the child sets O_NONBLOCK on a pipe's read end with
 *     F_SETFL; the parent's F_GETFL then shows it, and its read of the
 *     empty pipe fails with EAGAIN instead of blocking;
 *   descriptor flags: FD_CLOEXEC set by the child is not seen by the
 *     parent;
 *   closing a descriptor in the child leaves the parent's open.
 *
 * The two take turns through a pair of token pipes, so every step
 * happens in a known order.
 */
#define _GNU_SOURCE
#include <conduit/test.h>
#include <fcntl.h>

static int to_child[2], to_parent[2];

static void send_token(int fd)
{
	CHECK_EQ(write(fd, "t", 1), 1);
}

static void wait_token(int fd)
{
	char c;

	CHECK_EQ(read(fd, &c, 1), 1);
}

/* Bytes [offset, offset+len) of path, read through a separate open. */
static void read_at(const char *path, off_t offset, unsigned char *buf,
		    size_t len)
{
	int fd = open(path, O_RDONLY);

	CHECK(fd >= 0);
	CHECK_EQ(lseek(fd, offset, SEEK_SET), offset);
	CHECK_EQ(read(fd, buf, len), len);
	CHECK_EQ(close(fd), 0);
}

static void child(const char *path, int file, int pipe_read)
{
	unsigned char got[100], expect[100];

	CHECK_EQ(read(file, got, 100), 100);
	read_at(path, 0, expect, 100);
	CHECK_EQ(memcmp(got, expect, 100), 0);
	CHECK_EQ(fcntl(pipe_read, F_SETFL, O_NONBLOCK), 0);
	CHECK_EQ(fcntl(pipe_read, F_SETFD, FD_CLOEXEC), 0);
	send_token(to_parent[1]);

	wait_token(to_child[0]);		/* parent read 50 bytes */
	CHECK_EQ(lseek(file, 0, SEEK_CUR), 150);
	CHECK_EQ(read(file, got, 10), 10);
	read_at(path, 150, expect, 10);
	CHECK_EQ(memcmp(got, expect, 10), 0);
	CHECK_EQ(lseek(file, 1000, SEEK_SET), 1000);
	CHECK_EQ(close(file), 0);
	CHECK_EQ(close(pipe_read), 0);
	send_token(to_parent[1]);
	_exit(0);
}

int main(int argc, char **argv)
{
	unsigned char got[50], expect[50];
	int file, fds[2];
	pid_t pid;
	char c;

	(void)argc;
	file = open(argv[0], O_RDONLY);
	CHECK(file >= 0);
	CHECK_EQ(pipe(fds), 0);
	CHECK_EQ(pipe(to_child), 0);
	CHECK_EQ(pipe(to_parent), 0);

	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0)
		child(argv[0], file, fds[0]);

	wait_token(to_parent[0]);
	CHECK_EQ(lseek(file, 0, SEEK_CUR), 100);
	CHECK(fcntl(fds[0], F_GETFL) & O_NONBLOCK);
	CHECK_EQ(read(fds[0], &c, 1), -1);
	CHECK_EQ(errno, EAGAIN);
	CHECK_EQ(fcntl(fds[0], F_GETFD), 0);

	CHECK_EQ(read(file, got, 50), 50);
	read_at(argv[0], 100, expect, 50);
	CHECK_EQ(memcmp(got, expect, 50), 0);
	send_token(to_child[1]);

	wait_token(to_parent[0]);		/* child sought to 1000, closed */
	CHECK_EQ(lseek(file, 0, SEEK_CUR), 1000);
	CHECK_EQ(fcntl(file, F_GETFD), 0);	/* still open here */
	CHECK_EQ(write(fds[1], "z", 1), 1);
	CHECK_EQ(read(fds[0], &c, 1), 1);
	CHECK_EQ(c, 'z');
	CHECK_EQ(wait_for_child(pid), 0);
	CHECK_EQ(close(file), 0);
	CHECK_EQ(close(fds[0]), 0);
	CHECK_EQ(close(fds[1]), 0);
	return 0;
}
