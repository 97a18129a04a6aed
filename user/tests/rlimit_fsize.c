/*
 * rlimit_fsize - RLIMIT_FSIZE: no write or truncate makes a regular file
 * larger than the soft limit.
 *
 * With the limit at LIMIT bytes and SIGXFSZ caught:
 *   - a write that crosses the limit is cut short at it;
 *   - a write that starts at the limit fails with EFBIG and raises
 *     SIGXFSZ (once per refused write); a write of 0 bytes there is 0,
 *     with no signal, as on Linux;
 *   - ftruncate and truncate to more than LIMIT are EFBIG with SIGXFSZ,
 *     to LIMIT or less (shrinking too) succeed;
 *   - pipes are not files: more than LIMIT bytes go through one.
 * With SIGXFSZ at its default action, the write past the limit kills the
 * child with SIGXFSZ.  Synchronisation: waitpid only.
 */
#include <conduit/test.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>

#define PATH "/tmp/rlimit_fsize.data"
#define LIMIT 10000

static volatile sig_atomic_t signals;

static void on_xfsz(int sig)
{
	(void)sig;
	signals++;
}

static void set_limit(void)
{
	struct rlimit r;

	CHECK_EQ(getrlimit(RLIMIT_FSIZE, &r), 0);
	r.rlim_cur = LIMIT;
	CHECK_EQ(setrlimit(RLIMIT_FSIZE, &r), 0);
}

static void caught(void)
{
	static char buf[LIMIT + 2000];
	struct stat st;
	int fd = open(PATH, O_RDWR | O_CREAT | O_TRUNC, 0644), fds[2];

	CHECK(fd >= 0);
	signal(SIGXFSZ, on_xfsz);
	CHECK_EQ(lseek(fd, LIMIT - 50, SEEK_SET), LIMIT - 50);
	CHECK_EQ(write(fd, buf, 100), 50);		/* cut at the limit */
	CHECK_EQ(signals, 0);
	CHECK_EQ(write(fd, buf, 1), -1);
	CHECK_EQ(errno, EFBIG);
	CHECK_EQ(signals, 1);
	CHECK_EQ(write(fd, buf, 0), 0);
	CHECK_EQ(signals, 1);
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK_EQ(st.st_size, LIMIT);

	CHECK_EQ(ftruncate(fd, LIMIT + 1), -1);
	CHECK_EQ(errno, EFBIG);
	CHECK_EQ(signals, 2);
	CHECK_EQ(truncate(PATH, 2 * LIMIT), -1);
	CHECK_EQ(errno, EFBIG);
	CHECK_EQ(signals, 3);
	CHECK_EQ(ftruncate(fd, 100), 0);
	CHECK_EQ(ftruncate(fd, LIMIT), 0);
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	CHECK_EQ(write(fd, buf, sizeof buf), LIMIT);	/* from 0: cut too */
	CHECK_EQ(signals, 3);
	CHECK_EQ(close(fd), 0);

	CHECK_EQ(pipe(fds), 0);
	CHECK_EQ(write(fds[1], buf, sizeof buf), (ssize_t)sizeof buf);
	CHECK_EQ(signals, 3);
	close(fds[0]), close(fds[1]);
}

int main(void)
{
	pid_t pid = fork();
	int status;

	CHECK(pid >= 0);
	if (pid == 0) {
		set_limit();
		caught();
		_exit(0);
	}
	CHECK_EQ(wait_for_child(pid), 0);

	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		int fd = open(PATH, O_WRONLY | O_APPEND);

		set_limit();
		write(fd, "x", 1);		/* at LIMIT: SIGXFSZ kills */
		_exit(0);
	}
	status = wait_for_child(pid);
	CHECK(WIFSIGNALED(status));
	CHECK_EQ(WTERMSIG(status), SIGXFSZ);
	CHECK_EQ(unlink(PATH), 0);
	return 0;
}
