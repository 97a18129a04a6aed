/*
 * system.c - questions about the whole system (sysinfo, uname, sysconf,
 * getpagesize) and reboot().
 */
#include <errno.h>
#include <limits.h>
#include <sys/reboot.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <unistd.h>
#include "syscall_internal.h"

#define PAGE_SIZE 4096
#define LINUX_REBOOT_MAGIC1 0xfee1dead
#define LINUX_REBOOT_MAGIC2 672274793

int sysinfo(struct sysinfo *info)
{
	return __syscall_ret(__syscall1(SYS_sysinfo, (long)info));
}

int uname(struct utsname *name)
{
	return __syscall_ret(__syscall1(SYS_uname, (long)name));
}

int reboot(int cmd)
{
	return __syscall_ret(__syscall4(SYS_reboot, (long)LINUX_REBOOT_MAGIC1,
					LINUX_REBOOT_MAGIC2, cmd, 0));
}

int getpagesize(void)
{
	return PAGE_SIZE;
}

long sysconf(int name)
{
	switch (name) {
	case _SC_PAGESIZE:
		return PAGE_SIZE;
	case _SC_OPEN_MAX:
		return getdtablesize();		/* RLIMIT_NOFILE, as glibc */
	case _SC_ARG_MAX:
		return ARG_MAX;
	case _SC_CLK_TCK:
		return 100;
	case _SC_NGROUPS_MAX:
		return NGROUPS_MAX;
	case _SC_NPROCESSORS_CONF:
	case _SC_NPROCESSORS_ONLN:
		return 1;
	default:
		errno = EINVAL;
		return -1;
	}
}
