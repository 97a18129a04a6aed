/*
 * procfs.h - /proc: kernel state as text files (procfs.c).
 */
#ifndef KERNEL_PROCFS_H
#define KERNEL_PROCFS_H

#include "lib/types.h"

/* A growing text buffer, one page at a time, for a /proc snapshot. */
#define SBUF_MAX_PAGES 64

struct sbuf {
	char *page[SBUF_MAX_PAGES];
	uint32_t len;		/* bytes written so far */
};

void sbuf_printf(struct sbuf *b, const char *fmt, ...) __printf(2, 3);
void procfs_init(void);
void pipe_report(struct sbuf *b);	/* pipe.c: the lines of /proc/pipes */
void tmpfs_report(struct sbuf *b);	/* tmpfs.c: its lines of /proc/meminfo */

#endif
