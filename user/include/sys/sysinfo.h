/*
 * sys/sysinfo.h - overall system statistics (Linux i386 layout, 64 bytes).
 * Memory sizes are in units of mem_unit bytes.
 */
#ifndef _SYS_SYSINFO_H
#define _SYS_SYSINFO_H

struct sysinfo {
	long uptime;			/* seconds since boot */
	unsigned long loads[3];		/* 1, 5, 15 minute loads, << 16 */
	unsigned long totalram;
	unsigned long freeram;
	unsigned long sharedram;
	unsigned long bufferram;
	unsigned long totalswap;
	unsigned long freeswap;
	unsigned short procs;		/* number of processes */
	unsigned short pad;
	unsigned long totalhigh;
	unsigned long freehigh;
	unsigned int mem_unit;
	char reserved[8];		/* pads the struct to 64 bytes */
};

int sysinfo(struct sysinfo *info);

#endif
