/*
 * rng.h - reproducible random numbers for the fuzzer and the stress test.
 *
 * One PCG32 stream per process.  rng_seed(a, b, c) starts the stream
 * that (a, b, c) name, so a run replays exactly from its printed seed:
 * the fuzzer seeds with (seed, worker, generation), the stress test with
 * (seed, scenario, process).  Not for cryptography.
 */
#ifndef COMMON_RNG_H
#define COMMON_RNG_H

#include <stdint.h>

void rng_seed(uint32_t a, uint32_t b, uint32_t c);
uint32_t rnd(void);			/* the next 32 random bits */
uint32_t below(uint32_t n);		/* 0 <= result < n (0 if n is 0) */
int chance(int percent);		/* true percent% of the time */
uint32_t mix32(uint32_t x);		/* a bijective hash, to derive seeds */

/* A random element of a real array (not of a pointer). */
#define PICK(array) ((array)[below(sizeof(array) / sizeof((array)[0]))])

#endif
