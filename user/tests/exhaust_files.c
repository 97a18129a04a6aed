/*
 * exhaust_files - use up the system-wide table of open files (4096, ENFILE)
 * from many processes (each holds at most 256 descriptors), then let go.
 *
 * Children take turns: each opens files (even children: open("/bin/true"),
 * odd ones: pipe(), two files each) until a call fails, which must be with
 * EMFILE (its own table is full) or ENFILE (the system's is), reports the
 * count and the error on a pipe, and waits.  Once a child saw ENFILE the
 * parent checks, with free slots of its own, that open(), pipe(), pipe2()
 * and a FIFO open fail with ENFILE, that dup() still works (it makes no new
 * file), and that the number of files is exactly the limit.  Then all
 * children exit, and files, pipes, kmalloc objects and free pages are back
 * to their start.
 */
#define _GNU_SOURCE	/* pipe2, on a Linux host */
#include <conduit/test.h>
#include <fcntl.h>
#include <sys/stat.h>

#define FILE_LIMIT 4096
#define MAX_CHILDREN 40

struct child_report {
	int count;		/* files it opened */
	int error;		/* errno of the call that failed */
};

static void child(int k, int report_fd, int release_fd)
{
	struct child_report r = { 0, 0 };
	int fds[2];
	char c;

	for (;;) {
		if (k % 2 == 0) {
			if (open("/bin/true", O_RDONLY) < 0)
				break;
			r.count++;
		} else {
			if (pipe(fds) != 0)
				break;
			r.count += 2;
		}
	}
	r.error = errno;
	if (write(report_fd, &r, sizeof(r)) != sizeof(r))
		_exit(2);
	while (read(release_fd, &c, 1) < 0 && errno == EINTR)
		;
	_exit(0);
}

int main(void)
{
	static const char *const keys[] = { "files", "pipes", "kmalloc_objects", "pages_free" };
	long before[4], after[4], files0;
	int report[2], release[2], fds[2], n = 0, total = 0, saw_enfile = 0, status, fd;
	pid_t kids[MAX_CHILDREN];
	char fifo[64];

	if (meminfo("kmalloc_objects") < 0) {
		printf("exhaust_files: not on Conduit: skipped\n");
		return 0;
	}
	snprintf(fifo, sizeof(fifo), "/tmp/exhaust_files.%d", (int)getpid());
	CHECK_EQ(mkfifo(fifo, 0600), 0);
	for (int i = 0; i < 4; i++)
		before[i] = meminfo(keys[i]);
	files0 = before[0];
	CHECK_EQ(pipe(report), 0);
	CHECK_EQ(pipe(release), 0);

	while (!saw_enfile && n < MAX_CHILDREN) {
		struct child_report r;
		pid_t pid = fork();

		CHECK(pid >= 0);
		if (pid == 0) {
			close(report[0]);
			close(release[1]);
			child(n, report[1], release[0]);
		}
		kids[n++] = pid;
		CHECK_EQ(read(report[0], &r, sizeof(r)), (long)sizeof(r));
		if (r.error != EMFILE && r.error != ENFILE)
			fprintf(stderr, "FAIL: child %d: opening failed with errno %d (%s) "
				"after %d files\n", n - 1, r.error, strerror(r.error), r.count);
		CHECK(r.error == EMFILE || r.error == ENFILE);
		total += r.count;
		saw_enfile = r.error == ENFILE;
	}
	CHECK(saw_enfile);

	/* The system is full: nothing opens, anywhere. */
	CHECK_EQ(open("/bin/true", O_RDONLY), -1);
	CHECK_EQ(errno, ENFILE);
	CHECK_EQ(pipe(fds), -1);
	CHECK(errno == ENFILE);
	CHECK_EQ(pipe2(fds, O_NONBLOCK), -1);
	CHECK(errno == ENFILE);
	CHECK_EQ(open(fifo, O_RDONLY | O_NONBLOCK), -1);
	CHECK_EQ(errno, ENFILE);
	fd = dup(0);		/* shares a file: still fine */
	CHECK(fd >= 0);
	close(fd);
	/* files0 counted the open /proc/meminfo too; the report and release
	 * pipes (4 files) came after it. */
	if (files0 - 1 + 4 + total != FILE_LIMIT)
		fprintf(stderr, "FAIL: %ld files before + 4 + %d opened = %ld, not %d\n",
			files0 - 1, total, files0 - 1 + 4 + total, FILE_LIMIT);
	CHECK_EQ(files0 - 1 + 4 + total, FILE_LIMIT);

	/* Let go. */
	close(release[1]);
	for (int i = 0; i < n; i++) {
		status = wait_for_child(kids[i]);
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	close(release[0]);
	close(report[0]);
	close(report[1]);
	for (int i = 0; i < 4; i++)
		after[i] = meminfo(keys[i]);
	CHECK_EQ(unlink(fifo), 0);
	for (int i = 0; i < 4; i++)
		if (after[i] != before[i])
			fprintf(stderr, "FAIL: %s %ld -> %ld\n", keys[i], before[i], after[i]);
	for (int i = 0; i < 4; i++)
		CHECK_EQ(after[i], before[i]);
	return 0;
}
