/*
 * exhaust_fds - fill a process's descriptor table (256 slots) every way
 * there is, and check that each failure says EMFILE (or EBADF past the
 * table) and leaves nothing behind.
 *
 *   - open() until EMFILE: every slot 0..255 gets used, then EMFILE;
 *   - with one slot left, pipe() and pipe2() fail with EMFILE and create no
 *     file and no pipe (the counters in /proc/meminfo do not move);
 *   - dup(), fcntl(F_DUPFD) and open() on a full table: EMFILE, nothing
 *     created; dup2() to 255 replaces, to 256 is EBADF;
 *   - a FIFO open on a full table: EMFILE, and the FIFO is not left open
 *     (a later open for writing with O_NONBLOCK finds no reader: ENXIO);
 *   - closing everything brings files, pipes, kmalloc objects and free
 *     pages back to their start.
 */
#define _GNU_SOURCE	/* pipe2, on a Linux host */
#include <conduit/test.h>
#include <fcntl.h>
#include <sys/stat.h>

#define FD_LIMIT 256

struct counts {
	long files, pipes, objects, pages;
};

/* The counters (each read opens /proc/meminfo: a slot must be free). */
static struct counts counts_now(void)
{
	struct counts c;

	c.files = meminfo("files");
	c.pipes = meminfo("pipes");
	c.objects = meminfo("kmalloc_objects");
	c.pages = meminfo("pages_free");
	return c;
}

static void check_same(struct counts a, struct counts b, const char *when)
{
	if (a.files != b.files || a.pipes != b.pipes || a.objects != b.objects ||
	    a.pages != b.pages)
		fprintf(stderr, "FAIL: %s: files %ld -> %ld, pipes %ld -> %ld, "
			"kmalloc_objects %ld -> %ld, pages_free %ld -> %ld\n", when,
			a.files, b.files, a.pipes, b.pipes, a.objects, b.objects,
			a.pages, b.pages);
	CHECK_EQ(b.files, a.files);
	CHECK_EQ(b.pipes, a.pipes);
	CHECK_EQ(b.objects, a.objects);
	CHECK_EQ(b.pages, a.pages);
}

int main(void)
{
	struct counts start, full, c;
	int fds[2], fd, opened = 0, first;
	char fifo[64];

	if (meminfo("kmalloc_objects") < 0) {
		printf("exhaust_fds: not on Conduit: skipped\n");
		return 0;
	}
	snprintf(fifo, sizeof(fifo), "/tmp/exhaust_fds.%d", (int)getpid());
	CHECK_EQ(mkfifo(fifo, 0600), 0);
	/* Warm up: a big table once (the kernel keeps one per process). */
	fd = dup2(0, FD_LIMIT - 1);
	CHECK_EQ(fd, FD_LIMIT - 1);
	close(fd);
	start = counts_now();

	/* Fill the table with open files. */
	for (;;) {
		fd = open("/bin/true", O_RDONLY);
		if (fd < 0)
			break;
		CHECK(fd < FD_LIMIT);
		opened++;
	}
	CHECK_EQ(errno, EMFILE);
	for (fd = 0; fd < FD_LIMIT; fd++)
		CHECK(fcntl(fd, F_GETFD) >= 0);	/* every slot is in use */
	CHECK(opened >= FD_LIMIT - 3);

	/* A full table: nothing new, and nothing created. */
	close(FD_LIMIT - 1);
	close(FD_LIMIT - 2);
	/* Counters need an open: take them with two free slots. */
	full = counts_now();
	first = open("/bin/true", O_RDONLY);	/* one slot left */
	CHECK_EQ(first, FD_LIMIT - 2);
	CHECK_EQ(pipe(fds), -1);
	CHECK_EQ(errno, EMFILE);
	CHECK_EQ(pipe2(fds, O_CLOEXEC | O_NONBLOCK), -1);
	CHECK_EQ(errno, EMFILE);
	fd = open("/bin/true", O_RDONLY);	/* the last slot */
	CHECK_EQ(fd, FD_LIMIT - 1);
	CHECK_EQ(dup(0), -1);
	CHECK_EQ(errno, EMFILE);
	CHECK_EQ(fcntl(0, F_DUPFD, 0), -1);
	CHECK_EQ(errno, EMFILE);
	CHECK_EQ(fcntl(0, F_DUPFD, FD_LIMIT), -1);
	CHECK_EQ(errno, EINVAL);
	CHECK_EQ(open("/bin/true", O_RDONLY), -1);
	CHECK_EQ(errno, EMFILE);
	CHECK_EQ(open(fifo, O_RDONLY | O_NONBLOCK), -1);
	CHECK_EQ(errno, EMFILE);
	CHECK_EQ(dup2(0, FD_LIMIT - 1), FD_LIMIT - 1);	/* replaces */
	CHECK_EQ(dup2(0, FD_LIMIT), -1);
	CHECK_EQ(errno, EBADF);
	CHECK_EQ(dup2(0, -1), -1);
	CHECK_EQ(errno, EBADF);
	close(FD_LIMIT - 1);
	close(FD_LIMIT - 2);
	c = counts_now();
	check_same(full, c, "failed calls on a full table");

	/* The FIFO was not left open: no reader is there. */
	fd = open(fifo, O_WRONLY | O_NONBLOCK);
	CHECK_EQ(fd, -1);
	CHECK_EQ(errno, ENXIO);

	/* Close everything we opened. */
	for (fd = 3; fd < FD_LIMIT; fd++)
		close(fd);
	c = counts_now();
	check_same(start, c, "after closing everything");

	/* Pipes until EMFILE, then close them all. */
	opened = 0;
	while (pipe(fds) == 0)
		opened += 2;
	CHECK_EQ(errno, EMFILE);
	CHECK(opened >= FD_LIMIT - 5);
	for (fd = 3; fd < FD_LIMIT; fd++)
		close(fd);
	c = counts_now();
	check_same(start, c, "after a table full of pipes");
	CHECK_EQ(unlink(fifo), 0);
	return 0;
}
