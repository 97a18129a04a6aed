/*
 * sh.h - declarations shared by the parts of the shell.
 *
 * The shell is a loop of four steps, each in its own file:
 *
 *   read     input.c, main.c  a line of input (more lines while the command
 *                             is unfinished: open quote, trailing '|' ...)
 *   lex      lex.c            the text becomes tokens: words (kept raw,
 *                             quotes and '$' still in them) and operators
 *   parse    parse.c          the tokens become a tree:
 *                               list of and_or   a && b || c ;  d &
 *                               and_or: pipelines joined by && and ||
 *                               pipeline: commands joined by |
 *                               command: assignments, words, redirections
 *   run      run.c            each pipeline is expanded (expand.c: quotes,
 *                             $VAR, splitting) and then either run inside
 *                             the shell (builtins.c, jobcmds.c) or in child
 *                             processes (child.c, redir.c), one job per
 *                             pipeline (jobs.c).
 *
 * Expansion happens just before a command runs, not when it is read, so
 * that "A=1; echo $A" sees the new A and "false; echo $?" sees 1.
 *
 * Shell-wide state (the special parameters $?, $$, $!, $0, $1...) lives in
 * the one global `shell`; variables are in vars.c, jobs in jobs.c.
 * Nothing has a fixed size: strings and arrays grow with malloc, through
 * the helpers of util.c, which end the shell if memory runs out.
 *
 * All the files:
 *   main.c      start-up, options, the read-parse-run loop, exit
 *   input.c     reading lines from a script or from stdin
 *   lex.c       text -> tokens
 *   parse.c     tokens -> tree
 *   expand.c    quotes, $ expansions, field splitting, ~
 *   vars.c      variables and the environment of children
 *   run.c       and_or lists, pipelines, background jobs
 *   child.c     a child: process group, variables, exec with PATH search
 *   redir.c     < > >> N>&M ..., and undoing them after a builtin
 *   jobs.c      the job table and waitpid
 *   jobctl.c    foreground and background, the terminal, job messages
 *   builtins.c  cd pwd exit export unset, and the table of builtins
 *   jobcmds.c   jobs fg bg wait kill
 *   signals.c   the shell's signal dispositions; signal names
 *   util.c      memory, strings, lists, error messages
 */
#ifndef SH_H
#define SH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

/* ---- util.c: memory, growable strings and string lists, messages ---- */

void *xmalloc(size_t size);
void *xrealloc(void *ptr, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* A string that grows as characters are added; data is always NUL-ended. */
struct strbuf {
	char *data;
	size_t len;
	size_t cap;
};

void sb_init(struct strbuf *sb);
void sb_add_char(struct strbuf *sb, char c);
void sb_add_str(struct strbuf *sb, const char *s);
void sb_clear(struct strbuf *sb);
void sb_free(struct strbuf *sb);

/* A growable array of malloc'd strings, always NULL-terminated (an argv). */
struct strlist {
	char **items;
	int count;
	int cap;
};

void sl_init(struct strlist *sl);
void sl_add(struct strlist *sl, char *s);	/* takes ownership of s */
void sl_free(struct strlist *sl);

void sh_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
bool parse_number(const char *s, int *value);

/* ---- the shell's global state ---- */

struct shell {
	bool interactive;	/* stdin is a terminal: prompts, job control */
	pid_t pid;		/* $$, the same in subshells */
	pid_t pgid;		/* the shell's own process group */
	int last_status;	/* $? */
	pid_t last_background;	/* $!, 0 before the first background job */
	char *name;		/* $0 */
	char **params;		/* $1, $2, ... */
	int param_count;	/* $# */
};

extern struct shell shell;

/* ---- lex.c: text to tokens ---- */

enum token_kind {
	TOK_WORD,		/* a word, raw: quotes and $ not yet expanded */
	TOK_REDIR,		/* <  >  >>  <&  >&, maybe with an fd number */
	TOK_PIPE,		/* | */
	TOK_AND,		/* && */
	TOK_OR,			/* || */
	TOK_SEMI,		/* ; */
	TOK_AMP,		/* & */
	TOK_NEWLINE,
	TOK_END			/* end of the text */
};

enum redir_op {
	REDIR_IN,		/* N<file   (N defaults to 0) */
	REDIR_OUT,		/* N>file   (N defaults to 1) */
	REDIR_APPEND,		/* N>>file */
	REDIR_DUP_IN,		/* N<&M, N<&- */
	REDIR_DUP_OUT		/* N>&M, N>&- */
};

struct token {
	enum token_kind kind;
	char *text;		/* the token as written in the source */
	enum redir_op op;	/* TOK_REDIR only */
	int fd;			/* TOK_REDIR only: the fd it changes */
	size_t start, end;	/* its place in the source: [start, end) */
};

struct token_list {
	struct token *items;
	int count;
	int cap;
};

enum lex_result { LEX_OK, LEX_INCOMPLETE };

enum lex_result lex(const char *src, struct token_list *tokens);
void free_tokens(struct token_list *tokens);

/* ---- parse.c: tokens to a tree ---- */

struct redir {
	int fd;
	enum redir_op op;
	char *target;		/* raw word: file name, fd number or "-" */
	struct redir *next;
};

struct command {
	struct strlist assigns;	/* raw "NAME=value" words before the name */
	struct strlist words;	/* raw words: the name and its arguments */
	struct redir *redirs;	/* in the order written */
	struct command *next;	/* the next command of the pipeline */
};

/* When a pipeline of an and_or list runs, given the status before it. */
enum connector {
	RUN_ALWAYS,		/* the first pipeline */
	RUN_IF_SUCCESS,		/* after && */
	RUN_IF_FAILURE		/* after || */
};

struct pipeline {
	enum connector connector;
	bool negate;		/* ! pipeline */
	struct command *commands;
	int count;		/* number of commands */
	char *text;		/* the source text, for job reports */
	struct pipeline *next;
};

struct and_or {
	struct pipeline *pipelines;
	bool background;	/* ended by & */
	char *text;
	struct and_or *next;
};

enum parse_result { PARSE_OK, PARSE_INCOMPLETE, PARSE_ERROR };

enum parse_result parse(const char *src, struct and_or **list);
void free_list(struct and_or *list);

/* ---- expand.c: raw words to fields ---- */

bool expand_word(const char *raw, struct strlist *fields);
bool expand_words(const struct strlist *raw, struct strlist *fields);
char *expand_string(const char *raw);

/* ---- vars.c: shell and environment variables ---- */

const char *var_get(const char *name);
void var_set(const char *name, const char *value);
void var_export(const char *name);
void var_unset(const char *name);
bool var_assign(const char *assignment, bool export);
void vars_import(char **env);
char **vars_environ(void);
void vars_print_exported(void);
bool is_valid_name(const char *s, size_t len);

/* What the variables of "A=1 B=2 cmd" were before, to put them back. */
struct saved_var {
	char *name;
	bool existed;
	char *value;		/* NULL if unset (or only exported) */
	bool exported;
};

struct saved_vars {
	struct saved_var *items;
	int count;
};

void vars_save(const struct strlist *assigns, struct saved_vars *saved);
void vars_restore(struct saved_vars *saved);

/* ---- input.c: reading lines ---- */

struct input {
	int fd;
	bool one_byte_at_a_time;	/* stdin: leave the rest to commands */
	char *buf;
	size_t len, pos;
};

enum line_result { LINE_OK, LINE_EOF, LINE_INTERRUPTED };

void input_open(struct input *in, int fd, bool one_byte_at_a_time);
enum line_result input_read_line(struct input *in, char **line);

/* ---- redir.c: redirections ---- */

/* What a redirection replaced, so that a builtin's can be undone. */
struct saved_fd {
	int fd;			/* the descriptor that was changed */
	int copy;		/* a copy of what it was; -1: it was closed */
};

struct saved_fds {
	struct saved_fd *items;
	int count;
};

bool apply_redirections(const struct redir *r, struct saved_fds *saved);
void restore_redirections(struct saved_fds *saved);

/* ---- jobs.c: the job table, and waiting for children ---- */

enum proc_state { PROC_RUNNING, PROC_STOPPED, PROC_DONE };

struct process {
	pid_t pid;
	enum proc_state state;
	int status;		/* the wait status, once stopped or done */
};

struct job {
	int id;			/* the n of %n */
	pid_t pgid;		/* its process group; 0 = the shell's group */
	struct process *procs;
	int proc_count;
	char *text;
	bool changed;		/* stopped or ended since last reported */
	struct job *next;
};

struct job *job_create(const char *text);
void job_add_process(struct job *job, pid_t pid);
void job_remove(struct job *job);
struct job *job_find(int id);
struct job *job_current(void);
struct job *job_with_pid(pid_t pid);
struct job *job_from_spec(const char *spec, const char *builtin);
struct job *jobs_first(void);
void jobs_forget_all(void);
enum proc_state job_state(const struct job *job);
int job_status(const struct job *job);
int status_to_exit_code(int wait_status);
void job_set_current(struct job *job);
bool wait_for_child(bool block);
void jobs_reap(void);

/* ---- jobctl.c: foreground, background, the terminal, messages ---- */

void job_print(struct job *job, FILE *out);
int job_wait_foreground(struct job *job);
int job_signal(struct job *job, int sig);
void job_continue(struct job *job);
void jobs_notify(void);
void jobs_hang_up_stopped(void);

/* ---- run.c: running the tree ---- */

void run_list(const struct and_or *list);
int run_and_or(const struct and_or *ao);

/* ---- child.c: what a child process does ---- */

void child_set_job(pid_t pgid, bool foreground, bool background);
void child_run(const struct command *cmd, struct strlist *argv)
	__attribute__((noreturn));

/* ---- builtins.c, jobcmds.c ---- */

typedef int (*builtin_fn)(int argc, char **argv);

struct builtin {
	const char *name;
	builtin_fn fn;
	bool special;		/* POSIX special builtin: "A=1 b" keeps A */
};

const struct builtin *find_builtin(const char *name);
int run_builtin(const struct builtin *builtin, struct strlist *argv);
int builtin_jobs(int argc, char **argv);
int builtin_fg(int argc, char **argv);
int builtin_bg(int argc, char **argv);
int builtin_wait(int argc, char **argv);
int builtin_kill(int argc, char **argv);

/* ---- signals.c: the shell's own signal setup, signal names ---- */

extern volatile int got_sigint;

void signals_interactive(void);
void signals_default(void);
void signals_ignore_interrupts(void);
void end_interrupted_line(void);
int signal_number(const char *name);
const char *signal_name(int sig);
void print_signal_names(void);

/* ---- main.c ---- */

void shell_exit(int status) __attribute__((noreturn));

#endif
