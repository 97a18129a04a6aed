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
 * process_count(), meminfo(), wait_for_child(), run_quietly(), sleep_ms(),
 * wait_asleep(), opaque_pointer().
 *
 * A CHECK in a forked child exits the child with status 1; the parent
 * notices because it checks the child's exit status with CHECK_EQ.
 *
 * Everything is "static inline" so that each test, which is a single .c
 * file, can simply include this header without unused-function warnings.
 */
#ifndef CONDUIT_TEST_H
#define CONDUIT_TEST_H

#include <errno.h>
#include <fcntl.h>
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
		/* lines: PID PPID PGID STATE WCHAN NAME */
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
