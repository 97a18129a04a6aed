/*
 * runtests - run every test program in a directory and report in TAP.
 *
 * Usage: runtests [-t SECONDS] [DIR [PREFIX...]]
 *                                        (defaults: 30 seconds, /tests;
 *                                        long_tests[] below get more)
 *
 * With PREFIXes only the tests whose names start with one of them run
 * ("make test T='pipe_ fifo'" passes them through the kernel command line).
 *
 * Under "make test" the kernel starts this program as pid 1, and its exit
 * status becomes QEMU's: 0 if every test passed, 1 if any failed, 2 if
 * there was nothing to run (zero tests is never a success).
 *
 * Each regular file in DIR, in sorted order, runs in its own child with
 * argv = { "/tests/name", NULL }; its output goes straight to the
 * console.  A test passes if it exits with status 0.
 *
 * Shell-script tests: a file NAME.sh runs as "/bin/sh DIR/NAME.sh", with
 * an empty pipe as stdin (it reads like /dev/null) and stdout and
 * stderr both captured through one pipe.  If DIR/NAME.out exists, the
 * captured output must equal it byte for byte.  Such a test passes if the
 * shell exits with status 0 and the output matches; on a mismatch about
 * 20 lines of both outputs, from just before the first difference, are
 * shown as '#' lines.  Files ending in .out are
 * expected outputs, not tests.  The capturing is done by a helper child
 * (run_script_test), which stands in for the test in the loop below, so
 * timeouts and reaping work as for any test.  The helper puts itself in a
 * process group of its own, and a timeout kills that whole group, so
 * that no command the script started can keep running.
 *
 * The output is TAP:
 *
 *   1..N
 *   ok 1 - /tests/bad_fds
 *   not ok 2 - /tests/brk (exit status 1)
 *   ...
 *   N passed, M failed
 *
 * Timeouts use no signal handlers and no alarm(): next to each test we
 * fork a timer child that just sleeps for the timeout and exits.  We then
 * wait for any child; whichever of the two ends first decides, and the
 * other is killed and reaped.  As pid 1 we also inherit orphans (e.g. a
 * test's grandchildren) and reap them in the same loop; they are ignored.
 *
 * Lines starting with '#' are diagnostics: the free page count before and
 * after the suite, to spot memory leaks at a glance.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/sysinfo.h>
#include <sys/types.h>
#include <sys/wait.h>

#define DEFAULT_DIR "/tests"
#define DEFAULT_TIMEOUT 30
#define MAX_TESTS 256
#define SHELL "/bin/sh"
#define SHOWN_LINES 20		/* of each output, when they differ, */
#define SHOWN_BEFORE 5		/* starting this many before the difference */

/* How one test ended. */
enum outcome { PASSED, FAILED_STATUS, FAILED_SIGNAL, TIMED_OUT, NOT_STARTED };

struct result {
	enum outcome outcome;
	int value;		/* exit status, signal number or errno */
};

/*
 * Tests that are long by design get a longer limit than the default (or
 * than -t, whichever is more).  A stall in them is still caught: each
 * watches its own progress and fails with "stall:" long before this.
 */
static const struct {
	const char *name;
	int seconds;
} long_tests[] = {
	{ "smp_pingpong_million", 300 },	/* a million cross-CPU round trips */
};

static int timeout_for(const char *path, int timeout)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;

	for (size_t i = 0; i < sizeof(long_tests) / sizeof(long_tests[0]); i++)
		if (strcmp(base, long_tests[i].name) == 0 &&
		    long_tests[i].seconds > timeout)
			return long_tests[i].seconds;
	return timeout;
}

static char *test_paths[MAX_TESTS];
static int test_count;

static void usage(void)
{
	fprintf(stderr, "usage: runtests [-t SECONDS] [DIR [PREFIX...]]\n");
	exit(2);
}

/* Free physical pages according to sysinfo(), or -1 if it fails. */
static long free_pages(void)
{
	struct sysinfo info;

	if (sysinfo(&info) != 0)
		return -1;
	if (info.mem_unit >= 4096)
		return (long)(info.freeram * (info.mem_unit / 4096));
	return (long)(info.freeram / (4096 / info.mem_unit));
}

/* Is path a regular file?  Uses open + fstat, which every fs supports. */
static int is_regular_file(const char *path)
{
	struct stat st;
	int fd = open(path, O_RDONLY);
	int regular;

	if (fd < 0)
		return 0;
	regular = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
	close(fd);
	return regular;
}

/* Join dir and name into a newly allocated path, with one '/' between. */
static char *join_path(const char *dir, const char *name)
{
	size_t dir_len = strlen(dir);
	size_t name_len = strlen(name);
	char *path;

	while (dir_len > 0 && dir[dir_len - 1] == '/')
		dir_len--;		/* "/tests/" -> "/tests", "/" -> "" */
	path = malloc(dir_len + 1 + name_len + 1);
	if (path == NULL)
		return NULL;
	memcpy(path, dir, dir_len);
	path[dir_len] = '/';
	memcpy(path + dir_len + 1, name, name_len + 1);
	return path;
}

static int ends_with(const char *s, const char *suffix)
{
	size_t len = strlen(s), suffix_len = strlen(suffix);

	return len >= suffix_len && strcmp(s + len - suffix_len, suffix) == 0;
}

/* Insertion sort: the list is short, and this keeps the code obvious. */
static void sort_paths(void)
{
	for (int i = 1; i < test_count; i++) {
		char *current = test_paths[i];
		int j = i - 1;

		while (j >= 0 && strcmp(test_paths[j], current) > 0) {
			test_paths[j + 1] = test_paths[j];
			j--;
		}
		test_paths[j + 1] = current;
	}
}

/* Fill test_paths with the regular files in dir (hidden ones skipped). */
/* Is NAME selected by the PREFIXes on the command line (all if none)? */
static int selected(const char *name, char **prefixes, int count)
{
	if (count == 0)
		return 1;
	for (int i = 0; i < count; i++)
		if (strncmp(name, prefixes[i], strlen(prefixes[i])) == 0)
			return 1;
	return 0;
}

static void find_tests(const char *dir, char **prefixes, int count)
{
	DIR *d = opendir(dir);
	struct dirent *entry;

	if (d == NULL)
		return;
	while ((entry = readdir(d)) != NULL) {
		char *path;

		if (entry->d_name[0] == '.' || ends_with(entry->d_name, ".out"))
			continue;
		if (!selected(entry->d_name, prefixes, count))
			continue;
		path = join_path(dir, entry->d_name);
		if (path == NULL) {
			fprintf(stderr, "runtests: out of memory\n");
			continue;
		}
		if (!is_regular_file(path)) {
			free(path);
			continue;
		}
		if (test_count == MAX_TESTS) {
			fprintf(stderr, "runtests: more than %d tests, skipping %s\n",
				MAX_TESTS, path);
			free(path);
			continue;
		}
		test_paths[test_count++] = path;
	}
	closedir(d);
	sort_paths();
}

static char *test_envp[] = { "PATH=/bin", "HOME=/", NULL };

/* Child side: become the test program. */
static void exec_test(const char *path)
{
	char *argv[] = { (char *)path, NULL };

	execve(path, argv, test_envp);
	fprintf(stderr, "runtests: %s: %s\n", path, strerror(errno));
	_exit(127);
}

/* Bytes read from a file or pipe, in a buffer that grows as needed. */
struct buffer {
	char *data;
	size_t len;
};

/* Read fd to end of file into buf; 0, or -1 if memory ran out. */
static int read_all(int fd, struct buffer *buf)
{
	size_t cap = 4096;

	buf->data = malloc(cap);
	buf->len = 0;
	if (buf->data == NULL)
		return -1;
	for (;;) {
		ssize_t n;

		if (buf->len == cap) {
			char *bigger = realloc(buf->data, cap * 2);

			if (bigger == NULL)
				return -1;
			buf->data = bigger;
			cap *= 2;
		}
		n = read(fd, buf->data + buf->len, cap - buf->len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return 0;
		buf->len += n;
	}
}

/* NAME.sh -> NAME.out, newly allocated (NULL if out of memory). */
static char *expected_output_path(const char *script)
{
	size_t stem = strlen(script) - strlen(".sh");
	char *path = malloc(stem + strlen(".out") + 1);

	if (path != NULL) {
		memcpy(path, script, stem);
		strcpy(path + stem, ".out");
	}
	return path;
}

/* Print up to SHOWN_LINES lines of buf, from line `first` on, as comments. */
static void show_lines(const char *title, const struct buffer *buf, int first)
{
	size_t pos = 0;
	int line = 1;

	printf("# %s (%lu bytes), from line %d:\n", title,
	       (unsigned long)buf->len, first);
	while (pos < buf->len && line < first + SHOWN_LINES) {
		const char *start = buf->data + pos;
		const char *newline = memchr(start, '\n', buf->len - pos);
		size_t len = newline ? (size_t)(newline - start)
				     : buf->len - pos;

		if (line >= first)
			printf("#   %.*s%s\n", (int)len, start,
			       newline ? "" : "   (no newline at end)");
		pos += len + (newline ? 1 : 0);
		line++;
	}
	if (pos < buf->len)
		printf("#   ... (more lines not shown)\n");
}

/* The line number (from 1) of the first byte where a and b differ. */
static int first_difference(const struct buffer *a, const struct buffer *b)
{
	int line = 1;

	for (size_t i = 0; i < a->len && i < b->len; i++) {
		if (a->data[i] != b->data[i])
			break;
		if (a->data[i] == '\n')
			line++;
	}
	return line;
}

/*
 * Compare the captured output with NAME.out, if there is one.  Returns 1
 * if it matches (or nothing is expected), else shows both and returns 0.
 */
static int check_output(const char *script, const struct buffer *actual)
{
	char *out_path = expected_output_path(script);
	struct buffer expected;
	int fd, same;

	fd = out_path ? open(out_path, O_RDONLY) : -1;
	if (fd < 0) {
		free(out_path);
		return 1;
	}
	if (read_all(fd, &expected) < 0) {
		printf("# %s: out of memory\n", out_path);
		expected.len = 0;
	}
	close(fd);
	same = expected.len == actual->len &&
	       memcmp(expected.data, actual->data, actual->len) == 0;
	if (!same) {
		int line = first_difference(&expected, actual);
		int first = line > SHOWN_BEFORE ? line - SHOWN_BEFORE : 1;

		printf("# output differs from %s, first at line %d\n",
		       out_path, line);
		show_lines("expected", &expected, first);
		show_lines("actual", actual, first);
	}
	free(expected.data);
	free(out_path);
	return same;
}

/*
 * Grandchild side: run the script under the shell, with an empty pipe as
 * stdin and the write end of the capture pipe as stdout and stderr.
 */
static void exec_script(const char *path, int capture[2])
{
	char *argv[] = { SHELL, (char *)path, NULL };
	int empty[2];

	if (pipe(empty) == 0) {
		close(empty[1]);	/* no writer: reads see end of file */
		dup2(empty[0], 0);
		close(empty[0]);
	}
	dup2(capture[1], 1);
	dup2(capture[1], 2);
	close(capture[0]);
	close(capture[1]);
	execve(SHELL, argv, test_envp);
	fprintf(stderr, "runtests: %s: %s\n", SHELL, strerror(errno));
	_exit(127);
}

/* End this helper the way the shell ended: same exit status or signal. */
static void exit_like(int status)
{
	fflush(stdout);
	if (WIFSIGNALED(status)) {
		signal(WTERMSIG(status), SIG_DFL);
		kill(getpid(), WTERMSIG(status));
	}
	exit(WIFEXITED(status) ? WEXITSTATUS(status) : 1);
}

/*
 * Child side for a NAME.sh test: run it, capture its output until every
 * writer has closed the pipe, wait for the shell, then compare.  Exits
 * like the shell did, or with status 1 if only the output was wrong.
 */
static void run_script_test(const char *path)
{
	struct buffer actual;
	int capture[2], status = 0;
	pid_t pid;

	setpgid(0, 0);		/* a timeout kills this whole group */
	pid = pipe(capture) < 0 ? -1 : fork();
	if (pid < 0) {
		printf("# runtests: cannot start %s: %s\n", path,
		       strerror(errno));
		exit(1);
	}
	if (pid == 0)
		exec_script(path, capture);
	close(capture[1]);
	if (read_all(capture[0], &actual) < 0)
		printf("# runtests: out of memory reading the output\n");
	close(capture[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (!check_output(path, &actual) && WIFEXITED(status) &&
	    WEXITSTATUS(status) == 0)
		exit(1);
	exit_like(status);
}

/* Child side: the timer.  Sleep for the timeout, then exit. */
static void run_timer(int seconds)
{
	struct timespec left = { seconds, 0 };

	while (nanosleep(&left, &left) != 0 && errno == EINTR)
		;
	_exit(0);
}

/* Fork a child that runs the test at path; its pid, or -1 on failure. */
static pid_t start_test(const char *path)
{
	pid_t pid;

	fflush(stdout);		/* or the child would inherit our buffer */
	pid = fork();
	if (pid == 0 && ends_with(path, ".sh"))
		run_script_test(path);
	if (pid == 0)
		exec_test(path);
	if (pid > 0 && ends_with(path, ".sh"))
		setpgid(pid, pid);	/* as the child does: no race */
	return pid;
}

/* Fork the timer child for one test; its pid, or -1 on failure. */
static pid_t start_timer(int seconds)
{
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0)
		run_timer(seconds);
	return pid;
}

/* Kill pid (and its process group, if it has one) and reap it. */
static void kill_and_reap(pid_t pid)
{
	if (pid <= 0)
		return;
	kill(-pid, SIGKILL);	/* fails harmlessly if there is no such group */
	kill(pid, SIGKILL);
	while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
}

/* Turn a wait status of the test into a result. */
static struct result judge(int status)
{
	struct result r;

	if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		r.outcome = PASSED;
		r.value = 0;
	} else if (WIFEXITED(status)) {
		r.outcome = FAILED_STATUS;
		r.value = WEXITSTATUS(status);
	} else {
		r.outcome = FAILED_SIGNAL;
		r.value = WTERMSIG(status);
	}
	return r;
}

/* Copy a /proc file (path) into the transcript, under a heading. */
static void show_proc_file(const char *path)
{
	char buf[4096];
	ssize_t n;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return;		/* not Conduit */
	printf("# %s at the timeout:\n", path);
	fflush(stdout);
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		write(1, buf, n);
	close(fd);
}

/* A timed-out test: what every process was doing, and every pipe's
 * state (who waits on it), for the transcript. */
static void show_processes(void)
{
	show_proc_file("/proc/ps");
	show_proc_file("/proc/pipes");
}

/* Run one test under the timer and say how it ended. */
static struct result run_one(const char *path, int timeout)
{
	struct result r = { NOT_STARTED, 0 };
	pid_t test_pid, timer_pid;

	/* The timer first: with several CPUs the test runs at once, and the
	 * memory it sees free at its start must already count the timer's. */
	timer_pid = start_timer(timeout);
	if (timer_pid < 0)
		printf("# warning: cannot start timer (%s), no timeout\n",
		       strerror(errno));
	test_pid = start_test(path);
	if (test_pid < 0) {
		r.value = errno;
		kill_and_reap(timer_pid);
		return r;
	}

	for (;;) {
		int status = 0;
		pid_t pid = waitpid(-1, &status, 0);

		if (pid < 0) {
			if (errno == EINTR)
				continue;
			/* Cannot happen while test_pid is our child. */
			r.outcome = NOT_STARTED;
			r.value = errno;
			kill_and_reap(timer_pid);
			return r;
		}
		if (pid == test_pid) {
			kill_and_reap(timer_pid);
			return judge(status);
		}
		if (pid == timer_pid) {
			show_processes();	/* where the test hangs */
			kill_and_reap(test_pid);
			r.outcome = TIMED_OUT;
			r.value = timeout;
			return r;
		}
		/* Some orphan that was re-parented to us: ignore it. */
	}
}

static void report(int number, const char *path, struct result r)
{
	switch (r.outcome) {
	case PASSED:
		printf("ok %d - %s\n", number, path);
		break;
	case FAILED_STATUS:
		printf("not ok %d - %s (exit status %d)\n", number, path, r.value);
		break;
	case FAILED_SIGNAL:
		printf("not ok %d - %s (killed by signal %d)\n",
		       number, path, r.value);
		break;
	case TIMED_OUT:
		printf("not ok %d - %s (timeout after %d s)\n",
		       number, path, r.value);
		break;
	case NOT_STARTED:
		printf("not ok %d - %s (could not run: %s)\n",
		       number, path, strerror(r.value));
		break;
	}
	fflush(stdout);
}

/*
 * After the suite nothing may be left behind: every test's processes must
 * have exited and been reaped (the runner, pid 1, reaps orphans), so in
 * the end the runner is the only process.  Stragglers get a few seconds
 * to finish (a wait for a condition, reaping as they go).  Returns 1 if
 * the system is clean.
 */
/*
 * Reap orphans until only we are left, for up to `tries` looks 50 ms
 * apart; true once we are alone.  A test's orphans may still be exiting
 * on other CPUs when it returns, and the next test's checks of free
 * memory must not count what they still hold.
 */
static int settle(int tries)
{
	struct sysinfo info;
	int status;

	for (int t = 0; t < tries; t++) {
		while (waitpid(-1, &status, WNOHANG) > 0)
			;
		if (sysinfo(&info) == 0 && info.procs == 1)
			return 1;
		struct timespec pause = { 0, 50 * 1000 * 1000 };
		nanosleep(&pause, NULL);
	}
	return 0;
}

static int nothing_left_behind(void)
{
	struct sysinfo info;

	if (settle(100))
		return 1;
	printf("# %d processes still exist after the suite\n",
	       sysinfo(&info) == 0 ? (int)info.procs - 1 : -1);
	return 0;
}

int main(int argc, char **argv)
{
	const char *dir = DEFAULT_DIR;
	int timeout = DEFAULT_TIMEOUT;
	int passed = 0, failed = 0;
	int arg = 1;

	if (arg < argc && strcmp(argv[arg], "-t") == 0) {
		if (arg + 1 >= argc)
			usage();
		timeout = atoi(argv[arg + 1]);
		if (timeout <= 0)
			usage();
		arg += 2;
	}
	if (arg < argc)
		dir = argv[arg++];

	find_tests(dir, argv + arg, argc - arg);
	if (test_count == 0) {
		printf("runtests: no tests found in %s\n", dir);
		return 2;
	}

	printf("1..%d\n", test_count + 1);
	printf("# free pages before: %ld\n", free_pages());
	for (int i = 0; i < test_count; i++) {
		struct result r = run_one(test_paths[i],
					  timeout_for(test_paths[i], timeout));

		report(i + 1, test_paths[i], r);
		if (!settle(40))	/* 2 s; the last check says if any stay */
			printf("# %s: processes it started are still running\n",
			       test_paths[i]);
		if (r.outcome == PASSED)
			passed++;
		else
			failed++;
	}
	if (nothing_left_behind()) {
		printf("ok %d - no processes left behind\n", test_count + 1);
		passed++;
	} else {
		printf("not ok %d - no processes left behind\n", test_count + 1);
		failed++;
	}
	printf("# free pages after: %ld\n", free_pages());
	printf("%d passed, %d failed\n", passed, failed);
	fflush(stdout);
	return failed == 0 ? 0 : 1;
}
