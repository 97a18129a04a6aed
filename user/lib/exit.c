/*
 * exit.c - ending the program: exit, atexit, _Exit and abort.
 *
 * exit() runs the atexit handlers (last registered first), flushes every
 * stdio stream and then calls _exit(), which ends the process at once.
 */
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>
#include "stdio_impl.h"

#define ATEXIT_MAX 32

static void (*atexit_handlers[ATEXIT_MAX])(void);
static int atexit_count;

int atexit(void (*function)(void))
{
	if (atexit_count == ATEXIT_MAX)
		return -1;
	atexit_handlers[atexit_count++] = function;
	return 0;
}

void exit(int status)
{
	while (atexit_count > 0)
		atexit_handlers[--atexit_count]();
	__stdio_flush_all();
	_exit(status);
}

void _Exit(int status)
{
	_exit(status);
}

/*
 * Die by SIGABRT.  If the program catches or blocks it, restore the
 * default action, unblock it and try again; as a last resort, _exit.
 */
void abort(void)
{
	sigset_t set;

	raise(SIGABRT);
	signal(SIGABRT, SIG_DFL);
	sigemptyset(&set);
	sigaddset(&set, SIGABRT);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(SIGABRT);
	_exit(127);
}
