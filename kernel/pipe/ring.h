/*
 * ring.h - a pipe's ring buffer (ring.c): the bytes, in pages, and where
 * the packets among them end.  Mechanism only: pipe.c decides when to
 * copy, wait and wake.
 */
#ifndef KERNEL_RING_H
#define KERNEL_RING_H

#include "lib/types.h"
#include "lib/panic.h"
#include "mm/uaccess.h"

/* The most pages a ring may have: each of its two arrays fits in a page. */
#define RING_MAX_PAGES (PAGE_SIZE / sizeof(uint8_t *))	/* 1024: 4 MiB */

/*
 * All four counters run freely and wrap around 2^32; positions and packet
 * numbers become slots with `& (nr_pages - 1)`, which is why nr_pages is
 * a power of two (ring.c explains).
 */
struct ring {
	uint32_t head;		/* bytes ever written; writers move it */
	uint32_t tail;		/* bytes ever read or dropped; readers move it */
	uint8_t **page;		/* nr_pages slots, each NULL until first used */
	uint32_t nr_pages;	/* a power of two, 1 .. RING_MAX_PAGES */
	uint32_t *pkt_end;	/* nr_pages slots: where each packet ends */
	uint32_t pkt_head;	/* packets ever ended (by writes) */
	uint32_t pkt_tail;	/* packets ever read */
};

static inline uint32_t ring_size(const struct ring *r)
{
	return r->nr_pages * PAGE_SIZE;
}

static inline uint32_t ring_used(const struct ring *r)
{
	assert(r->head - r->tail <= ring_size(r));	/* the ring's invariant */
	return r->head - r->tail;
}

static inline uint32_t ring_room(const struct ring *r)
{
	return ring_size(r) - ring_used(r);
}

/* Packets whose end is still in the ring (at most nr_pages). */
static inline uint32_t ring_packets(const struct ring *r)
{
	return r->pkt_head - r->pkt_tail;
}

/* Bytes one read may take: up to the end of the oldest packet, or all. */
static inline uint32_t ring_readable(const struct ring *r)
{
	if (ring_packets(r) == 0)
		return ring_used(r);
	return r->pkt_end[r->pkt_tail & (r->nr_pages - 1)] - r->tail;
}

int ring_init(struct ring *r, uint32_t nr_pages);
void ring_free(struct ring *r);
int ring_resize(struct ring *r, uint32_t nr_pages);
int ring_reserve(struct ring *r, uint32_t n);
ssize_t ring_copy_in(struct ring *r, uaddr_t buf, uint32_t n);
ssize_t ring_copy_out(struct ring *r, uaddr_t buf, uint32_t n);
void ring_end_packet(struct ring *r);
void ring_drop_packet(struct ring *r);

extern uint32_t ring_pages;	/* data pages of all rings (ring.c) */

#endif
