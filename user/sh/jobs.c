/*
 * jobs.c - the job table: what runs, what stopped, what ended.
 *
 * Every pipeline the shell starts in child processes is a JOB: a list of
 * processes (one per command of the pipeline), a number (%1, %2 ...) and
 * its text for messages.  Foreground jobs are in the table too, because
 * Ctrl-Z may stop them, and then they stay, like background jobs, until
 * they end and the end has been reported.
 *
 * Process groups.  With job control (an interactive shell), each job is
 * a process group whose id is the pid of its first process; the terminal
 * sends Ctrl-C/Ctrl-Z to its foreground group, so the shell makes a job's
 * group the foreground one (tcsetpgrp) while it waits for it, then takes
 * the terminal back.  Without job control (scripts, sh -c) everything
 * stays in the shell's group, and job->pgid is 0.
 *
 * Waiting.  All waiting goes through wait_for_child, which calls
 * waitpid(-1, ..., WUNTRACED) once and records the result in whichever
 * job owns that pid.  A job is RUNNING while any of its processes runs,
 * else STOPPED if any is stopped, else DONE.  WUNTRACED makes waitpid
 * also report children that stopped, which is how the shell learns that
 * Ctrl-Z stopped the foreground job.  Background jobs are collected
 * without blocking (WNOHANG) before each command, so no zombies pile up.
 *
 * Exit status of a job ($?): that of its LAST process; 128+N if a signal
 * N killed or stopped it.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include "sh.h"

static struct job *jobs;	/* oldest first */
static int current_id;		/* the job %+ means; 0: the newest */

struct job *jobs_first(void)
{
	return jobs;
}

struct job *job_create(const char *text)
{
	struct job *job = xmalloc(sizeof(*job));
	struct job **link = &jobs;
	int id = 1;

	for (; *link != NULL; link = &(*link)->next)
		if ((*link)->id >= id)
			id = (*link)->id + 1;
	job->id = id;
	job->pgid = 0;
	job->procs = NULL;
	job->proc_count = 0;
	job->text = xstrdup(text);
	job->changed = false;
	job->next = NULL;
	*link = job;
	return job;
}

void job_add_process(struct job *job, pid_t pid)
{
	struct process *p;

	job->procs = xrealloc(job->procs,
			      (job->proc_count + 1) * sizeof(struct process));
	p = &job->procs[job->proc_count++];
	p->pid = pid;
	p->state = PROC_RUNNING;
	p->status = 0;
}

void job_remove(struct job *job)
{
	struct job **link = &jobs;

	while (*link != NULL && *link != job)
		link = &(*link)->next;
	if (*link == NULL)
		return;
	*link = job->next;
	if (current_id == job->id)
		current_id = 0;
	free(job->procs);
	free(job->text);
	free(job);
}

/* In a subshell: the parent's jobs are not our children. */
void jobs_forget_all(void)
{
	while (jobs != NULL)
		job_remove(jobs);
}

struct job *job_find(int id)
{
	for (struct job *job = jobs; job != NULL; job = job->next)
		if (job->id == id)
			return job;
	return NULL;
}

/*
 * The job fg and bg use by default (shown with '+'): the last one that
 * was stopped or put in the background, else the newest.
 */
struct job *job_current(void)
{
	struct job *job = job_find(current_id);

	if (job != NULL || jobs == NULL)
		return job;
	for (job = jobs; job->next != NULL; job = job->next)
		;		/* the last one is the newest */
	return job;
}

void job_set_current(struct job *job)
{
	current_id = job->id;
}

static struct process *process_with_pid(pid_t pid, struct job **owner)
{
	for (struct job *job = jobs; job != NULL; job = job->next) {
		for (int i = 0; i < job->proc_count; i++) {
			if (job->procs[i].pid == pid) {
				*owner = job;
				return &job->procs[i];
			}
		}
	}
	return NULL;
}

struct job *job_with_pid(pid_t pid)
{
	struct job *job = NULL;

	process_with_pid(pid, &job);
	return job;
}

/*
 * A job named on the command line of fg, bg, wait, kill: "%n", "%+" or
 * "%%" (the current job), or NULL (also the current job).  Reports the
 * error as "sh: builtin: ..." and returns NULL if there is no such job.
 */
struct job *job_from_spec(const char *spec, const char *builtin)
{
	struct job *job;
	int id;

	if (spec == NULL || strcmp(spec, "%+") == 0 ||
	    strcmp(spec, "%%") == 0) {
		job = job_current();
		if (job == NULL)
			sh_error("%s: no current job", builtin);
		return job;
	}
	job = NULL;
	if (spec[0] == '%' && parse_number(spec + 1, &id))
		job = job_find(id);
	if (job == NULL)
		sh_error("%s: %s: no such job", builtin, spec);
	return job;
}

enum proc_state job_state(const struct job *job)
{
	bool stopped = false;

	for (int i = 0; i < job->proc_count; i++) {
		if (job->procs[i].state == PROC_RUNNING)
			return PROC_RUNNING;
		if (job->procs[i].state == PROC_STOPPED)
			stopped = true;
	}
	return stopped ? PROC_STOPPED : PROC_DONE;
}

/* A wait status as a shell exit status: 0-255, or 128 + signal. */
int status_to_exit_code(int wait_status)
{
	if (WIFEXITED(wait_status))
		return WEXITSTATUS(wait_status);
	if (WIFSTOPPED(wait_status))
		return 128 + WSTOPSIG(wait_status);
	return 128 + WTERMSIG(wait_status);
}

/* The exit status of a job: that of its last process, or of a stopped one. */
int job_status(const struct job *job)
{
	const struct process *last;

	if (job->proc_count == 0)
		return 1;
	last = &job->procs[job->proc_count - 1];
	if (job_state(job) == PROC_STOPPED)
		for (int i = 0; i < job->proc_count; i++)
			if (job->procs[i].state == PROC_STOPPED)
				last = &job->procs[i];
	return status_to_exit_code(last->status);
}

/* Record what waitpid said about pid. */
static void record_status(pid_t pid, int status)
{
	struct job *job;
	struct process *p = process_with_pid(pid, &job);

	if (p == NULL)
		return;			/* not ours to track */
	p->status = status;
	if (WIFSTOPPED(status))
		p->state = PROC_STOPPED;
	else if (WIFCONTINUED(status))
		p->state = PROC_RUNNING;
	else
		p->state = PROC_DONE;
	job->changed = true;
}

/* If waitpid says we have no children, nothing can still be running. */
static void forget_lost_children(void)
{
	for (struct job *job = jobs; job != NULL; job = job->next)
		for (int i = 0; i < job->proc_count; i++)
			job->procs[i].state = PROC_DONE;
}

/*
 * Wait for one child to end or stop (without blocking if block is false)
 * and record it.  Returns true if the caller should look again: a child
 * was recorded, or a signal interrupted the wait (check got_sigint).
 * Returns false if there is nothing (more) to wait for.
 */
bool wait_for_child(bool block)
{
	int status;
	pid_t pid = waitpid(-1, &status, WUNTRACED | (block ? 0 : WNOHANG));

	if (pid > 0) {
		record_status(pid, status);
		return true;
	}
	if (pid < 0 && errno == EINTR)
		return true;
	if (pid < 0 && errno == ECHILD)
		forget_lost_children();
	return false;
}

/* Collect every child that ended or stopped, without blocking. */
void jobs_reap(void)
{
	while (wait_for_child(false))
		;
}
