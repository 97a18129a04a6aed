/*
 * vars.c - shell variables and the environment.
 *
 * The shell keeps ALL variables in one list of its own.  Each has a name,
 * a value (NULL if it was only named by "export NAME" and never set) and
 * an `exported` flag.  At start-up the environment the shell received is
 * copied in, every entry marked exported.
 *
 * The environment of a child is built from this list only when a program
 * is about to be executed (vars_environ, called in the child): every
 * exported variable with a value becomes "NAME=value".  So "A=1" makes a
 * variable only the shell sees; "export A" (before or after) also puts it
 * in the environment of every later command; and "A=1 cmd" sets and
 * exports A in cmd's child process only, which leaves the shell's own
 * list untouched.  A regular builtin ("A=1 cd /") runs in the shell
 * itself, so there run.c saves the variables first (vars_save), assigns,
 * runs the builtin, and puts them back as they were (vars_restore).
 *
 * A linked list is slow for thousands of variables, but shells have few,
 * and it keeps the code obvious.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sh.h"

struct var {
	char *name;
	char *value;		/* NULL: exported but never given a value */
	bool exported;
	struct var *next;
};

static struct var *vars;

/* Is s[0..len) a name: a letter or '_', then letters, digits, '_'? */
bool is_valid_name(const char *s, size_t len)
{
	if (len == 0 || !(isalpha((unsigned char)s[0]) || s[0] == '_'))
		return false;
	for (size_t i = 1; i < len; i++)
		if (!(isalnum((unsigned char)s[i]) || s[i] == '_'))
			return false;
	return true;
}

static struct var *find_var(const char *name)
{
	for (struct var *v = vars; v != NULL; v = v->next)
		if (strcmp(v->name, name) == 0)
			return v;
	return NULL;
}

/* The variable called name, created (unset, unexported) if needed. */
static struct var *get_or_create(const char *name)
{
	struct var *v = find_var(name);

	if (v == NULL) {
		v = xmalloc(sizeof(*v));
		v->name = xstrdup(name);
		v->value = NULL;
		v->exported = false;
		v->next = vars;
		vars = v;
	}
	return v;
}

const char *var_get(const char *name)
{
	struct var *v = find_var(name);

	return v == NULL ? NULL : v->value;
}

void var_set(const char *name, const char *value)
{
	struct var *v = get_or_create(name);

	free(v->value);
	v->value = xstrdup(value);
}

void var_export(const char *name)
{
	get_or_create(name)->exported = true;
}

void var_unset(const char *name)
{
	struct var **link = &vars;

	while (*link != NULL && strcmp((*link)->name, name) != 0)
		link = &(*link)->next;
	if (*link != NULL) {
		struct var *v = *link;

		*link = v->next;
		free(v->name);
		free(v->value);
		free(v);
	}
}

/*
 * Carry out a raw assignment word "NAME=value": expand the value and set
 * the variable (exporting it too if export is true).  False on error.
 */
bool var_assign(const char *assignment, bool export)
{
	const char *equals = strchr(assignment, '=');
	char *name = xstrndup(assignment, equals - assignment);
	char *value = expand_string(equals + 1);

	if (value != NULL) {
		var_set(name, value);
		if (export)
			var_export(name);
	}
	free(name);
	free(value);
	return value != NULL;
}

/*
 * Remember the variables that the assignment words assigns (raw
 * "NAME=value") are about to change, for vars_restore.
 */
void vars_save(const struct strlist *assigns, struct saved_vars *saved)
{
	saved->items = xmalloc((assigns->count + 1) * sizeof(struct saved_var));
	saved->count = assigns->count;
	for (int i = 0; i < assigns->count; i++) {
		const char *word = assigns->items[i];
		struct saved_var *s = &saved->items[i];
		struct var *v;

		s->name = xstrndup(word, strcspn(word, "="));
		v = find_var(s->name);
		s->existed = v != NULL;
		s->value = v != NULL && v->value != NULL ?
			   xstrdup(v->value) : NULL;
		s->exported = v != NULL && v->exported;
	}
}

/*
 * Put back what vars_save saved, last first: for "A=1 A=2 cd" both
 * entries hold A's value from before, so the order does not matter.
 */
void vars_restore(struct saved_vars *saved)
{
	for (int i = saved->count - 1; i >= 0; i--) {
		struct saved_var *s = &saved->items[i];

		if (s->existed) {
			struct var *v = get_or_create(s->name);

			free(v->value);
			v->value = s->value;	/* the saved copy, or NULL */
			v->exported = s->exported;
		} else {
			var_unset(s->name);
			free(s->value);
		}
		free(s->name);
	}
	free(saved->items);
	saved->items = NULL;
	saved->count = 0;
}

/* Copy an environment ("NAME=value" strings) in, all exported. */
void vars_import(char **env)
{
	for (; env != NULL && *env != NULL; env++) {
		const char *equals = strchr(*env, '=');
		char *name;

		if (equals == NULL || !is_valid_name(*env, equals - *env))
			continue;
		name = xstrndup(*env, equals - *env);
		var_set(name, equals + 1);
		var_export(name);
		free(name);
	}
}

/* A new NULL-terminated array of "NAME=value" for every exported variable. */
char **vars_environ(void)
{
	struct strlist env;

	sl_init(&env);
	for (struct var *v = vars; v != NULL; v = v->next) {
		char *entry;

		if (!v->exported || v->value == NULL)
			continue;
		entry = xmalloc(strlen(v->name) + strlen(v->value) + 2);
		sprintf(entry, "%s=%s", v->name, v->value);
		sl_add(&env, entry);
	}
	return env.items;
}

/* Print value in single quotes, so that the shell could read it back. */
static void print_quoted(const char *value)
{
	putchar('\'');
	for (; *value != '\0'; value++) {
		if (*value == '\'')
			fputs("'\\''", stdout);		/* ' becomes '\'' */
		else
			putchar(*value);
	}
	putchar('\'');
}

static int compare_names(const void *a, const void *b)
{
	const struct var *const *x = a;
	const struct var *const *y = b;

	return strcmp((*x)->name, (*y)->name);
}

/* `export` without arguments: "export NAME='value'" for each, sorted. */
void vars_print_exported(void)
{
	struct var **sorted;
	int count = 0;

	for (struct var *v = vars; v != NULL; v = v->next)
		count++;
	sorted = xmalloc(count * sizeof(struct var *));
	count = 0;
	for (struct var *v = vars; v != NULL; v = v->next)
		if (v->exported)
			sorted[count++] = v;
	qsort(sorted, count, sizeof(struct var *), compare_names);
	for (int i = 0; i < count; i++) {
		printf("export %s", sorted[i]->name);
		if (sorted[i]->value != NULL) {
			putchar('=');
			print_quoted(sorted[i]->value);
		}
		putchar('\n');
	}
	free(sorted);
}
