/*
 * abs.c - absolute values and division with remainder.
 */
#include <stdlib.h>

int abs(int n)
{
	return n < 0 ? -n : n;
}

long labs(long n)
{
	return n < 0 ? -n : n;
}

long long llabs(long long n)
{
	return n < 0 ? -n : n;
}

div_t div(int num, int den)
{
	div_t r = { num / den, num % den };
	return r;
}

ldiv_t ldiv(long num, long den)
{
	ldiv_t r = { num / den, num % den };
	return r;
}
