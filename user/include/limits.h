/*
 * limits.h - ranges of the integer types on i386, plus the Linux limits
 * on paths, pipes, open files and terminal lines that programs size
 * buffers by.  Limits that depend on the file (like the number of links)
 * are not here: pathconf() gives them.
 */
#ifndef _LIMITS_H
#define _LIMITS_H

#define CHAR_BIT 8
#define SCHAR_MIN (-128)
#define SCHAR_MAX 127
#define UCHAR_MAX 255
#define CHAR_MIN SCHAR_MIN	/* char is signed on i386 */
#define CHAR_MAX SCHAR_MAX
#define MB_LEN_MAX 1

#define SHRT_MIN (-32768)
#define SHRT_MAX 32767
#define USHRT_MAX 65535

#define INT_MIN (-2147483647 - 1)
#define INT_MAX 2147483647
#define UINT_MAX 4294967295U

#define LONG_MIN (-2147483647L - 1)
#define LONG_MAX 2147483647L
#define ULONG_MAX 4294967295UL

#define LLONG_MIN (-9223372036854775807LL - 1)
#define LLONG_MAX 9223372036854775807LL
#define ULLONG_MAX 18446744073709551615ULL

#define SSIZE_MAX INT_MAX

#define PIPE_BUF 4096		/* writes up to this size are atomic */
#define PATH_MAX 4096		/* longest path, including the NUL */
#define NAME_MAX 255		/* longest file name component */
#define OPEN_MAX 256		/* file descriptors per process */
#define ARG_MAX 131072		/* bytes of argv + envp for execve */
#define NGROUPS_MAX 65536
#define LINE_MAX 2048
#define MAX_CANON 255		/* a terminal line holds at least this */
#define MAX_INPUT 255
#define HOST_NAME_MAX 64
#define IOV_MAX 1024		/* struct iovec entries per readv/writev */

#endif
