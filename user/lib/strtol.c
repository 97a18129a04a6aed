/*
 * strtol.c - converting text to integers: strtol, strtoul, strtoll,
 * strtoull, strtoimax, strtoumax and atoi, atol, atoll.
 *
 * All of them share parse_number(), which skips white space, reads an
 * optional sign and the base prefix ("0x" for 16, "0" for 8 when base is
 * 0), then the digits.  The callers then clamp the result to their type
 * and set errno to ERANGE when it does not fit.  sscanf (scanf.c) reads
 * its numbers with rules of its own but shares the digit and clamping
 * helpers (strtol_internal.h).
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include "strtol_internal.h"

int __digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 99;		/* not a digit in any base */
}

/* Returns the magnitude; *overflow is set if it did not fit in 64 bits. */
static unsigned long long parse_number(const char *s, char **end, int base,
				       int *negative, int *overflow)
{
	const char *p = s;
	unsigned long long value = 0;
	int any_digits = 0;

	*negative = 0;
	*overflow = 0;
	while (isspace((unsigned char)*p))
		p++;
	if (*p == '-' || *p == '+')
		*negative = *p++ == '-';
	if ((base == 0 || base == 16) && p[0] == '0' &&
	    (p[1] == 'x' || p[1] == 'X') && isxdigit((unsigned char)p[2])) {
		p += 2;
		base = 16;
	} else if (base == 0) {
		base = p[0] == '0' ? 8 : 10;
	}
	if (base < 2 || base > 36) {
		errno = EINVAL;
		base = 0;		/* accept no digits */
	}
	for (; __digit_value(*p) < base; p++) {
		unsigned digit = __digit_value(*p);
		any_digits = 1;
		if (value > (ULLONG_MAX - digit) / base)
			*overflow = 1;
		else
			value = value * base + digit;
	}
	if (end)
		*end = (char *)(any_digits ? p : s);
	return value;
}

/* Fit a magnitude and sign into [min, max], or clamp and set ERANGE. */
long long __to_signed(unsigned long long value, int negative, int overflow,
		      long long min, long long max)
{
	if (!negative) {
		if (overflow || value > (unsigned long long)max) {
			errno = ERANGE;
			return max;
		}
		return (long long)value;
	}
	if (overflow || value > (unsigned long long)max + 1) {
		errno = ERANGE;
		return min;
	}
	return value == 0 ? 0 : -(long long)(value - 1) - 1;
}

/* Unsigned results: a '-' sign negates modulo max + 1, as C specifies. */
unsigned long long __to_unsigned(unsigned long long value, int negative,
				 int overflow, unsigned long long max)
{
	if (overflow || value > max) {
		errno = ERANGE;
		return max;
	}
	return negative ? (0 - value) & max : value;
}

long strtol(const char *s, char **end, int base)
{
	int negative, overflow;
	unsigned long long v = parse_number(s, end, base, &negative, &overflow);

	return (long)__to_signed(v, negative, overflow, LONG_MIN, LONG_MAX);
}

long long strtoll(const char *s, char **end, int base)
{
	int negative, overflow;
	unsigned long long v = parse_number(s, end, base, &negative, &overflow);

	return __to_signed(v, negative, overflow, LLONG_MIN, LLONG_MAX);
}

unsigned long strtoul(const char *s, char **end, int base)
{
	int negative, overflow;
	unsigned long long v = parse_number(s, end, base, &negative, &overflow);

	return (unsigned long)__to_unsigned(v, negative, overflow, ULONG_MAX);
}

unsigned long long strtoull(const char *s, char **end, int base)
{
	int negative, overflow;
	unsigned long long v = parse_number(s, end, base, &negative, &overflow);

	return __to_unsigned(v, negative, overflow, ULLONG_MAX);
}

intmax_t strtoimax(const char *s, char **end, int base)
{
	return strtoll(s, end, base);
}

uintmax_t strtoumax(const char *s, char **end, int base)
{
	return strtoull(s, end, base);
}

int atoi(const char *s)
{
	return (int)strtol(s, NULL, 10);
}

long atol(const char *s)
{
	return strtol(s, NULL, 10);
}

long long atoll(const char *s)
{
	return strtoll(s, NULL, 10);
}
