/*
 * seq - print a sequence of numbers.
 *
 * Usage: seq [-w] [-s SEPARATOR] [FIRST [INCREMENT]] LAST
 *
 * Prints FIRST, FIRST+INCREMENT, ... up to LAST (down to LAST if the
 * increment is negative), one per line.  FIRST and INCREMENT default to
 * 1.  Numbers may be negative and may have a fraction: "seq 0 0.25 1".
 *
 *   -s SEP   put SEP between the numbers instead of a newline (a newline
 *            still ends the output).
 *   -w       make all numbers equally wide by padding with leading zeros.
 *
 * Numbers are printed with as many decimals as FIRST or INCREMENT has
 * ("seq 1 0.5 2" prints 1.0 1.5 2.0), as GNU seq does.
 *
 * How: no floating point.  Every number is read as a fixed-point
 * integer: "2.5" with 2 decimals is 250.  All three are scaled to the
 * same number of decimals, so the loop is exact integer arithmetic, and
 * printing puts the decimal point back.  (Negative numbers like "-3" are
 * operands, not options: anything starting with "-" and a digit or '.'.)
 *
 * Errors: "seq: ..." on standard error; exit status 2 for a bad command
 * line, 1 if writing fails.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_DECIMALS 9
#define NUMBER_SIZE 64

/* A number read from the command line: value / 10^decimals. */
struct number {
	long long value;
	int decimals;
};

static void usage(void)
{
	fprintf(stderr, "usage: seq [-w] [-s SEPARATOR] [FIRST [INCREMENT]] LAST\n");
	exit(2);
}

static void bad_number(const char *text)
{
	fprintf(stderr, "seq: invalid number: '%s'\n", text);
	exit(2);
}

/* Parse "[-+]digits[.digits]" into a fixed-point number. */
static struct number parse_number(const char *text)
{
	struct number n = { 0, 0 };
	const char *p = text;
	int negative = 0, digits = 0, in_fraction = 0;

	if (*p == '-' || *p == '+')
		negative = *p++ == '-';
	for (; *p; p++) {
		if (*p == '.' && !in_fraction) {
			in_fraction = 1;
			continue;
		}
		if (*p < '0' || *p > '9' || n.decimals == MAX_DECIMALS ||
		    n.value > (1LL << 58) / 10)
			bad_number(text);
		n.value = n.value * 10 + (*p - '0');
		n.decimals += in_fraction;
		digits++;
	}
	if (digits == 0)
		bad_number(text);
	if (negative)
		n.value = -n.value;
	return n;
}

/* n scaled to `decimals` decimals (which is at least n.decimals). */
static long long scaled(struct number n, int decimals)
{
	long long v = n.value;

	for (int i = n.decimals; i < decimals; i++)
		v *= 10;
	return v;
}

/*
 * Format value (which has `scale` decimals) with `shown` decimals into
 * buf, zero-padded to `width` characters after any minus sign.
 * Since shown >= the decimals of FIRST and INCREMENT, every value of the
 * sequence is a whole number of 10^-shown units: nothing is cut off.
 */
static void format_number(char *buf, long long value, int scale, int shown, int width)
{
	char digits[NUMBER_SIZE];
	unsigned long long magnitude = value < 0 ? -(unsigned long long)value : (unsigned long long)value;
	int len = 0, total;

	for (int i = shown; i < scale; i++)
		magnitude /= 10;
	do {				/* digits, least significant first */
		digits[len++] = '0' + magnitude % 10;
		magnitude /= 10;
	} while (magnitude > 0 || len <= shown);
	total = len + (shown > 0) + (value < 0);
	if (value < 0)
		*buf++ = '-';
	for (; total < width; total++)
		*buf++ = '0';
	while (len > 0) {
		if (len == shown)
			*buf++ = '.';
		*buf++ = digits[--len];
	}
	*buf = '\0';
}

int main(int argc, char **argv)
{
	const char *separator = "\n";
	int equal_width = 0, i = 1;
	struct number arg[3] = { { 1, 0 }, { 1, 0 }, { 0, 0 } };
	int operands, scale, shown, width = 0;
	long long first, step, last;
	char text[NUMBER_SIZE];

	/* Options come first; "-3" or "-.5" is already a number. */
	for (; i < argc && argv[i][0] == '-' && argv[i][1] != '\0'; i++) {
		if (strchr("0123456789.", argv[i][1]))
			break;
		if (strcmp(argv[i], "-w") == 0)
			equal_width = 1;
		else if (strcmp(argv[i], "-s") == 0 && i + 1 < argc)
			separator = argv[++i];
		else if (strncmp(argv[i], "-s", 2) == 0 && argv[i][2] != '\0')
			separator = argv[i] + 2;
		else if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		} else
			usage();
	}
	operands = argc - i;
	if (operands < 1 || operands > 3)
		usage();
	/* LAST is always the final operand; FIRST and INCREMENT come before. */
	arg[2] = parse_number(argv[argc - 1]);
	if (operands >= 2)
		arg[0] = parse_number(argv[i]);
	if (operands == 3)
		arg[1] = parse_number(argv[i + 1]);

	shown = arg[0].decimals > arg[1].decimals ? arg[0].decimals : arg[1].decimals;
	scale = shown > arg[2].decimals ? shown : arg[2].decimals;
	first = scaled(arg[0], scale);
	step = scaled(arg[1], scale);
	last = scaled(arg[2], scale);
	if (step == 0) {
		fprintf(stderr, "seq: invalid zero increment\n");
		return 2;
	}
	if (equal_width) {
		/* The widest numbers are the first and the last one printed. */
		long long final = step > 0 ? last - (last - first) % step
					   : last + (first - last) % -step;
		format_number(text, first, scale, shown, 0);
		width = strlen(text);
		format_number(text, final, scale, shown, 0);
		if ((int)strlen(text) > width)
			width = strlen(text);
	}

	for (long long v = first; step > 0 ? v <= last : v >= last; v += step) {
		if (v != first)
			fputs(separator, stdout);
		format_number(text, v, scale, shown, width);
		fputs(text, stdout);
		if (ferror(stdout))
			break;
	}
	if ((step > 0 ? first <= last : first >= last))
		fputc('\n', stdout);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "seq: write error: %s\n", strerror(errno));
		return 1;
	}
	return 0;
}
