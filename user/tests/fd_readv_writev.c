/*
 * fd_readv_writev - scatter/gather I/O: readv and writev move data
 * between a file and several buffers as if the buffers were one.
 *
 *  1. Files: writev of three buffers writes them in order and moves the
 *     position by the total; readv scatters them back, filling each buffer
 *     before the next; near the end of the file it returns what is there
 *     (a short transfer), at the end 0.  Zero-length buffers are skipped.
 *  2. 1024 iovecs (IOV_MAX, more than fit in one page of the kernel's
 *     copy) of one byte each arrive in order.
 *  3. A bad buffer after good ones: the call returns the bytes before it
 *     (a short transfer), for readv and writev on a file.
 *  4. Pipes: writev of several buffers comes out as one stream; readv of
 *     a pipe holding less than asked returns what is there at once, even
 *     when that exactly fills the first buffers (it must not wait for
 *     more: an alarm turns a hang into a failure); after the last writer
 *     is gone readv returns 0.  writev of at most PIPE_BUF bytes with a
 *     bad buffer among them is EFAULT and leaves nothing in the pipe.
 *  5. PIPE_BUF atomicity: 6 children each writev records of exactly
 *     PIPE_BUF bytes made of 4 buffers of different sizes into one pipe,
 *     while the parent reads in odd sizes; every 4096-byte record in the
 *     stream must come from one writer, in its order.  (A writev done as
 *     one write per buffer interleaves here.)
 *  6. Errors: EBADF (closed, or not open for that direction), EINVAL for
 *     a count < 0 or > IOV_MAX or a negative length, EFAULT for a bad
 *     iovec array, 0 for a count of 0 even with a bad array, EISDIR for
 *     readv of a directory.  On Conduit only (Linux differs, see
 *     docs/files.md): a total above SSIZE_MAX is EINVAL, and a buffer
 *     outside user space is EFAULT before anything is written.
 *
 * Synchronisation: pipes and waitpid only.
 */
#define _GNU_SOURCE
#include <conduit/test.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/uio.h>

#define PATH "/tmp/fd_readv_writev.data"
#define WRITERS 6
#define RECORDS 48

static int host;

/* pread, which Conduit's C library does not have. */
static ssize_t read_at(int fd, void *buf, size_t n, off_t off)
{
	CHECK_EQ(lseek(fd, off, SEEK_SET), off);
	return read(fd, buf, n);
}

static void files(void)
{
	char a[3] = "abc", b[5] = "defgh", c[2] = "ij", out[16];
	char x[4], y[4], z[8];
	struct iovec w[4] = { { a, 3 }, { b, 0 }, { b, 5 }, { c, 2 } };
	struct iovec r[3] = { { x, 4 }, { y, 4 }, { z, 8 } };
	int fd = open(PATH, O_RDWR | O_CREAT | O_TRUNC, 0644);

	CHECK(fd >= 0);
	CHECK_EQ(writev(fd, w, 4), 10);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 10);
	CHECK_EQ(read_at(fd, out, sizeof out, 0), 10);
	CHECK(memcmp(out, "abcdefghij", 10) == 0);
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	memset(z, '.', sizeof z);
	CHECK_EQ(readv(fd, r, 3), 10);		/* short: 10 of 16 */
	CHECK(memcmp(x, "abcd", 4) == 0);
	CHECK(memcmp(y, "efgh", 4) == 0);
	CHECK(memcmp(z, "ij......", 8) == 0);
	CHECK_EQ(readv(fd, r, 3), 0);		/* end of file */
	CHECK_EQ(lseek(fd, 8, SEEK_SET), 8);
	CHECK_EQ(readv(fd, r, 3), 2);
	CHECK(memcmp(x, "ij", 2) == 0);
	CHECK_EQ(close(fd), 0);
}

static void many_iovecs(void)
{
	static struct iovec iov[IOV_MAX];
	static char src[IOV_MAX], dst[IOV_MAX];
	int fd = open(PATH, O_RDWR | O_TRUNC);

	CHECK(fd >= 0);
	for (int i = 0; i < IOV_MAX; i++) {
		src[i] = (char)(i * 7 + i / 256);
		iov[i].iov_base = &src[i];
		iov[i].iov_len = 1;
	}
	CHECK_EQ(writev(fd, iov, IOV_MAX), IOV_MAX);
	CHECK_EQ(read_at(fd, dst, sizeof dst, 0), IOV_MAX);
	CHECK(memcmp(src, dst, IOV_MAX) == 0);
	/* and back, scattered in reverse order of memory */
	for (int i = 0; i < IOV_MAX; i++)
		iov[i].iov_base = &dst[IOV_MAX - 1 - i];
	memset(dst, 0, sizeof dst);
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	CHECK_EQ(readv(fd, iov, IOV_MAX), IOV_MAX);
	for (int i = 0; i < IOV_MAX; i++)
		CHECK_EQ(dst[IOV_MAX - 1 - i], src[i]);
	CHECK_EQ(close(fd), 0);
}

static void bad_buffer_after_good(void)
{
	char good[10] = "0123456789", back[20];
	void *unmapped = opaque_pointer(0x1000);	/* page 1: never mapped */
	struct iovec w[3] = { { good, 10 }, { unmapped, 10 }, { good, 10 } };
	struct stat st;
	int fd = open(PATH, O_RDWR | O_TRUNC);

	CHECK(fd >= 0);
	CHECK_EQ(writev(fd, w, 3), 10);
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK_EQ(st.st_size, 10);
	CHECK_EQ(write(fd, good, 10), 10);
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	w[0].iov_base = back;
	w[2].iov_base = back + 10;
	CHECK_EQ(readv(fd, w, 3), 10);
	CHECK(memcmp(back, good, 10) == 0);
	CHECK_EQ(close(fd), 0);
}

static void hang_guard(int sig)
{
	(void)sig;
	static const char msg[] = "fd_readv_writev: readv waited for more data\n";
	write(2, msg, sizeof msg - 1);
	_exit(3);
}

static void pipes(void)
{
	char a[4] = "abcd", b[6] = "efghij", x[4], y[6], z[8];
	struct iovec w[2] = { { a, 4 }, { b, 6 } };
	struct iovec r[3] = { { x, 4 }, { y, 6 }, { z, 8 } };
	struct iovec bad[3] = { { a, 4 }, { opaque_pointer(0x1000), 6 }, { b, 6 } };
	int fds[2], queued = -1;

	CHECK_EQ(pipe(fds), 0);
	signal(SIGALRM, hang_guard);
	alarm(10);
	CHECK_EQ(writev(fds[1], w, 2), 10);
	CHECK_EQ(readv(fds[0], r, 3), 10);	/* fills x and y, then stops */
	CHECK(memcmp(x, "abcd", 4) == 0);
	CHECK(memcmp(y, "efghij", 6) == 0);
	CHECK_EQ(writev(fds[1], w, 1), 4);
	CHECK_EQ(readv(fds[0], r + 1, 2), 4);	/* less than the first buffer */
	CHECK(memcmp(y, "abcd", 4) == 0);
	alarm(0);

	CHECK_EQ(writev(fds[1], bad, 3), -1);	/* atomic: all or nothing */
	CHECK_EQ(errno, EFAULT);
	CHECK_EQ(ioctl(fds[0], FIONREAD, &queued), 0);
	CHECK_EQ(queued, 0);

	CHECK_EQ(writev(fds[1], w, 2), 10);
	CHECK_EQ(close(fds[1]), 0);
	CHECK_EQ(readv(fds[0], r, 3), 10);
	CHECK_EQ(readv(fds[0], r, 3), 0);	/* no writer: end of file */
	CHECK_EQ(close(fds[0]), 0);
	signal(SIGALRM, SIG_DFL);
}

/* A record: PIPE_BUF bytes of the word (id << 16 | seq), in 4 pieces. */
static void writer(int fd, uint32_t id)
{
	static uint32_t record[PIPE_BUF / 4];
	static const size_t cut[4] = { 1, 1000, 3000, PIPE_BUF - 4001 };
	char *p = (char *)record;
	struct iovec iov[4];

	for (int i = 0, off = 0; i < 4; off += cut[i], i++) {
		iov[i].iov_base = p + off;
		iov[i].iov_len = cut[i];
	}
	for (uint32_t seq = 0; seq < RECORDS; seq++) {
		for (size_t i = 0; i < PIPE_BUF / 4; i++)
			record[i] = id << 16 | seq;
		CHECK_EQ(writev(fd, iov, 4), PIPE_BUF);
	}
	_exit(0);
}

static void check_record(const uint32_t *record, uint32_t *next_seq)
{
	uint32_t id = record[0] >> 16;

	for (size_t i = 1; i < PIPE_BUF / 4; i++) {
		if (record[i] != record[0])
			fprintf(stderr, "fd_readv_writev: record 0x%x mixed with 0x%x at word %u\n",
				record[0], record[i], (unsigned)i);
		CHECK_EQ(record[i], record[0]);
	}
	CHECK(id < WRITERS);
	CHECK_EQ(record[0] & 0xffff, next_seq[id]);
	next_seq[id]++;
}

static void atomic_writers(void)
{
	static uint32_t record[PIPE_BUF / 4];
	static const size_t sizes[] = { 1000, 77, 4096, 2500, 13, 6000 };
	uint32_t next_seq[WRITERS] = { 0 };
	pid_t pids[WRITERS];
	size_t filled = 0, k = 0;
	int fds[2];
	ssize_t n;

	CHECK_EQ(pipe(fds), 0);
	for (uint32_t w = 0; w < WRITERS; w++) {
		pids[w] = fork();
		CHECK(pids[w] >= 0);
		if (pids[w] == 0) {
			close(fds[0]);
			writer(fds[1], w);
		}
	}
	CHECK_EQ(close(fds[1]), 0);
	for (;;) {
		size_t want = sizes[k++ % (sizeof sizes / sizeof sizes[0])];
		if (want > PIPE_BUF - filled)
			want = PIPE_BUF - filled;
		n = read(fds[0], (char *)record + filled, want);
		CHECK(n >= 0);
		if (n == 0)
			break;
		filled += (size_t)n;
		if (filled == PIPE_BUF) {
			check_record(record, next_seq);
			filled = 0;
		}
	}
	CHECK_EQ(filled, 0);
	for (int w = 0; w < WRITERS; w++) {
		CHECK_EQ(wait_for_child(pids[w]), 0);
		CHECK_EQ(next_seq[w], RECORDS);
	}
	CHECK_EQ(close(fds[0]), 0);
}

/* A count the compiler cannot see (glibc's headers warn about bad ones). */
static int count(int n)
{
	volatile int hidden = n;

	return hidden;
}

static void errors(void)
{
	char buf[8];
	struct iovec one = { buf, sizeof buf };
	struct iovec neg[2] = { { buf, 4 }, { buf, (size_t)SSIZE_MAX + 1 } };
	struct iovec huge[2] = { { buf, SSIZE_MAX }, { buf, SSIZE_MAX } };
	struct iovec kernel[2] = { { buf, 4 }, { opaque_pointer(0xC0000000), 4 } };
	int fd = open(PATH, O_RDWR | O_TRUNC), ro = open(PATH, O_RDONLY);
	int wo = open(PATH, O_WRONLY), dir = open("/tmp", O_RDONLY);
	struct stat st;

	CHECK(fd >= 0 && ro >= 0 && wo >= 0 && dir >= 0);
	CHECK_EQ(close(wo), 0);
	CHECK_EQ(readv(wo, &one, 1), -1);
	CHECK_EQ(errno, EBADF);
	CHECK_EQ(writev(wo, &one, 1), -1);
	CHECK_EQ(errno, EBADF);
	wo = open(PATH, O_WRONLY);
	CHECK_EQ(readv(wo, &one, 1), -1);
	CHECK_EQ(errno, EBADF);
	CHECK_EQ(writev(ro, &one, 1), -1);
	CHECK_EQ(errno, EBADF);

	CHECK_EQ(writev(fd, &one, count(-1)), -1);
	CHECK_EQ(errno, EINVAL);
	CHECK_EQ(readv(fd, &one, count(IOV_MAX + 1)), -1);
	CHECK_EQ(errno, EINVAL);
	CHECK_EQ(writev(fd, neg, 2), -1);
	CHECK_EQ(errno, EINVAL);
	CHECK_EQ(readv(fd, neg, 2), -1);
	CHECK_EQ(errno, EINVAL);
	CHECK_EQ(writev(fd, opaque_pointer(1), 1), -1);
	CHECK_EQ(errno, EFAULT);
	CHECK_EQ(readv(fd, opaque_pointer(0xC0000000), 2), -1);
	CHECK_EQ(errno, EFAULT);
	CHECK_EQ(writev(fd, opaque_pointer(1), 0), 0);
	CHECK_EQ(readv(dir, &one, 1), -1);
	CHECK_EQ(errno, EISDIR);
	if (!host) {
		CHECK_EQ(writev(fd, huge, 2), -1);
		CHECK_EQ(errno, EINVAL);
		CHECK_EQ(writev(fd, kernel, 2), -1);
		CHECK_EQ(errno, EFAULT);
		CHECK_EQ(fstat(fd, &st), 0);
		CHECK_EQ(st.st_size, 0);	/* checked before writing */
	}
	close(fd), close(ro), close(wo), close(dir);
}

int main(void)
{
	host = getenv("CONDUIT_HOST_RUN") != NULL;
	files();
	many_iovecs();
	bad_buffer_after_good();
	pipes();
	atomic_writers();
	errors();
	CHECK_EQ(unlink(PATH), 0);
	return 0;
}
