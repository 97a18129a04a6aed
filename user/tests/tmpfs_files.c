/*
 * tmpfs_files - regular files under /tmp: create, write, read back,
 * append, seek, truncate, holes, sizes and the errors around them.
 *
 *  1. O_CREAT|O_EXCL makes a file (mode as asked, less the umask: 0640
 *     with umask 022) and fails with EEXIST when it exists; O_CREAT alone
 *     opens the existing file; without O_CREAT a missing file is ENOENT,
 *     as is a missing directory on the way; a file used as a directory is
 *     ENOTDIR.
 *  2. Writing 3 pages and a bit in odd-sized pieces, then reading it back
 *     in other odd-sized pieces, gives the same bytes; st_size follows
 *     every write; reads at or past the end return 0; lseek with SEEK_SET,
 *     SEEK_CUR and SEEK_END returns the new offset, and a negative result
 *     is EINVAL.
 *  3. Overwriting in the middle changes only those bytes and not the size.
 *  4. O_APPEND from two descriptors: writes alternate between them and
 *     every one lands at the current end, even after an lseek to 0, so
 *     the file reads "A0B0A1B1..."; a third descriptor without O_APPEND
 *     writes at its own offset.
 *  5. O_TRUNC empties a file on open; ftruncate and truncate shrink it
 *     (bytes beyond are gone: growing it again shows zeros) and grow it
 *     (the new part reads as zeros); a write after an lseek past the end
 *     leaves a hole that reads as zeros, across page boundaries.
 *  6. Access modes: write on an O_RDONLY descriptor and read on an
 *     O_WRONLY one are EBADF; ftruncate on an O_RDONLY descriptor and a
 *     negative length are EINVAL; a directory opened for writing is
 *     EISDIR, and read() on a directory descriptor is EISDIR.
 *  7. Free pages are the same after a warm-up round and after a second
 *     round of all of the above (skipped when CONDUIT_HOST_RUN is set:
 *     Linux's count is noisy): file pages are freed on unlink/truncate.
 *
 * One process, no synchronisation needed.
 */
#include <conduit/test.h>
#include <fcntl.h>
#include <sys/stat.h>

#define DIR_PATH "/tmp/tmpfs_files-d"
#define F1 DIR_PATH "/one"
#define F2 DIR_PATH "/two"
#define SIZE (3 * 4096 + 123)

static unsigned char pattern(long i)
{
	return (unsigned char)(i % 251 + 1);
}

static long size_of(const char *path)
{
	struct stat st;

	CHECK_EQ(stat(path, &st), 0);
	return (long)st.st_size;
}

static long fsize_of(int fd)
{
	struct stat st;

	CHECK_EQ(fstat(fd, &st), 0);
	return (long)st.st_size;
}

/* The file at path holds exactly `len` bytes equal to buf. */
static void check_contents(const char *path, const unsigned char *buf, long len)
{
	static unsigned char got[4 * 4096 + 100];
	long have = 0;
	ssize_t n;
	int fd = open(path, O_RDONLY);

	CHECK(fd >= 0);
	CHECK(len <= (long)sizeof got);
	while ((n = read(fd, got + have, 1000)) > 0)
		have += n;
	CHECK_EQ(n, 0);
	CHECK_EQ(have, len);
	CHECK_EQ(memcmp(got, buf, (size_t)len), 0);
	CHECK_EQ(close(fd), 0);
}

static void create_and_open_errors(void)
{
	struct stat st;
	int fd;

	fd = open(F1, O_WRONLY | O_CREAT | O_EXCL, 0640);
	CHECK(fd >= 0);
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK(S_ISREG(st.st_mode));
	CHECK_EQ(st.st_mode & 0777, 0640);
	CHECK_EQ(st.st_size, 0);
	CHECK_EQ(st.st_nlink, 1);
	CHECK_EQ(close(fd), 0);

	errno = 0;
	CHECK_EQ(open(F1, O_WRONLY | O_CREAT | O_EXCL, 0640), -1);
	CHECK_EQ(errno, EEXIST);
	fd = open(F1, O_WRONLY | O_CREAT, 0600);
	CHECK(fd >= 0);
	CHECK_EQ(close(fd), 0);
	CHECK_EQ(stat(F1, &st), 0);
	CHECK_EQ(st.st_mode & 0777, 0640);	/* unchanged */

	errno = 0;
	CHECK_EQ(open(F2, O_RDONLY), -1);
	CHECK_EQ(errno, ENOENT);
	errno = 0;
	CHECK_EQ(open(DIR_PATH "/missing/x", O_WRONLY | O_CREAT, 0600), -1);
	CHECK_EQ(errno, ENOENT);
	errno = 0;
	CHECK_EQ(open(F1 "/x", O_WRONLY | O_CREAT, 0600), -1);
	CHECK_EQ(errno, ENOTDIR);
	errno = 0;
	CHECK_EQ(open(F1 "/x", O_RDONLY), -1);
	CHECK_EQ(errno, ENOTDIR);
	CHECK_EQ(unlink(F1), 0);
}

static void write_read_seek(void)
{
	static unsigned char data[SIZE], buf[SIZE];
	long done = 0, step = 1;
	ssize_t n;
	int fd;

	for (long i = 0; i < SIZE; i++)
		data[i] = pattern(i);
	fd = open(F1, O_RDWR | O_CREAT | O_EXCL, 0600);
	CHECK(fd >= 0);
	while (done < SIZE) {
		long len = step < SIZE - done ? step : SIZE - done;
		CHECK_EQ(write(fd, data + done, (size_t)len), len);
		done += len;
		CHECK_EQ(fsize_of(fd), done);
		step = step * 3 + 7;
	}
	CHECK_EQ(size_of(F1), SIZE);
	CHECK_EQ(read(fd, buf, 10), 0);		/* at the end */

	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	done = 0;
	step = 4095;
	while ((n = read(fd, buf + done, (size_t)step)) > 0) {
		done += n;
		step = step == 4095 ? 17 : 4095;
	}
	CHECK_EQ(n, 0);
	CHECK_EQ(done, SIZE);
	CHECK_EQ(memcmp(buf, data, SIZE), 0);

	CHECK_EQ(lseek(fd, 100, SEEK_SET), 100);
	CHECK_EQ(lseek(fd, 50, SEEK_CUR), 150);
	CHECK_EQ(lseek(fd, -10, SEEK_CUR), 140);
	CHECK_EQ(read(fd, buf, 5), 5);
	CHECK_EQ(memcmp(buf, data + 140, 5), 0);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 145);
	CHECK_EQ(lseek(fd, -3, SEEK_END), SIZE - 3);
	CHECK_EQ(read(fd, buf, 10), 3);
	CHECK_EQ(memcmp(buf, data + SIZE - 3, 3), 0);
	CHECK_EQ(lseek(fd, 5000, SEEK_END), SIZE + 5000);
	CHECK_EQ(read(fd, buf, 10), 0);		/* past the end */
	CHECK_EQ(fsize_of(fd), SIZE);		/* seeking writes nothing */
	errno = 0;
	CHECK_EQ(lseek(fd, -1, SEEK_SET), -1);
	CHECK_EQ(errno, EINVAL);
	errno = 0;
	CHECK_EQ(lseek(fd, -(SIZE + 1), SEEK_END), -1);
	CHECK_EQ(errno, EINVAL);

	/* 3: overwrite across a page boundary */
	CHECK_EQ(lseek(fd, 4090, SEEK_SET), 4090);
	CHECK_EQ(write(fd, "OVERWRITTEN!", 12), 12);
	memcpy(data + 4090, "OVERWRITTEN!", 12);
	CHECK_EQ(fsize_of(fd), SIZE);
	CHECK_EQ(close(fd), 0);
	check_contents(F1, data, SIZE);
	CHECK_EQ(unlink(F1), 0);
}

static void append_two(void)
{
	char want[64], piece[3];
	int a, b, c;

	a = open(F1, O_WRONLY | O_CREAT | O_APPEND, 0600);
	CHECK(a >= 0);
	b = open(F1, O_WRONLY | O_APPEND);
	CHECK(b >= 0);
	for (int i = 0; i < 10; i++) {
		piece[0] = 'A', piece[1] = (char)('0' + i);
		CHECK_EQ(write(a, piece, 2), 2);
		piece[0] = 'B';
		if (i == 5)
			CHECK_EQ(lseek(b, 0, SEEK_SET), 0);	/* no matter */
		CHECK_EQ(write(b, piece, 2), 2);
		memcpy(want + 4 * i, "A0B0", 4);
		want[4 * i + 1] = want[4 * i + 3] = (char)('0' + i);
	}
	CHECK_EQ(size_of(F1), 40);
	CHECK_EQ(lseek(a, 0, SEEK_CUR), 38);	/* just past its own last write */
	check_contents(F1, (unsigned char *)want, 40);

	c = open(F1, O_WRONLY);			/* no O_APPEND: own offset */
	CHECK(c >= 0);
	CHECK_EQ(write(c, "cc", 2), 2);
	CHECK_EQ(write(a, "aa", 2), 2);
	memcpy(want, "cc", 2);
	memcpy(want + 40, "aa", 2);
	check_contents(F1, (unsigned char *)want, 42);
	CHECK_EQ(close(a), 0);
	CHECK_EQ(close(b), 0);
	CHECK_EQ(close(c), 0);
	CHECK_EQ(unlink(F1), 0);
}

static void truncate_and_holes(void)
{
	static unsigned char want[4 * 4096 + 100];
	int fd;

	fd = open(F1, O_RDWR | O_CREAT | O_EXCL, 0600);
	CHECK(fd >= 0);
	memset(want, 'x', 3 * 4096);
	CHECK_EQ(write(fd, want, 3 * 4096), 3 * 4096);
	CHECK_EQ(close(fd), 0);

	/* O_TRUNC */
	fd = open(F1, O_RDWR | O_TRUNC);
	CHECK(fd >= 0);
	CHECK_EQ(fsize_of(fd), 0);
	CHECK_EQ(read(fd, want, 10), 0);

	/* a hole: lseek past the end and write */
	CHECK_EQ(lseek(fd, 2 * 4096 + 10, SEEK_SET), 2 * 4096 + 10);
	CHECK_EQ(write(fd, "end", 3), 3);
	memset(want, 0, sizeof want);
	memcpy(want + 2 * 4096 + 10, "end", 3);
	check_contents(F1, want, 2 * 4096 + 13);

	/* the old 'x' bytes must not come back anywhere: fill, then shrink */
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	memset(want, 'y', 100);
	CHECK_EQ(write(fd, want, 100), 100);
	CHECK_EQ(ftruncate(fd, 50), 0);
	CHECK_EQ(fsize_of(fd), 50);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 100);	/* offset untouched */
	CHECK_EQ(ftruncate(fd, 4096 + 7), 0);	/* grow: zeros */
	memset(want, 0, sizeof want);
	memset(want, 'y', 50);
	check_contents(F1, want, 4096 + 7);

	/* truncate by name, to the middle of a page and to zero */
	CHECK_EQ(truncate(F1, 20), 0);
	CHECK_EQ(size_of(F1), 20);
	check_contents(F1, want, 20);
	CHECK_EQ(truncate(F1, 0), 0);
	CHECK_EQ(fsize_of(fd), 0);
	CHECK_EQ(ftruncate(fd, 3 * 4096), 0);
	memset(want, 0, sizeof want);
	check_contents(F1, want, 3 * 4096);
	CHECK_EQ(close(fd), 0);

	errno = 0;
	CHECK_EQ(truncate(F1, -1), -1);
	CHECK_EQ(errno, EINVAL);
	errno = 0;
	CHECK_EQ(truncate(F2, 0), -1);
	CHECK_EQ(errno, ENOENT);
	CHECK_EQ(unlink(F1), 0);
}

static void access_modes(void)
{
	char c = 'c';
	int fd;

	fd = open(F1, O_WRONLY | O_CREAT | O_EXCL, 0600);
	CHECK(fd >= 0);
	errno = 0;
	CHECK_EQ(read(fd, &c, 1), -1);
	CHECK_EQ(errno, EBADF);
	CHECK_EQ(close(fd), 0);

	fd = open(F1, O_RDONLY);
	CHECK(fd >= 0);
	errno = 0;
	CHECK_EQ(write(fd, &c, 1), -1);
	CHECK_EQ(errno, EBADF);
	errno = 0;
	CHECK_EQ(ftruncate(fd, 0), -1);
	CHECK_EQ(errno, EINVAL);
	CHECK_EQ(close(fd), 0);

	errno = 0;
	CHECK_EQ(open(DIR_PATH, O_WRONLY), -1);
	CHECK_EQ(errno, EISDIR);
	errno = 0;
	CHECK_EQ(open(DIR_PATH, O_RDWR), -1);
	CHECK_EQ(errno, EISDIR);
	fd = open(DIR_PATH, O_RDONLY);
	CHECK(fd >= 0);
	errno = 0;
	CHECK_EQ(read(fd, &c, 1), -1);
	CHECK_EQ(errno, EISDIR);
	CHECK_EQ(close(fd), 0);
	CHECK_EQ(unlink(F1), 0);
}

static void one_round(void)
{
	create_and_open_errors();
	write_read_seek();
	append_two();
	truncate_and_holes();
	access_modes();
}

int main(void)
{
	umask(022);
	unlink(F1), unlink(F2), rmdir(DIR_PATH);	/* leftovers (Linux) */
	CHECK_EQ(mkdir(DIR_PATH, 0755), 0);
	run_leak_checked(one_round);
	CHECK_EQ(rmdir(DIR_PATH), 0);
	return 0;
}
