/*
 * ring.c - a pipe's ring buffer: bytes in pages, the ends of packets, and
 * changing the ring's size with bytes in it.  Pure mechanism: nothing
 * here sleeps, wakes anyone, or knows about readers, writers or signals
 * (pipe.c does; a lock for several CPUs would be taken there, around
 * these calls).
 *
 * Bytes.  `head` counts every byte ever written and `tail` every byte
 * ever read (or dropped); both run freely and wrap around 2^32.  The
 * byte numbered i lives in page[(i / PAGE_SIZE) & (nr_pages - 1)], at
 * offset i % PAGE_SIZE.
 * Invariant:  0 <= head - tail <= ring_size = nr_pages * PAGE_SIZE.
 * Bytes in the ring: head - tail.  Room: ring_size - (head - tail).
 *
 * Why a power of two.  When i wraps from 2^32 - 1 to 0, its slot must go
 * on from the last slot to slot 0, as for every other step: that is
 * 2^32 % ring_size == 0, which holds exactly when the size is a power of
 * two (2^32 has no other divisors).  With a size of 3 pages (12288),
 * byte 2^32 - 1 would be at offset 4095 (2^32 % 12288 = 4096) and the
 * next one, numbered 0 again, at offset 0: the stream would jump back
 * onto a page that may still hold unread bytes.  A power of two also
 * makes the slot a mask instead of a division.  The same holds for the
 * packet counters.
 *
 * Pages on first use.  A slot's page is allocated when head first enters
 * it (ring_copy_in) and kept until the ring is freed or shrinks, so a
 * pipe that never held more than 4096 bytes costs one page.
 *
 * Packets.  pkt_end[] is a second ring, of nr_pages slots, with counters
 * pkt_head and pkt_tail like head and tail: the positions where the
 * packets not yet read end, oldest first.  Invariant: at most nr_pages of
 * them, each in (tail, head], in increasing order.  A packet begins where
 * the one before it ended (or at tail), so the record of a packet is its
 * end alone: a read takes at most ring_readable() bytes, up to the oldest
 * end, and ring_drop_packet() then discards whatever of that packet the
 * read did not take.  With no packet pending the ring is a plain stream.
 * nr_pages packets at most is Linux's rule too: there every packet takes
 * one of the pipe's page slots.
 *
 * Resizing (ring_resize).  Both sizes are whole pages, so a byte keeps its
 * offset within its page: to move the bytes to where the new size says
 * they live, whole pages change slots and no byte is copied - except
 * where the oldest and the newest bytes share a slot (the stream has gone
 * once round the ring and ends in the page it starts in, at offsets
 * before the oldest byte's).  Growing can part them: the newest part then
 * moves to a new page.  Shrinking can give the pages of the oldest and
 * the newest bytes one slot: the newest part is then copied in beside the
 * oldest, and its page is left over.  Pages
 * left over fill empty slots, or are freed.  Everything that can fail
 * (the two arrays, that one page) is allocated before anything moves.
 */
#include "pipe/ring.h"
#include "lib/errno.h"
#include "lib/lib.h"
#include "mm/kmalloc.h"
#include "mm/pmm.h"

/* The contiguous piece of the ring at byte `pos`, at most n long. */
static uint32_t ring_piece(uint32_t pos, uint32_t n)
{
	return min_u32(n, PAGE_SIZE - pos % PAGE_SIZE);
}

static uint8_t **ring_page(const struct ring *r, uint32_t pos)
{
	return &r->page[(pos / PAGE_SIZE) & (r->nr_pages - 1)];
}

/* An empty ring of nr_pages (a power of two) slots; 0 or -ENOMEM. */
int ring_init(struct ring *r, uint32_t nr_pages)
{
	assert(nr_pages > 0 && nr_pages <= RING_MAX_PAGES &&
	       (nr_pages & (nr_pages - 1)) == 0);
	memset(r, 0, sizeof(*r));
	r->nr_pages = nr_pages;
	r->page = kzalloc(nr_pages * sizeof(*r->page));
	r->pkt_end = kmalloc(nr_pages * sizeof(*r->pkt_end));
	if (!r->page || !r->pkt_end) {
		kfree(r->page);
		kfree(r->pkt_end);
		return -ENOMEM;
	}
	return 0;
}

/*
 * Every data page of every ring, counted for /proc/meminfo (pipe_pages):
 * a pipe takes its pages lazily, and whether a write goes through the
 * ring at all depends on timing (a waiting reader is served directly), so
 * a leak check counts these apart from the pages that must come back.
 * Atomic: rings are locked one pipe at a time.
 */
uint32_t ring_pages;

static uint8_t *ring_page_alloc(void)
{
	uint8_t *page = page_alloc();

	if (page)
		__atomic_add_fetch(&ring_pages, 1, __ATOMIC_RELAXED);
	return page;
}

static void ring_page_release(uint8_t *page)
{
	__atomic_sub_fetch(&ring_pages, 1, __ATOMIC_RELAXED);
	page_free(page);
}

void ring_free(struct ring *r)
{
	for (uint32_t i = 0; i < r->nr_pages; i++)
		if (r->page[i])
			ring_page_release(r->page[i]);
	kfree(r->page);
	kfree(r->pkt_end);
}

/* Copy n bytes (n <= room) from user memory in; returns bytes or -errno. */
/* Make sure the pages the next n bytes go to exist (n <= room): after
 * this, copying them in cannot fail for want of memory.  0 or -ENOMEM. */
int ring_reserve(struct ring *r, uint32_t n)
{
	for (uint32_t done = 0; done < n; done += ring_piece(r->head + done, n - done)) {
		uint8_t **page = ring_page(r, r->head + done);
		if (!*page && !(*page = ring_page_alloc()))
			return -ENOMEM;
	}
	return 0;
}

ssize_t ring_copy_in(struct ring *r, uaddr_t buf, uint32_t n)
{
	uint32_t done = 0;

	while (done < n) {
		uint32_t chunk = ring_piece(r->head, n - done);
		uint8_t **page = ring_page(r, r->head);
		if (!*page && !(*page = ring_page_alloc()))
			return done ? (ssize_t)done : -ENOMEM;
		if (copy_from_user(*page + r->head % PAGE_SIZE, buf + done, chunk))
			return done ? (ssize_t)done : -EFAULT;
		r->head += chunk;	/* visible only once copied */
		done += chunk;
	}
	return done;
}

/* Copy n bytes (n <= used) out to user memory; returns bytes or -errno. */
ssize_t ring_copy_out(struct ring *r, uaddr_t buf, uint32_t n)
{
	uint32_t done = 0;

	while (done < n) {
		uint32_t chunk = ring_piece(r->tail, n - done);
		uint8_t *page = *ring_page(r, r->tail);
		if (copy_to_user(buf + done, page + r->tail % PAGE_SIZE, chunk))
			return done ? (ssize_t)done : -EFAULT;
		r->tail += chunk;	/* consumed only once delivered */
		done += chunk;
	}
	return done;
}

/* The bytes written since the last packet ended (at least one) end one now. */
void ring_end_packet(struct ring *r)
{
	assert(ring_packets(r) < r->nr_pages);
	r->pkt_end[r->pkt_head++ & (r->nr_pages - 1)] = r->head;
}

/* A read took part of the oldest packet: the rest of it goes too. */
void ring_drop_packet(struct ring *r)
{
	assert(ring_packets(r) > 0);
	r->tail = r->pkt_end[r->pkt_tail++ & (r->nr_pages - 1)];
}

/* ---- resizing ---- */

/*
 * Do the oldest and newest bytes share a slot now, but not with nr_pages?
 * (Only growing can do that; and a ring that shrinks never keeps them
 * together, since it would have to hold more than its new size.)
 */
static bool ring_parts_page(const struct ring *r, uint32_t nr_pages)
{
	uint32_t apart = (r->head - 1) / PAGE_SIZE - r->tail / PAGE_SIZE;

	return ring_used(r) > 0 && apart != 0 &&
	       (apart & (r->nr_pages - 1)) == 0 && (apart & (nr_pages - 1)) != 0;
}

/* Put a page that holds no bytes into an empty slot of r, or free it. */
static void ring_keep_page(struct ring *r, uint8_t *page, uint32_t *slot)
{
	while (*slot < r->nr_pages && r->page[*slot])
		++*slot;
	if (*slot < r->nr_pages)
		r->page[*slot] = page;
	else
		ring_page_release(page);
}

/* Move old's bytes into the (empty) new ring, as the header explains. */
static void ring_move_pages(struct ring *old, struct ring *new, uint8_t *spare)
{
	uint32_t len, slot = 0;

	for (uint32_t pos = old->tail; pos != old->head; pos += len) {
		uint8_t **from = ring_page(old, pos), **to = ring_page(new, pos);
		uint32_t off = pos % PAGE_SIZE;

		len = ring_piece(pos, old->head - pos);
		if (!*from) {			/* grown: newest apart from oldest */
			*to = spare;		/* (the page went with the oldest) */
			spare = NULL;
			memcpy(*to + off, *ring_page(new, old->tail) + off, len);
		} else if (*to) {		/* shrunk: newest beside oldest */
			memcpy(*to + off, *from + off, len);
		} else {			/* the usual case: a new slot */
			*to = *from;
			*from = NULL;
		}
	}
	for (uint32_t i = 0; i < old->nr_pages; i++)
		if (old->page[i])
			ring_keep_page(new, old->page[i], &slot);
	if (spare)
		ring_keep_page(new, spare, &slot);
}

/*
 * Give r nr_pages slots (a power of two, room for every byte and packet
 * it holds: the caller checks), keeping every byte and packet in order.
 * 0, or -ENOMEM with r unchanged.
 */
int ring_resize(struct ring *r, uint32_t nr_pages)
{
	struct ring new;
	uint8_t *spare = NULL;

	assert(ring_used(r) <= nr_pages * PAGE_SIZE && ring_packets(r) <= nr_pages);
	if (ring_init(&new, nr_pages))
		return -ENOMEM;
	if (ring_parts_page(r, nr_pages) && !(spare = ring_page_alloc())) {
		ring_free(&new);
		return -ENOMEM;
	}
	new.head = r->head;
	new.tail = r->tail;
	new.pkt_head = r->pkt_head;
	new.pkt_tail = r->pkt_tail;
	for (uint32_t i = r->pkt_tail; i != r->pkt_head; i++)
		new.pkt_end[i & (nr_pages - 1)] = r->pkt_end[i & (r->nr_pages - 1)];
	ring_move_pages(r, &new, spare);
	kfree(r->page);
	kfree(r->pkt_end);
	*r = new;
	return 0;
}
