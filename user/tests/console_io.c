/*
 * console_io - the basic file calls on the console and on read-only
 * initramfs files.
 *
 *   console   write() to fd 1 and 2 returns the byte count (a zero-length
 *             write returns 0), fstat() says character device, and lseek()
 *             fails with ESPIPE because a console has no file position.
 *   file      this program's own executable (argv[0], an initramfs file):
 *             fstat() says regular file with a size, lseek() with SEEK_SET,
 *             SEEK_CUR and SEEK_END moves the position that read() uses,
 *             reads stop at the end, and reading it all gives st_size bytes.
 *   refusals  opening it for writing fails (EROFS or EACCES on Conduit;
 *             Linux says ETXTBSY for a running program), and a missing
 *             file gives ENOENT.
 *
 * It prints one short line on the console, to check write().
 */
#include <conduit/test.h>
#include <fcntl.h>
#include <sys/stat.h>

static void check_console(void)
{
	static const char line[] = "console_io: hello from fd 1\n";
	struct stat st;

	CHECK_EQ(write(1, line, sizeof line - 1), sizeof line - 1);
	CHECK_EQ(write(2, "", 0), 0);
	CHECK_EQ(write(1, "", 0), 0);

	CHECK_EQ(fstat(1, &st), 0);
	CHECK(S_ISCHR(st.st_mode));
	CHECK_EQ(fstat(0, &st), 0);
	CHECK(S_ISCHR(st.st_mode));

	CHECK_EQ(lseek(1, 0, SEEK_SET), -1);
	CHECK_EQ(errno, ESPIPE);
	CHECK_EQ(lseek(0, 0, SEEK_CUR), -1);
	CHECK_EQ(errno, ESPIPE);
}

/* Read the whole file from the current position; return the byte count. */
static long read_to_end(int fd)
{
	char buffer[1000];		/* not a power of two on purpose */
	long total = 0;
	ssize_t n;

	while ((n = read(fd, buffer, sizeof buffer)) > 0)
		total += n;
	CHECK_EQ(n, 0);
	return total;
}

static void check_file(const char *path)
{
	struct stat st;
	char bytes[4];
	off_t size;
	int fd = open(path, O_RDONLY);

	CHECK(fd >= 0);
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK(S_ISREG(st.st_mode));
	size = st.st_size;
	CHECK(size > 16);

	CHECK_EQ(read(fd, bytes, 4), 4);
	CHECK_EQ(memcmp(bytes, "\177ELF", 4), 0);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 4);

	CHECK_EQ(lseek(fd, 1, SEEK_SET), 1);
	CHECK_EQ(read(fd, bytes, 3), 3);
	CHECK_EQ(memcmp(bytes, "ELF", 3), 0);

	CHECK_EQ(lseek(fd, -3, SEEK_CUR), 1);
	CHECK_EQ(read(fd, bytes, 1), 1);
	CHECK_EQ(bytes[0], 'E');

	CHECK_EQ(lseek(fd, 0, SEEK_END), size);
	CHECK_EQ(read(fd, bytes, 4), 0);
	CHECK_EQ(lseek(fd, -2, SEEK_END), size - 2);
	CHECK_EQ(read(fd, bytes, 4), 2);	/* short read at the end */
	CHECK_EQ(read(fd, bytes, 4), 0);

	CHECK_EQ(lseek(fd, size + 100, SEEK_SET), size + 100);
	CHECK_EQ(read(fd, bytes, 4), 0);
	CHECK_EQ(lseek(fd, -1, SEEK_SET), -1);
	CHECK_EQ(errno, EINVAL);

	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	CHECK_EQ(read_to_end(fd), size);
	CHECK_EQ(close(fd), 0);
}

/* Opening for writing must fail with one of the accepted errors. */
static void check_write_refused(const char *path, int flags)
{
	int fd = open(path, flags);

	if (fd >= 0)
		close(fd);
	CHECK_EQ(fd, -1);
	CHECK(errno == EROFS || errno == EACCES || errno == ETXTBSY);
}

int main(int argc, char **argv)
{
	(void)argc;
	check_console();
	check_file(argv[0]);

	check_write_refused(argv[0], O_WRONLY);
	check_write_refused(argv[0], O_RDWR);
	CHECK_EQ(open("/no/such/file", O_RDONLY), -1);
	CHECK_EQ(errno, ENOENT);
	CHECK_EQ(open("/tests/no-such-test", O_RDONLY), -1);
	CHECK_EQ(errno, ENOENT);
	return 0;
}
