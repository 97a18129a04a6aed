/*
 * pwd.c - the user database, which on Conduit is one built-in entry:
 * root, uid 0, gid 0, home "/" (the HOME that init sets), shell /bin/sh.
 * There is no /etc/passwd to read.
 */
#include <pwd.h>
#include <string.h>

static const struct passwd root_template = {
	.pw_name = "root",
	.pw_passwd = "x",
	.pw_uid = 0,
	.pw_gid = 0,
	.pw_gecos = "root",
	.pw_dir = "/",
	.pw_shell = "/bin/sh",
};

/* Refilled on every call, as a real lookup would, in case the caller
 * changed the fields of the last result. */
static struct passwd *root_entry(void)
{
	static struct passwd entry;

	entry = root_template;
	return &entry;
}

/* NULL with errno unchanged is POSIX's "no such user". */
struct passwd *getpwuid(uid_t uid)
{
	return uid == 0 ? root_entry() : NULL;
}

struct passwd *getpwnam(const char *name)
{
	return strcmp(name, root_template.pw_name) == 0 ? root_entry() : NULL;
}
