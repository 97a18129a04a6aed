/*
 * printf - format and print data, like the C function.
 *
 * Usage: printf FORMAT [ARGUMENT...]
 *
 * FORMAT is printed as it is, except for
 *   escapes      \n \t \\ \a \b \f \r \v \" and \NNN (octal, 1-3 digits);
 *                \c stops all output at once.
 *   conversions  %[flags][width][.precision]C, where flags are "-+ #0",
 *                width and precision are decimal numbers, and C is one of
 *                  s  the argument as text        c  its first character
 *                  d i  a signed number           u  an unsigned number
 *                  x X  unsigned, in hex          o  unsigned, in octal
 *                and %% prints a percent sign.
 *
 * Each conversion takes the next ARGUMENT; a missing one counts as "" or
 * 0.  If arguments are left over when FORMAT ends, FORMAT is used again
 * from the start (as long as it consumes any), so
 *     printf '%s=%d\n' a 1 b 2      prints "a=1" and "b=2".
 *
 * Numbers may be decimal, 0x hex or 0 octal, with a sign; 'c or "c gives
 * the code of the character c.  A bad number is reported, printed as far
 * as it could be read, and makes the exit status 1.
 *
 * How: each conversion is copied into a small format string of its own,
 * with "ll" added for numbers, and handed to the C library's printf.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SPEC_MAX 64	/* room for one "%-+ #0<width>.<precision>llX" */

static int status;		/* becomes 1 after a bad number */
static int stop_output;		/* set by \c */

static char **args;		/* the arguments not used yet */
static int args_left;

/* The next argument, or NULL if there is none. */
static const char *next_arg(void)
{
	if (args_left == 0)
		return NULL;
	args_left--;
	return *args++;
}

/*
 * Print the escape that follows the backslash at s; return a pointer to
 * the first character after it.
 */
static const char *print_escape(const char *s)
{
	int value = 0;

	switch (*s) {
	case 'n': putchar('\n'); return s + 1;
	case 't': putchar('\t'); return s + 1;
	case '\\': putchar('\\'); return s + 1;
	case '"': putchar('"'); return s + 1;
	case 'a': putchar('\a'); return s + 1;
	case 'b': putchar('\b'); return s + 1;
	case 'f': putchar('\f'); return s + 1;
	case 'r': putchar('\r'); return s + 1;
	case 'v': putchar('\v'); return s + 1;
	case 'c': stop_output = 1; return s + 1;
	}
	if (*s >= '0' && *s <= '7') {
		for (int i = 0; i < 3 && *s >= '0' && *s <= '7'; i++)
			value = value * 8 + (*s++ - '0');
		putchar(value);
		return s;
	}
	putchar('\\');			/* not an escape: print it as it is */
	return s;
}

/* Complain about a numeric argument and remember the failure. */
static void bad_number(const char *arg, const char *why)
{
	fprintf(stderr, "printf: '%s': %s\n", arg, why);
	status = 1;
}

/* The argument as a number for d, i, u, x, X and o. */
static long long number_arg(const char *arg, int is_signed)
{
	char *end;
	long long value;

	if (arg == NULL)
		return 0;
	if ((arg[0] == '\'' || arg[0] == '"') && arg[1] != '\0')
		return (unsigned char)arg[1];	/* 'c: the character code */
	errno = 0;
	if (is_signed)
		value = strtoll(arg, &end, 0);
	else
		value = (long long)strtoull(arg, &end, 0);
	if (end == arg)
		bad_number(arg, "expected a numeric value");
	else if (*end != '\0')
		bad_number(arg, "value not completely converted");
	else if (errno == ERANGE)
		bad_number(arg, "Numerical result out of range");
	return value;
}

/*
 * Print one conversion.  spec is the conversion as written, e.g. "%-5d"
 * (without the letter), and conv is the letter.
 */
static void print_conversion(const char *spec, char conv)
{
	char format[SPEC_MAX + 4];
	const char *arg = next_arg();

	switch (conv) {
	case 's':
		snprintf(format, sizeof format, "%ss", spec);
		printf(format, arg ? arg : "");
		break;
	case 'c':
		snprintf(format, sizeof format, "%sc", spec);
		if (arg && arg[0] != '\0')
			printf(format, arg[0]);
		else
			printf(format, '\0');
		break;
	case 'd':
	case 'i':
		snprintf(format, sizeof format, "%slld", spec);
		printf(format, number_arg(arg, 1));
		break;
	default:			/* u, x, X, o */
		snprintf(format, sizeof format, "%sll%c", spec, conv);
		printf(format, (unsigned long long)number_arg(arg, 0));
		break;
	}
}

/*
 * Handle the conversion starting at the '%' at s; return a pointer just
 * past it, or NULL if it is not a valid conversion.
 */
static const char *handle_percent(const char *s)
{
	char spec[SPEC_MAX];
	size_t len;

	if (s[1] == '%') {
		putchar('%');
		return s + 2;
	}
	len = 1 + strspn(s + 1, "-+ #0");
	len += strspn(s + len, "0123456789");
	if (s[len] == '.') {
		len++;
		len += strspn(s + len, "0123456789");
	}
	if (len >= SPEC_MAX || s[len] == '\0' || !strchr("sdiuxXoc", s[len])) {
		fprintf(stderr, "printf: %.*s: invalid conversion specification\n",
			(int)(s[len] ? len + 1 : len), s);
		return NULL;
	}
	memcpy(spec, s, len);
	spec[len] = '\0';
	print_conversion(spec, s[len]);
	return s + len + 1;
}

/* Print the format once.  Returns 0, or -1 after a bad conversion. */
static int print_format(const char *format)
{
	const char *s = format;

	while (*s && !stop_output) {
		if (*s == '\\') {
			s = print_escape(s + 1);
		} else if (*s == '%') {
			const char *next = handle_percent(s);

			if (next == NULL)
				return -1;
			s = next;
		} else {
			putchar(*s++);
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	int first = 1;

	if (first < argc && strcmp(argv[first], "--") == 0)
		first++;
	if (first >= argc) {
		fprintf(stderr, "usage: printf FORMAT [ARGUMENT...]\n");
		return 2;
	}
	args = argv + first + 1;
	args_left = argc - first - 1;
	do {
		int before = args_left;

		if (print_format(argv[first]) < 0) {
			status = 1;
			break;
		}
		if (args_left == before)
			break;		/* the format takes no arguments */
	} while (args_left > 0 && !stop_output);

	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "printf: write error: %s\n", strerror(errno));
		return 1;
	}
	return status;
}
