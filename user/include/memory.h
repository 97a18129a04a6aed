/*
 * memory.h - the old (pre-ANSI) home of memcpy() and friends; glibc keeps
 * it as another name of <string.h>.
 */
#include <string.h>
