/*
 * rng.c - PCG32 (O'Neill, 2014): a 64-bit linear congruential state, of
 * which each step returns a permuted 32-bit view.  Small, fast, and good
 * enough that the fuzzer's choices do not fall into short cycles.
 */
#include "rng.h"

static uint64_t rng_state, rng_inc;	/* rng_inc must be odd */

uint32_t rnd(void)
{
	uint64_t old = rng_state;
	uint32_t xorshifted, rot;

	rng_state = old * 6364136223846793005ULL + rng_inc;
	xorshifted = (uint32_t)(((old >> 18u) ^ old) >> 27u);
	rot = (uint32_t)(old >> 59u);
	return (xorshifted >> rot) | (xorshifted << ((-rot) & 31));
}

void rng_seed(uint32_t a, uint32_t b, uint32_t c)
{
	rng_state = 0;
	rng_inc = (((uint64_t)b << 32 | c) << 1u) | 1u;	/* the stream */
	rnd();
	rng_state += 0x853c49e6748fea9bULL ^ ((uint64_t)a << 17) ^ c;
	rnd();
}

uint32_t below(uint32_t n)
{
	return n ? rnd() % n : 0;
}

int chance(int percent)
{
	return (int)below(100) < percent;
}

/* Murmur3's finaliser: every input bit changes about half the output. */
uint32_t mix32(uint32_t x)
{
	x ^= x >> 16;
	x *= 0x7feb352dU;
	x ^= x >> 15;
	x *= 0x846ca68bU;
	x ^= x >> 16;
	return x;
}
