/*
 * jobcmds.c - the builtins that work on jobs: jobs, fg, bg, wait, kill.
 *
 *   jobs               list the jobs and their states; ended ones are
 *                      then forgotten
 *   fg [%n]            continue job n (default: the current job, '+') in
 *                      the foreground: give it the terminal, send it
 *                      SIGCONT, wait for it
 *   bg [%n]            continue a stopped job in the background
 *   wait [pid|%n]...   wait for the given processes or jobs, and return
 *                      the status of the last one; with no argument, for
 *                      all jobs, and return 0
 *   kill [-SIG | -s SIG | -N] pid|%n ...
 *                      send a signal (default SIGTERM) to processes or to
 *                      every process of a job
 *   kill -l [SIG]      list the signals, or give the name of a number
 *                      (or of an exit status such as 137) or vice versa
 *
 * fg and bg need job control, so only an interactive shell has them.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"

int builtin_jobs(int argc, char **argv)
{
	struct job *job, *next;

	(void)argc;
	(void)argv;
	for (job = jobs_first(); job != NULL; job = next) {
		next = job->next;
		job_print(job, stdout);
		job->changed = false;
		if (job_state(job) == PROC_DONE)
			job_remove(job);
	}
	return 0;
}

/* The job an fg or bg command means; NULL (after a message) if none. */
static struct job *job_to_continue(int argc, char **argv, const char *name)
{
	if (!shell.interactive) {
		sh_error("%s: no job control", name);
		return NULL;
	}
	if (argc > 2) {
		sh_error("%s: too many arguments", name);
		return NULL;
	}
	return job_from_spec(argc > 1 ? argv[1] : NULL, name);
}

int builtin_fg(int argc, char **argv)
{
	struct job *job = job_to_continue(argc, argv, "fg");

	if (job == NULL)
		return 1;
	printf("%s\n", job->text);
	fflush(stdout);
	job_set_current(job);
	if (job->pgid > 0)
		tcsetpgrp(0, job->pgid);	/* before it runs and reads */
	job_continue(job);
	return job_wait_foreground(job);
}

int builtin_bg(int argc, char **argv)
{
	struct job *job = job_to_continue(argc, argv, "bg");

	if (job == NULL)
		return 1;
	job_set_current(job);
	job_continue(job);
	printf("[%d]+ %s &\n", job->id, job->text);
	return 0;
}

/* The process pid of job, or NULL. */
static struct process *find_process(struct job *job, pid_t pid)
{
	for (int i = 0; i < job->proc_count; i++)
		if (job->procs[i].pid == pid)
			return &job->procs[i];
	return NULL;
}

/* Is what we wait for still running?  (One process, or a whole job.) */
static bool still_running(struct job *job, struct process *proc)
{
	if (proc != NULL)
		return proc->state == PROC_RUNNING;
	return job_state(job) == PROC_RUNNING;
}

/*
 * Wait until the job (or just its process proc) no longer runs.
 * False if Ctrl-C interrupted the wait.
 */
static bool wait_until_not_running(struct job *job, struct process *proc)
{
	while (still_running(job, proc)) {
		if (!wait_for_child(true))
			break;
		if (got_sigint) {
			got_sigint = 0;
			end_interrupted_line();
			return false;
		}
	}
	return true;
}

/* wait with no argument: for every job. */
static int wait_all(void)
{
	struct job *job, *next;

	for (job = jobs_first(); job != NULL; job = job->next)
		if (!wait_until_not_running(job, NULL))
			return 130;
	for (job = jobs_first(); job != NULL; job = next) {
		next = job->next;
		if (job_state(job) == PROC_DONE && !shell.interactive)
			job_remove(job);
	}
	return 0;
}

/* The job a wait argument names, and the one process if it is a pid. */
static struct job *wait_target(const char *arg, struct process **proc)
{
	struct job *job;
	int pid;

	*proc = NULL;
	if (arg[0] == '%')
		return job_from_spec(arg, "wait");
	if (!parse_number(arg, &pid) || pid <= 0) {
		sh_error("wait: `%s': not a pid or valid job spec", arg);
		return NULL;
	}
	job = job_with_pid(pid);
	if (job == NULL)
		sh_error("wait: pid %d is not a child of this shell", pid);
	else
		*proc = find_process(job, pid);
	return job;
}

/* wait for one pid or %n; returns its exit status. */
static int wait_one(const char *arg)
{
	struct process *proc;
	struct job *job = wait_target(arg, &proc);
	int status;

	if (job == NULL)
		return 127;
	if (!wait_until_not_running(job, proc))
		return 130;
	if (proc != NULL)
		status = status_to_exit_code(proc->status);
	else
		status = job_status(job);
	if (job_state(job) == PROC_DONE)
		job_remove(job);
	return status;
}

int builtin_wait(int argc, char **argv)
{
	int status = 0;

	got_sigint = 0;		/* only a Ctrl-C from now on counts */
	if (argc == 1)
		return wait_all();
	for (int i = 1; i < argc; i++)
		status = wait_one(argv[i]);
	return status;
}

/* Send sig to a job; a stopped job is also continued, so it can react. */
static int kill_job(struct job *job, int sig)
{
	bool stop = sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN ||
		    sig == SIGTTOU;

	if (job_signal(job, sig) < 0) {
		sh_error("kill: %%%d: %s", job->id, strerror(errno));
		return 1;
	}
	if (sig == SIGCONT ||
	    (job_state(job) == PROC_STOPPED && sig != SIGKILL && !stop))
		job_continue(job);
	return 0;
}

/* kill one target: "%n" or a pid (negative: a process group). */
static int kill_target(const char *target, int sig)
{
	struct job *job;
	int pid;

	if (target[0] == '%') {
		job = job_from_spec(target, "kill");
		return job == NULL ? 1 : kill_job(job, sig);
	}
	if (!parse_number(target, &pid)) {
		sh_error("kill: %s: arguments must be process or job IDs",
			 target);
		return 1;
	}
	if (kill(pid, sig) < 0) {
		sh_error("kill: (%d) - %s", pid, strerror(errno));
		return 1;
	}
	return 0;
}

/*
 * The signal options of kill: "-s NAME", "-NAME" or "-N", and "--".
 * Sets *sig and *first (the index of the first target); false on error.
 */
static bool kill_options(int argc, char **argv, int *sig, int *first)
{
	const char *name = NULL;

	*first = 1;
	if (argc > 2 && strcmp(argv[1], "-s") == 0) {
		name = argv[2];
		*first = 3;
	} else if (argc > 1 && argv[1][0] == '-' &&
		   strcmp(argv[1], "--") != 0) {
		name = argv[1] + 1;
		*first = 2;
	}
	if (*first < argc && strcmp(argv[*first], "--") == 0)
		(*first)++;
	if (name == NULL)
		return true;
	*sig = signal_number(name);
	if (*sig < 0)
		sh_error("kill: %s: invalid signal specification", name);
	return *sig >= 0;
}

/* kill -l [SIGNAL]: list the signals, or translate one (15 <-> TERM). */
static int kill_list(const char *which)
{
	int n;

	if (which == NULL) {
		print_signal_names();
		return 0;
	}
	if (parse_number(which, &n)) {
		if (n > 128)
			n -= 128;	/* an exit status such as 137 */
		if (signal_name(n) != NULL) {
			printf("%s\n", signal_name(n));
			return 0;
		}
	} else if ((n = signal_number(which)) > 0) {
		printf("%d\n", n);
		return 0;
	}
	sh_error("kill: %s: invalid signal specification", which);
	return 1;
}

int builtin_kill(int argc, char **argv)
{
	int sig = SIGTERM, first, status = 0;

	if (argc > 1 && strcmp(argv[1], "-l") == 0)
		return kill_list(argc > 2 ? argv[2] : NULL);
	if (!kill_options(argc, argv, &sig, &first))
		return 1;
	if (first >= argc) {
		sh_error("kill: usage: kill [-s SIG | -SIG] pid | %%job ...");
		return 2;
	}
	for (int i = first; i < argc; i++)
		if (kill_target(argv[i], sig) != 0)
			status = 1;
	return status;
}
