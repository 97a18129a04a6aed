/*
 * expand.c - turn a raw word into the strings a command receives.
 *
 * One pass over the raw word does everything, left to right:
 *
 *   'text'        quoted literally; '$' and '\' mean nothing inside
 *   "text"        $ expansions happen, their result is NOT split; a
 *                 backslash quotes only $ ` " \ and newline
 *   \c            outside quotes: c itself (backslash-newline vanishes)
 *   $NAME ${NAME} the variable's value ("" if unset)
 *   $? $$ $! $#   last status, shell pid, last background pid, arguments
 *   $0 .. $9      the script name and positional parameters
 *   $@ $*         all arguments; "$@" keeps each argument a separate field
 *   ~ ~/...       at the start of a word: $HOME
 *
 * Field splitting: the result of an UNQUOTED expansion is cut at blanks
 * (space, tab, newline), so with A="x  y", `echo $A` gets two arguments
 * and `echo "$A"` one.  A word that expands to nothing at all, like $A
 * with A unset, disappears; "" or "$A" is kept as an empty argument.
 * There is no IFS variable and no pathname (glob) expansion, and only the
 * plain ${NAME} form (no ${NAME:-word} ...), no $(command), no $((1+2)).
 *
 * The expander builds the current field in a strbuf; `quoted` records
 * that the field must exist even if empty (it contained quotes).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sh.h"

struct expander {
	const char *s;		/* the raw word */
	size_t i;		/* where we are in it */
	bool in_double_quotes;
	bool split;		/* split unquoted expansions into fields */
	struct strbuf field;	/* the field being built */
	bool quoted;		/* the field exists even if it stays empty */
	struct strlist *fields;	/* finished fields (NULL: no splitting) */
};

static bool is_blank_char(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/* The current field is complete: move it to the list. */
static void finish_field(struct expander *ex)
{
	if (ex->field.len > 0 || ex->quoted)
		sl_add(ex->fields, xstrdup(ex->field.data));
	sb_clear(&ex->field);
	ex->quoted = false;
}

/* Add the value of an expansion, splitting it if it is unquoted. */
static void add_value(struct expander *ex, const char *value)
{
	if (ex->in_double_quotes || !ex->split) {
		sb_add_str(&ex->field, value);
		return;
	}
	for (; *value != '\0'; value++) {
		if (is_blank_char(*value))
			finish_field(ex);
		else
			sb_add_char(&ex->field, *value);
	}
}

/* $@ and $* : the arguments; "$@" makes each one its own field. */
static void add_all_params(struct expander *ex, char which)
{
	bool separate = which == '@' && ex->in_double_quotes && ex->split;

	for (int n = 0; n < shell.param_count; n++) {
		if (n > 0 && separate) {
			ex->quoted = true;
			finish_field(ex);
		} else if (n > 0) {
			add_value(ex, " ");
		}
		add_value(ex, shell.params[n]);
	}
}

/* $0, $1 .. $9, $@, $*: add the value; false if c is none of them. */
static bool add_positional(struct expander *ex, char c)
{
	if (c == '@' || c == '*')
		add_all_params(ex, c);
	else if (c == '0')
		add_value(ex, shell.name);
	else if (c >= '1' && c <= '9' && c - '1' < shell.param_count)
		add_value(ex, shell.params[c - '1']);
	else if (c < '1' || c > '9')
		return false;
	return true;		/* (an unset $N adds nothing) */
}

/* Any special parameter, also $? $$ $! $#; false if c is none. */
static bool add_special(struct expander *ex, char c)
{
	char number[24];
	long value;

	if (add_positional(ex, c))
		return true;
	if (c == '?')
		value = shell.last_status;
	else if (c == '$')
		value = shell.pid;
	else if (c == '!')
		value = shell.last_background;
	else if (c == '#')
		value = shell.param_count;
	else
		return false;
	if (c == '!' && value == 0)
		return true;	/* no background job yet: $! is empty */
	snprintf(number, sizeof(number), "%ld", value);
	add_value(ex, number);
	return true;
}

/* Add the value of the parameter called name (length len). */
static void add_parameter(struct expander *ex, const char *name, size_t len)
{
	char *copy;
	const char *value;

	if (len == 1 && add_special(ex, name[0]))
		return;
	copy = xstrndup(name, len);
	value = var_get(copy);
	if (value != NULL)
		add_value(ex, value);
	free(copy);
}

/* ${NAME}: ex->i is at '{'. */
static bool expand_braces(struct expander *ex)
{
	const char *start = ex->s + ex->i + 1;
	const char *close = strchr(start, '}');
	size_t len;

	if (close == NULL) {
		sh_error("%s: bad substitution", ex->s);
		return false;
	}
	len = close - start;
	if (!is_valid_name(start, len) &&
	    !(len == 1 && strchr("?$!#@*0123456789", start[0]))) {
		sh_error("%s: bad substitution", ex->s);
		return false;
	}
	add_parameter(ex, start, len);
	ex->i = close - ex->s + 1;
	return true;
}

/* A '$' was just passed: expand what follows it. */
static bool expand_dollar(struct expander *ex)
{
	const char *s = ex->s;
	size_t len = 0;

	if (s[ex->i] == '{')
		return expand_braces(ex);
	while (is_valid_name(s + ex->i, len + 1))
		len++;
	if (len > 0) {
		add_parameter(ex, s + ex->i, len);
		ex->i += len;
	} else if (s[ex->i] != '\0' && add_special(ex, s[ex->i])) {
		ex->i++;
	} else {
		sb_add_char(&ex->field, '$');	/* a lone '$' is literal */
	}
	return true;
}

/* A backslash was just passed: add the character it quotes. */
static void expand_backslash(struct expander *ex)
{
	char c = ex->s[ex->i];

	if (c == '\0') {
		sb_add_char(&ex->field, '\\');
		return;
	}
	ex->i++;
	if (c == '\n')
		return;				/* line continuation */
	if (ex->in_double_quotes && !strchr("$`\"\\", c))
		sb_add_char(&ex->field, '\\');	/* "\a" keeps the backslash */
	sb_add_char(&ex->field, c);
}

/* 'text': ex->i is just after the opening quote. */
static void expand_single_quotes(struct expander *ex)
{
	while (ex->s[ex->i] != '\0' && ex->s[ex->i] != '\'')
		sb_add_char(&ex->field, ex->s[ex->i++]);
	if (ex->s[ex->i] == '\'')
		ex->i++;
	ex->quoted = true;
}

/* ~ or ~/... at the very start of a word becomes $HOME. */
static void expand_tilde(struct expander *ex)
{
	const char *home = var_get("HOME");

	if (ex->s[0] != '~' || home == NULL)
		return;
	if (ex->s[1] == '\0' || ex->s[1] == '/') {
		sb_add_str(&ex->field, home);
		ex->i = 1;
	}
}

/* One step: the character at ex->i and whatever it starts. */
static bool expand_step(struct expander *ex)
{
	char c = ex->s[ex->i++];

	if (c == '\\') {
		expand_backslash(ex);
	} else if (c == '"') {
		ex->in_double_quotes = !ex->in_double_quotes;
		ex->quoted = true;
	} else if (c == '\'' && !ex->in_double_quotes) {
		expand_single_quotes(ex);
	} else if (c == '$') {
		return expand_dollar(ex);
	} else {
		sb_add_char(&ex->field, c);
	}
	return true;
}

/* Run the expander over the whole word; false on error. */
static bool expand(struct expander *ex)
{
	bool ok = true;

	expand_tilde(ex);
	while (ok && ex->s[ex->i] != '\0')
		ok = expand_step(ex);
	return ok;
}

static void expander_init(struct expander *ex, const char *raw, bool split,
			  struct strlist *fields)
{
	ex->s = raw;
	ex->i = 0;
	ex->in_double_quotes = false;
	ex->split = split;
	sb_init(&ex->field);
	ex->quoted = false;
	ex->fields = fields;
}

/* Expand raw into zero or more fields, appended to fields. */
bool expand_word(const char *raw, struct strlist *fields)
{
	struct expander ex;
	bool ok;

	/* Just "$@": one field per argument, and none if there are none. */
	if (strcmp(raw, "\"$@\"") == 0) {
		for (int n = 0; n < shell.param_count; n++)
			sl_add(fields, xstrdup(shell.params[n]));
		return true;
	}
	expander_init(&ex, raw, true, fields);
	ok = expand(&ex);
	if (ok)
		finish_field(&ex);
	sb_free(&ex.field);
	return ok;
}

bool expand_words(const struct strlist *raw, struct strlist *fields)
{
	for (int n = 0; n < raw->count; n++)
		if (!expand_word(raw->items[n], fields))
			return false;
	return true;
}

/* Expand raw into exactly one string, without splitting (assignments). */
char *expand_string(const char *raw)
{
	struct expander ex;

	expander_init(&ex, raw, false, NULL);
	if (!expand(&ex)) {
		sb_free(&ex.field);
		return NULL;
	}
	return ex.field.data;
}
