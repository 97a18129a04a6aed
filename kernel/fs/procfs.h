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

#define PROCFS_WRITE_MAX 32	/* a write to a /proc setting is shorter */

void sbuf_printf(struct sbuf *b, const char *fmt, ...) __printf(2, 3);
int procfs_parse_u32(const char *text, uint32_t *out);
void procfs_init(void);

/* What the other subsystems show, and take, through /proc. */
void pipe_report(struct sbuf *b);	/* pipe.c: the lines of /proc/pipes */
void pipe_max_size_report(struct sbuf *b);	/* /proc/sys/fs/pipe-max-size */
int pipe_max_size_write(const char *text);
void tmpfs_report(struct sbuf *b);	/* tmpfs.c: its lines of /proc/meminfo */

#endif
