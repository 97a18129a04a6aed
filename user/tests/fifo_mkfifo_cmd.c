/*
 * fifo_mkfifo_cmd - the mkfifo program (/bin/mkfifo [-m MODE] NAME...).
 *
 *  1. "mkfifo -m 640 A B" makes two FIFOs with exactly mode 0640 (the
 *     umask, 027 here, does not apply to -m) and exits 0.
 *  2. Without -m the mode is 0666 less the umask: 0640 with umask 027.
 *  3. An existing name fails (exit status non-zero) and leaves the file as
 *     it was, but the other names are still made.
 *  4. No name, or a bad mode, is a usage error: non-zero exit, nothing
 *     made.
 *  5. What it makes is a working FIFO: a child writes through it.
 *
 * The program runs by fork+exec with stdout and stderr going to a pipe
 * that the test drains (error messages are expected in 3 and 4, so they
 * are swallowed rather than shown).  To run this test on Linux against a
 * host build of user/bin/mkfifo.c, set MKFIFO_PATH to it (GNU mkfifo
 * passes too).  Synchronisation: waitpid only.
 */
#include <conduit/test.h>
#include <fcntl.h>
#include <sys/stat.h>

#define DIR_PATH "/tmp/fifo_mkfifo_cmd-d"
#define A DIR_PATH "/a"
#define B DIR_PATH "/b"
#define C DIR_PATH "/c"
#define FILE_PATH DIR_PATH "/file"

static const char *mkfifo_path(void)
{
	const char *path = getenv("MKFIFO_PATH");

	return path ? path : "/bin/mkfifo";
}

/* Run mkfifo with the given arguments; return its wait status. */
static int run(const char *a1, const char *a2, const char *a3, const char *a4)
{
	char *argv[] = { "mkfifo", (char *)a1, (char *)a2, (char *)a3,
			 (char *)a4, NULL };
	char buf[256];
	int out[2];
	pid_t pid;

	CHECK_EQ(pipe(out), 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		dup2(out[1], 1);
		dup2(out[1], 2);
		close(out[0]);
		close(out[1]);
		execv(mkfifo_path(), argv);
		_exit(127);
	}
	CHECK_EQ(close(out[1]), 0);
	while (read(out[0], buf, sizeof buf) > 0)
		;
	CHECK_EQ(close(out[0]), 0);
	return wait_for_child(pid);
}

static void check_fifo(const char *path, int mode)
{
	struct stat st;

	CHECK_EQ(stat(path, &st), 0);
	CHECK(S_ISFIFO(st.st_mode));
	CHECK_EQ(st.st_mode & 07777, mode);
}

static void check_missing(const char *path)
{
	struct stat st;

	errno = 0;
	CHECK_EQ(stat(path, &st), -1);
	CHECK_EQ(errno, ENOENT);
}

int main(void)
{
	struct stat st;
	int status, fd;
	char buf[8];
	pid_t pid;

	unlink(A), unlink(B), unlink(C), unlink(FILE_PATH), rmdir(DIR_PATH);
	umask(027);
	CHECK_EQ(mkdir(DIR_PATH, 0755), 0);

	/* 1 */
	CHECK_EQ(run("-m", "640", A, B), 0);
	check_fifo(A, 0640);
	check_fifo(B, 0640);
	CHECK_EQ(unlink(B), 0);
	CHECK_EQ(run("-m", "0606", B, NULL), 0);
	check_fifo(B, 0606);

	/* 2 */
	CHECK_EQ(run(C, NULL, NULL, NULL), 0);
	check_fifo(C, 0640);
	CHECK_EQ(unlink(C), 0);

	/* 3 */
	fd = open(FILE_PATH, O_WRONLY | O_CREAT | O_EXCL, 0600);
	CHECK(fd >= 0);
	CHECK_EQ(close(fd), 0);
	status = run(FILE_PATH, C, A, NULL);
	CHECK(WIFEXITED(status));
	CHECK(WEXITSTATUS(status) != 0);
	CHECK(WEXITSTATUS(status) != 127);	/* it did run */
	CHECK_EQ(stat(FILE_PATH, &st), 0);
	CHECK(S_ISREG(st.st_mode));
	check_fifo(C, 0640);
	check_fifo(A, 0640);
	CHECK_EQ(unlink(C), 0);

	/* 4 */
	status = run(NULL, NULL, NULL, NULL);
	CHECK(WIFEXITED(status));
	CHECK(WEXITSTATUS(status) != 0 && WEXITSTATUS(status) != 127);
	status = run("-m", "999", C, NULL);
	CHECK(WIFEXITED(status));
	CHECK(WEXITSTATUS(status) != 0 && WEXITSTATUS(status) != 127);
	check_missing(C);

	/* 5 */
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		fd = open(A, O_WRONLY);
		CHECK(fd >= 0);
		CHECK_EQ(write(fd, "via A", 5), 5);
		_exit(0);
	}
	fd = open(A, O_RDONLY);
	CHECK(fd >= 0);
	CHECK_EQ(read(fd, buf, sizeof buf), 5);
	CHECK_EQ(memcmp(buf, "via A", 5), 0);
	CHECK_EQ(wait_for_child(pid), 0);
	CHECK_EQ(read(fd, buf, sizeof buf), 0);
	CHECK_EQ(close(fd), 0);

	CHECK_EQ(unlink(A), 0);
	CHECK_EQ(unlink(B), 0);
	CHECK_EQ(unlink(FILE_PATH), 0);
	CHECK_EQ(rmdir(DIR_PATH), 0);
	return 0;
}
