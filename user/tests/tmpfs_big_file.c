/*
 * tmpfs_big_file - a /tmp file may grow past 4 MiB (up to the largest
 * off_t, 2 GiB - 1, as Linux for a file not opened O_LARGEFILE), and its
 * page index gives every page back.
 *
 *  1. A 9 MiB + 123 byte file written in pieces of odd sizes reads back
 *     with the same pattern, in other pieces; st_size is right, and
 *     f_bfree fell by at least its pages.
 *  2. Bytes written far apart (at 0, 5 MiB, 700 MiB and 2 GiB - 10; the
 *     last one is cut to the 9 bytes below 2 GiB - 1, and a write at
 *     2 GiB - 1 is EFBIG) read back, with zeros in the holes between;
 *     such a sparse file takes only a few pages (at most 16).
 *  3. ftruncate to 6 MiB + 1 keeps the bytes below, and a file that grew
 *     back reads zeros past the cut; ftruncate to 4097 and to 1 and 0,
 *     and unlink, give back every page: /proc/meminfo's tmpfs_pages and
 *     statfs's f_bfree are back to what they were (checked after each
 *     part).
 *
 * On a Linux host (CONDUIT_HOST_RUN) the file lives in /dev/shm and the
 * page counts are skipped (other processes use the tmpfs too).
 * One process, no synchronisation needed.
 */
#include <conduit/test.h>
#include <sys/stat.h>
#include <sys/statfs.h>

#define MiB (1024L * 1024)
#define SIZE (9 * MiB + 123)
#define GiB2 0x7fffffffL		/* the largest off_t */

static const char *dir, *path;
static int host;
static long pages0;
static unsigned long bfree0;
static unsigned char chunk[300000], back[300000];

static unsigned char pattern(long i)
{
	return (unsigned char)((i * 7 + i / 4096) % 251);
}

static unsigned long bfree(void)
{
	struct statfs st;

	CHECK_EQ(statfs(dir, &st), 0);
	return st.f_bfree;
}

/* Nothing of the file is left: the counts are as at the start. */
static void all_given_back(void)
{
	if (host)
		return;
	CHECK_EQ(meminfo("tmpfs_pages"), pages0);
	CHECK_EQ(bfree(), bfree0);
}

static void write_pattern(int fd)
{
	long done = 0, step = 1000;

	while (done < SIZE) {
		long n = SIZE - done < step ? SIZE - done : step;
		for (long i = 0; i < n; i++)
			chunk[i] = pattern(done + i);
		CHECK_EQ(write(fd, chunk, (size_t)n), n);
		done += n;
		step = step * 5 % 299999 + 1;
	}
}

static void read_pattern(int fd, long from, long to)
{
	long done = from, step = 4093;
	ssize_t n;

	CHECK_EQ(lseek(fd, from, SEEK_SET), from);
	while (done < to) {
		long want = to - done < step ? to - done : step;
		n = read(fd, back, (size_t)want);
		CHECK_EQ(n, want);
		for (long i = 0; i < n; i++)
			if (back[i] != pattern(done + i)) {
				fprintf(stderr, "FAIL: byte %ld is %d, expected %d\n",
					done + i, back[i], pattern(done + i));
				exit(1);
			}
		done += n;
		step = step * 3 % 250000 + 1;
	}
}

static void big_file(void)
{
	struct stat st;
	int fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0600);

	CHECK(fd >= 0);
	write_pattern(fd);
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK_EQ(st.st_size, SIZE);
	if (!host)
		CHECK(bfree0 - bfree() >= (unsigned long)(SIZE / 4096));
	read_pattern(fd, 0, SIZE);
	CHECK_EQ(read(fd, back, 10), 0);
	read_pattern(fd, 4 * MiB - 5, 4 * MiB + 5);	/* across the old limit */

	/* 3: cut, grow back as a hole */
	CHECK_EQ(ftruncate(fd, 6 * MiB + 1), 0);
	read_pattern(fd, 6 * MiB - 4000, 6 * MiB + 1);
	CHECK_EQ(ftruncate(fd, 8 * MiB), 0);
	CHECK_EQ(lseek(fd, 6 * MiB + 1, SEEK_SET), 6 * MiB + 1);
	CHECK_EQ(read(fd, back, 4096), 4096);
	for (int i = 0; i < 4096; i++)
		CHECK_EQ(back[i], 0);
	CHECK_EQ(ftruncate(fd, 4097), 0);
	read_pattern(fd, 0, 4097);
	CHECK_EQ(ftruncate(fd, 1), 0);
	read_pattern(fd, 0, 1);
	CHECK_EQ(ftruncate(fd, 0), 0);
	all_given_back();
	CHECK_EQ(close(fd), 0);
	CHECK_EQ(unlink(path), 0);
	all_given_back();
}

/* Write `s` at `off`; check that it reads back. */
static void put_at(int fd, long off, const char *s)
{
	size_t len = strlen(s);

	CHECK_EQ(lseek(fd, off, SEEK_SET), off);
	CHECK_EQ(write(fd, s, len), (ssize_t)len);
	CHECK_EQ(lseek(fd, off, SEEK_SET), off);
	CHECK_EQ(read(fd, back, len), (ssize_t)len);
	CHECK_EQ(memcmp(back, s, len), 0);
}

static void sparse_file(void)
{
	struct stat st;
	int fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0600);

	CHECK(fd >= 0);
	put_at(fd, 0, "start");
	put_at(fd, 5 * MiB, "five");
	put_at(fd, 700 * MiB, "seven hundred");
	CHECK_EQ(lseek(fd, GiB2 - 9, SEEK_SET), GiB2 - 9);
	CHECK_EQ(write(fd, "0123456789abc", 13), 9);	/* up to the limit */
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK_EQ(st.st_size, GiB2);
	errno = 0;
	CHECK_EQ(write(fd, "x", 1), -1);
	CHECK_EQ(errno, EFBIG);
	CHECK_EQ(lseek(fd, GiB2 - 9, SEEK_SET), GiB2 - 9);
	CHECK_EQ(read(fd, back, 100), 9);
	CHECK_EQ(memcmp(back, "012345678", 9), 0);
	if (!host)
		CHECK(meminfo("tmpfs_pages") - pages0 <= 16);

	CHECK_EQ(lseek(fd, 5 * MiB - 3000, SEEK_SET), 5 * MiB - 3000);
	CHECK_EQ(read(fd, back, 3004), 3004);	/* a hole, then "five" */
	for (int i = 0; i < 3000; i++)
		CHECK_EQ(back[i], 0);
	CHECK_EQ(memcmp(back + 3000, "five", 4), 0);
	CHECK_EQ(lseek(fd, 1500 * MiB, SEEK_SET), 1500 * MiB);
	CHECK_EQ(read(fd, back, 8192), 8192);
	for (int i = 0; i < 8192; i++)
		CHECK_EQ(back[i], 0);

	CHECK_EQ(ftruncate(fd, 5 * MiB + 2), 0);	/* "fi" stays */
	CHECK_EQ(lseek(fd, 5 * MiB, SEEK_SET), 5 * MiB);
	CHECK_EQ(read(fd, back, 10), 2);
	CHECK_EQ(memcmp(back, "fi", 2), 0);
	CHECK_EQ(close(fd), 0);
	CHECK_EQ(unlink(path), 0);
	all_given_back();
}

int main(void)
{
	host = getenv("CONDUIT_HOST_RUN") != NULL;
	dir = host ? "/dev/shm" : "/tmp";
	path = host ? "/dev/shm/tmpfs_big_file" : "/tmp/tmpfs_big_file";
	unlink(path);				/* a leftover (Linux) */
	pages0 = meminfo("tmpfs_pages");
	bfree0 = bfree();
	big_file();
	sparse_file();
	return 0;
}
