/*
 * libgen.h - the POSIX path-name pieces: dirname() and basename().
 *
 *   path            dirname   basename
 *   "/usr/lib"      "/usr"    "lib"
 *   "/usr/lib/"     "/usr"    "lib"
 *   "usr"           "."       "usr"
 *   "/"             "/"       "/"
 *   "" or NULL      "."       "."
 *
 * Both may write a NUL into path (to drop trailing slashes) and may
 * return either a pointer into path or a static string.
 *
 * <string.h> has a different, GNU basename (no trailing-slash handling).
 * As in glibc, the POSIX one here is really called __xpg_basename and
 * the macro below makes "basename" mean it.
 */
#ifndef _LIBGEN_H
#define _LIBGEN_H

char *dirname(char *path);
char *__xpg_basename(char *path);
#define basename __xpg_basename

#endif
