/*
 * getopt.c - parsing short command-line options ("-a -b value -cvalue",
 * grouped flags like "-ab", "--" ends the options).
 *
 * A ':' after a letter in optstring means the option takes a value.  A
 * leading ':' in optstring means "report a missing value as ':' and
 * print nothing".
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

char *optarg;
int optind = 1;
int opterr = 1;
int optopt;

static int next_char = 1;	/* position inside argv[optind] */

static int bad_option(const char *prog, const char *optstring, int c,
		      const char *why)
{
	optopt = c;
	if (opterr && optstring[0] != ':')
		fprintf(stderr, "%s: %s -- '%c'\n", prog, why, c);
	return '?';
}

int getopt(int argc, char *const argv[], const char *optstring)
{
	const char *arg, *spec;
	int c;

	optarg = NULL;
	if (optind >= argc || !argv[optind])
		return -1;
	arg = argv[optind];
	if (next_char == 1) {
		if (arg[0] != '-' || arg[1] == '\0')
			return -1;		/* not an option */
		if (strcmp(arg, "--") == 0) {
			optind++;
			return -1;
		}
	}

	c = (unsigned char)arg[next_char++];
	spec = c == ':' ? NULL : strchr(optstring, c);
	if (arg[next_char] == '\0') {	/* finished this argv word */
		optind++;
		next_char = 1;
	}
	if (!spec)
		return bad_option(argv[0], optstring, c, "invalid option");
	if (spec[1] != ':')
		return c;

	/* The option takes a value: the rest of this word, or the next. */
	if (next_char != 1) {
		optarg = (char *)arg + next_char;
		optind++;
		next_char = 1;
	} else if (optind < argc) {
		optarg = argv[optind++];
	} else {
		if (optstring[0] == ':') {
			optopt = c;
			return ':';
		}
		return bad_option(argv[0], optstring, c,
				  "option requires an argument");
	}
	return c;
}
