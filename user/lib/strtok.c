/*
 * strtok.c - splitting strings at delimiter characters: strspn,
 * strcspn, strpbrk, strtok, strtok_r and strsep.
 */
#include <string.h>

/* Length of the prefix of s made only of characters in accept. */
size_t strspn(const char *s, const char *accept)
{
	size_t n = 0;

	while (s[n] && strchr(accept, s[n]))
		n++;
	return n;
}

/* Length of the prefix of s made only of characters not in reject. */
size_t strcspn(const char *s, const char *reject)
{
	size_t n = 0;

	while (s[n] && !strchr(reject, s[n]))
		n++;
	return n;
}

char *strpbrk(const char *s, const char *accept)
{
	s += strcspn(s, accept);
	return *s ? (char *)s : NULL;
}

/*
 * Return the next token of s (or, if s is NULL, of the string left in
 * *saveptr), ending it with a NUL.  Runs of delimiters are skipped.
 */
char *strtok_r(char *s, const char *delim, char **saveptr)
{
	char *token;

	if (!s)
		s = *saveptr;
	s += strspn(s, delim);
	if (!*s) {
		*saveptr = s;
		return NULL;
	}
	token = s;
	s += strcspn(s, delim);
	if (*s)
		*s++ = '\0';
	*saveptr = s;
	return token;
}

char *strtok(char *s, const char *delim)
{
	static char *saved;

	return strtok_r(s, delim, &saved);
}

/* Like strtok_r, but every delimiter ends a (possibly empty) token. */
char *strsep(char **sp, const char *delim)
{
	char *token = *sp;
	char *end;

	if (!token)
		return NULL;
	end = token + strcspn(token, delim);
	if (*end) {
		*end = '\0';
		*sp = end + 1;
	} else {
		*sp = NULL;
	}
	return token;
}
