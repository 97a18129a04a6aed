/*
 * printk.c - formatted output for the kernel.
 *
 * vsnprintf understands what kernel code needs: %d %i %u %x %X %o %p %c %s
 * %%, the flags '-', '0', with widths, the 'l' and 'll' length modifiers,
 * and precision for strings (%.*s).  printk formats into a small buffer on
 * the stack and hands the bytes to the console (serial port and VGA).
 *
 * printk may be called with interrupts on or off and from interrupt
 * handlers; the console write itself disables interrupts so lines from an
 * interrupt never tear a line in the middle.
 */
#include "lib.h"
#include "console.h"

struct outbuf {
	char *buf;
	size_t size, len;	/* len counts every byte, even those cut off */
};

static void out_char(struct outbuf *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void out_padded(struct outbuf *o, const char *s, size_t n, int width,
		       bool left, char pad)
{
	int fill = width > (int)n ? width - (int)n : 0;

	if (!left)
		while (fill--  > 0)
			out_char(o, pad);
	while (n--)
		out_char(o, *s++);
	if (left)
		while (fill-- > 0)
			out_char(o, ' ');
}

static void out_number(struct outbuf *o, uint64_t v, unsigned base, bool neg,
		       bool upper, int width, bool left, char pad)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int i = sizeof(tmp);

	do {
		tmp[--i] = digits[v % base];
		v /= base;
	} while (v);
	if (neg && pad == '0') {
		out_char(o, '-');
		width--;
	} else if (neg) {
		tmp[--i] = '-';
	}
	out_padded(o, tmp + i, sizeof(tmp) - i, width, left, pad);
}

/* Reads an integer argument of the size given by the 'l' count. */
static uint64_t fetch_int(va_list *ap, int longs, bool is_signed, bool *neg)
{
	int64_t s;

	*neg = false;
	if (longs >= 2) {
		if (!is_signed)
			return va_arg(*ap, uint64_t);
		s = va_arg(*ap, int64_t);
	} else {
		if (!is_signed)
			return va_arg(*ap, uint32_t);
		s = va_arg(*ap, int32_t);
	}
	if (s < 0) {
		*neg = true;
		return (uint64_t)-s;
	}
	return (uint64_t)s;
}

static const char *format_one(struct outbuf *o, const char *f, va_list *ap)
{
	bool left = false, neg;
	char pad = ' ';
	int width = 0, prec = -1, longs = 0;
	const char *s;
	uint64_t v;

	for (; *f == '-' || *f == '0'; f++)
		*f == '-' ? (left = true) : (pad = '0');
	if (*f == '*') {
		width = va_arg(*ap, int);
		f++;
	}
	for (; *f >= '0' && *f <= '9'; f++)
		width = width * 10 + (*f - '0');
	if (*f == '.') {
		f++;
		prec = 0;
		if (*f == '*') {
			prec = va_arg(*ap, int);
			f++;
		}
		for (; *f >= '0' && *f <= '9'; f++)
			prec = prec * 10 + (*f - '0');
	}
	for (; *f == 'l' || *f == 'z'; f++)
		longs += *f == 'l';
	switch (*f) {
	case 'd': case 'i':
		v = fetch_int(ap, longs, true, &neg);
		out_number(o, v, 10, neg, false, width, left, pad);
		break;
	case 'u': case 'x': case 'X': case 'o':
		v = fetch_int(ap, longs, false, &neg);
		out_number(o, v, *f == 'u' ? 10 : *f == 'o' ? 8 : 16, false,
			   *f == 'X', width, left, pad);
		break;
	case 'p':
		out_padded(o, "0x", 2, 0, false, ' ');
		out_number(o, va_arg(*ap, uint32_t), 16, false, false, 8, false, '0');
		break;
	case 'c':
		out_char(o, (char)va_arg(*ap, int));
		break;
	case 's':
		s = va_arg(*ap, const char *);
		if (!s)
			s = "(null)";
		out_padded(o, s, prec >= 0 ? strnlen(s, prec) : strlen(s), width,
			   left, ' ');
		break;
	case '%':
		out_char(o, '%');
		break;
	default:		/* unknown conversion: show it as is */
		out_char(o, '%');
		if (*f)
			out_char(o, *f);
		else
			f--;
	}
	return f + 1;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct outbuf o = { buf, size, 0 };
	va_list args;

	va_copy(args, ap);
	while (*fmt) {
		if (*fmt != '%')
			out_char(&o, *fmt++);
		else
			fmt = format_one(&o, fmt + 1, &args);
	}
	va_end(args);
	if (size)
		buf[o.len < size ? o.len : size - 1] = 0;
	return o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

void vprintk(const char *fmt, va_list ap)
{
	char buf[256];
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);

	console_write_kernel(buf, n < (int)sizeof(buf) ? n : (int)sizeof(buf) - 1);
}

void printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
}
