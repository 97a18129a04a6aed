/*
 * sys/sysmacros.h - device numbers: major(), minor() and makedev().
 *
 * dev_t is 32 bits here, in Linux's encoding (the kernel's
 * new_encode_dev): the low 8 bits of the minor, then 12 bits of major,
 * then the upper 12 bits of the minor:
 *
 *     bit 31       20 19          8 7         0
 *        | minor hi  |    major    | minor lo |
 *
 * so devices with major and minor below 256 keep the old 8:8 layout.
 * glibc's 64-bit dev_t has more bits above these; they are 0 for every
 * number that fits in 32 bits.
 */
#ifndef _SYS_SYSMACROS_H
#define _SYS_SYSMACROS_H

#include <sys/types.h>

#define major(dev) ((unsigned int)(((dev) >> 8) & 0xfff))
#define minor(dev) ((unsigned int)(((dev) & 0xff) | (((dev) >> 12) & 0xfff00)))
#define makedev(maj, min) \
	((dev_t)((((maj) & 0xfffu) << 8) | ((min) & 0xffu) | \
		 (((min) & 0xfff00u) << 12)))

#endif
