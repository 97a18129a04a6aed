/*
 * sys/param.h - old BSD system parameters and small helper macros, as
 * glibc provides them on Linux: the limits under their BSD names
 * (MAXPATHLEN = PATH_MAX, NOFILE = OPEN_MAX, ...), bit arrays (setbit,
 * isset, ...), rounding (howmany, roundup) and MIN/MAX.
 *
 * Beware: MIN and MAX evaluate their arguments twice.
 */
#ifndef _SYS_PARAM_H
#define _SYS_PARAM_H

#include <limits.h>
#include <signal.h>		/* NSIG, which BSD programs look for here */
#include <stddef.h>
#include <sys/types.h>

#define HZ 100			/* clock ticks per second (as times() counts) */
#define EXEC_PAGESIZE 4096

#define NBBY CHAR_BIT		/* bits per byte */
#define MAXPATHLEN PATH_MAX
#define MAXNAMLEN NAME_MAX
#define NOFILE OPEN_MAX		/* descriptors per process */
#define NCARGS ARG_MAX
#define NGROUPS NGROUPS_MAX
#define CANBSIZ MAX_CANON
#define MAXSYMLINKS 20		/* symbolic links followed in one path */
#define MAXHOSTNAMELEN HOST_NAME_MAX
#define NOGROUP 65535		/* marks an unused group-list entry */
#define NODEV ((dev_t)-1)	/* no device */
#define DEV_BSIZE 512		/* the unit of st_blocks */

/* Bit arrays of unsigned chars: bit i is bit i % 8 of byte i / 8. */
#define setbit(a, i) ((a)[(i) / NBBY] |= 1 << ((i) % NBBY))
#define clrbit(a, i) ((a)[(i) / NBBY] &= ~(1 << ((i) % NBBY)))
#define isset(a, i) ((a)[(i) / NBBY] & (1 << ((i) % NBBY)))
#define isclr(a, i) (((a)[(i) / NBBY] & (1 << ((i) % NBBY))) == 0)

/* How many y-sized pieces hold x; x rounded up to a multiple of y. */
#define howmany(x, y) (((x) + ((y) - 1)) / (y))
#define roundup(x, y) ((((x) + ((y) - 1)) / (y)) * (y))
#define powerof2(x) ((((x) - 1) & (x)) == 0)

#define MIN(a, b) (((a) < (b)) ? (a) : (b))
#define MAX(a, b) (((a) > (b)) ? (a) : (b))

#endif
