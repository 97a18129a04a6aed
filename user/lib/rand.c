/*
 * rand.c - pseudo-random numbers from a linear congruential generator
 * (next = next * 1103515245 + 12345), the example from the C standard.
 * Fast and simple, but not random enough for anything that matters.
 */
#include <stdlib.h>

static unsigned long long next = 1;

int rand(void)
{
	next = next * 1103515245 + 12345;
	return (int)((next >> 16) & RAND_MAX);
}

void srand(unsigned int seed)
{
	next = seed;
}
