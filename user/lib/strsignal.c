/*
 * strsignal.c - a description of each signal (glibc's wording).
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>

static const char *const descriptions[] = {
	[SIGHUP] = "Hangup",
	[SIGINT] = "Interrupt",
	[SIGQUIT] = "Quit",
	[SIGILL] = "Illegal instruction",
	[SIGTRAP] = "Trace/breakpoint trap",
	[SIGABRT] = "Aborted",
	[SIGBUS] = "Bus error",
	[SIGFPE] = "Floating point exception",
	[SIGKILL] = "Killed",
	[SIGUSR1] = "User defined signal 1",
	[SIGSEGV] = "Segmentation fault",
	[SIGUSR2] = "User defined signal 2",
	[SIGPIPE] = "Broken pipe",
	[SIGALRM] = "Alarm clock",
	[SIGTERM] = "Terminated",
	[SIGSTKFLT] = "Stack fault",
	[SIGCHLD] = "Child exited",
	[SIGCONT] = "Continued",
	[SIGSTOP] = "Stopped (signal)",
	[SIGTSTP] = "Stopped",
	[SIGTTIN] = "Stopped (tty input)",
	[SIGTTOU] = "Stopped (tty output)",
	[SIGURG] = "Urgent I/O condition",
	[SIGXCPU] = "CPU time limit exceeded",
	[SIGXFSZ] = "File size limit exceeded",
	[SIGVTALRM] = "Virtual timer expired",
	[SIGPROF] = "Profiling timer expired",
	[SIGWINCH] = "Window changed",
	[SIGIO] = "I/O possible",
	[SIGPWR] = "Power failure",
	[SIGSYS] = "Bad system call",
};

#define DESCRIPTION_COUNT (int)(sizeof(descriptions) / sizeof(descriptions[0]))

char *strsignal(int sig)
{
	static char unknown[32];

	if (sig > 0 && sig < DESCRIPTION_COUNT)
		return (char *)descriptions[sig];
	if (sig >= SIGRTMIN && sig <= SIGRTMAX)
		snprintf(unknown, sizeof(unknown), "Real-time signal %d",
			 sig - SIGRTMIN);
	else
		snprintf(unknown, sizeof(unknown), "Unknown signal %d", sig);
	return unknown;
}
