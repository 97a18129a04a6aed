/*
 * lex.c - split the text of a command into tokens.
 *
 * Tokens are words and operators:
 *
 *   |  ||  &  &&  ;  newline      control operators
 *   <  >  >>  <&  >&  >|          redirections, optionally preceded by a
 *                                 file descriptor number: 2>  2>&1  3<
 *   anything else                 a word
 *
 * Blanks separate tokens.  '#' at the start of a word begins a comment
 * that runs to the end of the line.  A backslash-newline between words
 * is ignored (line continuation).
 *
 * A word is kept RAW: "a'b c'$X" stays exactly that, quotes included.
 * The lexer only has to know where the word ends, which means knowing
 * which characters are quoted: inside '...' and "..." and after a
 * backslash, blanks and operator characters are part of the word.  The
 * quotes themselves are removed later, when the word is expanded
 * (expand.c), because only then can "$X" and $X be told apart.
 *
 * If the text ends inside quotes or right after a backslash, lex()
 * returns LEX_INCOMPLETE: the caller reads another line and tries again.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "sh.h"

struct lexer {
	const char *src;
	size_t pos;
	struct token_list *tokens;
};

static void add_token(struct lexer *lx, enum token_kind kind, size_t start)
{
	struct token_list *list = lx->tokens;
	struct token *t;

	if (list->count == list->cap) {
		list->cap = list->cap ? list->cap * 2 : 16;
		list->items = xrealloc(list->items,
				       list->cap * sizeof(struct token));
	}
	t = &list->items[list->count++];
	t->kind = kind;
	t->start = start;
	t->end = lx->pos;
	t->text = xstrndup(lx->src + start, lx->pos - start);
	t->op = REDIR_IN;
	t->fd = -1;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Characters that end an unquoted word. */
static bool ends_word(char c)
{
	return c == '\0' || is_blank(c) || c == '\n' || strchr("|&;<>", c);
}

/* After '<' or '>' at pos: which redirection, and how many characters. */
static enum redir_op redirect_op(const char *s, int *length)
{
	*length = 2;
	if (s[0] == '>' && s[1] == '>')
		return REDIR_APPEND;
	if (s[0] == '>' && s[1] == '&')
		return REDIR_DUP_OUT;
	if (s[0] == '<' && s[1] == '&')
		return REDIR_DUP_IN;
	if (s[0] == '>' && s[1] == '|')
		return REDIR_OUT;
	*length = 1;
	return s[0] == '>' ? REDIR_OUT : REDIR_IN;
}

/* A redirection at lx->pos, after an fd number (or -1) that began at start. */
static void lex_redirect(struct lexer *lx, size_t start, int fd)
{
	int length;
	enum redir_op op = redirect_op(lx->src + lx->pos, &length);
	struct token *t;

	lx->pos += length;
	add_token(lx, TOK_REDIR, start);
	t = &lx->tokens->items[lx->tokens->count - 1];
	t->op = op;
	if (fd >= 0)
		t->fd = fd;
	else
		t->fd = op == REDIR_IN || op == REDIR_DUP_IN ? 0 : 1;
}

/* |, ||, &, &&, ; at lx->pos. */
static void lex_control(struct lexer *lx)
{
	const char *s = lx->src + lx->pos;
	size_t start = lx->pos;

	if (s[0] == '|' && s[1] == '|') {
		lx->pos += 2;
		add_token(lx, TOK_OR, start);
	} else if (s[0] == '&' && s[1] == '&') {
		lx->pos += 2;
		add_token(lx, TOK_AND, start);
	} else {
		lx->pos++;
		add_token(lx, s[0] == '|' ? TOK_PIPE :
			  s[0] == '&' ? TOK_AMP : TOK_SEMI, start);
	}
}

/* Digits directly followed by < or >, as in 2>file: the fd, else -1. */
static int io_number(const char *s, size_t *length)
{
	size_t n = 0;

	while (isdigit((unsigned char)s[n]))
		n++;
	if (n == 0 || n > 4 || (s[n] != '<' && s[n] != '>'))
		return -1;
	*length = n;
	return atoi(s);
}

/* Skip a "..." string starting at s[i] == '"'; the index after it, or 0. */
static size_t skip_double_quotes(const char *s, size_t i)
{
	for (i++; s[i] != '"'; i++) {
		if (s[i] == '\0')
			return 0;
		if (s[i] == '\\' && s[i + 1] != '\0')
			i++;
	}
	return i + 1;
}

/* Find the end of the word starting at lx->pos. */
static enum lex_result lex_word(struct lexer *lx)
{
	const char *s = lx->src;
	size_t start = lx->pos, i = lx->pos;

	while (!ends_word(s[i])) {
		if (s[i] == '\\') {
			if (s[i + 1] == '\0')
				return LEX_INCOMPLETE;
			i += 2;
		} else if (s[i] == '\'') {
			const char *close = strchr(s + i + 1, '\'');

			if (close == NULL)
				return LEX_INCOMPLETE;
			i = close - s + 1;
		} else if (s[i] == '"') {
			i = skip_double_quotes(s, i);
			if (i == 0)
				return LEX_INCOMPLETE;
		} else {
			i++;
		}
	}
	lx->pos = i;
	add_token(lx, TOK_WORD, start);
	return LEX_OK;
}

/* One token (or a skipped comment / continuation) at lx->pos. */
static enum lex_result lex_one(struct lexer *lx)
{
	const char *s = lx->src + lx->pos;
	size_t digits;
	int fd;

	if (s[0] == '#') {
		lx->pos += strcspn(s, "\n");
	} else if (s[0] == '\\' && s[1] == '\n') {
		lx->pos += 2;
	} else if (s[0] == '\n') {
		lx->pos++;
		add_token(lx, TOK_NEWLINE, lx->pos - 1);
	} else if (s[0] == '<' || s[0] == '>') {
		lex_redirect(lx, lx->pos, -1);
	} else if (strchr("|&;", s[0])) {
		lex_control(lx);
	} else if ((fd = io_number(s, &digits)) >= 0) {
		size_t start = lx->pos;

		lx->pos += digits;
		lex_redirect(lx, start, fd);
	} else {
		return lex_word(lx);
	}
	return LEX_OK;
}

/* Split src into tokens, ending with TOK_END.  The caller frees them. */
enum lex_result lex(const char *src, struct token_list *tokens)
{
	struct lexer lx = { src, 0, tokens };

	tokens->items = NULL;
	tokens->count = tokens->cap = 0;
	for (;;) {
		while (is_blank(src[lx.pos]))
			lx.pos++;
		if (src[lx.pos] == '\0')
			break;
		if (lex_one(&lx) == LEX_INCOMPLETE)
			return LEX_INCOMPLETE;
	}
	add_token(&lx, TOK_END, lx.pos);
	return LEX_OK;
}

void free_tokens(struct token_list *tokens)
{
	for (int i = 0; i < tokens->count; i++)
		free(tokens->items[i].text);
	free(tokens->items);
	tokens->items = NULL;
	tokens->count = tokens->cap = 0;
}
