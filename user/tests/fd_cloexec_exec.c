/*
 * fd_cloexec_exec - execve closes exactly the descriptors marked
 * close-on-exec, however the mark was set, and keeps the others.
 *
 * The parent prepares a plain pipe ("report") and these descriptors:
 *
 *   close-on-exec:  both ends of a pipe2(O_CLOEXEC) pipe;
 *                   fcntl(report write end, F_DUPFD_CLOEXEC, n);
 *                   dup3(report write end, n, O_CLOEXEC);
 *                   dup() + fcntl(F_SETFD, FD_CLOEXEC);
 *   kept:           the report pipe's two ends;
 *                   dup() + F_SETFD FD_CLOEXEC + F_SETFD 0;
 *                   dup2() of a close-on-exec descriptor (dup2 clears it);
 *                   fcntl(F_DUPFD);
 *
 * A child checks that FD_CLOEXEC survived the fork, then re-executes this
 * program (argv[0] is its absolute path) with the arguments
 * "--exec-check", then "c:N" for each descriptor that must be closed and
 * "k:N" for each that must stay open.  The new image checks
 * fcntl(N, F_GETFD) == -1 with EBADF for every "c", and == 0 (open, flag
 * clear) for every "k"; through every kept write end it writes one byte
 * "k" into the report pipe, and exits 0.  The parent closes its own
 * copies of the write ends, reads the report until end of file and
 * expects exactly one "k" per kept write end.
 */
#define _GNU_SOURCE
#include <conduit/test.h>
#include <fcntl.h>

#define EXEC_FLAG "--exec-check"
#define MAX_FDS 16

static int is_open(int fd)
{
	return fcntl(fd, F_GETFD) >= 0;
}

/* The lowest descriptor >= from that is not open. */
static int free_from(int from)
{
	while (is_open(from))
		from++;
	return from;
}

/* The re-executed image: argv[2..] are "c:N" and "k:N". */
static int exec_check(int argc, char **argv)
{
	for (int i = 2; i < argc; i++) {
		int fd = atoi(argv[i] + 2);

		CHECK(argv[i][1] == ':');
		if (argv[i][0] == 'c') {
			CHECK_EQ(fcntl(fd, F_GETFD), -1);
			CHECK_EQ(errno, EBADF);
		} else {
			CHECK_EQ(argv[i][0], 'k');
			CHECK_EQ(fcntl(fd, F_GETFD), 0);
			if ((fcntl(fd, F_GETFL) & O_ACCMODE) == O_WRONLY)
				CHECK_EQ(write(fd, "k", 1), 1);
		}
	}
	return 0;
}

struct plan {
	int fds[MAX_FDS];
	int closes[MAX_FDS];	/* 1: must be closed by exec */
	int count;
	int kept_writers;
};

static void add(struct plan *p, int fd, int closes, int is_writer)
{
	CHECK(fd >= 0);
	CHECK(p->count < MAX_FDS);
	CHECK_EQ(fcntl(fd, F_GETFD), closes ? FD_CLOEXEC : 0);
	p->fds[p->count] = fd;
	p->closes[p->count] = closes;
	p->count++;
	if (!closes && is_writer)
		p->kept_writers++;
}

static void child(const char *self, struct plan *p)
{
	static char args[MAX_FDS][16];
	char *argv[MAX_FDS + 3];
	extern char **environ;
	int n = 0;

	argv[n++] = (char *)self;
	argv[n++] = EXEC_FLAG;
	for (int i = 0; i < p->count; i++) {
		/* Flags are inherited across fork. */
		CHECK_EQ(fcntl(p->fds[i], F_GETFD), p->closes[i] ? FD_CLOEXEC : 0);
		snprintf(args[i], sizeof args[i], "%c:%d",
			 p->closes[i] ? 'c' : 'k', p->fds[i]);
		argv[n++] = args[i];
	}
	argv[n] = NULL;
	execve(self, argv, environ);
	_exit(127);
}

int main(int argc, char **argv)
{
	struct plan p = { .count = 0, .kept_writers = 0 };
	int report[2], cloexec_pipe[2], fd, dup_of;
	char buf[64];
	size_t got = 0;
	ssize_t n;
	pid_t pid;

	if (argc >= 2 && strcmp(argv[1], EXEC_FLAG) == 0)
		return exec_check(argc, argv);
	CHECK_EQ(argc, 1);

	CHECK_EQ(pipe(report), 0);
	add(&p, report[0], 0, 0);
	add(&p, report[1], 0, 1);
	CHECK_EQ(pipe2(cloexec_pipe, O_CLOEXEC), 0);
	add(&p, cloexec_pipe[0], 1, 0);
	add(&p, cloexec_pipe[1], 1, 1);

	dup_of = fcntl(report[1], F_DUPFD_CLOEXEC, free_from(20));
	add(&p, dup_of, 1, 1);
	fd = free_from(30);
	CHECK_EQ(dup3(report[1], fd, O_CLOEXEC), fd);
	add(&p, fd, 1, 1);
	fd = dup(report[1]);
	CHECK_EQ(fcntl(fd, F_SETFD, FD_CLOEXEC), 0);
	add(&p, fd, 1, 1);

	fd = dup(report[1]);
	CHECK_EQ(fcntl(fd, F_SETFD, FD_CLOEXEC), 0);
	CHECK_EQ(fcntl(fd, F_SETFD, 0), 0);
	add(&p, fd, 0, 1);
	fd = free_from(40);
	CHECK_EQ(dup2(dup_of, fd), fd);		/* copy of a cloexec fd */
	add(&p, fd, 0, 1);
	add(&p, fcntl(report[1], F_DUPFD, free_from(50)), 0, 1);

	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0)
		child(argv[0], &p);

	for (int i = 0; i < p.count; i++)
		if (p.fds[i] != report[0])
			CHECK_EQ(close(p.fds[i]), 0);
	while ((n = read(report[0], buf + got, sizeof buf - got)) > 0)
		got += (size_t)n;
	CHECK_EQ(n, 0);
	CHECK_EQ(wait_for_child(pid), 0);
	CHECK_EQ(got, p.kept_writers);
	for (size_t i = 0; i < got; i++)
		CHECK_EQ(buf[i], 'k');
	CHECK_EQ(close(report[0]), 0);
	return 0;
}
