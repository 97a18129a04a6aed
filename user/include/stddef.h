/*
 * stddef.h - the basic types every other header builds on (size_t,
 * ptrdiff_t, NULL, offsetof).  Sizes are those of i386: 32-bit int,
 * long and pointers.
 */
#ifndef _STDDEF_H
#define _STDDEF_H

typedef unsigned int size_t;
typedef int ptrdiff_t;
typedef long wchar_t;

typedef struct {
	long long ll_align __attribute__((aligned(__alignof__(long long))));
	long double ld_align __attribute__((aligned(__alignof__(long double))));
} max_align_t;

#define NULL ((void *)0)

#define offsetof(type, member) __builtin_offsetof(type, member)

#endif
