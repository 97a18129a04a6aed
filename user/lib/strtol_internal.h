/*
 * strtol_internal.h - the pieces of strtol.c that sscanf shares (private
 * to user/lib).
 *
 * __digit_value(c) is the value of a digit or letter (0-9, a-z = 10-35),
 * or 99 for anything else, so "__digit_value(c) < base" tests a digit.
 * A number is read as a magnitude, a sign and an overflow flag (the
 * magnitude did not fit in 64 bits); __to_signed() and __to_unsigned()
 * then fit it into the result type exactly as strtol and strtoul do,
 * clamping and setting errno to ERANGE when it does not fit.
 */
#ifndef STRTOL_INTERNAL_H
#define STRTOL_INTERNAL_H

int __digit_value(char c);
long long __to_signed(unsigned long long value, int negative, int overflow,
		      long long min, long long max);
unsigned long long __to_unsigned(unsigned long long value, int negative,
				 int overflow, unsigned long long max);

#endif
