/*
 * rev - reverse the characters of every line.
 *
 * Usage: rev [FILE...]
 *
 * Each line of the FILEs (or of standard input, if there are none; "-"
 * also means standard input) is printed with its characters in reverse
 * order; the newline stays at the end.  Characters are bytes: this is
 * ASCII-only, like the rest of Conduit.
 *
 * Lines are read with getline(), so they may be of any length.
 * Errors: "rev: FILE: reason", exit status 1.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reverse the n bytes at s in place. */
static void reverse(char *s, size_t n)
{
	for (size_t i = 0, j = n; i + 1 < j; i++, j--) {
		char c = s[i];

		s[i] = s[j - 1];
		s[j - 1] = c;
	}
}

/* Print every line of f reversed. */
static void rev_stream(FILE *f)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;

	while ((len = getline(&line, &cap, f)) > 0 && !ferror(stdout)) {
		int newline = line[len - 1] == '\n';

		reverse(line, len - newline);
		fwrite(line, 1, len, stdout);
	}
	free(line);
}

/* Reverse one file ("-" is standard input).  0, or -1 on error. */
static int rev_file(const char *name)
{
	FILE *f = stdin;
	int failed;

	if (strcmp(name, "-") != 0 && (f = fopen(name, "r")) == NULL) {
		fprintf(stderr, "rev: %s: %s\n", name, strerror(errno));
		return -1;
	}
	rev_stream(f);
	failed = ferror(f);
	if (failed)
		fprintf(stderr, "rev: %s: %s\n", name, strerror(errno));
	if (f != stdin)
		fclose(f);
	return failed ? -1 : 0;
}

int main(int argc, char **argv)
{
	int status = 0;

	if (argc < 2)
		status = rev_file("-") < 0;
	for (int i = 1; i < argc; i++)
		if (rev_file(argv[i]) < 0)
			status = 1;
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "rev: write error: %s\n", strerror(errno));
		return 1;
	}
	return status;
}
