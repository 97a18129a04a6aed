/*
 * sys/syscall.h - Linux i386 system-call numbers, for use with syscall().
 * Only the calls Conduit implements (or may) are listed.
 */
#ifndef _SYS_SYSCALL_H
#define _SYS_SYSCALL_H

#define SYS_exit 1
#define SYS_fork 2
#define SYS_read 3
#define SYS_write 4
#define SYS_open 5
#define SYS_close 6
#define SYS_waitpid 7
#define SYS_link 9
#define SYS_unlink 10
#define SYS_execve 11
#define SYS_chdir 12
#define SYS_time 13
#define SYS_mknod 14
#define SYS_chmod 15
#define SYS_lseek 19
#define SYS_getpid 20
#define SYS_getuid 24
#define SYS_alarm 27
#define SYS_pause 29
#define SYS_access 33
#define SYS_kill 37
#define SYS_rename 38
#define SYS_mkdir 39
#define SYS_rmdir 40
#define SYS_dup 41
#define SYS_pipe 42
#define SYS_brk 45
#define SYS_getgid 47
#define SYS_signal 48
#define SYS_geteuid 49
#define SYS_getegid 50
#define SYS_ioctl 54
#define SYS_fcntl 55
#define SYS_setpgid 57
#define SYS_umask 60
#define SYS_dup2 63
#define SYS_getppid 64
#define SYS_getpgrp 65
#define SYS_setsid 66
#define SYS_sigaction 67
#define SYS_gettimeofday 78
#define SYS_symlink 83
#define SYS_readlink 85
#define SYS_reboot 88
#define SYS_truncate 92
#define SYS_ftruncate 93
#define SYS_fchmod 94
#define SYS_statfs 99
#define SYS_fstatfs 100
#define SYS_setitimer 104
#define SYS_getitimer 105
#define SYS_stat 106
#define SYS_lstat 107
#define SYS_fstat 108
#define SYS_wait4 114
#define SYS_sysinfo 116
#define SYS_fsync 118
#define SYS_sigreturn 119
#define SYS_uname 122
#define SYS_getpgid 132
#define SYS__llseek 140
#define SYS__newselect 142
#define SYS_sched_yield 158
#define SYS_nanosleep 162
#define SYS_poll 168
#define SYS_rt_sigreturn 173
#define SYS_rt_sigaction 174
#define SYS_rt_sigprocmask 175
#define SYS_rt_sigpending 176
#define SYS_rt_sigsuspend 179
#define SYS_getcwd 183
#define SYS_vfork 190
#define SYS_getdents64 220
#define SYS_fcntl64 221
#define SYS_exit_group 252
#define SYS_clock_gettime 265
#define SYS_clock_getres 266
#define SYS_statfs64 268
#define SYS_fstatfs64 269
#define SYS_pselect6 308
#define SYS_ppoll 309
#define SYS_dup3 330
#define SYS_pipe2 331

#endif
