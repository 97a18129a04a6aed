/*
 * echo - print the arguments, separated by blanks, then a newline.
 *
 * Usage: echo [-n] [ARG...]     -n: leave out the newline.
 */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	int newline = 1;
	int first = 1;

	if (first < argc && strcmp(argv[first], "-n") == 0) {
		newline = 0;
		first++;
	}
	for (int i = first; i < argc; i++) {
		if (i > first)
			fputc(' ', stdout);
		fputs(argv[i], stdout);
	}
	if (newline)
		fputc('\n', stdout);
	return fflush(stdout) == 0 ? 0 : 1;
}
