/*
 * run.c - run a parsed list: and_or lists, pipelines, background jobs.
 *
 * A pipeline runs in one of two ways:
 *
 *   - INSIDE THE SHELL, if it is a single command that is a builtin or
 *     only assignments ("cd /", "A=1", "jobs >x").  It must: cd in a
 *     child would change the child's directory, not the shell's.  Its
 *     redirections are applied and then undone (redir.c).
 *
 *   - IN CHILD PROCESSES otherwise: one child per command, connected by
 *     pipes.  For  a | b | c  the shell makes pipe 1, forks a (stdout ->
 *     pipe 1), makes pipe 2, forks b (stdin <- pipe 1, stdout -> pipe 2),
 *     forks c (stdin <- pipe 2).  After each fork the parent closes the
 *     pipe ends it no longer needs.  This matters: a reader sees end of
 *     file only when EVERY copy of the write end is closed, including
 *     the shell's.  All pipe ends are also made close-on-exec, so even a
 *     forgotten copy could not leak into a program.
 *
 * The children form one job (jobs.c).  With job control each job gets a
 * process group of its own, whose id is the first child's pid.  Both the
 * parent and the child call setpgid: whichever runs first does it, so
 * the group exists before the parent sends it a signal or gives it the
 * terminal, and before the child execs.
 *
 * Words are expanded in the parent, before forking, for the whole
 * pipeline; if an expansion fails nothing runs and $? is 1.
 *
 * "a && b &" cannot run as one pipeline, so a background and_or list of
 * more than one pipeline runs in a forked copy of the shell (a subshell)
 * that runs the list and exits with its status.
 */
#define _GNU_SOURCE		/* glibc declares pipe2 only then */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"

static void close_if_open(int fd)
{
	if (fd >= 0)
		close(fd);
}

/* Parent side: a child was forked for job; track it and set its group. */
static void add_to_job(struct job *job, pid_t pid)
{
	if (shell.interactive) {
		if (job->pgid == 0)
			job->pgid = pid;
		setpgid(pid, job->pgid);	/* fails harmlessly if done */
	}
	job_add_process(job, pid);
}

/* Make descriptor `to` refer to what `from` does, and close `from`. */
static void move_fd(int from, int to)
{
	if (from == to) {
		fcntl(to, F_SETFD, 0);		/* keep it across exec */
		return;
	}
	dup2(from, to);
	close(from);
}

/*
 * Child side: join the job, connect the pipes, and run the command.
 * The child's copy of the job table then forgets the pipeline's own job,
 * so that a builtin here ("jobs | cat") sees the shell's jobs as they
 * were before this pipeline, as bash lists them.
 */
static void start_child(struct job *job, const struct command *cmd,
			struct strlist *argv, int input, const int pipe_fds[2],
			bool background)
{
	child_set_job(job->pgid, !background, background);
	job_remove(job);
	if (pipe_fds[0] >= 0)
		close(pipe_fds[0]);	/* the next command reads that end */
	if (input >= 0)
		move_fd(input, 0);
	if (pipe_fds[1] >= 0)
		move_fd(pipe_fds[1], 1);
	child_run(cmd, argv);
}

/* Fork one child per command of the pipeline, connected by pipes. */
static void start_processes(struct job *job, const struct pipeline *pl,
			    struct strlist *argvs, bool background)
{
	const struct command *cmd = pl->commands;
	int input = -1;		/* read end of the previous command's pipe */

	for (int i = 0; i < pl->count; i++, cmd = cmd->next) {
		int pipe_fds[2] = { -1, -1 };
		pid_t pid;

		if (cmd->next != NULL && pipe2(pipe_fds, O_CLOEXEC) < 0) {
			sh_error("pipe: %s", strerror(errno));
			break;
		}
		fflush(stdout);		/* or the child inherits our buffer */
		pid = fork();
		if (pid == 0)
			start_child(job, cmd, &argvs[i], input, pipe_fds,
				    background);
		close_if_open(input);
		close_if_open(pipe_fds[1]);
		input = pipe_fds[0];
		if (pid < 0) {
			sh_error("fork: %s", strerror(errno));
			break;
		}
		add_to_job(job, pid);
	}
	close_if_open(input);
}

/* A job was started with &: remember $!, say "[1] 1234" if interactive. */
static int announce_background(struct job *job)
{
	pid_t last;

	if (job->proc_count == 0) {
		job_remove(job);
		return 1;
	}
	last = job->procs[job->proc_count - 1].pid;
	shell.last_background = last;
	job_set_current(job);
	if (shell.interactive)
		fprintf(stderr, "[%d] %d\n", job->id, (int)last);
	return 0;
}

/* Run a pipeline in child processes, as a job. */
static int run_job(const struct pipeline *pl, struct strlist *argvs,
		   bool background)
{
	struct job *job = job_create(pl->text);

	start_processes(job, pl, argvs, background);
	if (background)
		return announce_background(job);
	return job_wait_foreground(job);
}

/* Carry out "A=1 B=2 ..."; false (after a message) on error. */
static bool assign_all(const struct command *cmd, bool export)
{
	for (int i = 0; i < cmd->assigns.count; i++)
		if (!var_assign(cmd->assigns.items[i], export))
			return false;
	return true;
}

/*
 * A builtin or an assignment-only command, run by the shell itself.
 * "A=1" alone and "A=1 export B" (a special builtin) keep A; for a
 * regular builtin, "A=1 cd /", A is set (and exported, as a program would
 * see it) only while the builtin runs, then put back (builtins.c).
 */
static int run_in_shell(const struct command *cmd, struct strlist *argv)
{
	const struct builtin *builtin =
		argv->count > 0 ? find_builtin(argv->items[0]) : NULL;
	bool temporary = builtin != NULL && !builtin->special;
	struct saved_vars vars = { NULL, 0 };
	struct saved_fds saved = { NULL, 0 };
	int status = 1;

	if (temporary)
		vars_save(&cmd->assigns, &vars);
	if (assign_all(cmd, temporary)) {
		if (apply_redirections(cmd->redirs, &saved))
			status = builtin != NULL ? run_builtin(builtin, argv) : 0;
		restore_redirections(&saved);
	}
	if (temporary)
		vars_restore(&vars);
	return status;
}

/* Expand the words of every command; false (after a message) on error. */
static bool expand_pipeline(const struct pipeline *pl, struct strlist *argvs)
{
	const struct command *cmd = pl->commands;
	bool ok = true;

	for (int i = 0; i < pl->count; i++, cmd = cmd->next) {
		sl_init(&argvs[i]);
		if (ok)
			ok = expand_words(&cmd->words, &argvs[i]);
	}
	return ok;
}

static int run_pipeline(const struct pipeline *pl, bool background)
{
	struct strlist *argvs = xmalloc(pl->count * sizeof(struct strlist));
	struct strlist *first = &argvs[0];
	int status;

	if (!expand_pipeline(pl, argvs))
		status = 1;
	else if (pl->count == 1 && !background &&
		 (first->count == 0 || find_builtin(first->items[0]) != NULL))
		status = run_in_shell(pl->commands, first);
	else
		status = run_job(pl, argvs, background);
	for (int i = 0; i < pl->count; i++)
		sl_free(&argvs[i]);
	free(argvs);
	if (pl->negate && !background)
		status = status == 0 ? 1 : 0;
	return status;
}

/* Run the pipelines of an and_or list as && and || say; sets $?. */
int run_and_or(const struct and_or *ao)
{
	for (const struct pipeline *pl = ao->pipelines; pl; pl = pl->next) {
		if (pl->connector == RUN_IF_SUCCESS && shell.last_status != 0)
			continue;
		if (pl->connector == RUN_IF_FAILURE && shell.last_status == 0)
			continue;
		shell.last_status = run_pipeline(pl, false);
	}
	return shell.last_status;
}

/* "a && b &": run the whole list in a forked copy of the shell. */
static int run_subshell_in_background(const struct and_or *ao)
{
	struct job *job = job_create(ao->text);
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		child_set_job(0, false, true);
		jobs_forget_all();
		exit(run_and_or(ao));
	}
	if (pid < 0)
		sh_error("fork: %s", strerror(errno));
	else
		add_to_job(job, pid);
	return announce_background(job);
}

void run_list(const struct and_or *list)
{
	for (const struct and_or *ao = list; ao != NULL; ao = ao->next) {
		jobs_reap();
		if (!ao->background)
			run_and_or(ao);
		else if (ao->pipelines->next == NULL)
			shell.last_status = run_pipeline(ao->pipelines, true);
		else
			shell.last_status = run_subshell_in_background(ao);
	}
}
