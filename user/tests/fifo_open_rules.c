/*
 * fifo_open_rules - making FIFOs and the POSIX/Linux rules for opening
 * them, in every mode.
 *
 *  1. mkfifo and mknod(S_IFIFO) make FIFOs: stat, lstat and fstat say
 *     S_IFIFO with the permission bits asked for (umask 0 here), the same
 *     inode through the name and through an open descriptor, size 0;
 *     mkfifo on an existing name (FIFO, file or directory) is EEXIST;
 *     lseek on a FIFO is ESPIPE.
 *  2. Non-blocking opens never wait: O_RDONLY|O_NONBLOCK succeeds with no
 *     writer (and read() then says end of file: no writer); O_WRONLY|
 *     O_NONBLOCK fails with ENXIO while there is no reader, and succeeds
 *     once there is one (a non-blocking reader or an O_RDWR open).
 *  3. O_RDWR never waits, and its descriptor both writes and reads the
 *     one pipe behind the FIFO.
 *  4. A blocking O_RDONLY open waits until a writer opens, and a blocking
 *     O_WRONLY open until a reader opens; the open that completes the
 *     pair wakes the waiting one.  Both are tried with the waiting side in
 *     a child and the completing open in the parent, and the completing
 *     open is tried as O_WRONLY/O_RDONLY, as a non-blocking open and as
 *     O_RDWR (which counts as both a reader and a writer).
 *  5. An opener finds a partner that is already there without waiting.
 *  6. A partner that opens and closes again at once still completes the
 *     pair: a blocked reader's open returns (and it reads EOF), a blocked
 *     writer's open returns (and its writes then fail with EPIPE).  The
 *     blocked side already counts as a reader/writer while it waits.
 *
 * Synchronisation: the child reports "my open returned" through a status
 * pipe.  Before the parent opens the other end, it sleeps a little and
 * checks that no such report has come yet: the child is probably blocked
 * in open() by then, and if the sleep was too short (the child has not
 * even reached open()), the check is still right, only weaker.  In case
 * 6 the parent retries every 10 ms until it can tell that the child is
 * inside open().  Nothing else depends on timing: every other wait is a
 * blocking read or waitpid.
 */
#include <conduit/test.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>

#define DIR_PATH "/tmp/fifo_open_rules-d"
#define FIFO DIR_PATH "/fifo"
#define NODE DIR_PATH "/node"
#define FILE_PATH DIR_PATH "/file"

/* The status pipe is still empty: the child's open has not returned. */
static void check_no_report(int status_fd)
{
	struct pollfd p = { status_fd, POLLIN, 0 };

	sleep_ms(50);	/* the child is probably blocked in open() by now */
	CHECK_EQ(poll(&p, 1, 0), 0);
}

static void makes_fifos(void)
{
	struct stat st, fst;
	int fd;

	CHECK_EQ(mkfifo(FIFO, 0640), 0);
	CHECK_EQ(stat(FIFO, &st), 0);
	CHECK(S_ISFIFO(st.st_mode));
	CHECK_EQ(st.st_mode & 07777, 0640);
	CHECK_EQ(st.st_size, 0);
	CHECK_EQ(st.st_nlink, 1);
	CHECK_EQ(lstat(FIFO, &st), 0);
	CHECK(S_ISFIFO(st.st_mode));

	/* An existing name of any kind: EEXIST, and the FIFO is untouched. */
	errno = 0;
	CHECK_EQ(mkfifo(FIFO, 0600), -1);
	CHECK_EQ(errno, EEXIST);
	fd = open(FILE_PATH, O_WRONLY | O_CREAT | O_EXCL, 0600);
	CHECK(fd >= 0);
	CHECK_EQ(close(fd), 0);
	errno = 0;
	CHECK_EQ(mkfifo(FILE_PATH, 0600), -1);
	CHECK_EQ(errno, EEXIST);
	errno = 0;
	CHECK_EQ(mkfifo(DIR_PATH, 0600), -1);
	CHECK_EQ(errno, EEXIST);
	CHECK_EQ(stat(FILE_PATH, &st), 0);
	CHECK(S_ISREG(st.st_mode));
	CHECK_EQ(unlink(FILE_PATH), 0);

	/* mknod with S_IFIFO is the same thing. */
	CHECK_EQ(mknod(NODE, S_IFIFO | 0600, 0), 0);
	CHECK_EQ(stat(NODE, &st), 0);
	CHECK(S_ISFIFO(st.st_mode));
	CHECK_EQ(st.st_mode & 07777, 0600);
	errno = 0;
	CHECK_EQ(mknod(NODE, S_IFIFO | 0600, 0), -1);
	CHECK_EQ(errno, EEXIST);

	/* fstat of an open end: the FIFO itself. */
	fd = open(FIFO, O_RDWR);
	CHECK(fd >= 0);
	CHECK_EQ(fstat(fd, &fst), 0);
	CHECK_EQ(stat(FIFO, &st), 0);
	CHECK(S_ISFIFO(fst.st_mode));
	CHECK_EQ(fst.st_mode, st.st_mode);
	CHECK_EQ(fst.st_ino, st.st_ino);
	CHECK_EQ(fst.st_dev, st.st_dev);
	errno = 0;
	CHECK_EQ(lseek(fd, 0, SEEK_SET), -1);
	CHECK_EQ(errno, ESPIPE);
	CHECK_EQ(close(fd), 0);
}

static void nonblocking_opens(void)
{
	char buf[8];
	int rd, rd2, wr, rw;

	/* No reader: a non-blocking writer cannot open. */
	errno = 0;
	CHECK_EQ(open(FIFO, O_WRONLY | O_NONBLOCK), -1);
	CHECK_EQ(errno, ENXIO);

	/* A non-blocking reader opens at once, and sees end of file. */
	rd = open(FIFO, O_RDONLY | O_NONBLOCK);
	CHECK(rd >= 0);
	CHECK_EQ(read(rd, buf, sizeof buf), 0);

	/* Now there is a reader: writers open, blocking or not. */
	wr = open(FIFO, O_WRONLY | O_NONBLOCK);
	CHECK(wr >= 0);
	CHECK_EQ(write(wr, "ab", 2), 2);
	CHECK_EQ(close(wr), 0);
	wr = open(FIFO, O_WRONLY);
	CHECK(wr >= 0);
	CHECK_EQ(write(wr, "cd", 2), 2);
	CHECK_EQ(read(rd, buf, sizeof buf), 4);
	CHECK_EQ(memcmp(buf, "abcd", 4), 0);
	/* A writer exists but there is no data: a non-blocking read says so. */
	errno = 0;
	CHECK_EQ(read(rd, buf, sizeof buf), -1);
	CHECK_EQ(errno, EAGAIN);
	/* A blocking reader finds the writer there and does not wait. */
	rd2 = open(FIFO, O_RDONLY);
	CHECK(rd2 >= 0);
	CHECK_EQ(close(rd2), 0);
	CHECK_EQ(close(wr), 0);
	CHECK_EQ(close(rd), 0);

	/* Readers gone again: ENXIO again. */
	errno = 0;
	CHECK_EQ(open(FIFO, O_WRONLY | O_NONBLOCK), -1);
	CHECK_EQ(errno, ENXIO);

	/* O_RDWR never waits, is a reader for the ENXIO rule, and moves data. */
	rw = open(FIFO, O_RDWR);
	CHECK(rw >= 0);
	wr = open(FIFO, O_WRONLY | O_NONBLOCK);
	CHECK(wr >= 0);
	CHECK_EQ(write(wr, "xy", 2), 2);
	CHECK_EQ(write(rw, "z", 1), 1);
	CHECK_EQ(read(rw, buf, sizeof buf), 3);
	CHECK_EQ(memcmp(buf, "xyz", 3), 0);
	CHECK_EQ(close(wr), 0);
	CHECK_EQ(close(rw), 0);
	rw = open(FIFO, O_RDWR | O_NONBLOCK);
	CHECK(rw >= 0);
	errno = 0;
	CHECK_EQ(read(rw, buf, sizeof buf), -1);	/* itself a writer */
	CHECK_EQ(errno, EAGAIN);
	CHECK_EQ(close(rw), 0);
}

/*
 * A child opens the FIFO with `wait_flags` (a blocking O_RDONLY or
 * O_WRONLY) and must stay blocked until the parent opens it with
 * `partner_flags`.  Data goes from the writer to the reader.
 */
static void blocked_open(int wait_flags, int partner_flags)
{
	int status[2], fd, child_reads = (wait_flags & O_ACCMODE) == O_RDONLY;
	char c, buf[4];
	pid_t pid;

	CHECK_EQ(pipe(status), 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		CHECK_EQ(close(status[0]), 0);
		fd = open(FIFO, wait_flags);
		CHECK(fd >= 0);
		CHECK_EQ(write(status[1], "o", 1), 1);	/* "my open returned" */
		if (child_reads) {
			CHECK_EQ(read(fd, buf, 4), 4);
			CHECK_EQ(memcmp(buf, "data", 4), 0);
		} else {
			CHECK_EQ(write(fd, "data", 4), 4);
		}
		CHECK_EQ(close(fd), 0);
		_exit(0);
	}
	CHECK_EQ(close(status[1]), 0);
	check_no_report(status[0]);

	fd = open(FIFO, partner_flags);		/* completes the pair */
	CHECK(fd >= 0);
	CHECK_EQ(read(status[0], &c, 1), 1);	/* ... which woke the child */
	CHECK_EQ(c, 'o');
	if (child_reads) {
		CHECK_EQ(write(fd, "data", 4), 4);
	} else {
		/* A non-blocking partner may look before the child wrote. */
		struct pollfd p = { fd, POLLIN, 0 };
		CHECK_EQ(poll(&p, 1, -1), 1);
		CHECK_EQ(read(fd, buf, 4), 4);
		CHECK_EQ(memcmp(buf, "data", 4), 0);
	}
	CHECK_EQ(wait_for_child(pid), 0);
	CHECK_EQ(close(fd), 0);
	CHECK_EQ(close(status[0]), 0);
}

/*
 * A partner that opens and closes again at once still completes the
 * rendezvous: the blocked open returns (Linux waits for the partner's
 * open *count* to change, not for the partner to be there).  The blocked
 * side is counted while it waits, which is how the parent finds it: a
 * non-blocking writer's open fails with ENXIO until the child's blocked
 * open(O_RDONLY) counts as a reader, and a non-blocking reader sees EOF
 * rather than EAGAIN until the child's blocked open(O_WRONLY) counts as
 * a writer.  The parent retries every 10 ms until then.
 */
static void fleeting_partner(int child_reads)
{
	char buf[64];
	int fd, status;
	pid_t pid;

	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		if (child_reads) {
			fd = open(FIFO, O_RDONLY);
			CHECK(fd >= 0);
			CHECK_EQ(read(fd, buf, sizeof buf), 0);	/* gone: EOF */
		} else {
			signal(SIGPIPE, SIG_IGN);
			fd = open(FIFO, O_WRONLY);
			CHECK(fd >= 0);
			/* The parent may still be there for a moment. */
			while (write(fd, "x", 1) == 1)
				;
			CHECK_EQ(errno, EPIPE);
		}
		_exit(0);
	}
	for (;;) {
		if (child_reads) {
			fd = open(FIFO, O_WRONLY | O_NONBLOCK);
			if (fd >= 0) {
				CHECK_EQ(close(fd), 0);
				break;
			}
			CHECK_EQ(errno, ENXIO);
		} else {
			ssize_t n;
			fd = open(FIFO, O_RDONLY | O_NONBLOCK);
			CHECK(fd >= 0);
			n = read(fd, buf, sizeof buf);
			CHECK_EQ(close(fd), 0);
			if (n < 0)
				CHECK_EQ(errno, EAGAIN);
			if (n != 0)		/* EAGAIN or data: a writer */
				break;
			/* Or it came and went between our open and close. */
			if (waitpid(pid, &status, WNOHANG) == pid) {
				CHECK_EQ(status, 0);
				return;
			}
		}
		sleep_ms(10);	/* the child is not in open() yet */
	}
	CHECK_EQ(wait_for_child(pid), 0);
}

static void remove_all(void)
{
	unlink(FIFO);
	unlink(NODE);
	unlink(FILE_PATH);
	rmdir(DIR_PATH);
}

int main(void)
{
	umask(0);
	remove_all();		/* leftovers of an interrupted run (Linux) */
	CHECK_EQ(mkdir(DIR_PATH, 0700), 0);
	makes_fifos();
	nonblocking_opens();

	blocked_open(O_RDONLY, O_WRONLY);
	blocked_open(O_RDONLY, O_RDWR);
	blocked_open(O_WRONLY, O_RDONLY);
	blocked_open(O_WRONLY, O_RDONLY | O_NONBLOCK);
	blocked_open(O_WRONLY, O_RDWR);

	fleeting_partner(1);
	fleeting_partner(0);

	CHECK_EQ(unlink(FIFO), 0);
	CHECK_EQ(unlink(NODE), 0);
	CHECK_EQ(rmdir(DIR_PATH), 0);
	return 0;
}
