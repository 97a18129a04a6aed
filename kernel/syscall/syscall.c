/*
 * syscall.c - the system-call entry: from `int $0x80` to a sys_* handler,
 * and the way back out to user mode.
 *
 * Conduit follows the Linux i386 ABI so that programs and man pages carry
 * over: the call number in eax, arguments in ebx, ecx, edx, esi, edi, ebp,
 * the result in eax, and errors as -errno (-4095..-1).  Unknown numbers
 * give -ENOSYS.
 *
 * The path: trapentry.S saves the registers as a struct trapframe and
 * calls syscall_entry(), which looks the number up in `syscalls` and calls
 * the handler (sys_write in fs/sys_fd.c, say), then return_to_user().
 * That last step is a scheduling point, and where signals are delivered:
 * interrupts and exceptions from user mode (trap.c) leave through it too.
 *
 * Interrupted calls.  A handler that slept and was woken by a signal
 * before doing anything returns -ERESTARTSYS (the sleep gives it that
 * code; nobody converts it).  Whether the program then sees EINTR or the
 * call runs again is decided in one place, signal.c, from the handler's
 * SA_RESTART flag and this table's NO_RESTART mark
 * (for calls that POSIX says must fail with EINTR after any handler:
 * pause, sigsuspend, the sleeps, poll and select).  A call may also leave
 * a restart block, so that its restart (restart_syscall, number 0) goes
 * on where it stopped; a block belongs to the call that just ran, so the
 * entry clears it for every other call.
 *
 * CPU time: entering from user mode and leaving back to it are where
 * cputime.c charges user and system time.
 *
 * Each table entry has the handler, its name and an argument format for
 * the system-call tracer (trace.c, switched on by `trace=` on the kernel
 * command line): one letter per argument, d = signed, u = unsigned,
 * x = hex, o = octal, p = pointer, s = user string, b = user buffer whose
 * length is the next argument; then, optionally, '=' and the letter of the
 * result (default d: decimal, and errors by name), e.g. brk's "x=p".
 */
#include "syscall/syscall.h"
#include "lib/errno.h"
#include "lib/lib.h"
#include "proc/proc.h"
#include "fs/fs.h"
#include "syscall/trace.h"
#include "arch/trap.h"
#include "time/cputime.h"
#include "arch/x86.h"

typedef void (*syscall_fn)(void);	/* the type GCC lets us cast through */
typedef long (*syscall_call)(uint32_t, uint32_t, uint32_t, uint32_t,
			     uint32_t, uint32_t);

struct syscall_desc {
	syscall_fn fn;
	const char *name;
	const char *args;
	uint32_t flags;
};

/* flags: EINTR after any signal handler, even with SA_RESTART (signal.c). */
#define NO_RESTART 1
/* flags: runs holding the file-tree lock (fs.c), for calls on names that
 * never sleep; open, which may wait for a FIFO's partner, locks itself. */
#define FS_LOCKED 2

#define NR_SYSCALLS 400
#define NR_RT_SIGRETURN 173

static const struct syscall_desc syscalls[NR_SYSCALLS] = {
	[NR_RESTART_SYSCALL] = { (syscall_fn)sys_restart_syscall, "restart_syscall", "", NO_RESTART },
	[1] = { (syscall_fn)sys_exit, "exit", "d" },
	[2] = { (syscall_fn)sys_fork, "fork", "" },
	[3] = { (syscall_fn)sys_read, "read", "dpu" },
	[4] = { (syscall_fn)sys_write, "write", "dbu" },
	[5] = { (syscall_fn)sys_open, "open", "sxo" },
	[6] = { (syscall_fn)sys_close, "close", "d" },
	[7] = { (syscall_fn)sys_waitpid, "waitpid", "dpx" },
	[11] = { (syscall_fn)sys_execve, "execve", "spp" },
	[12] = { (syscall_fn)sys_chdir, "chdir", "s", FS_LOCKED },
	[13] = { (syscall_fn)sys_time, "time", "p" },
	[19] = { (syscall_fn)sys_lseek, "lseek", "ddd" },
	[20] = { (syscall_fn)sys_getpid, "getpid", "" },
	[33] = { (syscall_fn)sys_access, "access", "sd", FS_LOCKED },
	[37] = { (syscall_fn)sys_kill, "kill", "dd" },
	[41] = { (syscall_fn)sys_dup, "dup", "d" },
	[45] = { (syscall_fn)sys_brk, "brk", "x=p" },
	[54] = { (syscall_fn)sys_ioctl, "ioctl", "dxp" },
	[64] = { (syscall_fn)sys_getppid, "getppid", "" },
	[78] = { (syscall_fn)sys_gettimeofday, "gettimeofday", "pp" },
	[88] = { (syscall_fn)sys_reboot, "reboot", "xxx" },
	[106] = { (syscall_fn)sys_stat, "stat", "sp", FS_LOCKED },
	[107] = { (syscall_fn)sys_lstat, "lstat", "sp", FS_LOCKED },
	[108] = { (syscall_fn)sys_fstat, "fstat", "dp" },
	[114] = { (syscall_fn)sys_wait4, "wait4", "dpxp" },
	[116] = { (syscall_fn)sys_sysinfo, "sysinfo", "p" },
	[122] = { (syscall_fn)sys_uname, "uname", "p" },
	[158] = { (syscall_fn)sys_sched_yield, "sched_yield", "" },
	[241] = { (syscall_fn)sys_sched_setaffinity, "sched_setaffinity", "dup" },
	[242] = { (syscall_fn)sys_sched_getaffinity, "sched_getaffinity", "dup" },
	[318] = { (syscall_fn)sys_getcpu, "getcpu", "ppp" },
	[162] = { (syscall_fn)sys_nanosleep, "nanosleep", "pp", NO_RESTART },
	[183] = { (syscall_fn)sys_getcwd, "getcwd", "pu", FS_LOCKED },
	[220] = { (syscall_fn)sys_getdents64, "getdents64", "dpu" },
	[252] = { (syscall_fn)sys_exit_group, "exit_group", "d" },
	[265] = { (syscall_fn)sys_clock_gettime, "clock_gettime", "dp" },
	[266] = { (syscall_fn)sys_clock_getres, "clock_getres", "dp" },
	[267] = { (syscall_fn)sys_clock_nanosleep, "clock_nanosleep", "dxpp", NO_RESTART },
	[43] = { (syscall_fn)sys_times, "times", "p" },
	[77] = { (syscall_fn)sys_getrusage, "getrusage", "dp" },
	[27] = { (syscall_fn)sys_alarm, "alarm", "u" },
	[104] = { (syscall_fn)sys_setitimer, "setitimer", "dpp" },
	[105] = { (syscall_fn)sys_getitimer, "getitimer", "dp" },
	[8] = { (syscall_fn)sys_creat, "creat", "so" },
	[23] = { (syscall_fn)sys_setuid, "setuid", "u" },
	[24] = { (syscall_fn)sys_getuid, "getuid", "" },
	[46] = { (syscall_fn)sys_setuid, "setgid", "u" },
	[47] = { (syscall_fn)sys_getuid, "getgid", "" },
	[49] = { (syscall_fn)sys_getuid, "geteuid", "" },
	[50] = { (syscall_fn)sys_getuid, "getegid", "" },
	[199] = { (syscall_fn)sys_getuid, "getuid32", "" },
	[200] = { (syscall_fn)sys_getuid, "getgid32", "" },
	[201] = { (syscall_fn)sys_getuid, "geteuid32", "" },
	[202] = { (syscall_fn)sys_getuid, "getegid32", "" },
	[213] = { (syscall_fn)sys_setuid, "setuid32", "u" },
	[214] = { (syscall_fn)sys_setuid, "setgid32", "u" },
	[142] = { (syscall_fn)sys_select, "_newselect", "dpppp", NO_RESTART },
	[82] = { (syscall_fn)sys_old_select, "select", "p", NO_RESTART },
	[308] = { (syscall_fn)sys_pselect6, "pselect6", "dppppp", NO_RESTART },
	[168] = { (syscall_fn)sys_poll, "poll", "pud", NO_RESTART },
	[309] = { (syscall_fn)sys_ppoll, "ppoll", "puppu", NO_RESTART },
	[10] = { (syscall_fn)sys_unlink, "unlink", "s", FS_LOCKED },
	[14] = { (syscall_fn)sys_mknod, "mknod", "sox", FS_LOCKED },
	[38] = { (syscall_fn)sys_rename, "rename", "ss", FS_LOCKED },
	[39] = { (syscall_fn)sys_mkdir, "mkdir", "so", FS_LOCKED },
	[40] = { (syscall_fn)sys_rmdir, "rmdir", "s", FS_LOCKED },
	[60] = { (syscall_fn)sys_umask, "umask", "o=o" },
	[92] = { (syscall_fn)sys_truncate, "truncate", "sd", FS_LOCKED },
	[93] = { (syscall_fn)sys_ftruncate, "ftruncate", "dd", FS_LOCKED },
	[99] = { (syscall_fn)sys_statfs, "statfs", "sp", FS_LOCKED },
	[100] = { (syscall_fn)sys_fstatfs, "fstatfs", "dp", FS_LOCKED },
	[268] = { (syscall_fn)sys_statfs64, "statfs64", "sup", FS_LOCKED },
	[269] = { (syscall_fn)sys_fstatfs64, "fstatfs64", "dup", FS_LOCKED },
	[29] = { (syscall_fn)sys_pause, "pause", "", NO_RESTART },
	[42] = { (syscall_fn)sys_pipe, "pipe", "p" },
	[55] = { (syscall_fn)sys_fcntl, "fcntl", "ddx" },
	[57] = { (syscall_fn)sys_setpgid, "setpgid", "dd" },
	[63] = { (syscall_fn)sys_dup2, "dup2", "dd" },
	[65] = { (syscall_fn)sys_getpgrp, "getpgrp", "" },
	[66] = { (syscall_fn)sys_setsid, "setsid", "" },
	[132] = { (syscall_fn)sys_getpgid, "getpgid", "d" },
	[147] = { (syscall_fn)sys_getsid, "getsid", "d" },
	[173] = { (syscall_fn)sys_rt_sigreturn, "rt_sigreturn", "" },
	[174] = { (syscall_fn)sys_rt_sigaction, "rt_sigaction", "dppu" },
	[175] = { (syscall_fn)sys_rt_sigprocmask, "rt_sigprocmask", "dppu" },
	[176] = { (syscall_fn)sys_rt_sigpending, "rt_sigpending", "pu" },
	[179] = { (syscall_fn)sys_rt_sigsuspend, "rt_sigsuspend", "pu", NO_RESTART },
	[221] = { (syscall_fn)sys_fcntl, "fcntl64", "ddx" },
	[238] = { (syscall_fn)sys_tkill, "tkill", "dd" },
	[270] = { (syscall_fn)sys_tgkill, "tgkill", "ddd" },
	[330] = { (syscall_fn)sys_dup3, "dup3", "ddx" },
	[331] = { (syscall_fn)sys_pipe2, "pipe2", "px" },
	[145] = { (syscall_fn)sys_readv, "readv", "dpd" },
	[146] = { (syscall_fn)sys_writev, "writev", "dpd" },
	[75] = { (syscall_fn)sys_setrlimit, "setrlimit", "up" },
	[76] = { (syscall_fn)sys_getrlimit, "getrlimit", "up" },
	[191] = { (syscall_fn)sys_ugetrlimit, "ugetrlimit", "up" },
	[340] = { (syscall_fn)sys_prlimit64, "prlimit64", "dupp" },
	[15] = { (syscall_fn)sys_chmod, "chmod", "so", FS_LOCKED },
	[94] = { (syscall_fn)sys_fchmod, "fchmod", "do", FS_LOCKED },
	[306] = { (syscall_fn)sys_fchmodat, "fchmodat", "dso", FS_LOCKED },
	[16] = { (syscall_fn)sys_chown16, "lchown", "sdd", FS_LOCKED },
	[95] = { (syscall_fn)sys_fchown16, "fchown", "ddd", FS_LOCKED },
	[182] = { (syscall_fn)sys_chown16, "chown", "sdd", FS_LOCKED },
	[198] = { (syscall_fn)sys_chown32, "lchown32", "sdd", FS_LOCKED },
	[207] = { (syscall_fn)sys_fchown32, "fchown32", "ddd", FS_LOCKED },
	[212] = { (syscall_fn)sys_chown32, "chown32", "sdd", FS_LOCKED },
};

static bool trace_all;
static uint8_t trace_on[NR_SYSCALLS];	/* 1: print this call */

/* Switches tracing on for the call named name[0..len), or for all. */
static bool syscall_trace_name(const char *name, size_t len)
{
	bool found = false;

	if (len == 3 && strncmp(name, "all", 3) == 0) {
		trace_all = true;
		return true;
	}
	for (int nr = 0; nr < NR_SYSCALLS; nr++)
		if (syscalls[nr].name && strlen(syscalls[nr].name) == len &&
		    strncmp(syscalls[nr].name, name, len) == 0) {
			trace_on[nr] = 1;
			found = true;	/* several numbers may share a name */
		}
	return found;
}

/*
 * trace=all, or trace=read,write,... (from the kernel command line).  A
 * name that is no system call is reported, so a typo does not leave the
 * tracer silently off.
 */
void syscall_set_trace(const char *spec)
{
	for (const char *p = spec; *p; ) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		char bad[32];

		if (len && !syscall_trace_name(p, len)) {
			strlcpy(bad, p, min_u32(len + 1, sizeof(bad)));
			printk("trace: no system call is named '%s' (ignored)\n", bad);
		}
		p += len + (end != NULL);
	}
}

static long syscall_call_desc(const struct syscall_desc *d, const uint32_t *args)
{
	long ret;

	if (d->flags & FS_LOCKED)
		fs_lock();
	ret = ((syscall_call)d->fn)(args[0], args[1], args[2], args[3],
				    args[4], args[5]);
	if (d->flags & FS_LOCKED)
		fs_unlock();
	return ret;
}

/*
 * The traced path is kept out of the common one: it needs a line buffer.
 * An empty slot, like a number past the table, is traced as unknown(nr).
 */
static long syscall_traced(uint32_t nr, const struct syscall_desc *d,
			   const uint32_t *args)
{
	char line[TRACE_LINE_MAX];
	long ret;

	if (d && !d->fn)
		d = NULL;
	trace_enter(nr, d ? d->name : NULL, d ? d->args : NULL, args, line,
		    sizeof(line));
	ret = d ? syscall_call_desc(d, args) : -ENOSYS;
	trace_exit(line, d ? d->args : NULL, ret);
	return ret;
}

static void syscall_dispatch(struct trapframe *tf)
{
	uint32_t nr = tf->eax;
	const struct syscall_desc *d = nr < NR_SYSCALLS ? &syscalls[nr] : NULL;
	uint32_t args[6] = { tf->ebx, tf->ecx, tf->edx, tf->esi, tf->edi, tf->ebp };
	long ret;

	if (nr != NR_RESTART_SYSCALL)
		current->restart.fn = NULL;	/* only the last call's block counts */
	if ((trace_all || (d && trace_on[nr])) && current->pid != 0)
		ret = syscall_traced(nr, d, args);
	else if (!d || !d->fn)
		ret = -ENOSYS;
	else
		ret = syscall_call_desc(d, args);
	/* Interrupted before doing anything: signal.c decides EINTR or restart.
	 * (rt_sigreturn's result is the restored eax, not an error.) */
	current->restart_nr = ret == -ERESTARTSYS && nr != NR_RT_SIGRETURN ?
			      (int)nr : -1;
	current->restart_nohand = d && (d->flags & NO_RESTART);
	tf->eax = ret;
}

/*
 * The way back to user mode, after a system call, an interrupt or an
 * exception from user mode: a scheduling point (the time slice may be
 * over), then signal delivery, one signal at a time, then the restart of
 * an interrupted call that no handler took over (signal.c).
 */
void return_to_user(struct trapframe *tf)
{
	for (;;) {
		sched_yield_if_needed();
		/* The last look is with interrupts off: a signal sent after it
		 * comes with an IPI (sched_signal_wake) that stays pending until
		 * the iret to user mode, and brings us straight back. */
		cli();
		if (!current->need_resched && !signal_pending(current))
			break;
		sti();
		if (signal_pending(current))
			signal_deliver(tf);
	}
	signal_finish_syscall(tf);
	cputime_leave_kernel();
}

/* int $0x80 lands here, from trapentry.S. */
void syscall_entry(struct trapframe *tf)
{
	cputime_enter_kernel();
	syscall_dispatch(tf);
	return_to_user(tf);
}
