/*
 * syscall.h - the system-call table and every sys_* handler.
 *
 * Handlers take their arguments as the registers gave them (ebx, ecx,
 * edx, esi, edi, ebp, in that order) and return a value or -errno.
 */
#ifndef KERNEL_SYSCALL_H
#define KERNEL_SYSCALL_H

#include "lib/types.h"
#include "mm/uaccess.h"

struct trapframe;

#define NR_RESTART_SYSCALL 0	/* Linux's __NR_restart_syscall */

void syscall_entry(struct trapframe *tf);
void return_to_user(struct trapframe *tf);
void syscall_set_trace(const char *spec);

long sys_exit(long code) __noreturn;
long sys_exit_group(long code) __noreturn;
long sys_fork(void);
long sys_read(int fd, uaddr_t buf, size_t n);
long sys_write(int fd, uaddr_t buf, size_t n);
long sys_open(uaddr_t path, uint32_t flags, uint32_t mode);
long sys_close(int fd);
long sys_waitpid(pid_t pid, uaddr_t status, int options);
long sys_wait4(pid_t pid, uaddr_t status, int options, uaddr_t rusage);
long sys_execve(uaddr_t path, uaddr_t argv, uaddr_t envp);
long sys_chdir(uaddr_t path);
long sys_time(uaddr_t t);
long sys_lseek(int fd, off_t off, int whence);
long sys_getpid(void);
long sys_getppid(void);
long sys_access(uaddr_t path, int mode);
long sys_kill(pid_t pid, int sig);
long sys_dup(int fd);
long sys_brk(uint32_t addr);
long sys_ioctl(int fd, uint32_t cmd, uaddr_t arg);
long sys_gettimeofday(uaddr_t tv, uaddr_t tz);
long sys_stat(uaddr_t path, uaddr_t st);
long sys_lstat(uaddr_t path, uaddr_t st);
long sys_fstat(int fd, uaddr_t st);
long sys_sysinfo(uaddr_t info);
long sys_uname(uaddr_t buf);
long sys_sched_yield(void);
long sys_sched_setaffinity(pid_t pid, uint32_t len, uaddr_t umask);
long sys_sched_getaffinity(pid_t pid, uint32_t len, uaddr_t umask);
long sys_getcpu(uaddr_t ucpu, uaddr_t unode, uaddr_t tcache);
long sys_nanosleep(uaddr_t req, uaddr_t rem);
long sys_getcwd(uaddr_t buf, size_t size);
long sys_getdents64(int fd, uaddr_t buf, size_t n);
long sys_clock_gettime(int clock, uaddr_t ts);
long sys_clock_getres(int clock, uaddr_t ts);
long sys_clock_nanosleep(int clock, uint32_t flags, uaddr_t req, uaddr_t rem);
long sys_restart_syscall(void);
long sys_times(uaddr_t buf);
long sys_getrusage(int who, uaddr_t ru);
long sys_reboot(uint32_t magic1, uint32_t magic2, uint32_t cmd);
long sys_alarm(uint32_t seconds);
long sys_setitimer(int which, uaddr_t unew, uaddr_t uold);
long sys_getitimer(int which, uaddr_t ucurr);
long sys_pause(void);
long sys_tkill(pid_t tid, int sig);
long sys_tgkill(pid_t tgid, pid_t tid, int sig);
long sys_rt_sigreturn(void);
long sys_rt_sigaction(int sig, uaddr_t act, uaddr_t old, size_t setsize);
long sys_rt_sigprocmask(int how, uaddr_t set, uaddr_t old, size_t setsize);
long sys_rt_sigpending(uaddr_t set, size_t setsize);
long sys_rt_sigsuspend(uaddr_t mask, size_t setsize);
long sys_pipe(uaddr_t fds);
long sys_pipe2(uaddr_t fds, uint32_t flags);
long sys_dup2(int oldfd, int newfd);
long sys_dup3(int oldfd, int newfd, uint32_t flags);
long sys_fcntl(int fd, int cmd, uint32_t arg);
long sys_setpgid(pid_t pid, pid_t pgid);
long sys_getpgid(pid_t pid);
long sys_getpgrp(void);
long sys_setsid(void);
long sys_getsid(pid_t pid);
long sys_creat(uaddr_t path, uint32_t mode);
long sys_unlink(uaddr_t path);
long sys_mknod(uaddr_t path, uint32_t mode, uint32_t dev);
long sys_rename(uaddr_t from, uaddr_t to);
long sys_mkdir(uaddr_t path, uint32_t mode);
long sys_rmdir(uaddr_t path);
long sys_umask(uint32_t mask);
long sys_getuid(void);
long sys_setuid(uint32_t uid);
long sys_poll(uaddr_t fds, uint32_t nfds, int32_t timeout_ms);
long sys_ppoll(uaddr_t fds, uint32_t nfds, uaddr_t ts, uaddr_t mask, size_t setsize);
long sys_select(int nfds, uaddr_t in, uaddr_t out, uaddr_t ex, uaddr_t tv);
long sys_old_select(uaddr_t args);
long sys_pselect6(int nfds, uaddr_t in, uaddr_t out, uaddr_t ex, uaddr_t ts,
		  uaddr_t sigdata);
long sys_truncate(uaddr_t path, off_t len);
long sys_ftruncate(int fd, off_t len);
long sys_statfs(uaddr_t path, uaddr_t buf);
long sys_fstatfs(int fd, uaddr_t buf);
long sys_statfs64(uaddr_t path, size_t size, uaddr_t buf);
long sys_fstatfs64(int fd, size_t size, uaddr_t buf);
long sys_readv(int fd, uaddr_t iov, int count);
long sys_writev(int fd, uaddr_t iov, int count);
long sys_getrlimit(uint32_t resource, uaddr_t rlim);
long sys_ugetrlimit(uint32_t resource, uaddr_t rlim);
long sys_setrlimit(uint32_t resource, uaddr_t rlim);
long sys_prlimit64(pid_t pid, uint32_t resource, uaddr_t new_rlim, uaddr_t old_rlim);
long sys_chmod(uaddr_t path, uint32_t mode);
long sys_fchmod(int fd, uint32_t mode);
long sys_fchmodat(int dirfd, uaddr_t path, uint32_t mode);
long sys_chown16(uaddr_t path, uint32_t uid, uint32_t gid);
long sys_fchown16(int fd, uint32_t uid, uint32_t gid);
long sys_chown32(uaddr_t path, uint32_t uid, uint32_t gid);
long sys_fchown32(int fd, uint32_t uid, uint32_t gid);

#endif
