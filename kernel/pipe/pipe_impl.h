/*
 * pipe_impl.h - what the files of kernel/pipe/ share and nobody else
 * sees: struct pipe and the few functions pipe.c lends to fifo.c (opening
 * a FIFO's ends) and pipeinfo.c (its size and /proc/pipes).  The rest of
 * the kernel uses pipe.h.  The rules (locks, sleeping) are in pipe.c.
 */
#ifndef KERNEL_PIPE_IMPL_H
#define KERNEL_PIPE_IMPL_H

#include "lib/list.h"
#include "lib/spinlock.h"
#include "pipe/ring.h"
#include "proc/wait.h"

struct file;
struct inode;
struct pipe_reader;

/* Every field: lock, except all_link and fifo (pipes_lock) and ino (set once). */
struct pipe {
	struct spinlock lock;
	struct ring ring;		/* the bytes and packet ends (ring.c) */
	uint32_t readers, writers;	/* open files on each end */
	struct wait_queue rd_wait;	/* readers waiting for data or EOF */
	struct wait_queue wr_wait;	/* writers waiting for room or no reader */
	uint32_t ino;			/* identity for fstat and /proc/pipes */
	struct list_head all_link;	/* on all_pipes, for /proc/pipes */
	struct pipe_reader *reader;	/* a reader asleep on the empty pipe */
	struct pipe_reader *delivered;	/* one we filled that has not run yet */
	struct inode *fifo;		/* the named pipe this is behind, or NULL */
	uint32_t r_opens, w_opens;	/* opens ever made of each end (FIFOs) */
};

extern struct spinlock pipes_lock;	/* the list, FIFO links, a pipe's death */
extern struct list_head all_pipes;	/* pipes_lock */
extern uint32_t pipe_max_size;		/* a word: lock-free reads see old or new */

struct pipe *pipe_alloc(void);			/* pipes_lock held */
struct file *pipe_open_end(struct pipe *p, uint32_t flags);	/* p->lock held */
void pipe_free_if_unused(struct pipe *p);	/* pipes_lock held */

#endif
