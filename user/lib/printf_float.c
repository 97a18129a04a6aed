/*
 * printf_float.c - %f, %e and %g for printf.
 *
 * A simple method, good for everyday numbers rather than for exactness:
 * round by adding half of the last digit's unit, then peel off digits
 * with double arithmetic.  Last digits of long fractions, and halfway
 * cases, may differ from glibc.  Values of 1e19 and more print as %e.
 */
#include <string.h>
#include "stdio_impl.h"

#define DEFAULT_PRECISION 6
#define MAX_PRECISION 40
#define INTEGER_LIMIT 1e19	/* above this, %f switches to %e */

static double power_of_ten(int n)
{
	double p = 1.0;

	while (n-- > 0)
		p *= 10.0;
	return p;
}

/* Append the decimal digits of an integer below 2^64. */
static int put_integer(char *buf, unsigned long long n)
{
	char tmp[24];
	int len = 0, i = 0;

	do {
		tmp[len++] = (char)('0' + n % 10);
		n /= 10;
	} while (n != 0);
	while (len > 0)
		buf[i++] = tmp[--len];
	return i;
}

/* Fixed notation, "123.456", of a non-negative value; returns length. */
static int fixed_digits(char *buf, double v, int precision, int alt)
{
	unsigned long long whole;
	int len;

	v += 0.5 / power_of_ten(precision);
	whole = (unsigned long long)v;
	v -= (double)whole;
	len = put_integer(buf, whole);
	if (precision > 0 || alt)
		buf[len++] = '.';
	for (int i = 0; i < precision; i++) {
		int digit;
		v *= 10.0;
		digit = (int)v;
		buf[len++] = (char)('0' + digit);
		v -= digit;
	}
	return len;
}

/* Scale v into [1, 10) and return the power of ten taken out. */
static int normalise(double *v)
{
	int exponent = 0;

	if (*v == 0.0)
		return 0;
	while (*v >= 10.0) {
		*v /= 10.0;
		exponent++;
	}
	while (*v < 1.0) {
		*v *= 10.0;
		exponent--;
	}
	return exponent;
}

/* Exponent notation, "1.234e+05", of a non-negative value. */
static int exponent_digits(char *buf, double v, int precision, int alt,
			   char e)
{
	int exponent = normalise(&v);
	int len;

	if (v + 0.5 / power_of_ten(precision) >= 10.0) {
		v /= 10.0;			/* rounding will carry: 9.99 -> 1.00e+1 */
		exponent++;
	}
	len = fixed_digits(buf, v, precision, alt);
	buf[len++] = e;
	buf[len++] = exponent < 0 ? '-' : '+';
	if (exponent < 0)
		exponent = -exponent;
	if (exponent < 10)
		buf[len++] = '0';
	return len + put_integer(buf + len, (unsigned long long)exponent);
}

/* Drop trailing fraction zeros (and a bare '.') before any exponent. */
static int strip_zeros(char *buf, int len, char e_char)
{
	char *e = memchr(buf, e_char, len);
	int end = e ? (int)(e - buf) : len;
	int cut = end;

	if (!memchr(buf, '.', end))
		return len;
	while (buf[cut - 1] == '0')
		cut--;
	if (buf[cut - 1] == '.')
		cut--;
	memmove(buf + cut, buf + end, len - end);
	return len - (end - cut);
}

/* %g: %e if the exponent is < -4 or >= precision, else %f; no trailing 0s. */
static int general_digits(char *buf, double v, int precision, int alt,
			  char e)
{
	double scaled = v;
	int exponent, len;

	if (precision == 0)
		precision = 1;
	exponent = normalise(&scaled);
	if (scaled + 0.5 / power_of_ten(precision - 1) >= 10.0)
		exponent++;
	if (exponent < -4 || exponent >= precision || v >= INTEGER_LIMIT)
		len = exponent_digits(buf, v, precision - 1, alt, e);
	else
		len = fixed_digits(buf, v, precision - 1 - exponent, alt);
	return alt ? len : strip_zeros(buf, len, e);
}

static int special_value(char *buf, double v, int upper)
{
	const char *text = v != v ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf");

	memcpy(buf, text, 3);
	return 3;
}

void __format_double(struct output *out, const struct format_spec *spec,
		     double value)
{
	char buf[MAX_PRECISION + 40], sign = 0;
	char c = spec->conversion;
	int upper = c == 'F' || c == 'E' || c == 'G';
	int precision = spec->precision < 0 ? DEFAULT_PRECISION : spec->precision;
	int len, pad, special = value != value || value - value != 0.0;

	if (precision > MAX_PRECISION)
		precision = MAX_PRECISION;
	if (__builtin_signbit(value)) {
		sign = '-';
		value = -value;
	} else if (spec->plus || spec->space) {
		sign = spec->plus ? '+' : ' ';
	}
	if (special)
		len = special_value(buf, value, upper);
	else if ((c == 'f' || c == 'F') && value < INTEGER_LIMIT)
		len = fixed_digits(buf, value, precision, spec->alt);
	else if (c == 'g' || c == 'G')
		len = general_digits(buf, value, precision, spec->alt, upper ? 'E' : 'e');
	else
		len = exponent_digits(buf, value, precision, spec->alt, upper ? 'E' : 'e');

	pad = spec->width - len - (sign != 0);
	if (!spec->left && !(spec->zero && !special))
		__output_repeat(out, ' ', pad);
	if (sign)
		__output_chars(out, &sign, 1);
	if (!spec->left && spec->zero && !special)
		__output_repeat(out, '0', pad);
	__output_chars(out, buf, len);
	if (spec->left)
		__output_repeat(out, ' ', pad);
}
