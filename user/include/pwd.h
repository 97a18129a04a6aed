/*
 * pwd.h - the user database.
 *
 * Conduit has one user, root (uid 0, gid 0), and no /etc/passwd: the
 * lookups answer from a built-in entry.  They return a pointer to static
 * storage, or NULL (errno unchanged) for any other user.
 */
#ifndef _PWD_H
#define _PWD_H

#include <sys/types.h>

struct passwd {
	char *pw_name;		/* login name */
	char *pw_passwd;	/* encrypted password ("x": none stored) */
	uid_t pw_uid;
	gid_t pw_gid;
	char *pw_gecos;		/* real name */
	char *pw_dir;		/* home directory */
	char *pw_shell;		/* login shell */
};

struct passwd *getpwuid(uid_t uid);
struct passwd *getpwnam(const char *name);

#endif
