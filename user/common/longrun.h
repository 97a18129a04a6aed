/*
 * longrun.h - what the long-running checkers (/bin/fuzz, /bin/stress)
 * share besides random numbers: the kernel's object counters for the leak
 * check, a sandbox directory to remove, reading small files, time, and
 * setting a signal's handler.
 *
 * The leak check: after longrun_warm_up(), counters_read() records
 * /proc/meminfo's pages_free, processes, files, pipes, inodes and
 * kmalloc_objects.
 * When the run is over and everything it started is gone,
 * counters_settle() reads them again until they equal the start (orphans
 * may take a moment to be reaped by init) or 20 seconds pass; on a
 * mismatch counters_report() prints the differences, both copies of
 * /proc/meminfo (which also counts kmalloc's objects by size), /proc/ps,
 * /proc/pipes and the names left in /tmp.  On a Linux host /proc/meminfo has no such fields:
 * counters_read() then returns valid = 0 and the programs skip the check
 * (they say so) when CONDUIT_HOST_RUN is set.
 */
#ifndef COMMON_LONGRUN_H
#define COMMON_LONGRUN_H

#include <stddef.h>

struct counters {
	long pages_free, pages_total, processes, files, pipes, inodes;
	long kmalloc_objects, kmalloc_slab_pages, pipe_pages;
	int valid;		/* every field was found */
	char text[512];		/* all of /proc/meminfo, for the report */
};

struct counters counters_read(void);
int counters_equal(const struct counters *a, const struct counters *b);
int counters_settle(const struct counters *start, struct counters *now,
		    void (*tidy)(void));
void counters_report(const char *who, const struct counters *start,
		     const struct counters *end);

int file_read(const char *path, char *buf, size_t size);
void file_dump(const char *path);
int tree_remove(const char *path);

double now_seconds(void);
void sleep_ms(long ms);
void longrun_warm_up(void);
void set_handler(int sig, void (*fn)(int), int flags);

#endif
