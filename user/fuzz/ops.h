/*
 * ops.h - the operations a worker picks from (the table is in ops.c).
 * An operation chooses a call and its arguments, makes it, checks the
 * result and keeps track of what the call made or undid (descriptors,
 * children, signal dispositions).
 */
#ifndef FUZZ_OPS_H
#define FUZZ_OPS_H

struct call {
	const char *name;	/* the operation's, for reports */
	long nr;		/* the system call */
	long arg[5];
	int df;			/* make it with the direction flag set */
	long ret;
};

/* Make the call as described, logging it first; returns call->ret. */
long call_make(struct call *call);

/* ops_files.c */
void op_read(struct call *call);
void op_write(struct call *call);
void op_open(struct call *call);
void op_close(struct call *call);
void op_creat(struct call *call);
void op_unlink(struct call *call);
void op_chdir(struct call *call);
void op_mknod(struct call *call);
void op_lseek(struct call *call);
void op_access(struct call *call);
void op_rename(struct call *call);
void op_mkdir(struct call *call);
void op_rmdir(struct call *call);
void op_truncate(struct call *call);
void op_ftruncate(struct call *call);
void op_stat(struct call *call);
void op_fstat(struct call *call);
void op_getdents(struct call *call);
void op_getcwd(struct call *call);

/* ops_fds.c */
void op_dup(struct call *call);
void op_dup2(struct call *call);
void op_dup3(struct call *call);
void op_pipe(struct call *call);
void op_pipe2(struct call *call);
void op_ioctl(struct call *call);
void op_fcntl(struct call *call);
void op_select(struct call *call);
void op_poll(struct call *call);
void op_ppoll(struct call *call);
void op_console(struct call *call);
void op_pipe_check(struct call *call);

/* ops_procs.c */
void op_sigaction(struct call *call);
void op_sigprocmask(struct call *call);
void op_sigpending(struct call *call);
void op_sigsuspend(struct call *call);
void op_pause(struct call *call);
void op_alarm(struct call *call);
void op_kill(struct call *call);
void op_wait(struct call *call);
void op_fork(struct call *call);
void op_ids(struct call *call);
void op_setpgid(struct call *call);
void op_exit(struct call *call);

/* ops_misc.c */
void op_umask(struct call *call);
void op_sysinfo(struct call *call);
void op_uname(struct call *call);
void op_nanosleep(struct call *call);
void op_time(struct call *call);
void op_yield(struct call *call);
void op_nosys(struct call *call);
void op_brk(struct call *call);

/* fault.c */
void op_probe(struct call *call);

#endif
