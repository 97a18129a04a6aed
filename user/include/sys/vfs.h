/*
 * sys/vfs.h - the older name of <sys/statfs.h>, which some programs use.
 */
#ifndef _SYS_VFS_H
#define _SYS_VFS_H

#include <sys/statfs.h>

#endif
