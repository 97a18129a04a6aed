/*
 * grep - print the lines that match a pattern.
 *
 * Usage: grep [-Fvcnilq] PATTERN [FILE...]
 *
 *   -F  PATTERN is a fixed string, not a regular expression
 *   -v  select the lines that do NOT match
 *   -c  print only the number of selected lines (per file)
 *   -n  put the line number before each line
 *   -i  ignore the difference between upper and lower case
 *   -l  print only the names of the files with a selected line
 *   -q  print nothing; only the exit status tells
 *
 * No FILE, or "-", means standard input.  With several files, each output
 * line starts with "FILE:".  Exit status: 0 if a line was selected, 1 if
 * none was, 2 on an error (a bad pattern, a file that cannot be read).
 *
 * The regular expressions are a small subset of POSIX basic ones:
 *
 *   c        an ordinary character matches itself
 *   .        any character
 *   [abc]    any one of the listed characters; ranges like [a-z0-9] and
 *            classes like [[:digit:]] may be used; [^abc] is any
 *            character NOT listed; a ']' right after '[' or '[^' and a
 *            '-' first or last are ordinary
 *   x*       zero or more of the preceding item (greedy); a '*' at the
 *            very start is an ordinary character
 *   ^  $     the start / end of the line, when first / last in PATTERN
 *   \c       the character c itself, e.g. "\." or "\*"
 *
 * How it works: the pattern is compiled into a list of "atoms".  Every
 * atom is a set of characters (a 256-bit map: an ordinary character is a
 * set of one, '.' is the full set), plus a flag for '*'.  With -i each
 * set also gets the other case of its letters, so matching never thinks
 * about case.  match_here() then tries to match the atoms at one place in
 * the line, recursively: for a starred atom it first takes as many
 * characters as possible and gives them back one at a time until the
 * rest of the pattern matches (backtracking).  A line matches if the
 * atoms match at some starting position (only at position 0 after '^').
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_ATOMS 1024

/* One position of a compiled pattern: a set of characters, maybe starred. */
struct atom {
	unsigned char set[32];		/* bit c is set: c matches */
	int star;			/* followed by '*': zero or more */
};

static struct atom atoms[MAX_ATOMS];
static int atom_count;
static int anchor_start, anchor_end;	/* pattern began with ^ / ended with $ */

/* Options */
static int fixed, invert, count_only, line_numbers, ignore_case, names_only, quiet;
static int show_names;			/* several files: prefix lines with names */
static const char *pattern;

/* ---- character sets ---- */

static void set_add(struct atom *a, int c)
{
	a->set[(unsigned char)c >> 3] |= 1 << ((unsigned char)c & 7);
}

static int set_has(const struct atom *a, int c)
{
	return (a->set[(unsigned char)c >> 3] >> ((unsigned char)c & 7)) & 1;
}

/* With -i: add the other case of every letter in the set. */
static void set_fold_case(struct atom *a)
{
	for (int c = 'a'; c <= 'z'; c++) {
		if (set_has(a, c) || set_has(a, toupper(c))) {
			set_add(a, c);
			set_add(a, toupper(c));
		}
	}
}

/* ---- compiling the pattern ---- */

static void bad_pattern(const char *why)
{
	fprintf(stderr, "grep: %s\n", why);
	exit(2);
}

/* The named classes allowed inside brackets, as in [[:digit:]]. */
static const struct {
	const char *name;
	int (*test)(int);
} classes[] = {
	{ "alnum", isalnum }, { "alpha", isalpha }, { "blank", isblank },
	{ "cntrl", iscntrl }, { "digit", isdigit }, { "graph", isgraph },
	{ "lower", islower }, { "print", isprint }, { "punct", ispunct },
	{ "space", isspace }, { "upper", isupper }, { "xdigit", isxdigit },
};

/* p points after "[:"; add the class to a; return a pointer after ":]". */
static const char *add_named_class(struct atom *a, const char *p)
{
	const char *end = strstr(p, ":]");
	size_t len = end ? (size_t)(end - p) : 0;

	for (size_t i = 0; end && i < sizeof classes / sizeof classes[0]; i++) {
		if (strlen(classes[i].name) == len && strncmp(classes[i].name, p, len) == 0) {
			for (int c = 0; c < 256; c++)
				if (classes[i].test(c))
					set_add(a, c);
			return end + 2;
		}
	}
	bad_pattern("Invalid character class name");
	return NULL;
}

/* p points after '['; fill a from the bracket expression; return the end. */
static const char *compile_bracket(struct atom *a, const char *p)
{
	int negate = *p == '^';
	const char *start;

	if (negate)
		p++;
	start = p;
	while (*p != ']' || p == start) {	/* a leading ']' is ordinary */
		int low = (unsigned char)*p, high;

		if (*p == '\0')
			bad_pattern("Unmatched [");
		if (p[0] == '[' && p[1] == ':') {
			p = add_named_class(a, p + 2);
			continue;
		}
		if (p[1] == '-' && p[2] != ']' && p[2] != '\0') {
			high = (unsigned char)p[2];
			if (high < low)
				bad_pattern("Invalid range end");
			for (int c = low; c <= high; c++)
				set_add(a, c);
			p += 3;
		} else {
			set_add(a, low);
			p++;
		}
	}
	if (negate)
		for (int i = 0; i < 32; i++)
			a->set[i] = ~a->set[i];
	return p + 1;
}

/* Compile the regular expression into atoms[]. */
static void compile(const char *p)
{
	if (*p == '^') {
		anchor_start = 1;
		p++;
	}
	while (*p) {
		struct atom *a = &atoms[atom_count];

		if (*p == '*' && atom_count > 0) {	/* x*: star the last atom */
			atoms[atom_count - 1].star = 1;
			p++;
			continue;
		}
		if (*p == '$' && p[1] == '\0') {
			anchor_end = 1;
			break;
		}
		if (atom_count == MAX_ATOMS)
			bad_pattern("pattern too long");
		memset(a, 0, sizeof *a);
		if (*p == '.') {
			memset(a->set, 0xff, sizeof a->set);
			p++;
		} else if (*p == '[') {
			p = compile_bracket(a, p + 1);
		} else if (*p == '\\') {
			if (p[1] == '\0')
				bad_pattern("Trailing backslash");
			set_add(a, p[1]);
			p += 2;
		} else {
			set_add(a, *p++);
		}
		if (ignore_case)
			set_fold_case(a);
		atom_count++;
	}
}

/* ---- matching ---- */

/* Do atoms a[0..n) match the text at s, which ends at end? */
static int match_here(const struct atom *a, int n, const char *s, const char *end)
{
	if (n == 0)
		return !anchor_end || s == end;
	if (a->star) {
		const char *p = s;

		while (p < end && set_has(a, *p))	/* take all we can */
			p++;
		for (;; p--) {				/* then give back */
			if (match_here(a + 1, n - 1, p, end))
				return 1;
			if (p == s)
				return 0;
		}
	}
	return s < end && set_has(a, *s) && match_here(a + 1, n - 1, s + 1, end);
}

/* Does the regular expression match somewhere in line[0..len)? */
static int regex_matches(const char *line, size_t len)
{
	const char *end = line + len;

	if (anchor_start)
		return match_here(atoms, atom_count, line, end);
	for (const char *s = line; s <= end; s++)
		if (match_here(atoms, atom_count, s, end))
			return 1;
	return 0;
}

/* Equal characters, ignoring case if -i was given? */
static int same_char(char a, char b)
{
	if (ignore_case)
		return tolower((unsigned char)a) == tolower((unsigned char)b);
	return a == b;
}

/* -F: does the fixed pattern occur in line[0..len)? */
static int fixed_matches(const char *line, size_t len)
{
	size_t plen = strlen(pattern);

	for (size_t start = 0; start + plen <= len; start++) {
		size_t i = 0;

		while (i < plen && same_char(line[start + i], pattern[i]))
			i++;
		if (i == plen)
			return 1;
	}
	return 0;
}

static int line_selected(const char *line, size_t len)
{
	int match = fixed ? fixed_matches(line, len) : regex_matches(line, len);

	return match != invert;
}

/* ---- reading the input ---- */

/* Search one open stream; returns the number of selected lines. */
static unsigned long grep_stream(FILE *f, const char *name)
{
	unsigned long selected = 0, number = 0;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;

	while ((len = getline(&line, &cap, f)) > 0) {
		number++;
		if (line[len - 1] == '\n')
			len--;
		if (!line_selected(line, len))
			continue;
		selected++;
		if (quiet)
			exit(0);		/* one match is all we need */
		if (names_only)
			break;
		if (count_only)
			continue;
		if (show_names)
			printf("%s:", name);
		if (line_numbers)
			printf("%lu:", number);
		fwrite(line, 1, len, stdout);
		putchar('\n');
		if (ferror(stdout))
			break;
	}
	free(line);
	return selected;
}

/*
 * Search one file ("-" is standard input).  Returns 1 if a line was
 * selected, 0 if none was, -1 on an error.
 */
static int grep_file(const char *name)
{
	FILE *f = stdin;
	unsigned long selected;
	int failed;

	if (strcmp(name, "-") == 0)
		name = "(standard input)";
	else if ((f = fopen(name, "r")) == NULL) {
		fprintf(stderr, "grep: %s: %s\n", name, strerror(errno));
		return -1;
	}
	selected = grep_stream(f, name);
	failed = ferror(f);
	if (failed)
		fprintf(stderr, "grep: %s: %s\n", name, strerror(errno));
	if (f != stdin)
		fclose(f);
	if (failed)
		return -1;
	if (count_only) {
		if (show_names)
			printf("%s:", name);
		printf("%lu\n", selected);
	}
	if (names_only && selected > 0)
		printf("%s\n", name);
	return selected > 0;
}

static void usage(void)
{
	fprintf(stderr, "usage: grep [-Fvcnilq] PATTERN [FILE...]\n");
	exit(2);
}

/* Parse the options; returns the index of the first operand. */
static int parse_options(int argc, char **argv)
{
	int c;

	opterr = 0;
	while ((c = getopt(argc, argv, "Fvcnilq")) != -1) {
		switch (c) {
		case 'F': fixed = 1; break;
		case 'v': invert = 1; break;
		case 'c': count_only = 1; break;
		case 'n': line_numbers = 1; break;
		case 'i': ignore_case = 1; break;
		case 'l': names_only = 1; break;
		case 'q': quiet = 1; break;
		default:
			fprintf(stderr, "grep: invalid option -- '%c'\n", optopt);
			usage();
		}
	}
	return optind;
}

int main(int argc, char **argv)
{
	int first = parse_options(argc, argv);
	int matched = 0, failed = 0;

	if (first >= argc)
		usage();
	pattern = argv[first++];
	if (!fixed)
		compile(pattern);
	show_names = argc - first > 1;

	if (first == argc) {
		int result = grep_file("-");

		matched = result > 0;
		failed = result < 0;
	}
	for (int i = first; i < argc && !ferror(stdout); i++) {
		int result = grep_file(argv[i]);

		if (result > 0)
			matched = 1;
		if (result < 0)
			failed = 1;
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "grep: write error: %s\n", strerror(errno));
		return 2;
	}
	if (failed)
		return 2;
	return matched ? 0 : 1;
}
