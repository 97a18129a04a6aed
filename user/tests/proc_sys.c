/*
 * proc_sys - the settings under /proc/sys: fs/pipe-max-size and
 * kernel/pid_max.
 *
 *   /proc/sys, /proc/sys/fs and /proc/sys/kernel are directories, and
 *     /proc/sys/fs lists pipe-max-size;
 *   pipe-max-size reads as a decimal number and a newline, 1048576 at
 *     first; F_SETPIPE_SZ may grow a pipe to it but not past it: EPERM,
 *     the size unchanged (Linux exempts CAP_SYS_RESOURCE; Conduit has no
 *     capabilities, and neither has root in many containers);
 *   (Conduit only, as it changes the machine's setting) writing it, in a
 *     child, while the parent restores the old value afterwards whatever
 *     happens: a value is rounded as F_SETPIPE_SZ rounds (5000 -> 8192,
 *     0 -> 4096, 2^31 stays), blanks around it are allowed; -1, 2^31 + 1,
 *     2^32, "12abc", "abc", "1 2" are EINVAL and change nothing; a write
 *     of 0 bytes changes nothing; the shell's way (O_WRONLY | O_CREAT |
 *     O_TRUNC, and sh -c "echo 65536 > ...") works too.  Its effect: with 8192, growing a pipe to 16384
 *     is EPERM but to 8192 works, a pipe already bigger may keep its size
 *     or shrink, and a new pipe gets 8192 (not 65536); with 4 MiB a pipe
 *     takes exactly 4 MiB, and 8 MiB is ENOMEM (Conduit's ring holds at
 *     most 4 MiB);
 *   pid_max reads as a number above every pid (ours, a child's); on
 *     Conduit it is 32768 and read-only: opening it for writing is EACCES.
 */
#define _GNU_SOURCE
#include <conduit/test.h>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

#define MAX_SIZE "/proc/sys/fs/pipe-max-size"
#define PID_MAX_FILE "/proc/sys/kernel/pid_max"

static char buf[65536];

/* The text of a /proc file, checked to be digits and one newline. */
static unsigned long read_number(const char *path)
{
	char text[64];
	int fd = open(path, O_RDONLY);
	ssize_t n;

	CHECK(fd >= 0);
	n = read(fd, text, sizeof text - 1);
	CHECK(n >= 2);
	CHECK_EQ(close(fd), 0);
	text[n] = 0;
	CHECK_EQ(text[n - 1], '\n');
	CHECK_EQ(strspn(text, "0123456789"), (size_t)n - 1);
	return strtoul(text, NULL, 10);
}

/* Write text to pipe-max-size; the write's result (or -errno). */
static long write_max(const char *text, int flags)
{
	int fd = open(MAX_SIZE, flags);
	ssize_t n;

	CHECK(fd >= 0);
	n = write(fd, text, strlen(text));
	if (n < 0)
		n = -errno;
	CHECK_EQ(close(fd), 0);
	return n;
}

static void set_max(const char *text, unsigned long expect)
{
	CHECK_EQ(write_max(text, O_WRONLY), (long)strlen(text));
	CHECK_EQ(read_number(MAX_SIZE), expect);
}

static void refuse_max(const char *text)
{
	unsigned long before = read_number(MAX_SIZE);

	CHECK_EQ(write_max(text, O_WRONLY), -EINVAL);
	CHECK_EQ(read_number(MAX_SIZE), before);
}

static void check_dirs(void)
{
	const char *dirs[] = { "/proc/sys", "/proc/sys/fs", "/proc/sys/kernel" };
	struct dirent *e;
	struct stat st;
	int found = 0;
	DIR *d;

	for (int i = 0; i < 3; i++) {
		CHECK_EQ(stat(dirs[i], &st), 0);
		CHECK(S_ISDIR(st.st_mode));
	}
	CHECK_EQ(stat(MAX_SIZE, &st), 0);
	CHECK(S_ISREG(st.st_mode));
	CHECK_EQ(st.st_mode & 0777, 0644);
	CHECK((d = opendir("/proc/sys/fs")) != NULL);
	while ((e = readdir(d)) != NULL)
		found += strcmp(e->d_name, "pipe-max-size") == 0;
	CHECK_EQ(closedir(d), 0);
	CHECK_EQ(found, 1);
}

/* F_SETPIPE_SZ against the current maximum, as an unprivileged Linux process. */
static void check_limit(unsigned long max)
{
	int fds[2];

	CHECK_EQ(pipe(fds), 0);
	if (max <= 0x40000000) {
		CHECK_EQ(fcntl(fds[1], F_SETPIPE_SZ, max * 2), -1);
		CHECK_EQ(errno, EPERM);
		CHECK_EQ(fcntl(fds[1], F_SETPIPE_SZ, max + 1), -1);
		CHECK_EQ(errno, EPERM);
	}
	CHECK_EQ(fcntl(fds[1], F_SETPIPE_SZ, max), max);
	CHECK_EQ(fcntl(fds[0], F_GETPIPE_SZ), max);
	CHECK_EQ(close(fds[0]), 0);
	CHECK_EQ(close(fds[1]), 0);
}

static void check_small_max(void)
{
	int big[2], fds[2];

	CHECK_EQ(pipe(big), 0);			/* made while the max was 1 MiB */
	set_max("8192", 8192);
	check_limit(8192);
	CHECK_EQ(fcntl(big[1], F_SETPIPE_SZ, 65536), 65536);	/* keeps its size */
	CHECK_EQ(fcntl(big[1], F_SETPIPE_SZ, 32768), 32768);	/* may shrink */
	CHECK_EQ(fcntl(big[1], F_SETPIPE_SZ, 65536), -1);	/* not grow */
	CHECK_EQ(errno, EPERM);
	CHECK_EQ(pipe(fds), 0);
	CHECK_EQ(fcntl(fds[0], F_GETPIPE_SZ), 8192);	/* new pipes: the max */
	set_max("0", 4096);
	CHECK_EQ(close(fds[0]), 0);
	CHECK_EQ(close(fds[1]), 0);
	CHECK_EQ(pipe(fds), 0);
	CHECK_EQ(fcntl(fds[1], F_GETPIPE_SZ), 4096);
	for (int i = 0; i < 2; i++) {
		CHECK_EQ(close(fds[i]), 0);
		CHECK_EQ(close(big[i]), 0);
	}
}

static void check_big_max(void)
{
	long total = 0;
	int fds[2];
	ssize_t n;

	set_max("4194304", 4194304);
	CHECK_EQ(pipe2(fds, O_NONBLOCK), 0);
	CHECK_EQ(fcntl(fds[1], F_GETPIPE_SZ), 65536);	/* the default is still 64 KiB */
	CHECK_EQ(fcntl(fds[1], F_SETPIPE_SZ, 4194304), 4194304);
	while ((n = write(fds[1], buf, sizeof buf)) > 0)
		total += n;
	CHECK_EQ(errno, EAGAIN);
	CHECK_EQ(total, 4194304);
	set_max("8388608", 8388608);
	CHECK_EQ(fcntl(fds[1], F_SETPIPE_SZ, 8388608), -1);
	CHECK_EQ(errno, ENOMEM);
	CHECK_EQ(fcntl(fds[1], F_GETPIPE_SZ), 4194304);
	CHECK_EQ(close(fds[0]), 0);
	CHECK_EQ(close(fds[1]), 0);
}

/* Changes the setting: run in a child, whose parent puts it back. */
static void check_writing(void)
{
	static char *sh_echo[] = { "/bin/sh", "-c",
				   "echo 65536 > " MAX_SIZE, NULL };

	set_max("5000", 8192);
	set_max("  16384  \n", 16384);
	set_max("2147483648", 2147483648UL);
	set_max("1048576\n", 1048576);
	refuse_max("-1");
	refuse_max("2147483649");
	refuse_max("4294967296");
	refuse_max("12abc");
	refuse_max("abc");
	refuse_max("1 2");
	refuse_max("\n");
	CHECK_EQ(write_max("", O_WRONLY), 0);
	CHECK_EQ(read_number(MAX_SIZE), 1048576);
	CHECK_EQ(write_max("32768\n", O_WRONLY | O_CREAT | O_TRUNC), 6);
	CHECK_EQ(read_number(MAX_SIZE), 32768);
	CHECK_EQ(run_quietly(sh_echo), 0);
	CHECK_EQ(read_number(MAX_SIZE), 65536);
	check_small_max();
	check_big_max();
}

static void check_writing_restored(void)
{
	unsigned long saved = read_number(MAX_SIZE);
	char text[32];
	pid_t pid = fork();
	int status;

	CHECK(pid >= 0);
	if (pid == 0) {
		check_writing();
		_exit(0);
	}
	status = wait_for_child(pid);
	snprintf(text, sizeof text, "%lu\n", saved);
	CHECK_EQ(write_max(text, O_WRONLY), (long)strlen(text));
	CHECK_EQ(read_number(MAX_SIZE), saved);
	CHECK_EQ(status, 0);
}

static void check_pid_max(int host)
{
	unsigned long max = read_number(PID_MAX_FILE);
	pid_t pid;

	CHECK(max > (unsigned long)getpid());
	CHECK(max >= 301);		/* Linux's smallest */
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0)
		_exit(0);
	CHECK((unsigned long)pid < max);
	CHECK_EQ(wait_for_child(pid), 0);
	if (!host) {
		CHECK_EQ(max, 32768);
		CHECK_EQ(open(PID_MAX_FILE, O_WRONLY), -1);
		CHECK_EQ(errno, EACCES);
		CHECK_EQ(open(PID_MAX_FILE, O_RDWR), -1);
		CHECK_EQ(errno, EACCES);
	}
}

int main(void)
{
	int host = getenv("CONDUIT_HOST_RUN") != NULL;
	unsigned long max;

	check_dirs();
	max = read_number(MAX_SIZE);
	if (!host)
		CHECK_EQ(max, 1048576);
	check_limit(max);
	if (!host)
		check_writing_restored();
	check_pid_max(host);
	return 0;
}
