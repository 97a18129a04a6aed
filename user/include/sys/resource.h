/*
 * sys/resource.h - resource limits (getrlimit/setrlimit) and resource
 * usage (getrusage).  Numbers and layouts are Linux i386's.
 *
 * A limit has a soft value (rlim_cur), which the kernel enforces, and a
 * hard value (rlim_max), the ceiling an unprivileged process may raise
 * its soft value to.  RLIM_INFINITY means "no limit".
 */
#ifndef _SYS_RESOURCE_H
#define _SYS_RESOURCE_H

#include <sys/time.h>		/* struct timeval */
#include <sys/types.h>

typedef unsigned long rlim_t;

#define RLIM_INFINITY (~0UL)
#define RLIM_SAVED_MAX RLIM_INFINITY
#define RLIM_SAVED_CUR RLIM_INFINITY

struct rlimit {
	rlim_t rlim_cur;	/* soft limit */
	rlim_t rlim_max;	/* hard limit */
};

#define RLIMIT_CPU 0		/* CPU time in seconds */
#define RLIMIT_FSIZE 1		/* largest file size */
#define RLIMIT_DATA 2		/* data segment (heap) size */
#define RLIMIT_STACK 3		/* stack size */
#define RLIMIT_CORE 4		/* core file size */
#define RLIMIT_RSS 5		/* resident set size */
#define RLIMIT_NPROC 6		/* processes of this user */
#define RLIMIT_NOFILE 7		/* open files: one more than the highest fd */
#define RLIMIT_MEMLOCK 8	/* locked-in-memory bytes */
#define RLIMIT_AS 9		/* address space size */
#define RLIMIT_LOCKS 10		/* file locks */
#define RLIMIT_SIGPENDING 11	/* queued signals */
#define RLIMIT_MSGQUEUE 12	/* bytes in POSIX message queues */
#define RLIMIT_NICE 13		/* ceiling for the nice value */
#define RLIMIT_RTPRIO 14	/* ceiling for the real-time priority */
#define RLIMIT_RTTIME 15	/* real-time CPU time, microseconds */
#define RLIMIT_NLIMITS 16
#define RLIM_NLIMITS RLIMIT_NLIMITS

/* getrusage() targets */
#define RUSAGE_SELF 0
#define RUSAGE_CHILDREN (-1)	/* the children that have been waited for */
#define RUSAGE_THREAD 1

/* 72 bytes.  Linux fills only some fields; the rest are 0. */
struct rusage {
	struct timeval ru_utime;	/* user CPU time */
	struct timeval ru_stime;	/* system CPU time */
	long ru_maxrss;			/* largest resident set, KiB */
	long ru_ixrss;
	long ru_idrss;
	long ru_isrss;
	long ru_minflt;			/* page faults without I/O */
	long ru_majflt;			/* page faults with I/O */
	long ru_nswap;
	long ru_inblock;		/* blocks read by the file system */
	long ru_oublock;		/* blocks written */
	long ru_msgsnd;
	long ru_msgrcv;
	long ru_nsignals;
	long ru_nvcsw;			/* voluntary context switches */
	long ru_nivcsw;			/* involuntary context switches */
};

int getrlimit(int resource, struct rlimit *rlim);
int setrlimit(int resource, const struct rlimit *rlim);
int getrusage(int who, struct rusage *usage);

#endif
