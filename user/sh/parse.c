/*
 * parse.c - turn tokens into a tree of commands (see sh.h for the types).
 *
 * A recursive-descent parser; one function per rule of the grammar:
 *
 *   list      :  { and_or ( ';' | '&' | newline ) }  (the last one optional)
 *   and_or    :  pipeline { ( '&&' | '||' ) newline* pipeline }
 *   pipeline  :  [ '!' ] command { '|' newline* command }
 *   command   :  { NAME=value } { word | redirection }   (at least one item)
 *   redirection: REDIR word
 *
 * The parser gives one of three answers:
 *   PARSE_OK          the tree is in *list (NULL for an empty line)
 *   PARSE_INCOMPLETE  the text stopped where more must follow: inside a
 *                     quote, or after |, && or ||.  An interactive shell
 *                     or a script then reads another line and parses the
 *                     whole text again.
 *   PARSE_ERROR       a syntax error, already reported on stderr.
 *
 * Each node remembers its source text (from the first token's start to
 * the last token's end), which is what `jobs` shows.
 */
#include <stdlib.h>
#include <string.h>
#include "sh.h"

struct parser {
	const char *src;
	struct token *tokens;
	int pos;
	enum parse_result result;	/* PARSE_OK until something fails */
};

static struct token *peek(struct parser *p)
{
	return &p->tokens[p->pos];
}

/* Move past the current token (never past TOK_END) and return it. */
static struct token *advance(struct parser *p)
{
	struct token *t = &p->tokens[p->pos];

	if (t->kind != TOK_END)
		p->pos++;
	return t;
}

static void skip_newlines(struct parser *p)
{
	while (peek(p)->kind == TOK_NEWLINE)
		advance(p);
}

static void report_error(struct parser *p, const char *near)
{
	if (p->result != PARSE_OK)
		return;		/* only the first error is reported */
	sh_error("syntax error near unexpected token `%s'", near);
	p->result = PARSE_ERROR;
}

/*
 * Something else was expected at the current token.  At the end of the
 * text that only means "incomplete": the rest may be on the next line.
 */
static void syntax_error(struct parser *p)
{
	struct token *t = peek(p);

	if (t->kind == TOK_END && p->result == PARSE_OK)
		p->result = PARSE_INCOMPLETE;
	else
		report_error(p, t->kind == TOK_NEWLINE ? "newline" : t->text);
}

/* The source text from token number first up to the last one taken. */
static char *source_text(struct parser *p, int first)
{
	size_t start = p->tokens[first].start;
	size_t end = p->tokens[p->pos - 1].end;

	return xstrndup(p->src + start, end - start);
}

/* "NAME=..." with a valid NAME (written without quotes). */
static bool is_assignment(const char *word)
{
	const char *equals = strchr(word, '=');

	return equals != NULL && is_valid_name(word, equals - word);
}

static void free_redirs(struct redir *r)
{
	while (r != NULL) {
		struct redir *next = r->next;

		free(r->target);
		free(r);
		r = next;
	}
}

static void free_commands(struct command *cmd)
{
	while (cmd != NULL) {
		struct command *next = cmd->next;

		sl_free(&cmd->assigns);
		sl_free(&cmd->words);
		free_redirs(cmd->redirs);
		free(cmd);
		cmd = next;
	}
}

static void free_pipelines(struct pipeline *pl)
{
	while (pl != NULL) {
		struct pipeline *next = pl->next;

		free_commands(pl->commands);
		free(pl->text);
		free(pl);
		pl = next;
	}
}

void free_list(struct and_or *list)
{
	while (list != NULL) {
		struct and_or *next = list->next;

		free_pipelines(list->pipelines);
		free(list->text);
		free(list);
		list = next;
	}
}

/* redirection: the REDIR token is current; append it to *tail. */
static bool parse_redirection(struct parser *p, struct redir ***tail)
{
	struct token *op = advance(p);
	struct redir *r;

	if (peek(p)->kind == TOK_END) {		/* "echo >" cannot go on */
		report_error(p, "newline");
		return false;
	}
	if (peek(p)->kind != TOK_WORD) {
		syntax_error(p);
		return false;
	}
	r = xmalloc(sizeof(*r));
	r->fd = op->fd;
	r->op = op->op;
	r->target = xstrdup(advance(p)->text);
	r->next = NULL;
	**tail = r;
	*tail = &r->next;
	return true;
}

static struct command *new_command(void)
{
	struct command *cmd = xmalloc(sizeof(*cmd));

	sl_init(&cmd->assigns);
	sl_init(&cmd->words);
	cmd->redirs = NULL;
	cmd->next = NULL;
	return cmd;
}

/* command: assignments, words and redirections, at least one of them. */
static struct command *parse_command(struct parser *p)
{
	struct command *cmd = new_command();
	struct redir **tail = &cmd->redirs;
	int first = p->pos;

	for (;;) {
		struct token *t = peek(p);

		if (t->kind == TOK_WORD) {
			char *word = xstrdup(advance(p)->text);

			if (cmd->words.count == 0 && is_assignment(word))
				sl_add(&cmd->assigns, word);
			else
				sl_add(&cmd->words, word);
		} else if (t->kind == TOK_REDIR) {
			if (!parse_redirection(p, &tail))
				break;
		} else {
			break;
		}
	}
	if (p->pos == first || p->result != PARSE_OK) {
		syntax_error(p);
		free_commands(cmd);
		return NULL;
	}
	return cmd;
}

/* pipeline: [!] command { | command } */
static struct pipeline *parse_pipeline(struct parser *p)
{
	struct pipeline *pl = xmalloc(sizeof(*pl));
	struct command **tail = &pl->commands;
	int first = p->pos;

	memset(pl, 0, sizeof(*pl));
	if (peek(p)->kind == TOK_WORD && strcmp(peek(p)->text, "!") == 0) {
		advance(p);
		pl->negate = true;
	}
	for (;;) {
		*tail = parse_command(p);
		if (*tail == NULL) {
			free_pipelines(pl);
			return NULL;
		}
		pl->count++;
		tail = &(*tail)->next;
		if (peek(p)->kind != TOK_PIPE)
			break;
		advance(p);
		skip_newlines(p);
	}
	pl->text = source_text(p, first);
	return pl;
}

/* and_or: pipeline { && pipeline | || pipeline } */
static struct and_or *parse_and_or(struct parser *p)
{
	struct and_or *ao = xmalloc(sizeof(*ao));
	struct pipeline **tail = &ao->pipelines;
	enum connector connector = RUN_ALWAYS;
	int first = p->pos;

	memset(ao, 0, sizeof(*ao));
	for (;;) {
		*tail = parse_pipeline(p);
		if (*tail == NULL) {
			free_list(ao);
			return NULL;
		}
		(*tail)->connector = connector;
		tail = &(*tail)->next;
		if (peek(p)->kind != TOK_AND && peek(p)->kind != TOK_OR)
			break;
		connector = advance(p)->kind == TOK_AND ?
			RUN_IF_SUCCESS : RUN_IF_FAILURE;
		skip_newlines(p);
	}
	ao->text = source_text(p, first);
	return ao;
}

/* After an and_or: ';', '&', a newline or the end.  Sets background. */
static bool parse_separator(struct parser *p, struct and_or *ao)
{
	enum token_kind kind = peek(p)->kind;

	if (kind == TOK_SEMI || kind == TOK_AMP || kind == TOK_NEWLINE) {
		ao->background = kind == TOK_AMP;
		advance(p);
		return true;
	}
	if (kind == TOK_END)
		return true;
	syntax_error(p);
	return false;
}

/* list: { and_or separator } */
static struct and_or *parse_list(struct parser *p)
{
	struct and_or *list = NULL;
	struct and_or **tail = &list;

	for (;;) {
		skip_newlines(p);
		if (peek(p)->kind == TOK_END)
			return list;
		*tail = parse_and_or(p);
		if (*tail == NULL || !parse_separator(p, *tail)) {
			free_list(list);
			return NULL;
		}
		tail = &(*tail)->next;
	}
}

enum parse_result parse(const char *src, struct and_or **list)
{
	struct token_list tokens;
	struct parser p;

	*list = NULL;
	if (lex(src, &tokens) == LEX_INCOMPLETE) {
		free_tokens(&tokens);
		return PARSE_INCOMPLETE;
	}
	p.src = src;
	p.tokens = tokens.items;
	p.pos = 0;
	p.result = PARSE_OK;
	*list = parse_list(&p);
	free_tokens(&tokens);
	return p.result;
}
