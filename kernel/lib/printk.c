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
 *
 * The kernel log.  Every printk is also kept in a ring of the last
 * KMSG_SIZE bytes, which /proc/kmsg shows (kmsg_read), so that a program
 * can see what the kernel said, e.g. a test checking the "out of memory:
 * killed pid N" line.  kmsg_lock guards the ring; the console has a lock
 * of its own (tty.c), so one printk's line comes out whole whichever CPUs
 * print at once.
 *
 * A panic must print even if this CPU was inside printk: panic.c first
 * stops the other CPUs, then calls printk_panic_mode(), after which printk
 * takes no locks at all (nobody else runs to race with).
 */
#include "lib/lib.h"
#include "arch/x86.h"
#include "dev/console.h"
#include "lib/spinlock.h"

#define KMSG_SIZE 16384

static struct {
	char ring[KMSG_SIZE];
	uint32_t end;		/* bytes ever logged; the ring has the last ones */
} kmsg;
static SPINLOCK(kmsg_lock, LOCK_KMSG);
static bool panic_mode;		/* set once, by the one CPU that panics */

void printk_panic_mode(void)
{
	panic_mode = true;
	spin_forget_held();
}

/* Whether printk's locks are in use: not once a panic has begun. */
bool printk_locking(void)
{
	return !panic_mode;
}

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

/* A conversion's flags, width, precision and length, as parsed. */
struct spec {
	bool left;		/* '-': pad on the right */
	char pad;		/* '0' or ' ' */
	int width, prec;	/* prec < 0: none given */
	int longs;		/* how many 'l's */
};

static const char *parse_spec(const char *f, va_list *ap, struct spec *sp)
{
	*sp = (struct spec){ false, ' ', 0, -1, 0 };
	for (; *f == '-' || *f == '0'; f++)
		*f == '-' ? (sp->left = true) : (sp->pad = '0');
	if (*f == '*') {
		sp->width = va_arg(*ap, int);
		f++;
	}
	for (; *f >= '0' && *f <= '9'; f++)
		sp->width = sp->width * 10 + (*f - '0');
	if (*f == '.') {
		f++;
		sp->prec = 0;
		if (*f == '*') {
			sp->prec = va_arg(*ap, int);
			f++;
		}
		for (; *f >= '0' && *f <= '9'; f++)
			sp->prec = sp->prec * 10 + (*f - '0');
	}
	for (; *f == 'l' || *f == 'z'; f++)
		sp->longs += *f == 'l';
	return f;
}

/* Output one conversion; false if `conv` is not one we know. */
static bool convert(struct outbuf *o, char conv, const struct spec *sp,
		    va_list *ap)
{
	const char *s;
	bool neg;
	uint64_t v;

	switch (conv) {
	case 'd': case 'i':
		v = fetch_int(ap, sp->longs, true, &neg);
		out_number(o, v, 10, neg, false, sp->width, sp->left, sp->pad);
		return true;
	case 'u': case 'x': case 'X': case 'o':
		v = fetch_int(ap, sp->longs, false, &neg);
		out_number(o, v, conv == 'u' ? 10 : conv == 'o' ? 8 : 16, false,
			   conv == 'X', sp->width, sp->left, sp->pad);
		return true;
	case 'p':
		out_padded(o, "0x", 2, 0, false, ' ');
		out_number(o, va_arg(*ap, uint32_t), 16, false, false, 8, false, '0');
		return true;
	case 'c':
		out_char(o, (char)va_arg(*ap, int));
		return true;
	case 's':
		s = va_arg(*ap, const char *);
		if (!s)
			s = "(null)";
		out_padded(o, s, sp->prec >= 0 ? strnlen(s, sp->prec) : strlen(s),
			   sp->width, sp->left, ' ');
		return true;
	case '%':
		out_char(o, '%');
		return true;
	}
	return false;
}

static const char *format_one(struct outbuf *o, const char *f, va_list *ap)
{
	struct spec sp;

	f = parse_spec(f, ap, &sp);
	if (convert(o, *f, &sp, ap))
		return f + 1;
	out_char(o, '%');		/* unknown conversion: show it as is */
	if (!*f)
		return f;
	out_char(o, *f);
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

static void kmsg_append(const char *s, size_t n)
{
	bool locking = printk_locking();

	if (locking)
		spin_lock(&kmsg_lock);
	for (size_t i = 0; i < n; i++)
		kmsg.ring[kmsg.end++ % KMSG_SIZE] = s[i];
	if (locking)
		spin_unlock(&kmsg_lock);
}

/*
 * Copy up to n bytes of the log from *pos (a count of bytes ever logged)
 * and move *pos past them; a *pos the ring has overwritten starts at the
 * oldest byte kept.  Returns the bytes copied, 0 at the end of the log.
 */
size_t kmsg_read(uint32_t *pos, char *buf, size_t n)
{
	size_t done = 0;

	spin_lock(&kmsg_lock);
	if (kmsg.end - *pos > KMSG_SIZE)
		*pos = kmsg.end - KMSG_SIZE;
	for (; done < n && *pos != kmsg.end; done++, (*pos)++)
		buf[done] = kmsg.ring[*pos % KMSG_SIZE];
	spin_unlock(&kmsg_lock);
	return done;
}

void vprintk(const char *fmt, va_list ap)
{
	char buf[256];
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);

	n = n < (int)sizeof(buf) ? n : (int)sizeof(buf) - 1;
	kmsg_append(buf, n);
	console_write_kernel(buf, n);
}

void printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
}
