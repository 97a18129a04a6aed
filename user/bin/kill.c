/*
 * kill - send a signal to processes or process groups.
 *
 * Usage: kill [-s SIGNAL | -SIGNAL] PID...
 *        kill -l [SIGNAL]
 *
 * SIGNAL is a name with or without "SIG" (TERM, SIGTERM, term) or a
 * number (15); the default is TERM.  It is given as "-s TERM", "-TERM"
 * or "-15".  Each PID gets the signal through kill(2); the usual rules
 * of kill(2) apply:
 *
 *   PID > 0    that process
 *   PID = 0    every process in our own process group
 *   PID < 0    every process in process group -PID: "kill -TERM -42"
 *              signals group 42.  (After "-s SIG" or "-SIG", a "-42" can
 *              only be a pid; without a signal option, write "kill -- -42".)
 *
 * Signal 0 sends nothing but checks that the process exists.
 *
 * "kill -l" lists the signals, one "NUMBER NAME" per line.  "kill -l
 * NAME" prints the number, "kill -l NUMBER" the name; a shell exit
 * status above 128 also works ("kill -l 137" prints KILL).
 *
 * Errors: "kill: PID: reason" for a process that cannot be signalled
 * (exit status 1, after trying the others); a bad signal or PID is a
 * usage error (exit status 2).
 */
#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Signal names, indexed by number (Linux i386 numbering). */
static const char *const names[] = {
	NULL, "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE",
	"KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT",
	"CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU",
	"XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS",
};

#define NAME_COUNT ((int)(sizeof names / sizeof names[0]))

static void usage(void)
{
	fprintf(stderr, "usage: kill [-s SIGNAL | -SIGNAL] PID...\n"
		"       kill -l [SIGNAL]\n");
	exit(2);
}

/* Parse a whole decimal number (with an optional '-'); 0 or -1. */
static int parse_int(const char *text, long *value)
{
	char *end;

	if (!isdigit((unsigned char)text[text[0] == '-']))
		return -1;
	errno = 0;
	*value = strtol(text, &end, 10);
	return *end == '\0' && errno == 0 ? 0 : -1;
}

/* A signal name or number to its number, or -1 if unknown. */
static int signal_number(const char *text)
{
	long n;

	if (parse_int(text, &n) == 0)
		return n >= 0 && n < NSIG ? (int)n : -1;
	if (strncasecmp(text, "SIG", 3) == 0)
		text += 3;
	for (int i = 1; i < NAME_COUNT; i++)
		if (strcasecmp(text, names[i]) == 0)
			return i;
	return -1;
}

/* kill -l [SIGNAL] */
static int list_signals(const char *which)
{
	long n;

	if (which == NULL) {
		for (int i = 1; i < NAME_COUNT; i++)
			printf("%d %s\n", i, names[i]);
		return 0;
	}
	if (parse_int(which, &n) == 0) {
		if (n > 128)
			n -= 128;		/* an exit status like 137 */
		if (n > 0 && n < NAME_COUNT) {
			printf("%s\n", names[n]);
			return 0;
		}
	} else if ((n = signal_number(which)) > 0) {
		printf("%ld\n", n);
		return 0;
	}
	fprintf(stderr, "kill: unknown signal: %s\n", which);
	return 2;
}

/* Turn a signal option's argument into a number, or give up. */
static int signal_or_usage(const char *text)
{
	int sig = signal_number(text);

	if (sig < 0) {
		fprintf(stderr, "kill: unknown signal: %s\n", text);
		usage();
	}
	return sig;
}

int main(int argc, char **argv)
{
	int sig = SIGTERM, status = 0, i = 1;

	if (i < argc && strcmp(argv[i], "-l") == 0) {
		if (argc > 3)
			usage();
		return list_signals(argc == 3 ? argv[2] : NULL);
	}
	if (i < argc && strcmp(argv[i], "-s") == 0) {
		if (i + 1 >= argc)
			usage();
		sig = signal_or_usage(argv[i + 1]);
		i += 2;
	} else if (i < argc && strcmp(argv[i], "--") != 0 &&
		   argv[i][0] == '-' && argv[i][1] != '\0') {
		sig = signal_or_usage(argv[i] + 1);	/* -TERM, -9 */
		i++;
	}
	if (i < argc && strcmp(argv[i], "--") == 0)
		i++;
	if (i >= argc)
		usage();

	for (int j = i; j < argc; j++) {	/* check every PID first */
		long pid;

		if (parse_int(argv[j], &pid) < 0) {
			fprintf(stderr, "kill: invalid process id: %s\n", argv[j]);
			usage();
		}
	}
	for (; i < argc; i++) {
		pid_t pid = (pid_t)strtol(argv[i], NULL, 10);

		if (kill(pid, sig) < 0) {
			fprintf(stderr, "kill: %d: %s\n", (int)pid, strerror(errno));
			status = 1;
		}
	}
	return status;
}
