/*
 * tmpfs_nomem - the calls on names need no free memory: with not one
 * free page left, stat, access, chdir, rename, unlink and rmdir still
 * work, so files can always be removed to get memory back.  (They used
 * to copy the path into a page of its own first, and failed with ENOMEM
 * just when memory was short.)
 *
 *   - Files and directories are made under /tmp/tmpfs_nomem-d first.
 *   - A "hog" child takes every free page with brk (as exhaust_memory
 *     does); then the test itself writes pages to a file of its own
 *     ("squeeze", whose index page exists already) until a write is
 *     ENOSPC: now sysinfo says 0 pages are free.  It squeezes again
 *     before each call, since a call that frees a node can free a page.
 *   - With nothing free: stat, access, chdir and chdir back, rename,
 *     unlink, rmdir all succeed, and stat of a missing name is ENOENT
 *     (not ENOMEM).
 *   - The hog exits and everything is removed; /proc/meminfo's
 *     pages_free and kmalloc_objects are as at the start.
 * The test breaks the copy-on-write sharing of its stack and data with
 * the hog before memory runs out (a copy needs a page), and uses the
 * hog's pipes once before, so that their ring pages exist.
 */
#include <conduit/test.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#define D "/tmp/tmpfs_nomem-d"
#define MiB (1024 * 1024)

static char page[4096];
static int squeeze_fd;

static int warm(int n)
{
	volatile char frame[2048];

	frame[0] = (char)n;
	return n > 0 ? warm(n - 1) + frame[0] : 0;
}

static void wait_go(int fd)
{
	char c;

	while (read(fd, &c, 1) < 0 && errno == EINTR)
		;
}

/* The hog: grow the heap until brk fails, say how much, wait, exit. */
static void __attribute__((noreturn)) hog(int start, int ready, int release)
{
	long brk0 = syscall(SYS_brk, 0), cur = brk0, step = MiB;

	wait_go(start);
	while (step >= 4096) {
		long want = cur + step;
		if (syscall(SYS_brk, want) >= want)
			cur = want;
		else
			step = step > 4096 ? step / 16 : 0;
		if (step > 0 && step < 4096)
			step = 4096;
	}
	if (write(ready, &cur, sizeof cur) != sizeof cur)
		_exit(12);
	wait_go(release);
	_exit(0);
}

/* Take the last free pages into the squeeze file: then none is left. */
static void squeeze(void)
{
	ssize_t n;

	while ((n = write(squeeze_fd, page, sizeof page)) == (ssize_t)sizeof page)
		;
	CHECK_EQ(n, -1);
	CHECK_EQ(errno, ENOSPC);
	CHECK_EQ(free_pages(), 0);
}

static void names_without_memory(void)
{
	struct stat st;

	squeeze();
	CHECK_EQ(stat(D "/a", &st), 0);
	CHECK_EQ(access(D "/sub/c", 0), 0);
	errno = 0;
	CHECK_EQ(stat(D "/missing", &st), -1);
	CHECK_EQ(errno, ENOENT);
	CHECK_EQ(chdir(D "/sub"), 0);
	CHECK_EQ(stat("c", &st), 0);
	CHECK_EQ(chdir("/"), 0);
	squeeze();
	CHECK_EQ(rename(D "/b", D "/sub/b2"), 0);
	squeeze();
	CHECK_EQ(unlink(D "/a"), 0);
	squeeze();
	CHECK_EQ(unlink(D "/sub/c"), 0);
	squeeze();
	CHECK_EQ(unlink(D "/sub/b2"), 0);
	squeeze();
	CHECK_EQ(rmdir(D "/sub"), 0);
	squeeze();
	CHECK_EQ(unlink(D "/squeeze"), 0);	/* open: its pages stay */
}

static void make(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);

	CHECK(fd >= 0);
	CHECK_EQ(close(fd), 0);
}

int main(void)
{
	int start[2], ready[2], release[2];
	long pages0, objs0, got;
	pid_t pid;

	if (meminfo("kmalloc_objects") < 0) {
		printf("tmpfs_nomem: not on Conduit: skipped\n");
		return 0;
	}
	warm(32);
	pages0 = meminfo("pages_free");
	objs0 = meminfo("kmalloc_objects");
	CHECK_EQ(mkdir(D, 0700), 0);
	CHECK_EQ(mkdir(D "/sub", 0700), 0);
	make(D "/a");
	make(D "/b");
	make(D "/sub/c");
	squeeze_fd = open(D "/squeeze", O_WRONLY | O_CREAT | O_EXCL, 0600);
	CHECK(squeeze_fd >= 0);
	CHECK_EQ(write(squeeze_fd, page, sizeof page), (ssize_t)sizeof page);
	CHECK_EQ(write(squeeze_fd, page, sizeof page), (ssize_t)sizeof page);

	CHECK_EQ(pipe(start), 0);
	CHECK_EQ(pipe(ready), 0);
	CHECK_EQ(pipe(release), 0);
	CHECK_EQ(write(ready[1], "x", 1), 1);	/* ring pages exist now */
	CHECK_EQ(read(ready[0], &got, 1), 1);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		close(start[1]), close(ready[0]), close(release[1]);
		close(squeeze_fd);
		hog(start[0], ready[1], release[0]);
	}
	close(start[0]), close(ready[1]), close(release[0]);
	warm(32);			/* our own copies, before memory runs out */
	memset(page, 'p', sizeof page);
	errno = 0;
	free_pages();
	close(start[1]);		/* go */
	CHECK_EQ(read(ready[0], &got, sizeof got), (long)sizeof got);

	names_without_memory();

	close(release[1]);
	CHECK_EQ(wait_for_child(pid), 0);
	close(ready[0]);
	CHECK_EQ(close(squeeze_fd), 0);
	CHECK_EQ(rmdir(D), 0);
	CHECK_EQ(meminfo("pages_free"), pages0);
	CHECK_EQ(meminfo("kmalloc_objects"), objs0);
	return 0;
}
