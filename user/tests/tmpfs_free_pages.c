/*
 * tmpfs_free_pages - the pages that hold file contents under /tmp are
 * given back when the contents go: on truncate (ftruncate, truncate,
 * O_TRUNC), on unlink, and when rename replaces a file.  Holes cost no
 * pages.
 *
 * Each step measures free_pages() around the operation (N = 64 pages):
 *
 *   write N pages                       at least N pages fewer
 *   ftruncate to 10 pages + 1 byte      at least N - 11 back
 *   ftruncate to 0                      at least 11 more back
 *   write N pages, reopen with O_TRUNC  at least N back
 *   write N pages, truncate() to 0      at least N back
 *   write N pages, close, unlink        at least N back
 *   rename a 1-page file over an
 *     N-page one                        at least N - 1 back
 *   ftruncate an empty file to 1 MiB,
 *     write 1 byte in the middle        at most 8 pages used
 *   50 small files and 50 directories
 *     made and removed                  (only the overall count below)
 *
 * and the whole round, after a warm-up round of the same operations,
 * must end with exactly as many free pages as it started with.  All
 * page checks are skipped when CONDUIT_HOST_RUN is set (Linux's count
 * is noisy, and other processes use memory too); the file operations
 * still run and are checked.
 *
 * One process, no synchronisation needed.
 */
#include <conduit/test.h>
#include <fcntl.h>
#include <sys/stat.h>

#define DIR_PATH "/tmp/tmpfs_free_pages-d"
#define F DIR_PATH "/big"
#define G DIR_PATH "/small"
#define N 64
#define MIB (1024L * 1024)

static int host;
static char page[4096];

/* Free pages changed by at least `min` since `before`: down if sign is
 * 1 (pages used), up if it is -1 (pages given back). */
static void changed(long before, long min, int sign, int line)
{
	long now = free_pages();

	if (host)
		return;
	if (sign * (before - now) < min) {
		fprintf(stderr, "FAIL line %d: free pages %ld -> %ld, expected %s of at least %ld\n",
			line, before, now, sign > 0 ? "a drop" : "a rise", min);
		exit(1);
	}
}
#define DROPPED(before, min) changed(before, min, 1, __LINE__)
#define REGAINED(before, min) changed(before, min, -1, __LINE__)

static void write_pages(int fd, int n)
{
	for (int i = 0; i < n; i++) {
		memset(page, 'a' + i % 26, sizeof page);
		CHECK_EQ(write(fd, page, sizeof page), (ssize_t)sizeof page);
	}
}

static long size_of(int fd)
{
	struct stat st;

	CHECK_EQ(fstat(fd, &st), 0);
	return (long)st.st_size;
}

static void truncations(void)
{
	long before;
	int fd;

	fd = open(F, O_RDWR | O_CREAT | O_EXCL, 0600);
	CHECK(fd >= 0);
	before = free_pages();
	write_pages(fd, N);
	DROPPED(before, N);

	before = free_pages();
	CHECK_EQ(ftruncate(fd, 10 * 4096 + 1), 0);
	REGAINED(before, N - 11);
	CHECK_EQ(size_of(fd), 10 * 4096 + 1);
	CHECK_EQ(lseek(fd, 10 * 4096, SEEK_SET), 10 * 4096);
	CHECK_EQ(read(fd, page, sizeof page), 1);
	CHECK_EQ(page[0], 'a' + 10);

	before = free_pages();
	CHECK_EQ(ftruncate(fd, 0), 0);
	REGAINED(before, 11);
	CHECK_EQ(close(fd), 0);

	fd = open(F, O_WRONLY);
	CHECK(fd >= 0);
	write_pages(fd, N);
	CHECK_EQ(close(fd), 0);
	before = free_pages();
	fd = open(F, O_WRONLY | O_TRUNC);
	CHECK(fd >= 0);
	REGAINED(before, N);
	CHECK_EQ(size_of(fd), 0);

	write_pages(fd, N);
	before = free_pages();
	CHECK_EQ(truncate(F, 0), 0);
	REGAINED(before, N);
	CHECK_EQ(size_of(fd), 0);

	write_pages(fd, N);
	CHECK_EQ(close(fd), 0);
	before = free_pages();
	CHECK_EQ(unlink(F), 0);
	REGAINED(before, N);
}

static void rename_replaces(void)
{
	long before;
	int fd;

	fd = open(F, O_WRONLY | O_CREAT | O_EXCL, 0600);
	CHECK(fd >= 0);
	write_pages(fd, N);
	CHECK_EQ(close(fd), 0);
	fd = open(G, O_WRONLY | O_CREAT | O_EXCL, 0600);
	CHECK(fd >= 0);
	write_pages(fd, 1);
	CHECK_EQ(close(fd), 0);

	before = free_pages();
	CHECK_EQ(rename(G, F), 0);
	REGAINED(before, N - 1);
	fd = open(F, O_RDONLY);
	CHECK(fd >= 0);
	CHECK_EQ(size_of(fd), 4096);
	CHECK_EQ(close(fd), 0);
	CHECK_EQ(unlink(F), 0);
}

static void holes(void)
{
	long before;
	char c = 'c';
	int fd;

	fd = open(F, O_RDWR | O_CREAT | O_EXCL, 0600);
	CHECK(fd >= 0);
	before = free_pages();
	CHECK_EQ(ftruncate(fd, MIB), 0);
	CHECK_EQ(lseek(fd, MIB / 2, SEEK_SET), MIB / 2);
	CHECK_EQ(write(fd, &c, 1), 1);
	if (!host)
		CHECK(before - free_pages() <= 8);	/* at most 8 pages used */
	CHECK_EQ(size_of(fd), MIB);
	CHECK_EQ(lseek(fd, MIB / 2 - 4096, SEEK_SET), MIB / 2 - 4096);
	CHECK_EQ(read(fd, page, sizeof page), (ssize_t)sizeof page);
	for (int i = 0; i < 4096; i++)
		CHECK_EQ(page[i], 0);
	CHECK_EQ(read(fd, page, 2), 2);
	CHECK_EQ(page[0], 'c');
	CHECK_EQ(page[1], 0);
	CHECK_EQ(close(fd), 0);
	CHECK_EQ(unlink(F), 0);
}

static void many_names(void)
{
	char name[64];

	for (int i = 0; i < 50; i++) {
		int fd;
		snprintf(name, sizeof name, DIR_PATH "/f%d", i);
		fd = open(name, O_WRONLY | O_CREAT | O_EXCL, 0600);
		CHECK(fd >= 0);
		CHECK_EQ(write(fd, name, 10), 10);
		CHECK_EQ(close(fd), 0);
		snprintf(name, sizeof name, DIR_PATH "/d%d", i);
		CHECK_EQ(mkdir(name, 0700), 0);
	}
	for (int i = 0; i < 50; i++) {
		snprintf(name, sizeof name, DIR_PATH "/f%d", i);
		CHECK_EQ(unlink(name), 0);
		snprintf(name, sizeof name, DIR_PATH "/d%d", i);
		CHECK_EQ(rmdir(name), 0);
	}
}

static void one_round(void)
{
	CHECK_EQ(mkdir(DIR_PATH, 0755), 0);
	truncations();
	rename_replaces();
	holes();
	many_names();
	CHECK_EQ(rmdir(DIR_PATH), 0);
}

int main(void)
{
	host = getenv("CONDUIT_HOST_RUN") != NULL;
	unlink(F), unlink(G), rmdir(DIR_PATH);	/* leftovers (Linux) */
	run_leak_checked(one_round);
	return 0;
}
