/*
 * pipe_pipe2 - pipe2's flags.
 *
 *   0: like pipe, neither FD_CLOEXEC nor O_NONBLOCK on either end;
 *   O_CLOEXEC: FD_CLOEXEC on both ends, O_NONBLOCK on neither;
 *   O_NONBLOCK: O_NONBLOCK on both ends (a read of the empty pipe gives
 *     EAGAIN), FD_CLOEXEC on neither;
 *   O_CLOEXEC | O_NONBLOCK: both, on both ends;
 *   any other flag (O_RDWR, O_WRONLY, O_CREAT, O_TRUNC, O_APPEND,
 *     O_NOCTTY, O_SYNC, -1): -1 EINVAL, the array is not written, and no
 *     descriptor is left open (the lowest free descriptor is unchanged).
 *
 * (O_DIRECT and O_EXCL are left out: Linux accepts them, as "packet mode"
 * and notification pipes; pipe_packet tests O_DIRECT.)
 */
#define _GNU_SOURCE
#include <conduit/test.h>
#include <fcntl.h>

static int lowest_free(void)
{
	int fd = 0;

	while (fcntl(fd, F_GETFD) >= 0)
		fd++;
	return fd;
}

static void check_flags(int flags)
{
	int fds[2], want_fd, want_fl;
	char c;

	CHECK_EQ(pipe2(fds, flags), 0);
	want_fd = flags & O_CLOEXEC ? FD_CLOEXEC : 0;
	want_fl = flags & O_NONBLOCK;
	for (int i = 0; i < 2; i++) {
		CHECK_EQ(fcntl(fds[i], F_GETFD), want_fd);
		CHECK_EQ(fcntl(fds[i], F_GETFL) & O_NONBLOCK, want_fl);
		CHECK_EQ(fcntl(fds[i], F_GETFL) & O_ACCMODE,
			 i == 0 ? O_RDONLY : O_WRONLY);
	}
	if (flags & O_NONBLOCK) {
		CHECK_EQ(read(fds[0], &c, 1), -1);
		CHECK_EQ(errno, EAGAIN);
	}
	CHECK_EQ(write(fds[1], "p", 1), 1);
	CHECK_EQ(read(fds[0], &c, 1), 1);
	CHECK_EQ(c, 'p');
	CHECK_EQ(close(fds[0]), 0);
	CHECK_EQ(close(fds[1]), 0);
}

int main(void)
{
	const int bad[] = { O_RDWR, O_WRONLY, O_CREAT, O_TRUNC, O_APPEND,
			    O_NOCTTY, O_SYNC, O_CLOEXEC | O_APPEND, -1 };
	int low = lowest_free();

	check_flags(0);
	check_flags(O_CLOEXEC);
	check_flags(O_NONBLOCK);
	check_flags(O_CLOEXEC | O_NONBLOCK);

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int fds[2] = { -7, -7 };

		CHECK_EQ(pipe2(fds, bad[i]), -1);
		CHECK_EQ(errno, EINVAL);
		CHECK_EQ(fds[0], -7);
		CHECK_EQ(fds[1], -7);
		CHECK_EQ(lowest_free(), low);
	}
	return 0;
}
