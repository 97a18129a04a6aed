/*
 * conduit/test.h - tiny helpers shared by the programs in user/tests/.
 *
 * Every test is an ordinary program: it exits 0 when everything worked
 * and non-zero otherwise, and prints nothing on success.  The runner
 * (/bin/runtests) only looks at the exit status, so the helpers here make
 * failing loud and easy:
 *
 *   CHECK(cond)      if cond is false: print "FAIL file:line: cond (errno)"
 *                    to stderr and exit 1.
 *   CHECK_EQ(a, b)   like CHECK(a == b), but prints both values.
 *
 * plus a few small functions that many tests need: free_pages(),
 * process_count(), meminfo(), run_leak_checked(), wait_for_child(),
 * wait_for_wchan(), wait_asleep(), run_quietly(), remove_tree(), sleep_ms(),
 * opaque_pointer().
 *
 * A CHECK in a forked child exits the child with status 1; the parent
 * notices because it checks the child's exit status with CHECK_EQ.
 *
 * Everything is "static inline" so that each test, which is a single .c
 * file, can simply include this header without unused-function warnings.
 */
#ifndef CONDUIT_TEST_H
#define CONDUIT_TEST_H

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <time.h>
#include <unistd.h>
#include <sys/sysinfo.h>
#include <sys/types.h>
#include <sys/wait.h>

#define PAGE_SIZE_BYTES 4096

/* Report a failed CHECK and end the test.  Never returns. */
static inline void test_fail(const char *file, int line, const char *what,
			     int saved_errno)
{
	fprintf(stderr, "FAIL %s:%d: %s (errno %d: %s)\n",
		file, line, what, saved_errno, strerror(saved_errno));
	exit(1);
}

/* Report a failed CHECK_EQ, showing both values.  Never returns. */
static inline void test_fail_eq(const char *file, int line,
				const char *a_text, const char *b_text,
				long a, long b, int saved_errno)
{
	fprintf(stderr, "FAIL %s:%d: %s == %s: got %ld (0x%lx), expected %ld (0x%lx) (errno %d: %s)\n",
		file, line, a_text, b_text, a, (unsigned long)a,
		b, (unsigned long)b, saved_errno, strerror(saved_errno));
	exit(1);
}

#define CHECK(cond)							\
	do {								\
		if (!(cond))						\
			test_fail(__FILE__, __LINE__, #cond, errno);	\
	} while (0)

/* Both sides are converted to long, which is as wide as a pointer. */
#define CHECK_EQ(a, b)							\
	do {								\
		long check_a = (long)(a);				\
		long check_b = (long)(b);				\
		if (check_a != check_b)					\
			test_fail_eq(__FILE__, __LINE__, #a, #b,	\
				     check_a, check_b, errno);		\
	} while (0)

/*
 * Number of free physical pages.  On Conduit sysinfo() reports freeram
 * in units of mem_unit = 4096, so freeram already is a page count; the
 * conversion only matters elsewhere (Linux uses mem_unit = 1).
 */
static inline long free_pages(void)
{
	struct sysinfo info;

	if (sysinfo(&info) != 0)
		test_fail(__FILE__, __LINE__, "sysinfo", errno);
	if (info.mem_unit >= PAGE_SIZE_BYTES)
		return (long)(info.freeram * (info.mem_unit / PAGE_SIZE_BYTES));
	return (long)(info.freeram / (PAGE_SIZE_BYTES / info.mem_unit));
}

/* Number of processes that exist, zombies included (sysinfo procs). */
static inline long process_count(void)
{
	struct sysinfo info;

	if (sysinfo(&info) != 0)
		test_fail(__FILE__, __LINE__, "sysinfo", errno);
	return (long)info.procs;
}

/*
 * One of the kernel's object counters in /proc/meminfo ("pages_free",
 * "processes", "files", "pipes", "kmalloc_objects"), or -1 if there is
 * no such line (e.g. on a Linux host: leak-checking tests skip then).
 * Each call opens the file, so it needs a free descriptor.
 */
static inline long meminfo(const char *key)
{
	static char buf[512];
	size_t len = strlen(key);
	ssize_t n;
	int fd = open("/proc/meminfo", O_RDONLY);

	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n > 0 ? n : 0] = 0;
	for (char *line = buf; *line; line++) {
		if (strncmp(line, key, len) == 0 && line[len] == ' ')
			return atol(line + len + 1);
		line = strchr(line, '\n');
		if (line == NULL)
			break;
	}
	return -1;
}

/*
 * The leak check of a test made of rounds: run round() once to warm up
 * (the first round allocates pages that then stay: the stack, stdio's
 * buffers, page tables, kmalloc's slabs), take the free page count, run
 * it again, and require the same count afterwards.  The comparison is
 * skipped when CONDUIT_HOST_RUN is set: a Linux host's free memory
 * changes all the time.
 */
static inline void run_leak_checked(void (*round)(void))
{
	long base;

	round();		/* warm-up */
	base = free_pages();
	round();
	if (getenv("CONDUIT_HOST_RUN") == NULL)
		CHECK_EQ(free_pages(), base);
}

/* Wait for one particular child and return its wait status. */
static inline int wait_for_child(pid_t pid)
{
	int status = 0;
	pid_t got;

	do {
		got = waitpid(pid, &status, 0);
	} while (got < 0 && errno == EINTR);
	CHECK_EQ(got, pid);
	return status;
}

/*
 * How long wait_for_wchan() waits before it fails the test.  Generous:
 * a child blocks within milliseconds even on a loaded machine.  A test
 * of the failure itself may #define a shorter one before the #include.
 */
#ifndef WCHAN_WAIT_MS
#define WCHAN_WAIT_MS 20000
#endif

/*
 * If line of /proc/ps (PID PPID PGID STATE WCHAN CPU NAME) is process pid's,
 * put its STATE and WCHAN in seen as "S pipe-read:3" and return 1.
 */
static inline int ps_line_is(char *line, pid_t pid, char *seen, size_t size)
{
	char *save, *field[5], *word = strtok_r(line, " ", &save);
	int i;

	for (i = 0; i < 5 && word != NULL; i++) {
		field[i] = word;
		word = strtok_r(NULL, " ", &save);
	}
	if (i < 5 || atoi(field[0]) != pid)
		return 0;
	snprintf(seen, size, "%s %s", field[3], field[4]);
	return 1;
}

/*
 * What /proc/ps says about process pid, in seen (see ps_line_is).
 * Returns 1 if pid has a line, 0 if it has none (it is gone), -1 if
 * there is no /proc/ps (not Conduit).  Reads a line at a time through a
 * small buffer, so that it uses no more memory with many processes.
 */
static inline int ps_look(pid_t pid, char *seen, size_t size)
{
	char buf[1024];
	size_t len = 0;
	ssize_t n;
	int found = 0, fd = open("/proc/ps", O_RDONLY);

	if (fd < 0)
		return -1;
	snprintf(seen, size, "no line in /proc/ps");
	while (!found && (n = read(fd, buf + len, sizeof(buf) - 1 - len)) > 0) {
		char *line = buf, *end;

		len += (size_t)n;
		buf[len] = '\0';
		while (!found && (end = strchr(line, '\n')) != NULL) {
			*end = '\0';
			found = ps_line_is(line, pid, seen, size);
			line = end + 1;
		}
		len -= (size_t)(line - buf);	/* keep a partial line */
		memmove(buf, line, len);
	}
	close(fd);
	return found;
}

/* Off Conduit (Linux): the state letter of /proc/PID/stat, as "S". */
static inline int linux_state(pid_t pid, char *seen, size_t size)
{
	char path[32], text[512], *paren;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	fd = open(path, O_RDONLY);
	n = fd < 0 ? -1 : read(fd, text, sizeof(text) - 1);
	if (fd >= 0)
		close(fd);
	text[n > 0 ? n : 0] = '\0';
	paren = strrchr(text, ')');	/* "pid (name) S ..." */
	if (paren == NULL || paren[1] == '\0') {
		snprintf(seen, size, "no %s", path);
		return 0;
	}
	snprintf(seen, size, "%c", paren[2]);
	return 1;
}

/*
 * Wait until process pid is asleep (STATE S) on a wait channel whose name
 * starts with wchan_prefix ("pipe-write", "pipe-read:3", "wait"): the way
 * to know that a child has really blocked, say in write() on a full pipe,
 * before the test acts on it.  It reads /proc/ps again and again, calling
 * sched_yield() between looks so that the child can get there.
 *
 * Fails the test ("FAIL wait_for_wchan: ...", exit 1), naming the pid and
 * what /proc/ps last said, if the process is gone or a zombie, or after
 * WCHAN_WAIT_MS milliseconds.  Off Conduit (no /proc/ps; Linux names its
 * wait channels otherwise) it waits only for the state S.
 */
static inline void wait_for_wchan(pid_t pid, const char *wchan_prefix)
{
	size_t prefix_len = strlen(wchan_prefix);
	struct timespec start, now;
	char seen[64];
	long waited_ms, looks = 0;
	int found, conduit;

	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		looks++;
		found = ps_look(pid, seen, sizeof(seen));
		conduit = found >= 0;	/* there are wait channels to see */
		if (!conduit)
			found = linux_state(pid, seen, sizeof(seen));
		if (found && seen[0] == 'S' && (!conduit ||
		    strncmp(seen + 2, wchan_prefix, prefix_len) == 0))
			return;
		clock_gettime(CLOCK_MONOTONIC, &now);
		waited_ms = (now.tv_sec - start.tv_sec) * 1000 +
			    (now.tv_nsec - start.tv_nsec) / 1000000;
		if (!found || seen[0] == 'Z' || waited_ms > WCHAN_WAIT_MS)
			break;
		sched_yield();
	}
	fprintf(stderr, "FAIL wait_for_wchan: pid %d never slept on %s...: "
		"%s after %ld ms and %ld looks\n", (int)pid, wchan_prefix,
		seen, waited_ms, looks);
	exit(1);
}

/*
 * Run a program (argv[0] is its path) with stdout and stderr captured,
 * and return its wait status.  Its output is shown only if it did not
 * exit 0; of a long output the last half of a 64 KiB window is kept.
 */
static inline int run_quietly(char *const argv[])
{
	static char output[65536];
	size_t got = 0;
	int fds[2], status;
	pid_t pid;

	CHECK_EQ(pipe(fds), 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		dup2(fds[1], 1);
		dup2(fds[1], 2);
		close(fds[0]);
		close(fds[1]);
		execve(argv[0], argv, NULL);
		_exit(127);
	}
	close(fds[1]);
	for (;;) {
		ssize_t n = read(fds[0], output + got, sizeof(output) - 1 - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
		if (got == sizeof(output) - 1) {	/* keep the end */
			memmove(output, output + got / 2, got - got / 2);
			got -= got / 2;
		}
	}
	output[got] = 0;
	close(fds[0]);
	status = wait_for_child(pid);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		fprintf(stderr, "%s", output);
	return status;
}

/*
 * Remove path and, if it is a directory, everything below it, ignoring
 * errors: for the leftovers of an interrupted run (on a Linux host, where
 * /tmp persists) before a test makes its files.
 */
static inline void remove_tree(const char *path)
{
	struct dirent *e;
	char sub[512];
	DIR *d;

	if (unlink(path) == 0 || errno == ENOENT)
		return;
	d = opendir(path);
	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
		remove_tree(sub);
	}
	closedir(d);
	rmdir(path);
}

/* Sleep for the given number of milliseconds. */
static inline void sleep_ms(long ms)
{
	struct timespec t;

	t.tv_sec = ms / 1000;
	t.tv_nsec = (ms % 1000) * 1000000L;
	nanosleep(&t, NULL);
}

/* Pid, STATE letter and WCHAN of one /proc/ps line; 0 if malformed. */
static inline int ps_line(const char *line, int *pid, char *state,
			  char *wchan, size_t size)
{
	const char *f = line;
	size_t len;

	*pid = atoi(line);
	for (int field = 0; field < 3; field++) {	/* skip PID PPID PGID */
		if (!(f = strchr(f, ' ')))
			return 0;
		f++;
	}
	*state = *f;
	if (!(f = strchr(f, ' ')))
		return 0;
	len = strcspn(++f, " \n");
	len = len < size ? len : size - 1;
	memcpy(wchan, f, len);
	wchan[len] = 0;
	return 1;
}

/*
 * Wait until /proc/ps shows process `pid` asleep (STATE S) with a WCHAN
 * that starts with `wchan` ("sleep", "poll", "pipe-read"...): the way to
 * know that a process is inside a blocking call before signalling it.
 * Yields between looks; fails the test after 10 s.
 */
static inline void wait_asleep(pid_t pid, const char *wchan)
{
	static char buf[8192];
	struct timespec start, now;

	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		int fd = open("/proc/ps", O_RDONLY);
		ssize_t n;
		char *line;

		if (fd < 0)
			test_fail(__FILE__, __LINE__, "open /proc/ps", errno);
		n = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		buf[n > 0 ? n : 0] = 0;
		/* lines: PID PPID PGID STATE WCHAN CPU NAME */
		for (line = strchr(buf, '\n'); line; line = strchr(line + 1, '\n')) {
			char state, what[32];
			int p;

			if (ps_line(line + 1, &p, &state, what, sizeof(what)) &&
			    p == pid && state == 'S' &&
			    strncmp(what, wchan, strlen(wchan)) == 0)
				return;
		}
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec - start.tv_sec > 10)
			test_fail(__FILE__, __LINE__, "wait_asleep: never asleep", 0);
		sched_yield();
	}
}

/*
 * Turn a number into a pointer in a way the compiler cannot see through.
 * Tests pass deliberately bad pointers (NULL, kernel addresses) to system
 * calls or dereference them; without this, the compiler may warn about
 * the call, or replace a NULL dereference by its own trap instruction.
 * To dereference one, use a volatile pointer, e.g.
 *     volatile int *p = opaque_pointer(0);  *p = 1;
 * or the compiler may drop the access as having no visible effect.
 */
static inline void *opaque_pointer(unsigned long address)
{
	volatile unsigned long hidden = address;

	return (void *)hidden;
}

#endif
