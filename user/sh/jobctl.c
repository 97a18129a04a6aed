/*
 * jobctl.c - job control: waiting for the foreground job, continuing
 * stopped jobs, sending signals to jobs, and reporting job states.
 *
 * The terminal.  While a foreground job runs, its process group owns the
 * terminal (tcsetpgrp), so that Ctrl-C and Ctrl-Z reach it and not the
 * shell.  When it ends or stops, waitpid tells the shell, which then
 * takes the terminal back for itself.  Only an interactive shell does
 * this; a script has no job control and leaves the terminal alone.
 *
 * Messages, like other shells':
 *   [1] 1234              a background job started (interactive only)
 *   [1]+ Stopped  cat     a job stopped (Ctrl-Z) or, from `jobs`, still is
 *   [1]+ Done  sleep 1    a background job ended (shown before a prompt)
 *   Terminated            a foreground job was killed by a signal (the
 *                         strsignal text); nothing for SIGPIPE, which is
 *                         how "yes | head" normally ends, and just a
 *                         newline for SIGINT, since the user pressed ^C
 *                         (see end_interrupted_line in signals.c).
 * '+' marks the current job, the one fg and bg use by default.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include "sh.h"

static void give_terminal_to(pid_t pgid)
{
	if (shell.interactive && pgid > 0)
		tcsetpgrp(0, pgid);
}

/*
 * The wait status that best tells how a job ended: a process killed by a
 * signal other than SIGPIPE (the last such), else the last process.
 */
static int ending_status(const struct job *job)
{
	for (int i = job->proc_count - 1; i >= 0; i--) {
		int status = job->procs[i].status;

		if (WIFSIGNALED(status) && WTERMSIG(status) != SIGPIPE)
			return status;
	}
	return job->procs[job->proc_count - 1].status;
}

/* The status of a stopped process of the job. */
static int stopped_status(const struct job *job)
{
	for (int i = 0; i < job->proc_count; i++)
		if (job->procs[i].state == PROC_STOPPED)
			return job->procs[i].status;
	return 0;
}

/* "Running", "Stopped", "Done", "Exit 3", "Killed", ... in buf. */
static void describe(const struct job *job, char *buf, size_t size)
{
	enum proc_state state = job_state(job);
	int status;

	if (state == PROC_RUNNING) {
		snprintf(buf, size, "Running");
	} else if (state == PROC_STOPPED) {
		status = stopped_status(job);
		snprintf(buf, size, "%s", strsignal(WSTOPSIG(status)));
	} else if (job->proc_count == 0) {
		snprintf(buf, size, "Done");
	} else {
		status = ending_status(job);
		if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
			snprintf(buf, size, "Done");
		else if (WIFEXITED(status))
			snprintf(buf, size, "Exit %d", WEXITSTATUS(status));
		else
			snprintf(buf, size, "%s%s", strsignal(WTERMSIG(status)),
				 WCOREDUMP(status) ? " (core dumped)" : "");
	}
}

/* "[1]+ Stopped  cat" on out. */
void job_print(struct job *job, FILE *out)
{
	char state[80];

	describe(job, state, sizeof(state));
	fprintf(out, "[%d]%c %s  %s\n", job->id,
		job == job_current() ? '+' : ' ', state, job->text);
	fflush(out);
}

/* A foreground job was killed by a signal: say which. */
static void report_death(const struct job *job)
{
	int status;

	if (job->proc_count == 0)
		return;
	status = ending_status(job);
	if (!WIFSIGNALED(status) || WTERMSIG(status) == SIGPIPE)
		return;
	if (WTERMSIG(status) == SIGINT) {
		end_interrupted_line();
		return;
	}
	fprintf(stderr, "%s%s\n", strsignal(WTERMSIG(status)),
		WCOREDUMP(status) ? " (core dumped)" : "");
}

/*
 * Wait until the job has ended or stopped, with the terminal given to
 * it meanwhile.  An ended job is removed; a stopped one stays, and is
 * reported.  Returns the job's exit status (for $?).
 */
int job_wait_foreground(struct job *job)
{
	int status;

	give_terminal_to(job->pgid);
	while (job_state(job) == PROC_RUNNING && wait_for_child(true))
		;
	give_terminal_to(shell.pgid);
	status = job_status(job);
	if (job_state(job) == PROC_STOPPED) {
		job_set_current(job);
		job->changed = false;
		end_interrupted_line();		/* after the "^Z" */
		job_print(job, stderr);
		return status;
	}
	report_death(job);
	job_remove(job);
	return status;
}

/* Send sig to every process of the job.  0, or -1 with errno set. */
int job_signal(struct job *job, int sig)
{
	int result = 0;

	if (job->pgid > 0)
		return kill(-job->pgid, sig);
	for (int i = 0; i < job->proc_count; i++)
		if (job->procs[i].state != PROC_DONE &&
		    kill(job->procs[i].pid, sig) < 0)
			result = -1;
	return result;
}

/* Let a stopped job run again (SIGCONT), in the background for now. */
void job_continue(struct job *job)
{
	for (int i = 0; i < job->proc_count; i++)
		if (job->procs[i].state == PROC_STOPPED)
			job->procs[i].state = PROC_RUNNING;
	job->changed = false;
	job_signal(job, SIGCONT);
}

/* Before a prompt: report jobs that ended or stopped since last time. */
void jobs_notify(void)
{
	struct job *job, *next;

	for (job = jobs_first(); job != NULL; job = next) {
		enum proc_state state = job_state(job);

		next = job->next;
		if (!job->changed || state == PROC_RUNNING)
			continue;
		job_print(job, stderr);
		job->changed = false;
		if (state == PROC_DONE)
			job_remove(job);
	}
}

/* The shell is leaving: stopped jobs would wait forever, so hang them up. */
void jobs_hang_up_stopped(void)
{
	for (struct job *job = jobs_first(); job != NULL; job = job->next) {
		if (job_state(job) == PROC_STOPPED) {
			job_signal(job, SIGHUP);
			job_signal(job, SIGCONT);
		}
	}
}
