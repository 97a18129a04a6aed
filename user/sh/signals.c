/*
 * signals.c - the shell's own signal dispositions, and signal names.
 *
 * An interactive shell must survive the keys that stop or interrupt the
 * job in the foreground.  The terminal sends Ctrl-C (SIGINT), Ctrl-\
 * (SIGQUIT) and Ctrl-Z (SIGTSTP) to its foreground process group, which
 * is the running job's group and not the shell's, but while the shell
 * itself reads a command it IS the foreground group.  So:
 *
 *   SIGQUIT, SIGTSTP        ignored: the shell cannot be quit or stopped
 *   SIGTTIN, SIGTTOU        ignored: sent to background groups that use
 *                           the terminal; the shell may call tcsetpgrp
 *                           while it is not in the foreground
 *   SIGINT                  caught by a handler that only sets a flag.
 *                           Like ignoring, this never kills the shell,
 *                           but a blocked read() or waitpid() returns
 *                           EINTR, so Ctrl-C at the prompt gives a fresh
 *                           prompt and Ctrl-C interrupts the `wait`
 *                           builtin.  No SA_RESTART, on purpose.
 *
 * Children put all five back to the default before they run a command
 * (signals_default).  A non-interactive shell changes nothing, except
 * that the commands of a background job ignore SIGINT and SIGQUIT (as
 * POSIX asks when there is no job control), so that Ctrl-C meant for the
 * script's foreground does not reach them.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "sh.h"

volatile int got_sigint;

static void on_sigint(int sig)
{
	(void)sig;
	got_sigint = 1;
}

static void set_handler(int sig, void (*handler)(int))
{
	struct sigaction act;

	memset(&act, 0, sizeof(act));
	act.sa_handler = handler;
	act.sa_flags = 0;		/* no SA_RESTART: see above */
	sigemptyset(&act.sa_mask);
	sigaction(sig, &act, NULL);
}

void signals_interactive(void)
{
	set_handler(SIGINT, on_sigint);
	set_handler(SIGQUIT, SIG_IGN);
	set_handler(SIGTSTP, SIG_IGN);
	set_handler(SIGTTIN, SIG_IGN);
	set_handler(SIGTTOU, SIG_IGN);
}

void signals_default(void)
{
	set_handler(SIGINT, SIG_DFL);
	set_handler(SIGQUIT, SIG_DFL);
	set_handler(SIGTSTP, SIG_DFL);
	set_handler(SIGTTIN, SIG_DFL);
	set_handler(SIGTTOU, SIG_DFL);
}

/*
 * After Ctrl-C or Ctrl-Z: a terminal echoes "^C" without a newline, so,
 * like bash, we end that line before printing anything else.  (Conduit's
 * console echoes "^C" and a newline itself; there this shows as an empty
 * line, and deleting the fputc here is all it takes to avoid it.)
 */
void end_interrupted_line(void)
{
	if (shell.interactive)
		fputc('\n', stderr);
}

void signals_ignore_interrupts(void)
{
	set_handler(SIGINT, SIG_IGN);
	set_handler(SIGQUIT, SIG_IGN);
}

/* Names for kill -SIG and kill -l, without the "SIG" prefix. */
static const char *const names[] = {
	[SIGHUP] = "HUP", [SIGINT] = "INT", [SIGQUIT] = "QUIT",
	[SIGILL] = "ILL", [SIGTRAP] = "TRAP", [SIGABRT] = "ABRT",
	[SIGBUS] = "BUS", [SIGFPE] = "FPE", [SIGKILL] = "KILL",
	[SIGUSR1] = "USR1", [SIGSEGV] = "SEGV", [SIGUSR2] = "USR2",
	[SIGPIPE] = "PIPE", [SIGALRM] = "ALRM", [SIGTERM] = "TERM",
	[SIGSTKFLT] = "STKFLT", [SIGCHLD] = "CHLD", [SIGCONT] = "CONT",
	[SIGSTOP] = "STOP", [SIGTSTP] = "TSTP", [SIGTTIN] = "TTIN",
	[SIGTTOU] = "TTOU", [SIGURG] = "URG", [SIGXCPU] = "XCPU",
	[SIGXFSZ] = "XFSZ", [SIGVTALRM] = "VTALRM", [SIGPROF] = "PROF",
	[SIGWINCH] = "WINCH", [SIGIO] = "IO", [SIGPWR] = "PWR",
	[SIGSYS] = "SYS",
};

#define NAME_COUNT (int)(sizeof(names) / sizeof(names[0]))

/* "TERM", "SIGTERM", "term" or "15" -> 15; -1 if unknown. */
int signal_number(const char *name)
{
	int number;

	if (parse_number(name, &number))
		return number >= 0 && number < NSIG ? number : -1;
	if (strncasecmp(name, "SIG", 3) == 0)
		name += 3;
	for (int sig = 1; sig < NAME_COUNT; sig++)
		if (names[sig] != NULL && strcasecmp(names[sig], name) == 0)
			return sig;
	return -1;
}

/* 15 -> "TERM"; NULL if the number has no name. */
const char *signal_name(int sig)
{
	if (sig > 0 && sig < NAME_COUNT)
		return names[sig];
	return NULL;
}

/* kill -l: "NUMBER NAME" for every signal, as /bin/kill prints them. */
void print_signal_names(void)
{
	for (int sig = 1; sig < NAME_COUNT; sig++)
		printf("%d %s\n", sig, names[sig]);
}
