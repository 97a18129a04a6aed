/*
 * pipe_fd_ops - what the other descriptor operations do on pipe ends.
 *
 *   pipe returns the two lowest free descriptors, read end first;
 *   fstat on either end: S_ISFIFO; both ends of one pipe have the same
 *     inode number, a different pipe has another one;
 *   lseek on either end, any whence: -1 ESPIPE;
 *   read on the write end and write on the read end: -1 EBADF, and the
 *     pipe's contents are unaffected;
 *   FIONREAD: 0 when empty, then the number of bytes buffered after
 *     writes and partial reads, the same through either end;
 *   F_GETPIPE_SZ: 65536 on both ends, and exactly that many bytes fit
 *     (filling a non-blocking pipe until EAGAIN);
 *   F_GETFL: O_RDONLY on the read end, O_WRONLY on the write end;
 *   after close, every operation on the descriptor is EBADF, and the
 *     descriptor number is reused by the next pipe.
 */
#define _GNU_SOURCE
#include <conduit/test.h>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/stat.h>

static int is_open(int fd)
{
	return fcntl(fd, F_GETFD) >= 0;
}

static int free_from(int from)
{
	while (is_open(from))
		from++;
	return from;
}

static int buffered(int fd)
{
	int n = -1;

	CHECK_EQ(ioctl(fd, FIONREAD, &n), 0);
	return n;
}

static void check_stat(int fds[2], int other[2])
{
	struct stat r, w, o;

	CHECK_EQ(fstat(fds[0], &r), 0);
	CHECK_EQ(fstat(fds[1], &w), 0);
	CHECK_EQ(fstat(other[0], &o), 0);
	CHECK(S_ISFIFO(r.st_mode));
	CHECK(S_ISFIFO(w.st_mode));
	CHECK(S_ISFIFO(o.st_mode));
	CHECK_EQ(r.st_ino, w.st_ino);
	CHECK(o.st_ino != r.st_ino);
}

static void check_seek(int fd)
{
	int whences[3] = { SEEK_SET, SEEK_CUR, SEEK_END };

	for (int i = 0; i < 3; i++) {
		CHECK_EQ(lseek(fd, 0, whences[i]), -1);
		CHECK_EQ(errno, ESPIPE);
	}
}

static void check_wrong_end(int fds[2])
{
	char buf[8] = "abc";

	CHECK_EQ(write(fds[1], "xyz", 3), 3);
	CHECK_EQ(read(fds[1], buf, sizeof buf), -1);
	CHECK_EQ(errno, EBADF);
	CHECK_EQ(write(fds[0], buf, 3), -1);
	CHECK_EQ(errno, EBADF);
	CHECK_EQ(buffered(fds[0]), 3);
	CHECK_EQ(read(fds[0], buf, sizeof buf), 3);
	CHECK_EQ(memcmp(buf, "xyz", 3), 0);
}

static void check_fionread(int fds[2])
{
	static char buf[5000];

	CHECK_EQ(buffered(fds[0]), 0);
	CHECK_EQ(buffered(fds[1]), 0);
	CHECK_EQ(write(fds[1], buf, 1234), 1234);
	CHECK_EQ(buffered(fds[0]), 1234);
	CHECK_EQ(write(fds[1], buf, 4000), 4000);
	CHECK_EQ(buffered(fds[0]), 5234);
	CHECK_EQ(read(fds[0], buf, 234), 234);
	CHECK_EQ(buffered(fds[0]), 5000);
	CHECK_EQ(buffered(fds[1]), 5000);
	CHECK_EQ(read(fds[0], buf, sizeof buf), 5000);
	CHECK_EQ(buffered(fds[0]), 0);
}

static void check_capacity(void)
{
	static char buf[4096];
	int fds[2], size;
	long total = 0;
	ssize_t n;

	CHECK_EQ(pipe2(fds, O_NONBLOCK), 0);
	size = fcntl(fds[0], F_GETPIPE_SZ);
	CHECK_EQ(size, 65536);
	CHECK_EQ(fcntl(fds[1], F_GETPIPE_SZ), size);
	while ((n = write(fds[1], buf, sizeof buf)) > 0)
		total += n;
	CHECK_EQ(n, -1);
	CHECK_EQ(errno, EAGAIN);
	CHECK_EQ(total, size);
	CHECK_EQ(buffered(fds[0]), size);
	CHECK_EQ(close(fds[0]), 0);
	CHECK_EQ(close(fds[1]), 0);
}

static void check_closed(int fd)
{
	struct stat st;
	char c;
	int n;

	CHECK_EQ(close(fd), 0);
	CHECK_EQ(read(fd, &c, 1), -1);
	CHECK_EQ(errno, EBADF);
	CHECK_EQ(write(fd, "x", 1), -1);
	CHECK_EQ(errno, EBADF);
	CHECK_EQ(fstat(fd, &st), -1);
	CHECK_EQ(errno, EBADF);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), -1);
	CHECK_EQ(errno, EBADF);
	CHECK_EQ(ioctl(fd, FIONREAD, &n), -1);
	CHECK_EQ(errno, EBADF);
	CHECK_EQ(fcntl(fd, F_GETPIPE_SZ), -1);
	CHECK_EQ(errno, EBADF);
	CHECK_EQ(close(fd), -1);
	CHECK_EQ(errno, EBADF);
}

int main(void)
{
	int fds[2], other[2], again[2], first, second;

	first = free_from(0);
	second = free_from(first + 1);
	CHECK_EQ(pipe(fds), 0);
	CHECK_EQ(fds[0], first);
	CHECK_EQ(fds[1], second);
	CHECK_EQ(pipe(other), 0);
	CHECK_EQ(fcntl(fds[0], F_GETFL) & O_ACCMODE, O_RDONLY);
	CHECK_EQ(fcntl(fds[1], F_GETFL) & O_ACCMODE, O_WRONLY);

	check_stat(fds, other);
	check_seek(fds[0]);
	check_seek(fds[1]);
	check_wrong_end(fds);
	check_fionread(fds);
	check_capacity();

	check_closed(fds[0]);
	check_closed(fds[1]);
	CHECK_EQ(pipe(again), 0);
	CHECK_EQ(again[0], first);
	CHECK_EQ(again[1], second);
	CHECK_EQ(close(again[0]), 0);
	CHECK_EQ(close(again[1]), 0);
	CHECK_EQ(close(other[0]), 0);
	CHECK_EQ(close(other[1]), 0);
	return 0;
}
