/*
 * pipe.h - pipes (pipe.c, with its ring buffer in ring.c).
 */
#ifndef KERNEL_PIPE_H
#define KERNEL_PIPE_H

#include "lib/types.h"

#define PIPE_BUF 4096		/* writes up to this size are atomic */

struct file;
struct pipe;

extern uint32_t nr_pipes;

struct pipe *pipe_of(const struct file *f);
uint32_t pipe_capacity(const struct pipe *p);	/* F_GETPIPE_SZ */
long pipe_set_size(struct pipe *p, uint32_t size);	/* F_SETPIPE_SZ */

struct inode;
int fifo_open(struct inode *ino, uint32_t flags, struct file **out);

#endif
