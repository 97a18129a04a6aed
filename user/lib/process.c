/*
 * process.c - process identity and lifetime: fork, _exit, ids, process
 * groups and sessions, and sending signals.
 */
#include <signal.h>
#include <unistd.h>
#include "syscall_internal.h"

pid_t fork(void)
{
	return __syscall_ret(__syscall0(SYS_fork));
}

/* Leave at once: no atexit handlers, no stdio flushing (that is exit()). */
void _exit(int status)
{
	for (;;)
		__syscall1(SYS_exit_group, status);
}

pid_t getpid(void)
{
	return __syscall0(SYS_getpid);
}

pid_t getppid(void)
{
	return __syscall0(SYS_getppid);
}

uid_t getuid(void)
{
	return __syscall0(SYS_getuid);
}

uid_t geteuid(void)
{
	return __syscall0(SYS_geteuid);
}

gid_t getgid(void)
{
	return __syscall0(SYS_getgid);
}

gid_t getegid(void)
{
	return __syscall0(SYS_getegid);
}

int setpgid(pid_t pid, pid_t pgid)
{
	return __syscall_ret(__syscall2(SYS_setpgid, pid, pgid));
}

pid_t getpgrp(void)
{
	return __syscall0(SYS_getpgrp);
}

pid_t getpgid(pid_t pid)
{
	return __syscall_ret(__syscall1(SYS_getpgid, pid));
}

/* The System V setpgrp(): make the caller the leader of a new group. */
int setpgrp(void)
{
	return setpgid(0, 0);
}

pid_t setsid(void)
{
	return __syscall_ret(__syscall0(SYS_setsid));
}

/* The session of pid (0: the caller), i.e. the pid of its leader. */
pid_t getsid(pid_t pid)
{
	return __syscall_ret(__syscall1(SYS_getsid, pid));
}

int kill(pid_t pid, int sig)
{
	return __syscall_ret(__syscall2(SYS_kill, pid, sig));
}

/* A negative pid sends to the whole process group. */
int killpg(pid_t pgrp, int sig)
{
	return kill(-pgrp, sig);
}

int raise(int sig)
{
	return kill(getpid(), sig);
}
