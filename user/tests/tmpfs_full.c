/*
 * tmpfs_full - /tmp has a size limit (by default half of RAM), and a
 * full /tmp is an ordinary, recoverable state: ENOSPC for what needs new
 * space, and everything else still works.
 *
 *  1. statfs("/tmp") gives a limit (f_blocks > 0); a few files are made
 *     first: "keep" (10 bytes), "partial" (100 bytes short of a page),
 *     "one", "two", "three" (a page each), "victim" (64 pages) and "sub/f".
 *  2. One file is filled with 1 MiB writes until a write comes back short;
 *     the next write is ENOSPC.  Then files of one page each take what is
 *     left, until a write is ENOSPC: now f_bfree and f_bavail are 0.
 *  3. While /tmp is full:
 *     - a write of 8 KiB to "partial" writes the 100 bytes left in its
 *       last page (a short count, as Linux), the next one is ENOSPC;
 *     - overwriting bytes that exist works; a new empty file can be made
 *       (inodes are not full), but a byte written to it is ENOSPC;
 *     - ftruncate of that file to 1 GiB works (a hole takes no space, as
 *       Linux), reads as zeros, and leaves f_bfree at 0;
 *     - mkdir and rmdir, unlink and rmdir of "sub/f" and "sub", open and
 *       read of "keep", listing the directory: all work;
 *     - fork and exec (of this program and of /bin/echo in a pipe) work,
 *       and at least an eighth of RAM is still free: filling /tmp does not
 *       fill memory;
 *     - with 1, 2 and 3 blocks free (after unlinking "one", "two",
 *       "three"), writes that need more (index pages and a data page:
 *       1 GiB into the big file, 8 MiB into the one-page "partial") are
 *       ENOSPC and leave the free blocks, sizes and bytes as they were (a
 *       failed write undoes what it did); files of one page take them;
 *     - unlinking "victim" gives back at least 64 blocks, which can be
 *       written again.
 *  4. Everything removed, statfs's f_bfree and f_ffree and /proc/meminfo's
 *     tmpfs_pages and pages_free are what they were at the start.
 *
 * Filling goes at about 100 MiB/s under QEMU, so even the default limit
 * (half of 256 MiB) takes a second or two.  Skipped on a Linux host
 * (CONDUIT_HOST_RUN): filling its tmpfs would take the host's memory.
 * One process (and short-lived children waited for with waitpid).
 */
#include <conduit/test.h>
#include <dirent.h>
#include <sys/stat.h>
#include <sys/statfs.h>

#define D "/tmp/tmpfs_full-d"
#define MiB (1024 * 1024)
#define PAGE PAGE_SIZE_BYTES

static char buf[MiB];
static char small_names[1024][48];
static int small_count;

static struct statfs tmp_statfs(void)
{
	struct statfs st;

	CHECK_EQ(statfs("/tmp", &st), 0);
	return st;
}

static void make_file(const char *path, long bytes)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);

	CHECK(fd >= 0);
	for (long done = 0; done < bytes; ) {
		long n = bytes - done < MiB ? bytes - done : MiB;
		CHECK_EQ(write(fd, buf, (size_t)n), n);
		done += n;
	}
	CHECK_EQ(close(fd), 0);
}

/* Fill /tmp: one big file, then pages in files of their own. */
static void fill(void)
{
	int fd = open(D "/big", O_WRONLY | O_CREAT | O_EXCL, 0600);
	ssize_t n;

	CHECK(fd >= 0);
	while ((n = write(fd, buf, MiB)) == MiB)
		;
	CHECK(n >= 0 || errno == ENOSPC);
	errno = 0;
	CHECK_EQ(write(fd, buf, MiB), -1);
	CHECK_EQ(errno, ENOSPC);
	CHECK_EQ(close(fd), 0);
	for (;;) {
		CHECK(small_count < 1024);
		snprintf(small_names[small_count], sizeof small_names[0], D "/p%d",
			 small_count);
		fd = open(small_names[small_count++], O_WRONLY | O_CREAT | O_EXCL, 0600);
		CHECK(fd >= 0);
		n = write(fd, buf, PAGE);
		CHECK_EQ(close(fd), 0);
		if (n < 0)
			break;
		CHECK_EQ(n, PAGE);
	}
	CHECK_EQ(errno, ENOSPC);
}

static void write_when_full(void)
{
	struct stat st;
	char c = 'x';
	int fd = open(D "/partial", O_WRONLY | O_APPEND);

	CHECK(fd >= 0);
	CHECK_EQ(write(fd, buf, 2 * PAGE), 100);	/* the rest of its page */
	errno = 0;
	CHECK_EQ(write(fd, buf, 2 * PAGE), -1);
	CHECK_EQ(errno, ENOSPC);
	CHECK_EQ(close(fd), 0);

	fd = open(D "/big", O_WRONLY);
	CHECK(fd >= 0);
	CHECK_EQ(write(fd, buf, 3 * PAGE), 3 * PAGE);	/* overwrites */
	CHECK_EQ(close(fd), 0);

	fd = open(D "/new", O_RDWR | O_CREAT | O_EXCL, 0600);
	CHECK(fd >= 0);
	errno = 0;
	CHECK_EQ(write(fd, &c, 1), -1);
	CHECK_EQ(errno, ENOSPC);
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK_EQ(st.st_size, 0);

	CHECK_EQ(ftruncate(fd, 1024L * MiB), 0);	/* a hole */
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK_EQ(st.st_size, 1024L * MiB);
	CHECK_EQ(lseek(fd, 512L * MiB, SEEK_SET), 512L * MiB);
	c = 'x';
	CHECK_EQ(read(fd, &c, 1), 1);
	CHECK_EQ(c, 0);
	CHECK_EQ(tmp_statfs().f_bfree, 0);
	CHECK_EQ(ftruncate(fd, 0), 0);
	CHECK_EQ(close(fd), 0);
}

/* The rest of the system goes on: names, reads, fork and exec. */
static void others_when_full(const char *self)
{
	char *child[] = { (char *)self, "--child", NULL };
	char *echo[] = { "/bin/echo", "still", "here", NULL };
	char got[16] = "";
	int fd, names = 0;
	struct dirent *e;
	DIR *dir;

	CHECK_EQ(mkdir(D "/newdir", 0700), 0);
	CHECK_EQ(rmdir(D "/newdir"), 0);
	CHECK_EQ(unlink(D "/sub/f"), 0);
	CHECK_EQ(rmdir(D "/sub"), 0);

	fd = open(D "/keep", O_RDONLY);
	CHECK(fd >= 0);
	CHECK_EQ(read(fd, got, sizeof got), 10);
	CHECK_EQ(memcmp(got, "0123456789", 10), 0);
	CHECK_EQ(close(fd), 0);

	dir = opendir(D);
	CHECK(dir != NULL);
	while ((e = readdir(dir)) != NULL)
		names++;
	CHECK_EQ(closedir(dir), 0);
	CHECK_EQ(names, 2 + 8 + small_count);	/* . .. keep partial one two three
						   victim big new */

	CHECK_EQ(run_quietly(child), 42 << 8);
	CHECK_EQ(run_quietly(echo), 0);
}

/* Write a byte at `off` of path: it must be ENOSPC and change nothing. */
static void write_fails(const char *path, long off)
{
	unsigned long bfree = tmp_statfs().f_bfree;
	struct stat before, after;
	int fd = open(path, O_RDWR);

	CHECK(fd >= 0);
	CHECK_EQ(fstat(fd, &before), 0);
	CHECK_EQ(lseek(fd, off, SEEK_SET), off);
	errno = 0;
	CHECK_EQ(write(fd, buf, 1), -1);
	CHECK_EQ(errno, ENOSPC);
	CHECK_EQ(fstat(fd, &after), 0);
	CHECK_EQ(after.st_size, before.st_size);
	CHECK_EQ(close(fd), 0);
	CHECK_EQ(tmp_statfs().f_bfree, bfree);
}

/*
 * Writes that need more pages than are free take none.  1 GiB into the
 * big file needs an index page and a data page; 8 MiB into "partial" (a
 * file of one page, no index yet) needs two levels of index on top, an
 * index page below and a data page: with 2 or 3 free, some of those are
 * had before one is not, and must be given back.
 */
static void undo_when_few_free(void)
{
	char got[10];
	int fd;

	CHECK_EQ(unlink(D "/one"), 0);
	CHECK_EQ(tmp_statfs().f_bfree, 1);
	write_fails(D "/big", 1024L * MiB);
	write_fails(D "/partial", 8 * MiB);
	CHECK_EQ(unlink(D "/two"), 0);
	CHECK_EQ(tmp_statfs().f_bfree, 2);
	write_fails(D "/partial", 8 * MiB);
	CHECK_EQ(unlink(D "/three"), 0);
	CHECK_EQ(tmp_statfs().f_bfree, 3);
	write_fails(D "/partial", 8 * MiB);

	fd = open(D "/partial", O_RDONLY);	/* its bytes are still there */
	CHECK(fd >= 0);
	CHECK_EQ(lseek(fd, PAGE - 100, SEEK_SET), PAGE - 100);
	CHECK_EQ(read(fd, got, 10), 10);
	CHECK_EQ(memcmp(got, "0123456789", 10), 0);
	CHECK_EQ(close(fd), 0);

	make_file(D "/last1", PAGE);		/* files of a page take the rest */
	make_file(D "/last2", PAGE);
	make_file(D "/last3", PAGE);
	CHECK_EQ(tmp_statfs().f_bfree, 0);
}

static void victim_gives_back(void)
{
	CHECK_EQ(unlink(D "/victim"), 0);
	CHECK(tmp_statfs().f_bfree >= 64);
	make_file(D "/again", 64 * PAGE);
	CHECK_EQ(unlink(D "/again"), 0);
}

static void remove_all(void)
{
	for (int i = 0; i < small_count; i++)
		CHECK_EQ(unlink(small_names[i]), 0);
	CHECK_EQ(unlink(D "/big"), 0);
	CHECK_EQ(unlink(D "/new"), 0);
	CHECK_EQ(unlink(D "/last1"), 0);
	CHECK_EQ(unlink(D "/last2"), 0);
	CHECK_EQ(unlink(D "/last3"), 0);
	CHECK_EQ(unlink(D "/partial"), 0);
	CHECK_EQ(unlink(D "/keep"), 0);
	CHECK_EQ(rmdir(D), 0);
}

int main(int argc, char **argv)
{
	struct statfs before, full, after;
	long pages0, tmpfs0, total;
	struct sysinfo info;

	if (argc > 1 && strcmp(argv[1], "--child") == 0)
		return 42;
	if (getenv("CONDUIT_HOST_RUN")) {
		printf("tmpfs_full: would fill the host's memory: skipped\n");
		return 0;
	}
	/* Touch what we use, so that the page counts below see only /tmp. */
	memset(buf, 'f', sizeof buf);
	memset(small_names, 0, sizeof small_names);
	CHECK_EQ(run_quietly((char *[]){ argv[0], "--child", NULL }), 42 << 8);
	closedir(opendir("/tmp"));
	CHECK_EQ(sysinfo(&info), 0);
	total = (long)info.totalram;
	before = tmp_statfs();
	CHECK(before.f_blocks > 0);
	pages0 = meminfo("pages_free");
	tmpfs0 = meminfo("tmpfs_pages");

	CHECK_EQ(mkdir(D, 0700), 0);
	CHECK_EQ(mkdir(D "/sub", 0700), 0);
	make_file(D "/sub/f", 0);		/* an inode, no page */
	make_file(D "/victim", 64 * PAGE);
	make_file(D "/partial", PAGE - 100);
	make_file(D "/one", PAGE);
	make_file(D "/two", PAGE);
	make_file(D "/three", PAGE);
	memcpy(buf, "0123456789", 10);
	make_file(D "/keep", 10);

	fill();
	full = tmp_statfs();
	CHECK_EQ(full.f_bfree, 0);
	CHECK_EQ(full.f_bavail, 0);
	CHECK_EQ(meminfo("tmpfs_pages"), meminfo("tmpfs_pages_max"));
	CHECK(free_pages() > total / 8);

	write_when_full();
	others_when_full(argv[0]);
	undo_when_few_free();
	victim_gives_back();
	remove_all();

	after = tmp_statfs();
	CHECK_EQ(after.f_bfree, before.f_bfree);
	CHECK_EQ(after.f_ffree, before.f_ffree);
	CHECK_EQ(meminfo("tmpfs_pages"), tmpfs0);
	CHECK_EQ(meminfo("pages_free"), pages0);
	return 0;
}
