/*
 * scanf.c - reading formatted input from a string: sscanf and vsscanf.
 *
 * The format is a list of directives, done in order:
 *   - white space in the format skips any amount of white space (also
 *     none) in the input;
 *   - an ordinary character must match the next input character;
 *   - a conversion  % [*] [width] [length] conversion  reads one item.
 *     '*' reads it without storing it; width is the most characters it
 *     may take; the lengths hh h l ll (also q L j) z t give the size of
 *     the integer the argument points to.  The conversions are
 *       d  decimal integer           i  integer, base from its prefix
 *       u  unsigned decimal          o  octal        x X  hexadecimal
 *       p  pointer (hexadecimal)     n  store the count of characters
 *       s  a word (no white space)      read so far; reads nothing
 *       c  width characters (1 by default), no NUL added
 *       [set]  [^set]  the longest run of characters in (not in) set
 *       %  a literal '%'
 *     All but c, [ and n first skip white space in the input.
 *     Floating point (e f g a) is not supported.
 *
 * Scanning stops at the first directive that fails.  sscanf returns the
 * number of items stored, or EOF if the input ended before anything was
 * stored (glibc counts only stored items here, so "%*d%d" on "1" gives
 * EOF too).
 *
 * The details follow glibc: numbers are clamped as strtol (strtoll for
 * ll) would, then truncated to the argument's size; "0x" starts a hex
 * number even when no digit follows (it reads as 0); a width counts the
 * sign and the "0x"; %c with a width stores what it got if the input
 * ends early.
 */
#include <ctype.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "strtol_internal.h"

/* The size of the integer an argument points to (the length modifier). */
enum scan_size { SIZE_CHAR, SIZE_SHORT, SIZE_INT, SIZE_LONG, SIZE_LLONG };

struct scan_spec {
	int suppress;			/* '*': read, but store nothing */
	size_t width;			/* most characters to take; 0: any */
	enum scan_size size;
	char conv;			/* the conversion character */
	char set[256];			/* %[ %s %c: which bytes may be taken */
};

/* How one directive ended. */
enum scan_result { SCAN_OK, SCAN_INPUT_FAILURE, SCAN_MATCH_FAILURE };

/* An integer as read: its magnitude, sign and whether it overflowed. */
struct scan_number {
	unsigned long long value;
	int negative;
	int overflow;
};

static const char *skip_space(const char *p)
{
	while (isspace((unsigned char)*p))
		p++;
	return p;
}

/*
 * Fill set[] from the scanset after "%[": an optional '^' negates it, a
 * ']' first is a member, and "a-z" is a range unless '-' comes first or
 * last.  Returns the format after the closing ']', or NULL if it has none.
 */
static const char *parse_scanset(const char *fmt, char set[256])
{
	const unsigned char *p = (const unsigned char *)fmt;
	int negate = 0;

	memset(set, 0, 256);
	if (*p == '^') {
		negate = 1;
		p++;
	}
	if (*p == ']')
		set[*p++] = 1;
	for (; *p != ']'; p++) {
		if (*p == '\0')
			return NULL;
		if (p[1] == '-' && p[2] != ']' && p[2] != '\0' &&
		    p[0] <= p[2]) {
			for (int c = p[0]; c <= p[2]; c++)
				set[c] = 1;
			p += 2;
		} else {
			set[*p] = 1;
		}
	}
	if (negate)
		for (int c = 0; c < 256; c++)
			set[c] = !set[c];
	set[0] = 0;			/* the end of the input never matches */
	return (const char *)p + 1;
}

/* The length modifier: hh h l ll (and glibc's q and L for ll) j z t. */
static const char *parse_size(const char *p, enum scan_size *size)
{
	*size = SIZE_INT;
	if (p[0] == 'h' && p[1] == 'h') {
		*size = SIZE_CHAR;
		return p + 2;
	}
	if (p[0] == 'l' && p[1] == 'l') {
		*size = SIZE_LLONG;
		return p + 2;
	}
	switch (*p) {
	case 'h':
		*size = SIZE_SHORT;
		return p + 1;
	case 'l':
	case 'z':			/* size_t, ptrdiff_t: long on i386 */
	case 't':
		*size = SIZE_LONG;
		return p + 1;
	case 'q':
	case 'L':
	case 'j':			/* intmax_t is long long */
		*size = SIZE_LLONG;
		return p + 1;
	}
	return p;
}

/*
 * Parse a conversion specification; p is just past the '%'.  Returns the
 * format after it, or NULL if it is malformed (an unclosed '[').
 */
static const char *parse_spec(const char *p, struct scan_spec *spec)
{
	spec->suppress = 0;
	if (*p == '*') {
		spec->suppress = 1;
		p++;
	}
	spec->width = 0;
	while (*p >= '0' && *p <= '9')
		spec->width = spec->width * 10 + (size_t)(*p++ - '0');
	p = parse_size(p, &spec->size);
	spec->conv = *p++;
	if (spec->conv == '[')
		return parse_scanset(p, spec->set);
	if (spec->conv == 's' || spec->conv == 'c') {
		for (int c = 0; c < 256; c++)
			spec->set[c] = spec->conv == 'c' || !isspace(c);
		spec->set[0] = 0;
	}
	return spec->conv ? p : NULL;
}

/*
 * Read an integer of at most limit characters at *pos.  base 0 (for %i)
 * takes the base from the prefix: "0x" hex, "0" octal, else decimal.
 * Returns 0 if there was no digit at all.
 */
static int read_integer(const char **pos, size_t limit, int base,
			struct scan_number *num)
{
	const char *p = *pos;
	int digits = 0;

	num->value = 0;
	num->negative = 0;
	num->overflow = 0;
	if (limit > 0 && (*p == '+' || *p == '-')) {
		num->negative = *p++ == '-';
		limit--;
	}
	if ((base == 0 || base == 16) && limit > 0 && *p == '0') {
		p++, limit--, digits++;
		if (limit > 0 && (*p == 'x' || *p == 'X'))
			p++, limit--, base = 16;
		else if (base == 0)
			base = 8;
	} else if (base == 0) {
		base = 10;
	}
	for (; limit > 0 && __digit_value(*p) < base; p++, limit--, digits++) {
		unsigned digit = (unsigned)__digit_value(*p);

		if (num->value > (ULLONG_MAX - digit) / (unsigned)base)
			num->overflow = 1;
		else
			num->value = num->value * (unsigned)base + digit;
	}
	*pos = p;
	return digits > 0;
}

/* Store value through the next argument, a pointer of the given size. */
static void store_integer(va_list *ap, enum scan_size size, long long value)
{
	switch (size) {
	case SIZE_CHAR:
		*va_arg(*ap, signed char *) = (signed char)value;
		break;
	case SIZE_SHORT:
		*va_arg(*ap, short *) = (short)value;
		break;
	case SIZE_INT:
		*va_arg(*ap, int *) = (int)value;
		break;
	case SIZE_LONG:
		*va_arg(*ap, long *) = (long)value;
		break;
	case SIZE_LLONG:
		*va_arg(*ap, long long *) = value;
		break;
	}
}

/* %d %i %u %o %x %X %p */
static enum scan_result scan_integer(const struct scan_spec *spec,
				     const char **pos, va_list *ap)
{
	size_t limit = spec->width ? spec->width : (size_t)-1;
	int is_signed = spec->conv == 'd' || spec->conv == 'i';
	int wide = spec->size == SIZE_LLONG;
	int base = 16;
	struct scan_number n;
	long long value;

	if (spec->conv == 'd' || spec->conv == 'u')
		base = 10;
	else if (spec->conv == 'i')
		base = 0;
	else if (spec->conv == 'o')
		base = 8;
	if (!read_integer(pos, limit, base, &n))
		return SCAN_MATCH_FAILURE;
	if (spec->suppress)
		return SCAN_OK;
	if (is_signed)
		value = __to_signed(n.value, n.negative, n.overflow,
				    wide ? LLONG_MIN : LONG_MIN,
				    wide ? LLONG_MAX : LONG_MAX);
	else
		value = (long long)__to_unsigned(n.value, n.negative,
						 n.overflow,
						 wide ? ULLONG_MAX : ULONG_MAX);
	if (spec->conv == 'p')
		*va_arg(*ap, void **) = (void *)(unsigned long)value;
	else
		store_integer(ap, spec->size, value);
	return SCAN_OK;
}

/* %s %c %[: take the longest run of bytes in spec->set. */
static enum scan_result scan_chars(const struct scan_spec *spec,
				   const char **pos, va_list *ap)
{
	size_t limit = spec->width ? spec->width : (size_t)-1;
	char *out = spec->suppress ? NULL : va_arg(*ap, char *);
	const char *p = *pos;
	size_t n = 0;

	if (spec->conv == 'c' && spec->width == 0)
		limit = 1;
	while (n < limit && spec->set[(unsigned char)p[n]]) {
		if (out)
			out[n] = p[n];
		n++;
	}
	if (n == 0)
		return SCAN_MATCH_FAILURE;
	if (out && spec->conv != 'c')
		out[n] = '\0';
	*pos = p + n;
	return SCAN_OK;
}

/* Do one conversion; *count grows by the items stored. */
static enum scan_result convert(const struct scan_spec *spec, const char *start,
				const char **pos, va_list *ap, int *count)
{
	enum scan_result r;

	if (spec->conv == 'n') {
		if (!spec->suppress)
			store_integer(ap, spec->size, *pos - start);
		return SCAN_OK;
	}
	if (spec->conv != 'c' && spec->conv != '[')
		*pos = skip_space(*pos);
	if (**pos == '\0')
		return SCAN_INPUT_FAILURE;
	switch (spec->conv) {
	case '%':
		if (**pos != '%')
			return SCAN_MATCH_FAILURE;
		(*pos)++;
		return SCAN_OK;
	case 'd': case 'i': case 'u': case 'o': case 'x': case 'X': case 'p':
		r = scan_integer(spec, pos, ap);
		break;
	case 's': case 'c': case '[':
		r = scan_chars(spec, pos, ap);
		break;
	default:
		return SCAN_MATCH_FAILURE;	/* unknown conversion */
	}
	if (r == SCAN_OK && !spec->suppress)
		(*count)++;
	return r;
}

int vsscanf(const char *str, const char *fmt, va_list ap)
{
	struct scan_spec spec;
	const char *pos = str;
	enum scan_result r = SCAN_OK;
	int count = 0;
	va_list args;

	va_copy(args, ap);
	while (*fmt && r == SCAN_OK) {
		if (isspace((unsigned char)*fmt)) {
			pos = skip_space(pos);
			fmt++;
		} else if (*fmt != '%') {
			if (*pos == '\0')
				r = SCAN_INPUT_FAILURE;
			else if (*pos++ != *fmt++)
				r = SCAN_MATCH_FAILURE;
		} else {
			fmt = parse_spec(fmt + 1, &spec);
			if (!fmt)
				break;
			r = convert(&spec, str, &pos, &args, &count);
		}
	}
	va_end(args);
	if (r == SCAN_INPUT_FAILURE && count == 0)
		return EOF;
	return count;
}

int sscanf(const char *str, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsscanf(str, fmt, ap);
	va_end(ap);
	return n;
}
