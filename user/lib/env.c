/*
 * env.c - the environment: getenv, setenv, unsetenv, putenv.
 *
 * environ is a NULL-terminated array of "NAME=value" strings.  At start
 * it points into the stack, where the kernel put it.  Adding a variable
 * needs a longer array, so we then copy it to the heap (owned_environ)
 * and from there on grow our own copy.  Strings replaced by setenv are
 * not freed, since they may not be ours (the stack, putenv).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char **owned_environ;	/* environ, if we allocated it */

/* Index of variable name (name_len bytes) in environ, or -1. */
static int find_var(const char *name, size_t name_len)
{
	if (!environ)
		return -1;
	for (int i = 0; environ[i]; i++)
		if (strncmp(environ[i], name, name_len) == 0 &&
		    environ[i][name_len] == '=')
			return i;
	return -1;
}

static int valid_name(const char *name)
{
	if (!name || !*name || strchr(name, '=')) {
		errno = EINVAL;
		return 0;
	}
	return 1;
}

/* Append entry to environ, moving environ to a bigger heap array. */
static int append_var(char *entry)
{
	int count = 0;
	char **bigger;

	while (environ && environ[count])
		count++;
	bigger = malloc((count + 2) * sizeof(char *));
	if (!bigger)
		return -1;
	for (int i = 0; i < count; i++)
		bigger[i] = environ[i];
	bigger[count] = entry;
	bigger[count + 1] = NULL;
	free(owned_environ);
	environ = owned_environ = bigger;
	return 0;
}

char *getenv(const char *name)
{
	size_t len = strlen(name);
	int i = find_var(name, len);

	return i < 0 ? NULL : environ[i] + len + 1;
}

int setenv(const char *name, const char *value, int overwrite)
{
	size_t name_len, value_len;
	char *entry;
	int i;

	if (!valid_name(name))
		return -1;
	name_len = strlen(name);
	i = find_var(name, name_len);
	if (i >= 0 && !overwrite)
		return 0;
	value_len = strlen(value);
	entry = malloc(name_len + value_len + 2);
	if (!entry)
		return -1;
	memcpy(entry, name, name_len);
	entry[name_len] = '=';
	memcpy(entry + name_len + 1, value, value_len + 1);
	if (i >= 0) {
		environ[i] = entry;
		return 0;
	}
	if (append_var(entry) < 0) {
		free(entry);
		return -1;
	}
	return 0;
}

int unsetenv(const char *name)
{
	size_t len;
	int i;

	if (!valid_name(name))
		return -1;
	len = strlen(name);
	while ((i = find_var(name, len)) >= 0) {
		for (; environ[i]; i++)		/* close the gap */
			environ[i] = environ[i + 1];
	}
	return 0;
}

/* putenv("NAME=value") puts the string itself (not a copy) in environ. */
int putenv(char *string)
{
	char *equals = strchr(string, '=');
	int i;

	if (!equals) {
		unsetenv(string);
		return 0;
	}
	i = find_var(string, (size_t)(equals - string));
	if (i >= 0) {
		environ[i] = string;
		return 0;
	}
	return append_var(string);
}
