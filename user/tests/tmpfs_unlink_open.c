/*
 * tmpfs_unlink_open - a file unlinked while open lives on through its
 * descriptors, and only through them.
 *
 *  1. After unlink: the name is gone (stat and access say ENOENT, the
 *     directory listing no longer has it), but every open descriptor
 *     still reads the whole contents (3 pages and a bit), fstat shows
 *     st_nlink 0 and the size, writes and ftruncate through a descriptor
 *     work and are seen through the other descriptor.
 *  2. A new file made under the same name is a different, empty file.
 *  3. A child that inherited a descriptor keeps the file alive after the
 *     parent closed all of its own, and reads it all.
 *  4. unlink of a missing name is ENOENT; of a directory, EISDIR.
 *  5. Memory (skipped when CONDUIT_HOST_RUN is set: Linux's count is
 *     noisy): while the unlinked file is open its pages are still in use,
 *     and once the last descriptor is gone the free page count is back
 *     to what it was before the file was made (after a warm-up round).
 *
 * Synchronisation: in 3 the parent closes its descriptors, then tells
 * the child to read through a pipe, and waits for it.
 */
#include <conduit/test.h>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

#define DIR_PATH "/tmp/tmpfs_unlink_open-d"
#define F DIR_PATH "/file"
#define SIZE (3 * 4096 + 500)

static int host;

static unsigned char pattern(long i)
{
	return (unsigned char)(i % 253 + 1);
}

/* fd (at offset 0) reads exactly SIZE bytes of pattern, then EOF. */
static void check_contents(int fd)
{
	static unsigned char buf[4096];
	long got = 0;
	ssize_t n;

	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	while ((n = read(fd, buf, 1000)) > 0) {
		for (ssize_t i = 0; i < n; i++)
			CHECK_EQ(buf[i], pattern(got + i));
		got += n;
	}
	CHECK_EQ(n, 0);
	CHECK_EQ(got, SIZE);
}

static int make_file(void)
{
	static unsigned char data[SIZE];
	int fd = open(F, O_RDWR | O_CREAT | O_EXCL, 0600);

	CHECK(fd >= 0);
	for (long i = 0; i < SIZE; i++)
		data[i] = pattern(i);
	CHECK_EQ(write(fd, data, SIZE), SIZE);
	return fd;
}

static int listed(const char *name)
{
	struct dirent *e;
	int found = 0;
	DIR *d = opendir(DIR_PATH);

	CHECK(d != NULL);
	while ((e = readdir(d)) != NULL)
		found += strcmp(e->d_name, name) == 0;
	CHECK_EQ(closedir(d), 0);
	return found;
}

static void still_readable(long before)
{
	struct stat st, st_new;
	int a, b, fresh;
	char buf[8];

	a = make_file();
	b = open(F, O_RDONLY);
	CHECK(b >= 0);
	CHECK_EQ(listed("file"), 1);
	CHECK_EQ(unlink(F), 0);

	/* 1 */
	errno = 0;
	CHECK_EQ(stat(F, &st), -1);
	CHECK_EQ(errno, ENOENT);
	errno = 0;
	CHECK_EQ(access(F, F_OK), -1);
	CHECK_EQ(errno, ENOENT);
	CHECK_EQ(listed("file"), 0);
	CHECK_EQ(fstat(a, &st), 0);
	CHECK_EQ(st.st_nlink, 0);
	CHECK_EQ(st.st_size, SIZE);
	check_contents(a);
	check_contents(b);
	if (!host)
		CHECK(free_pages() <= before - 4);	/* the data is still there */

	CHECK_EQ(lseek(a, 0, SEEK_END), SIZE);
	CHECK_EQ(write(a, "tail", 4), 4);
	CHECK_EQ(lseek(b, SIZE, SEEK_SET), SIZE);
	CHECK_EQ(read(b, buf, sizeof buf), 4);
	CHECK_EQ(memcmp(buf, "tail", 4), 0);
	CHECK_EQ(ftruncate(a, SIZE), 0);
	CHECK_EQ(fstat(b, &st), 0);
	CHECK_EQ(st.st_size, SIZE);

	/* 2 */
	fresh = open(F, O_RDWR | O_CREAT | O_EXCL, 0600);
	CHECK(fresh >= 0);
	CHECK_EQ(fstat(fresh, &st_new), 0);
	CHECK_EQ(st_new.st_size, 0);
	CHECK(st_new.st_ino != st.st_ino);
	CHECK_EQ(read(fresh, buf, sizeof buf), 0);
	check_contents(b);
	CHECK_EQ(close(fresh), 0);
	CHECK_EQ(unlink(F), 0);

	/* closing one descriptor does not end it */
	CHECK_EQ(close(a), 0);
	check_contents(b);
	CHECK_EQ(close(b), 0);
}

static void kept_by_child(void)
{
	int fd = make_file(), go[2];
	char c;
	pid_t pid;

	CHECK_EQ(pipe(go), 0);
	CHECK_EQ(unlink(F), 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		CHECK_EQ(close(go[1]), 0);
		CHECK_EQ(read(go[0], &c, 1), 1);	/* the parent closed */
		check_contents(fd);
		_exit(0);
	}
	CHECK_EQ(close(fd), 0);
	CHECK_EQ(close(go[0]), 0);
	CHECK_EQ(write(go[1], "g", 1), 1);
	CHECK_EQ(wait_for_child(pid), 0);
	CHECK_EQ(close(go[1]), 0);
}

static void errors(void)
{
	errno = 0;
	CHECK_EQ(unlink(F), -1);
	CHECK_EQ(errno, ENOENT);
	CHECK_EQ(mkdir(F, 0700), 0);
	errno = 0;
	CHECK_EQ(unlink(F), -1);
	CHECK_EQ(errno, EISDIR);
	CHECK_EQ(rmdir(F), 0);
}

/* check: compare free pages (not in the warm-up round, which grows the
 * stack, the C library's heap and so on) */
static void one_round(int check)
{
	long before = free_pages();

	still_readable(check ? before : 1L << 30);
	kept_by_child();
	errors();
	if (check && !host)
		CHECK_EQ(free_pages(), before);
}

int main(void)
{
	host = getenv("CONDUIT_HOST_RUN") != NULL;
	unlink(F), rmdir(F), rmdir(DIR_PATH);	/* leftovers (Linux) */
	CHECK_EQ(mkdir(DIR_PATH, 0755), 0);
	one_round(0);		/* warm-up */
	one_round(1);
	CHECK_EQ(rmdir(DIR_PATH), 0);
	return 0;
}
