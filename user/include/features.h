/*
 * features.h - feature-test macros.
 *
 * A program may define _GNU_SOURCE, _POSIX_C_SOURCE, _XOPEN_SOURCE or
 * _DEFAULT_SOURCE before its first #include to ask for a set of
 * interfaces.  Conduit's headers always declare everything they have, so
 * these macros change nothing; this header only exists because programs
 * include it, and it fills in what the macros they defined imply, as
 * glibc does (_GNU_SOURCE implies all the others; with none at all, the
 * default is POSIX.1-2008).
 *
 * It deliberately does not define __GLIBC__: this is not glibc, and
 * programs that test __GLIBC__ should take their non-glibc path.
 */
#ifndef _FEATURES_H
#define _FEATURES_H

#ifdef _GNU_SOURCE
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE 1
#endif
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef _LARGEFILE64_SOURCE
#define _LARGEFILE64_SOURCE 1
#endif
#endif

#if !defined _DEFAULT_SOURCE && !defined _POSIX_SOURCE && \
	!defined _POSIX_C_SOURCE && !defined _XOPEN_SOURCE && \
	!defined __STRICT_ANSI__
#define _DEFAULT_SOURCE 1
#endif

#ifdef _DEFAULT_SOURCE
#ifndef _POSIX_SOURCE
#define _POSIX_SOURCE 1
#endif
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#endif

#endif
