/*
 * printf_format.c - the printf engine shared by printf, fprintf,
 * snprintf, dprintf and the rest (see printf.c for those wrappers).
 *
 * __format() walks the format string, copying plain text and expanding
 * each conversion.  A conversion is
 *	% [flags -+ #0] [width or *] [.precision or .*] [length] conversion
 * with lengths hh h l ll z t j and conversions d i u o x X c s p n %,
 * glibc's %m (strerror(errno)) and f e g (see printf_float.c).  The
 * result goes to a struct output, which knows whether it is filling a
 * string, a stream or a descriptor.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include "stdio_impl.h"

/* Send the collected chunk to the stream or descriptor. */
static void flush_chunk(struct output *out)
{
	if (out->chunk_len == 0)
		return;
	if (out->file) {
		if (__file_write(out->file, out->chunk, out->chunk_len) != out->chunk_len)
			out->error = 1;
	} else if (__file_write_all(out->fd, out->chunk, out->chunk_len) < 0) {
		out->error = 1;
	}
	out->chunk_len = 0;
}

void __output_chars(struct output *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (out->file || out->fd >= 0) {
			if (out->chunk_len == sizeof(out->chunk))
				flush_chunk(out);
			out->chunk[out->chunk_len++] = s[i];
		} else if (out->count + i + 1 < out->str_size) {
			out->str[out->count + i] = s[i];	/* keep room for NUL */
		}
	}
	out->count += n;
}

void __output_repeat(struct output *out, char c, int n)
{
	for (int i = 0; i < n; i++)
		__output_chars(out, &c, 1);
}

/* Flags: any of "-+ #0", in any order. */
static const char *parse_flags(const char *p, struct format_spec *spec)
{
	for (;; p++) {
		if (*p == '-')
			spec->left = 1;
		else if (*p == '+')
			spec->plus = 1;
		else if (*p == ' ')
			spec->space = 1;
		else if (*p == '#')
			spec->alt = 1;
		else if (*p == '0')
			spec->zero = 1;
		else
			return p;
	}
}

/* A width or precision: decimal digits, or '*' to take it from ap. */
static const char *parse_count(const char *p, va_list *ap, int *count)
{
	if (*p == '*') {
		*count = va_arg(*ap, int);
		return p + 1;
	}
	*count = 0;
	while (*p >= '0' && *p <= '9')
		*count = *count * 10 + (*p++ - '0');
	return p;
}

/* Length modifiers: hh h l ll z t j L (and q, an old name for ll). */
static const char *parse_length(const char *p, struct format_spec *spec)
{
	switch (*p) {
	case 'h':
		if (p[1] == 'h') {
			spec->length = LENGTH_HH;
			return p + 2;
		}
		spec->length = LENGTH_H;
		return p + 1;
	case 'l':
		if (p[1] == 'l') {
			spec->length = LENGTH_LL;
			return p + 2;
		}
		spec->length = LENGTH_L;
		return p + 1;
	case 'q':
		spec->length = LENGTH_LL;
		return p + 1;
	case 'z':
		spec->length = LENGTH_Z;
		return p + 1;
	case 't':
		spec->length = LENGTH_T;
		return p + 1;
	case 'j':
		spec->length = LENGTH_J;
		return p + 1;
	case 'L':
		spec->length = LENGTH_BIG_L;
		return p + 1;
	default:
		return p;
	}
}

/* Parse what follows a '%'; leave *fmt on the conversion character. */
static void parse_spec(const char **fmt, va_list *ap, struct format_spec *spec)
{
	const char *p;

	memset(spec, 0, sizeof(*spec));
	spec->precision = -1;
	p = parse_flags(*fmt, spec);
	p = parse_count(p, ap, &spec->width);
	if (spec->width < 0) {		/* a negative '*' width means '-' */
		spec->left = 1;
		spec->width = -spec->width;
	}
	if (*p == '.') {
		p = parse_count(p + 1, ap, &spec->precision);
		if (spec->precision < 0)	/* negative: as if none */
			spec->precision = -1;
	}
	p = parse_length(p, spec);
	spec->conversion = *p;
	*fmt = p;
}

static long long fetch_signed(const struct format_spec *spec, va_list *ap)
{
	switch (spec->length) {
	case LENGTH_HH:
		return (signed char)va_arg(*ap, int);
	case LENGTH_H:
		return (short)va_arg(*ap, int);
	case LENGTH_L:
		return va_arg(*ap, long);
	case LENGTH_LL:
	case LENGTH_J:
		return va_arg(*ap, long long);
	case LENGTH_Z:
		return va_arg(*ap, ssize_t);
	case LENGTH_T:
		return va_arg(*ap, ptrdiff_t);
	default:
		return va_arg(*ap, int);
	}
}

static unsigned long long fetch_unsigned(const struct format_spec *spec,
					 va_list *ap)
{
	switch (spec->length) {
	case LENGTH_HH:
		return (unsigned char)va_arg(*ap, unsigned int);
	case LENGTH_H:
		return (unsigned short)va_arg(*ap, unsigned int);
	case LENGTH_L:
		return va_arg(*ap, unsigned long);
	case LENGTH_LL:
	case LENGTH_J:
		return va_arg(*ap, unsigned long long);
	case LENGTH_Z:
		return va_arg(*ap, size_t);
	case LENGTH_T:
		return (unsigned long)va_arg(*ap, ptrdiff_t);
	default:
		return va_arg(*ap, unsigned int);
	}
}

/* Pad text of length len to the field width, honouring '-'. */
static void output_padded(struct output *out, const struct format_spec *spec,
			  const char *text, int len)
{
	int pad = spec->width > len ? spec->width - len : 0;

	if (!spec->left)
		__output_repeat(out, ' ', pad);
	__output_chars(out, text, len);
	if (spec->left)
		__output_repeat(out, ' ', pad);
}

/* Build the "-", "+", " ", "0x" or "0X" that goes before the digits. */
static int integer_prefix(const struct format_spec *spec, int negative,
			  unsigned long long value, char *prefix)
{
	char c = spec->conversion;
	int is_signed = c == 'd' || c == 'i' || c == 'p';	/* %p as glibc */
	int len = 0;

	if (negative)
		prefix[len++] = '-';
	else if (is_signed && spec->plus)
		prefix[len++] = '+';
	else if (is_signed && spec->space)
		prefix[len++] = ' ';
	if (c == 'p' || ((c == 'x' || c == 'X') && spec->alt && value != 0)) {
		prefix[len++] = '0';
		prefix[len++] = c == 'X' ? 'X' : 'x';
	}
	return len;
}

/*
 * Print an integer whose magnitude is value: [spaces] prefix [zeros]
 * digits [spaces].  The precision is the minimum number of digits.
 */
static void format_integer(struct output *out, const struct format_spec *spec,
			   unsigned long long value, int negative)
{
	const char *digit_chars = spec->conversion == 'X' ?
		"0123456789ABCDEF" : "0123456789abcdef";
	unsigned base = 10;
	char digits[24], prefix[3];
	int ndigits = 0, prefix_len, zeros, total;

	if (spec->conversion == 'o')
		base = 8;
	else if (strchr("xXp", spec->conversion))
		base = 16;
	prefix_len = integer_prefix(spec, negative, value, prefix);
	for (unsigned long long v = value; v != 0; v /= base)
		digits[ndigits++] = digit_chars[v % base];

	zeros = (spec->precision < 0 ? 1 : spec->precision) - ndigits;
	if (zeros < 0)
		zeros = 0;
	if (spec->conversion == 'o' && spec->alt && zeros == 0 &&
	    (ndigits == 0 || digits[ndigits - 1] != '0'))
		zeros = 1;			/* "%#o" always starts with 0 */
	total = prefix_len + zeros + ndigits;
	if (spec->zero && !spec->left && spec->precision < 0 && spec->width > total) {
		zeros += spec->width - total;
		total = spec->width;
	}

	if (!spec->left)
		__output_repeat(out, ' ', spec->width - total);
	__output_chars(out, prefix, prefix_len);
	__output_repeat(out, '0', zeros);
	while (ndigits > 0)
		__output_chars(out, &digits[--ndigits], 1);
	if (spec->left)
		__output_repeat(out, ' ', spec->width - total);
}

/* %s, %c and %p: text padded to the field width. */
static void format_text(struct output *out, const struct format_spec *spec,
			va_list *ap)
{
	const char *s;
	char c;
	uintptr_t pointer;

	switch (spec->conversion) {
	case 'c':
		c = (char)va_arg(*ap, int);
		output_padded(out, spec, &c, 1);
		break;
	case 's':
		s = va_arg(*ap, const char *);
		if (!s)
			s = "(null)";
		output_padded(out, spec, s, spec->precision < 0 ? (int)strlen(s) :
			      (int)strnlen(s, spec->precision));
		break;
	case 'p':
		pointer = (uintptr_t)va_arg(*ap, void *);
		if (pointer == 0)
			output_padded(out, spec, "(nil)", 5);
		else
			format_integer(out, spec, pointer, 0);
		break;
	}
}

/* %n: store the number of characters produced so far. */
static void store_count(struct output *out, const struct format_spec *spec,
			va_list *ap)
{
	switch (spec->length) {
	case LENGTH_HH:
		*va_arg(*ap, signed char *) = (signed char)out->count;
		break;
	case LENGTH_H:
		*va_arg(*ap, short *) = (short)out->count;
		break;
	case LENGTH_LL:
	case LENGTH_J:
		*va_arg(*ap, long long *) = out->count;
		break;
	default:	/* int, long, size_t and ptrdiff_t are all 32 bits */
		*va_arg(*ap, int *) = (int)out->count;
		break;
	}
}

/* Expand one conversion, fetching its argument from ap. */
static void format_one(struct output *out, const struct format_spec *spec,
		       va_list *ap)
{
	long long value;

	switch (spec->conversion) {
	case 'd':
	case 'i':
		value = fetch_signed(spec, ap);
		format_integer(out, spec, value < 0 ? -(unsigned long long)value :
			       (unsigned long long)value, value < 0);
		break;
	case 'u':
	case 'o':
	case 'x':
	case 'X':
		format_integer(out, spec, fetch_unsigned(spec, ap), 0);
		break;
	case 'c':
	case 's':
	case 'p':
		format_text(out, spec, ap);
		break;
	case 'm':	/* glibc extension: the message for errno */
		output_padded(out, spec, strerror(errno), (int)strlen(strerror(errno)));
		break;
	case 'n':
		store_count(out, spec, ap);
		break;
	case 'f':
	case 'F':
	case 'e':
	case 'E':
	case 'g':
	case 'G':
		__format_double(out, spec, spec->length == LENGTH_BIG_L ?
				(double)va_arg(*ap, long double) : va_arg(*ap, double));
		break;
	default:	/* "%%", or an unknown conversion: print it as is */
		__output_chars(out, &spec->conversion, 1);
		break;
	}
}

/* Format into out; returns the number of characters, or -1 on error. */
int __format(struct output *out, const char *fmt, va_list ap)
{
	struct format_spec spec;
	va_list args;

	va_copy(args, ap);
	while (*fmt) {
		const char *percent = strchr(fmt, '%');
		size_t plain = percent ? (size_t)(percent - fmt) : strlen(fmt);

		__output_chars(out, fmt, plain);
		fmt += plain;
		if (*fmt != '%')
			break;
		fmt++;
		parse_spec(&fmt, &args, &spec);
		if (spec.conversion == '\0')
			break;			/* format ends in the middle of "%..." */
		format_one(out, &spec, &args);
		fmt++;
	}
	va_end(args);
	flush_chunk(out);
	if (out->str_size > 0)
		out->str[out->count < out->str_size ? out->count : out->str_size - 1] = '\0';
	return out->error ? -1 : (int)out->count;
}
