/*
 * echo - print the arguments, separated by blanks, then a newline.
 *
 * Usage: echo [-neE] [ARG...]
 *
 *   -n   leave out the final newline.
 *   -e   understand backslash escapes in the arguments:
 *          \\ \a \b \e \f \n \r \t \v, \0NNN (octal, up to 3 digits),
 *          \xHH (hex, up to 2 digits), and \c (stop printing here,
 *          without even the final newline).
 *   -E   do not understand escapes (the default).
 *
 * As in bash, only leading words made of these letters alone count as
 * options ("-n" and "-ne" do, "-nx" and "-" are printed as text).
 *
 * Output goes through stdio; a write error (e.g. the reader of a pipe is
 * gone while SIGPIPE is ignored) gives "echo: write error: ..." and 1.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

/* Is word a group of echo options, like "-n" or "-neE"? */
static int is_option_word(const char *word)
{
	if (word[0] != '-' || word[1] == '\0')
		return 0;
	for (const char *p = word + 1; *p; p++)
		if (*p != 'n' && *p != 'e' && *p != 'E')
			return 0;
	return 1;
}

/* The value of hex digit c, or -1. */
static int hex_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* What a one-letter escape (\n, \t, ...) stands for, given the letter; or -1. */
static int simple_escape(int c)
{
	switch (c) {
	case '\\': return '\\';
	case 'a': return '\a';
	case 'b': return '\b';
	case 'e': return 033;
	case 'f': return '\f';
	case 'n': return '\n';
	case 'r': return '\r';
	case 't': return '\t';
	case 'v': return '\v';
	default: return -1;
	}
}

/*
 * Decode the escape that starts after the backslash at *p, print the
 * character and advance *p past it.  Returns 0, or 1 for \c ("stop").
 */
static int print_escape(const char **p)
{
	const char *s = *p;
	int value = 0;

	if (*s == 'c')
		return 1;
	if (*s == '0') {				/* \0NNN */
		s++;
		for (int i = 0; i < 3 && *s >= '0' && *s <= '7'; i++)
			value = value * 8 + (*s++ - '0');
		putchar(value);
	} else if (*s == 'x' && hex_value(s[1]) >= 0) {	/* \xHH */
		s++;
		for (int i = 0; i < 2 && hex_value(*s) >= 0; i++)
			value = value * 16 + hex_value(*s++);
		putchar(value);
	} else if (*s != '\0' && simple_escape(*s) >= 0) {
		putchar(simple_escape(*s++));
	} else {
		putchar('\\');		/* not an escape: keep the backslash */
	}
	*p = s;
	return 0;
}

/* Print one argument, decoding escapes if asked.  1 means "stop". */
static int print_word(const char *word, int escapes)
{
	if (!escapes) {
		fputs(word, stdout);
		return 0;
	}
	for (const char *p = word; *p; ) {
		if (*p != '\\') {
			putchar(*p++);
			continue;
		}
		p++;
		if (print_escape(&p))
			return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	int newline = 1, escapes = 0, stop = 0;
	int first = 1;

	for (; first < argc && is_option_word(argv[first]); first++) {
		for (const char *p = argv[first] + 1; *p; p++) {
			if (*p == 'n')
				newline = 0;
			else
				escapes = *p == 'e';
		}
	}
	for (int i = first; i < argc && !stop; i++) {
		if (i > first)
			putchar(' ');
		stop = print_word(argv[i], escapes);
	}
	if (newline && !stop)
		putchar('\n');
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "echo: write error: %s\n", strerror(errno));
		return 1;
	}
	return 0;
}
