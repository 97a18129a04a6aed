/*
 * list.h - the intrusive doubly-linked list used everywhere in the kernel.
 *
 * A list is a circular chain of `struct list_head` nodes with one node used
 * as the head.  Objects embed a node and are recovered with
 * list_entry() (container_of).  An empty list is a head pointing at itself.
 * Removing a node re-initialises it, so list_empty(&node) tells whether an
 * object is currently on some list (wait queues rely on this).
 */
#ifndef KERNEL_LIST_H
#define KERNEL_LIST_H

#include "lib/types.h"

struct list_head {
	struct list_head *next, *prev;
};

static inline void list_init(struct list_head *h)
{
	h->next = h;
	h->prev = h;
}

static inline bool list_empty(const struct list_head *h)
{
	return h->next == h;
}

static inline void list_insert_between(struct list_head *n,
				       struct list_head *prev,
				       struct list_head *next)
{
	n->prev = prev;
	n->next = next;
	prev->next = n;
	next->prev = n;
}

/* Add at the tail: the list stays in FIFO order. */
static inline void list_add_tail(struct list_head *n, struct list_head *h)
{
	list_insert_between(n, h->prev, h);
}

static inline void list_add(struct list_head *n, struct list_head *h)
{
	list_insert_between(n, h, h->next);
}

static inline void list_del(struct list_head *n)
{
	n->prev->next = n->next;
	n->next->prev = n->prev;
	list_init(n);
}

#define list_entry(ptr, type, member) container_of(ptr, type, member)
#define list_first(h, type, member) list_entry((h)->next, type, member)

#endif
