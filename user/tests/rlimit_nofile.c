/*
 * rlimit_nofile - RLIMIT_NOFILE: new descriptors stay below the soft
 * limit, with Linux's error for each way of making one.
 *
 * With the soft limit lowered to LIMIT (the hard limit left alone):
 *   - open, dup, pipe and F_DUPFD take only slots below LIMIT: when all
 *     are used they fail with EMFILE (pipe with one slot free too, and it
 *     leaves that slot free);
 *   - dup2/dup3 to a target >= LIMIT are EBADF, F_DUPFD/F_DUPFD_CLOEXEC
 *     with a start >= LIMIT are EINVAL, a start below it that finds no
 *     free slot EMFILE;
 *   - sysconf(_SC_OPEN_MAX) and getdtablesize() report LIMIT;
 *   - a child inherits the limit (it gets EMFILE at the same place);
 *   - lowering the limit below an open descriptor closes nothing: it
 *     stays usable, dup2(fd, fd) still answers fd, but dup3/F_DUPFD
 *     cannot make another one there;
 *   - the soft limit can be raised back up to the hard one.
 * The hard limit cannot go above what the kernel can hold: EPERM for
 * 2000000 (above Linux's nr_open too) and RLIM_INFINITY; on Conduit the
 * default is 256 (soft and hard), and 257 is EPERM.
 * Also (issue 13): dup3(fd, fd, 0) is EINVAL even for a closed fd.
 */
#define _GNU_SOURCE
#include <conduit/test.h>
#include <fcntl.h>
#include <sys/resource.h>

#define LIMIT 10

static int is_open(int fd)
{
	return fcntl(fd, F_GETFD) >= 0;
}

/* Fill every free slot below the limit with /dev/null-like opens. */
static void fill_table(void)
{
	int fd;

	while ((fd = open("/tmp", O_RDONLY)) >= 0)
		CHECK(fd < LIMIT);
	CHECK_EQ(errno, EMFILE);
	for (fd = 0; fd < LIMIT; fd++)
		CHECK(is_open(fd));
}

static void full_table(void)
{
	int fds[2] = { -1, -1 };

	CHECK_EQ(dup(0), -1);
	CHECK_EQ(errno, EMFILE);
	CHECK_EQ(pipe(fds), -1);
	CHECK_EQ(errno, EMFILE);
	CHECK_EQ(fcntl(0, F_DUPFD, 3), -1);
	CHECK_EQ(errno, EMFILE);
	CHECK_EQ(fcntl(0, F_DUPFD, LIMIT), -1);
	CHECK_EQ(errno, EINVAL);
	CHECK_EQ(fcntl(0, F_DUPFD_CLOEXEC, LIMIT + 5), -1);
	CHECK_EQ(errno, EINVAL);
	CHECK_EQ(dup2(0, LIMIT), -1);
	CHECK_EQ(errno, EBADF);
	CHECK_EQ(dup3(0, LIMIT, 0), -1);
	CHECK_EQ(errno, EBADF);
	CHECK_EQ(dup2(0, LIMIT - 1), LIMIT - 1);	/* below: replaces */

	/* One free slot: a pipe needs two, and gives the one back. */
	CHECK_EQ(close(LIMIT - 2), 0);
	CHECK_EQ(pipe(fds), -1);
	CHECK_EQ(errno, EMFILE);
	CHECK(!is_open(LIMIT - 2));
	CHECK_EQ(fcntl(0, F_DUPFD, 5), LIMIT - 2);
}

static void in_child(void)
{
	pid_t pid = fork();

	CHECK(pid >= 0);
	if (pid == 0) {
		struct rlimit r;
		CHECK_EQ(getrlimit(RLIMIT_NOFILE, &r), 0);
		CHECK_EQ(r.rlim_cur, LIMIT);
		CHECK_EQ(close(4), 0);
		CHECK_EQ(dup(0), 4);
		CHECK_EQ(dup(0), -1);
		CHECK_EQ(errno, EMFILE);
		_exit(0);
	}
	CHECK_EQ(wait_for_child(pid), 0);
}

static void lower_below_open(struct rlimit *r)
{
	char c = 'x';
	int fds[2];

	for (int fd = 3; fd < LIMIT; fd++)
		CHECK_EQ(close(fd), 0);
	CHECK_EQ(pipe(fds), 0);
	CHECK_EQ(dup2(fds[1], LIMIT - 1), LIMIT - 1);
	CHECK_EQ(close(fds[1]), 0);
	r->rlim_cur = 4;
	CHECK_EQ(setrlimit(RLIMIT_NOFILE, r), 0);
	CHECK(is_open(LIMIT - 1));			/* nothing closed */
	CHECK_EQ(write(LIMIT - 1, &c, 1), 1);
	CHECK_EQ(read(fds[0], &c, 1), 1);
	CHECK_EQ(dup2(LIMIT - 1, LIMIT - 1), LIMIT - 1);
	CHECK_EQ(dup3(fds[0], LIMIT - 1, 0), -1);
	CHECK_EQ(errno, EBADF);
	CHECK_EQ(fcntl(fds[0], F_DUPFD, 4), -1);
	CHECK_EQ(errno, EINVAL);
	CHECK_EQ(dup(fds[0]), -1);			/* 0..3 are taken */
	CHECK_EQ(errno, EMFILE);
	CHECK_EQ(close(fds[0]), 0);
	CHECK_EQ(close(LIMIT - 1), 0);
}

static void hard_limit_ceiling(void)
{
	struct rlimit r, now;

	CHECK_EQ(getrlimit(RLIMIT_NOFILE, &r), 0);
	now = r;
	r.rlim_max = 2000000;
	CHECK_EQ(setrlimit(RLIMIT_NOFILE, &r), -1);
	CHECK_EQ(errno, EPERM);
	r.rlim_max = RLIM_INFINITY;
	CHECK_EQ(setrlimit(RLIMIT_NOFILE, &r), -1);
	CHECK_EQ(errno, EPERM);
	CHECK_EQ(getrlimit(RLIMIT_NOFILE, &r), 0);
	CHECK_EQ(r.rlim_cur, now.rlim_cur);		/* unchanged */
	CHECK_EQ(r.rlim_max, now.rlim_max);
	if (getenv("CONDUIT_HOST_RUN") != NULL)
		return;
	CHECK_EQ(r.rlim_cur, 256);			/* Conduit's FD_MAX */
	CHECK_EQ(r.rlim_max, 256);
	CHECK_EQ(sysconf(_SC_OPEN_MAX), 256);
	r.rlim_max = 257;
	CHECK_EQ(setrlimit(RLIMIT_NOFILE, &r), -1);
	CHECK_EQ(errno, EPERM);
}

int main(void)
{
	struct rlimit r, saved;

	for (int fd = 3; fd < 64; fd++)
		close(fd);
	CHECK_EQ(dup3(7, 7, 0), -1);	/* EINVAL comes before EBADF */
	CHECK_EQ(errno, EINVAL);
	hard_limit_ceiling();
	CHECK_EQ(getrlimit(RLIMIT_NOFILE, &saved), 0);
	CHECK(saved.rlim_max >= LIMIT);
	r = saved;
	r.rlim_cur = LIMIT;
	CHECK_EQ(setrlimit(RLIMIT_NOFILE, &r), 0);
	CHECK_EQ(sysconf(_SC_OPEN_MAX), LIMIT);
	CHECK_EQ(getdtablesize(), LIMIT);
	fill_table();
	full_table();
	in_child();
	lower_below_open(&r);
	r.rlim_cur = saved.rlim_max;		/* back up to the hard limit */
	CHECK_EQ(setrlimit(RLIMIT_NOFILE, &r), 0);
	CHECK_EQ(fcntl(0, F_DUPFD, LIMIT + 1), LIMIT + 1);
	return 0;
}
