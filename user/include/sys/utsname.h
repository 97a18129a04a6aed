/*
 * sys/utsname.h - the system's name and version, as uname(2) gives it.
 */
#ifndef _SYS_UTSNAME_H
#define _SYS_UTSNAME_H

#define UTSNAME_LENGTH 65

struct utsname {
	char sysname[UTSNAME_LENGTH];
	char nodename[UTSNAME_LENGTH];
	char release[UTSNAME_LENGTH];
	char version[UTSNAME_LENGTH];
	char machine[UTSNAME_LENGTH];
	char domainname[UTSNAME_LENGTH];
};

int uname(struct utsname *name);

#endif
