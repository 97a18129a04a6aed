/*
 * longrun.c - the leak check, the sandbox and time for /bin/fuzz and
 * /bin/stress (see longrun.h).  Plain POSIX, so that both programs also
 * build and run on a Linux host for comparison.
 */
#include "longrun.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define SETTLE_TRIES 400	/* of SETTLE_MS each: 20 seconds */
#define SETTLE_MS 50
#define WARM_STACK_PAGES 48
#define WARM_HEAP_BYTES (256 * 1024)

/* Read a whole small file into buf, NUL-terminated; bytes read or -1. */
int file_read(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	size_t got = 0;

	if (fd < 0)
		return -1;
	while (got + 1 < size) {
		ssize_t n = read(fd, buf + got, size - 1 - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	buf[got] = 0;
	return (int)got;
}

/* Print a file (/proc/ps, /proc/pipes) under a heading, for a report. */
void file_dump(const char *path)
{
	static char text[8192];

	if (file_read(path, text, sizeof(text)) > 0)
		printf("--- %s ---\n%s", path, text);
}

/* The number after "key " at the start of a line of text, or -1. */
static long meminfo_field(const char *text, const char *key)
{
	size_t len = strlen(key);

	for (const char *p = text; p != NULL && *p; ) {
		if (strncmp(p, key, len) == 0 && p[len] == ' ')
			return atol(p + len + 1);
		p = strchr(p, '\n');
		if (p != NULL)
			p++;
	}
	return -1;
}

struct counters counters_read(void)
{
	struct counters c;
	const char *text = c.text;

	memset(&c, 0, sizeof(c));
	if (file_read("/proc/meminfo", c.text, sizeof(c.text)) <= 0)
		return c;
	c.pages_free = meminfo_field(text, "pages_free");
	c.pages_total = meminfo_field(text, "pages_total");
	c.processes = meminfo_field(text, "processes");
	c.files = meminfo_field(text, "files");
	c.pipes = meminfo_field(text, "pipes");
	c.inodes = meminfo_field(text, "inodes");
	c.kmalloc_objects = meminfo_field(text, "kmalloc_objects");
	c.kmalloc_slab_pages = meminfo_field(text, "kmalloc_slab_pages");
	c.pipe_pages = meminfo_field(text, "pipe_pages");
	c.valid = c.pages_free >= 0 && c.processes >= 0 && c.files >= 0 &&
		  c.pipes >= 0 && c.inodes >= 0 && c.kmalloc_objects >= 0 &&
		  c.kmalloc_slab_pages >= 0 && c.pipe_pages >= 0;
	return c;
}

/*
 * Pages are compared as free pages plus kmalloc's slab pages plus pipe
 * ring pages: the same kernel objects may fill one slab page more or less
 * than before, by the order they came and went, and a pipe that lives
 * through the run (our stdout) takes a ring page whenever a write happens
 * not to find its reader waiting; neither is a leak.  A leaked object
 * shows in kmalloc_objects, a leaked pipe in pipes, any other page in the
 * sum.
 */
static long pages_not_in_use(const struct counters *c)
{
	return c->pages_free + c->kmalloc_slab_pages + c->pipe_pages;
}

int counters_equal(const struct counters *a, const struct counters *b)
{
	return pages_not_in_use(a) == pages_not_in_use(b) &&
	       a->processes == b->processes &&
	       a->files == b->files && a->pipes == b->pipes &&
	       a->inodes == b->inodes && a->kmalloc_objects == b->kmalloc_objects;
}

/*
 * Read the counters into *now until they equal *start, calling tidy()
 * (reap, kill stragglers) between tries, for up to 20 seconds: exiting
 * processes free their last pages only when their parent reaps them.
 * Returns 1 if they came back.
 */
int counters_settle(const struct counters *start, struct counters *now,
		    void (*tidy)(void))
{
	for (int i = 0; i < SETTLE_TRIES; i++) {
		*now = counters_read();
		if (counters_equal(start, now))
			return 1;
		if (tidy != NULL)
			tidy();
		sleep_ms(SETTLE_MS);
	}
	return 0;
}

static void report_line(const char *who, const char *name, long a, long b)
{
	printf("%s:   %-15s %ld -> %ld (%+ld)\n", who, name, a, b, b - a);
}

/* List a directory's names (what a run may have left in /tmp). */
static void dir_dump(const char *path)
{
	DIR *dir = opendir(path);
	struct dirent *entry;

	if (dir == NULL)
		return;
	printf("--- %s ---\n", path);
	while ((entry = readdir(dir)) != NULL)
		printf("%s\n", entry->d_name);
	closedir(dir);
}

/* Say how the counters moved, and what is still there. */
void counters_report(const char *who, const struct counters *start,
		     const struct counters *end)
{
	printf("%s: counters, start -> end:\n", who);
	report_line(who, "pages_free", start->pages_free, end->pages_free);
	report_line(who, "slab_pages", start->kmalloc_slab_pages,
		    end->kmalloc_slab_pages);
	report_line(who, "pipe_pages", start->pipe_pages, end->pipe_pages);
	report_line(who, "free+slab+pipe", pages_not_in_use(start),
		    pages_not_in_use(end));
	report_line(who, "processes", start->processes, end->processes);
	report_line(who, "files", start->files, end->files);
	report_line(who, "pipes", start->pipes, end->pipes);
	report_line(who, "inodes", start->inodes, end->inodes);
	report_line(who, "kmalloc_objects", start->kmalloc_objects,
		    end->kmalloc_objects);
	printf("--- /proc/meminfo at the start ---\n%s", start->text);
	printf("--- /proc/meminfo at the end ---\n%s", end->text);
	file_dump("/proc/ps");
	file_dump("/proc/pipes");
	dir_dump("/tmp");
}

/*
 * The names in directory path ("." and ".." left out), as one malloc'ed
 * block of NUL-separated names ending in an empty one; NULL if it cannot
 * be read.  The directory is closed again before the caller recurses, so
 * that removing a deep tree never holds more than one descriptor: a
 * descriptor per level would grow this process's descriptor table, a
 * kernel object the leak check would then count as lost.
 */
static char *dir_names(const char *path)
{
	DIR *dir = opendir(path);
	struct dirent *entry;
	size_t used = 0, size = 256;
	char *names = malloc(size);

	if (dir == NULL || names == NULL) {
		if (dir != NULL)
			closedir(dir);
		free(names);
		return NULL;
	}
	while ((entry = readdir(dir)) != NULL) {
		size_t len = strlen(entry->d_name) + 1;
		char *bigger;

		if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0)
			continue;
		while (used + len + 1 > size) {
			if ((bigger = realloc(names, size * 2)) == NULL)
				break;
			names = bigger;
			size *= 2;
		}
		if (used + len + 1 > size)
			break;
		memcpy(names + used, entry->d_name, len);
		used += len;
	}
	closedir(dir);
	names[used] = 0;
	return names;
}

/* Remove path and everything below it; 0 if it is gone. */
int tree_remove(const char *path)
{
	char *names;

	if (unlink(path) == 0 || errno == ENOENT)
		return 0;
	names = dir_names(path);
	if (names == NULL)
		return -1;
	for (const char *name = names; *name; name += strlen(name) + 1) {
		size_t size = strlen(path) + strlen(name) + 2;
		char *child = malloc(size);

		if (child == NULL)
			break;
		snprintf(child, size, "%s/%s", path, name);
		tree_remove(child);	/* what fails shows in rmdir below */
		free(child);
	}
	free(names);
	return rmdir(path) == 0 || errno == ENOENT ? 0 : -1;
}

double now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* Touch depth pages of stack once (see longrun_warm_up). */
static int stack_warm(int depth)
{
	volatile char frame[4096];

	frame[0] = (char)depth;
	frame[4095] = (char)depth;
	return depth > 0 ? stack_warm(depth - 1) + frame[0] + frame[4095] : 0;
}

/*
 * Use once what the main process will use later, so that the pages it
 * takes for good (stack, heap, stdio's buffers, the code that reads
 * /proc) are already counted when the counters are read at the start,
 * and are not reported as leaked at the end.  The heap matters because
 * tree_remove() and opendir() allocate; the FPU because the kernel keeps
 * a process's FPU registers in memory it allocates at the first floating
 * point instruction (now_seconds() uses doubles).
 */
void longrun_warm_up(void)
{
	void *volatile heap = malloc(WARM_HEAP_BYTES);
	volatile double fpu = now_seconds();

	free(heap);
	(void)fpu;
	stack_warm(WARM_STACK_PAGES);
	file_dump("/nonexistent");
	counters_read();
	fflush(stdout);
}

/* sigaction with an empty mask: fn (or SIG_IGN, SIG_DFL) for sig. */
void set_handler(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sa.sa_flags = flags;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}
