/*
 * runtests - run every test program in a directory and report in TAP.
 *
 * Usage: runtests [-t SECONDS] [DIR]      (defaults: 30 seconds, /tests)
 *
 * Under "make test" the kernel starts this program as pid 1, and its exit
 * status becomes QEMU's: 0 if every test passed, 1 if any failed, 2 if
 * there was nothing to run (zero tests is never a success).
 *
 * Each regular file in DIR, in sorted order, runs in its own child with
 * argv = { "/tests/name", NULL }; its output goes straight to the
 * console.  A test passes if it exits with status 0.  The output is TAP:
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

/* How one test ended. */
enum outcome { PASSED, FAILED_STATUS, FAILED_SIGNAL, TIMED_OUT, NOT_STARTED };

struct result {
	enum outcome outcome;
	int value;		/* exit status, signal number or errno */
};

static char *test_paths[MAX_TESTS];
static int test_count;

static void usage(void)
{
	fprintf(stderr, "usage: runtests [-t SECONDS] [DIR]\n");
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
static void find_tests(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *entry;

	if (d == NULL)
		return;
	while ((entry = readdir(d)) != NULL) {
		char *path;

		if (entry->d_name[0] == '.')
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

/* Child side: become the test program. */
static void exec_test(const char *path)
{
	char *argv[] = { (char *)path, NULL };
	char *envp[] = { "PATH=/bin", "HOME=/", NULL };

	execve(path, argv, envp);
	fprintf(stderr, "runtests: %s: %s\n", path, strerror(errno));
	_exit(127);
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
	if (pid == 0)
		exec_test(path);
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

/* Kill pid (if there is one) and reap it. */
static void kill_and_reap(pid_t pid)
{
	if (pid <= 0)
		return;
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

/* Run one test under the timer and say how it ended. */
static struct result run_one(const char *path, int timeout)
{
	struct result r = { NOT_STARTED, 0 };
	pid_t test_pid, timer_pid;

	test_pid = start_test(path);
	if (test_pid < 0) {
		r.value = errno;
		return r;
	}
	timer_pid = start_timer(timeout);
	if (timer_pid < 0)
		printf("# warning: cannot start timer (%s), no timeout\n",
		       strerror(errno));

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
	if (arg < argc)
		usage();

	find_tests(dir);
	if (test_count == 0) {
		printf("runtests: no tests found in %s\n", dir);
		return 2;
	}

	printf("1..%d\n", test_count);
	printf("# free pages before: %ld\n", free_pages());
	for (int i = 0; i < test_count; i++) {
		struct result r = run_one(test_paths[i], timeout);

		report(i + 1, test_paths[i], r);
		if (r.outcome == PASSED)
			passed++;
		else
			failed++;
	}
	printf("# free pages after: %ld\n", free_pages());
	printf("%d passed, %d failed\n", passed, failed);
	fflush(stdout);
	return failed == 0 ? 0 : 1;
}
