/*
 * record.c - the record format: what writers send and readers check.
 *
 *   magic (2) | writer (2) | seq (4) | length (2) | header check (2) | payload
 *
 * The header check and the payload are functions of the scenario's key,
 * the writer and the seq, so a reader can recompute exactly what each
 * record must hold: a byte from another writer, another record or an
 * earlier scenario shows up as a mismatch.
 */
#include "rng.h"
#include "stress.h"

/*
 * Numbers go in byte by byte, little-endian: a record may start at any
 * offset of a reader's buffer, so it cannot be read through a struct.
 */
static void put16(unsigned char *p, uint16_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
}

static void put32(unsigned char *p, uint32_t v)
{
	put16(p, (uint16_t)v);
	put16(p + 2, (uint16_t)(v >> 16));
}

static uint16_t get16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t get32(const unsigned char *p)
{
	return get16(p) | (uint32_t)get16(p + 2) << 16;
}

static uint16_t header_check(uint16_t writer, uint32_t seq, uint16_t len)
{
	return (uint16_t)mix32(sc.key ^ writer * 0x10001u ^ seq * 0x9e3779b9u ^ len);
}

/*
 * The payload of (writer, seq): a xorshift32 stream, cheap enough for
 * every byte of every record.  The "| 1" keeps its state from being 0,
 * where xorshift would stay.
 */
static void payload_fill(unsigned char *p, uint32_t n, uint16_t writer, uint32_t seq)
{
	uint32_t x = mix32(sc.key ^ ((uint32_t)writer << 20) ^ seq) | 1;

	for (uint32_t i = 0; i < n; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		p[i] = (unsigned char)x;
	}
}

/* Write record seq of writer, len bytes in all, at p. */
void record_make(unsigned char *p, uint16_t writer, uint32_t seq, uint16_t len)
{
	put16(p, RECORD_MAGIC);
	put16(p + 2, writer);
	put32(p + 4, seq);
	put16(p + 8, len);
	put16(p + 10, header_check(writer, seq, len));
	payload_fill(p + RECORD_HEADER_SIZE, len - RECORD_HEADER_SIZE, writer, seq);
}

/*
 * Decode the header at p, of which have bytes are there: 0 if the header
 * is not all there yet, 1 if it is sound, -1 if not (*h then holds what
 * was found, for the report).  The record itself may still be partial.
 */
int record_read_header(const unsigned char *p, size_t have, struct record_header *h)
{
	if (have < RECORD_HEADER_SIZE)
		return 0;
	h->magic = get16(p);
	h->writer = get16(p + 2);
	h->seq = get32(p + 4);
	h->len = get16(p + 8);
	h->check = get16(p + 10);
	if (h->magic != RECORD_MAGIC || h->writer >= MAX_WRITERS ||
	    h->len < RECORD_HEADER_SIZE || h->len > PIPE_BUF_SIZE ||
	    h->check != header_check(h->writer, h->seq, h->len))
		return -1;
	return 1;
}

/*
 * Compare the payload of the whole record at p (header h) with what it
 * must be: -1 if it is right, else the offset of the first wrong byte.
 */
long record_payload_mismatch(const unsigned char *p, const struct record_header *h)
{
	static unsigned char expect[PIPE_BUF_SIZE];
	uint32_t n = h->len - RECORD_HEADER_SIZE;

	payload_fill(expect, n, h->writer, h->seq);
	p += RECORD_HEADER_SIZE;
	for (uint32_t i = 0; i < n; i++)
		if (expect[i] != p[i])
			return (long)i;
	return -1;
}
