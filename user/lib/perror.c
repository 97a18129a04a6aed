/*
 * perror.c - printing error messages on stderr: perror() for errno,
 * psignal() for signals, and the assert() failure report.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "message: No such file or directory" (or just the text if no message). */
void perror(const char *message)
{
	const char *text = strerror(errno);

	if (message && *message)
		fprintf(stderr, "%s: %s\n", message, text);
	else
		fprintf(stderr, "%s\n", text);
}

void psignal(int sig, const char *message)
{
	const char *text = strsignal(sig);

	if (message && *message)
		fprintf(stderr, "%s: %s\n", message, text);
	else
		fprintf(stderr, "%s\n", text);
}

void __assert_fail(const char *expr, const char *file, int line,
		   const char *func)
{
	fprintf(stderr, "%s:%d: %s: Assertion `%s' failed.\n", file, line, func,
		expr);
	abort();
}
