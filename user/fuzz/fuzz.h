/*
 * fuzz.h - what the files of the system-call fuzzer (/bin/fuzz) share.
 *
 * fuzz - a system-call fuzzer: random calls with random and edge-case
 * arguments, from several processes at once, then a leak check.
 *
 *   fuzz [OPTIONS]                 a random seed, the default number of rounds
 *   fuzz [OPTIONS] SEED N          replay: N rounds from SEED
 *   fuzz [OPTIONS] -t SECONDS [SEED]   run for (at least) SECONDS
 *
 * Options: -w WORKERS (default 4), -v (log every call before making it:
 * slow, but the last line before a panic names the culprit), -D (no calls
 * with the direction flag set), -o W.G (run only worker W's generation G,
 * to replay one stream alone).
 *
 * A round is one call in each worker.  Every worker runs its own stream
 * of calls, cut into generations of GEN_OPS calls: generation G of worker
 * W is a fresh process seeded from (SEED, W, G), so `fuzz SEED N` replays
 * the same calls in every stream (the interleaving of the streams is up to
 * the scheduler).  In -t mode new generations start until time is up.
 *
 * What a worker does, GEN_OPS times: pick a call and arguments from
 *   - descriptors: its open pipes, files, FIFOs and directories, closed
 *     ones, and -1, 255, 256, 1024, INT_MAX, INT_MIN ...
 *   - pointers: its scratch buffer, NULL, 1, page 0, 0xBFFFFFFF,
 *     0xC0000000, kernel text, kernel stacks, 0xFFFFFFFF, buffers that
 *     straddle the end of the heap or of user space, the dead top of the
 *     stack, far below the stack, its own read-only code (kernel writes
 *     there must fail) ...
 *   - lengths: 0, 1, PIPE_BUF +-1, 64 KiB +-1, 2^31, 2^32-1, random;
 *     flags, modes, offsets, signal numbers, clock ids: random and edges;
 *   - paths: names in its own directory /tmp/fuzz-PID/wN/base, ".", "..",
 *     "", trailing slashes, 255/256-byte names, 4095/4096-byte paths,
 *     unterminated strings at the end of the heap, /proc files, /bin.
 * and also: fork children that exit, fuzz a little, block in a read,
 * pause, exec /bin/true (with good and bad argv/envp), stop themselves,
 * leave orphans, shrink their heap, eat memory, fault on purpose (NULL,
 * kernel addresses, own code, ud2, hlt, in/out, int $n, privileged
 * instructions, segment loads), or call rt_sigreturn on a garbage frame;
 * signal them (any signal, SIGKILL and SIGSTOP included), reap them and
 * check that each ended the way it had to.  It may signal only itself
 * (with signals it handles or ignores), its children and their groups:
 * never pid 1, its parent, or -1.  It never calls reboot.
 *
 * Checks while running (each failure is printed as "fuzz: BUG ..."):
 *   - the bytes around the scratch buffer never change: the kernel wrote
 *     outside the buffer it was given (e.g. backwards, with DF set);
 *   - a read into kernel memory, or a write from it, never succeeds;
 *   - call numbers the kernel lacks give ENOSYS;
 *   - touching page 0 or kernel memory from user mode faults, and so does
 *     writing to the program's own code; fresh stack pages read as zero;
 *   - bytes written into a fresh pipe come back unchanged;
 *   - every child ends as its behaviour and the signals sent to it allow;
 *   - a worker that makes no progress for HANG_SECONDS is reported as hung
 *     (with /proc/ps and /proc/pipes), and killed.
 * Afterwards, with every worker reaped, leftover processes of ours killed
 * and /tmp/fuzz-PID removed, /proc/meminfo's pages_free, files, pipes,
 * processes and kmalloc_objects must be back at the values measured after
 * a warm-up; the differences are printed.  On a Linux host set
 * CONDUIT_HOST_RUN=1 to skip that check.
 *
 * Exit status: 0 all good, 1 a check failed, 2 usage.
 *
 * The files.  The main process:
 *   main.c       options, the seed, the warm-up, the summary, the leak check
 *   supervise.c  starting each generation's worker, heartbeats, reaping,
 *                the watchdog
 *   leftovers.c  killing and reaping what is left of ours at the end
 * A worker (and the children it forks):
 *   worker.c     a worker's life; raw system calls; reports ("BUG")
 *   ops.c        the table of operations, picking one, making a call
 *   ops_files.c  calls on paths and files
 *   ops_fds.c    calls on descriptors: dup, pipes, ioctl, fcntl, polling
 *   ops_procs.c  processes and signals: kill, wait4, sigaction, ids ...
 *   ops_misc.c   time, memory (brk), system information, unknown calls
 *   args.c       random arguments: ints, lengths, pointers into the
 *                scratch buffer and elsewhere, descriptors, paths, signals
 *   signals.c    the worker's signal handlers and what it may send itself
 *   child.c      children: their behaviours, reaping, checking their end
 *   fault.c      deliberate faults, garbage sigreturn, memory probes
 * Random numbers (rng.h) and the leak check (longrun.h) are shared with
 * /bin/stress, in user/common/.
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <signal.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <sys/types.h>

#if defined(__has_include)
#if __has_include(<conduit/test.h>)
#define ON_CONDUIT 1
#endif
#endif
#ifndef ON_CONDUIT
#define ON_CONDUIT 0
#endif

/* Call numbers the Conduit headers leave out (Linux i386 values). */
#if ON_CONDUIT
#ifndef SYS_getsid
#define SYS_getsid 147
#endif
#ifndef SYS_creat
#define SYS_creat 8
#endif
#ifndef SYS_tkill
#define SYS_tkill 238
#endif
#ifndef SYS_tgkill
#define SYS_tgkill 270
#endif
#define SYS_select_nr SYS__newselect
#else
#define SYS_select_nr SYS_select
#endif

#define MAX_WORKERS 16
#define GEN_OPS 250		/* calls per worker process (a generation) */
#define LOG_FD 200		/* a worker's console, for reports */
#define HB_FD 201		/* a worker's heartbeat pipe */
#define FIRST_FREE_FD 202	/* fuzzed descriptors avoid LOG_FD, HB_FD */
#define SCRATCH_SIZE (64 * 1024)
#define MINION_OK 0x42		/* a fuzzing child's normal exit code */
#define SIGRETURN_LANDED 42	/* exit code after a garbage sigreturn */

/* main.c: the options that workers follow. */
extern int use_df;		/* make some calls with DF set; -D clears it */
extern int verbose;		/* -v */

/* main.c: the run the options asked for. */
struct plan {
	long rounds;		/* SEED N: N rounds (unless seconds) */
	long seconds;		/* -t SECONDS, or 0 */
	int only_w, only_g;	/* -o W.G, or -1 */
};
extern int nworkers;		/* -w */
extern uint32_t main_seed;

/* supervise.c: the main process's side of the workers. */
struct outcome {
	long gens_done;		/* generations that ended */
	long most_gens;		/* the most generations any worker started */
	int failures;
};
void run_generations(const struct plan *plan, struct outcome *out);

/* leftovers.c */
int kill_leftovers(void);
void reap_leftovers(void);

/* worker.c: who this process is, how it reports, how it calls. */
void worker_main(int w, int gen, uint32_t seed, long ops) __attribute__((noreturn));
void run_ops(long count);
void timeout_arm(void);
int sandbox_enter(void);
void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void bug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
long raw_call(long nr, long a, long b, long c, long d, long e, int df);
long sys5(long nr, long a, long b, long c, long d, long e);
extern int worker_index, worker_gen;
extern uint32_t worker_seed;
extern long op_number;		/* calls made by this process */
extern char last_op[256];	/* the call being made, for reports */
extern int bugs;		/* checks failed in this process */

/*
 * ops.c: the operations a worker picks from.  An operation (op_ below)
 * chooses a call and its arguments, makes it, checks the result and keeps
 * track of what the call made or undid (descriptors, children, signal
 * dispositions).  Most make one call, through call_make().
 */
struct call {
	const char *name;	/* the operation's, for reports */
	long nr;		/* the system call */
	long arg[5];
	int df;			/* make it with the direction flag set */
	long ret;
};
void one_op(void);
long call_make(struct call *call);	/* log it, make it: call->ret */

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
void op_itimer(struct call *call);
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

/* fault.c: memory probes */
void op_probe(struct call *call);

/* args.c: the scratch buffer at the end of the heap. */
int arena_setup(void);
void guard_check(void);
extern unsigned char *scratch;	/* SCRATCH_SIZE bytes */
extern uintptr_t scratch_end;	/* first unmapped byte after scratch */
extern uintptr_t text_target_addr;	/* read-only code of ours */

/* args.c: random arguments. */
uint32_t gen_int(void);
uint32_t gen_len(void);
uintptr_t bad_pointer(void);
uintptr_t out_ptr(uint32_t len);
uintptr_t in_ptr(uint32_t len);
long gen_signal(void);
uintptr_t gen_sigset(void);

/* args.c: descriptors the worker has open, by kind. */
enum fd_kind { FK_PIPE_R, FK_PIPE_W, FK_FILE, FK_DIR, FK_FIFO, FK_PROC, FK_OTHER };
void fd_track(long fd, int kind);
void fd_forget(int fd);
int fd_kind_of(long fd);
int fd_protected(long fd);
long gen_fd(void);
long gen_target_fd(void);

/* args.c: paths. */
void paths_setup(int w);
uintptr_t gen_path(int create_ok);
uintptr_t unterminated_path(void);
const char *other_path(void);
extern char base_dir[160];	/* /tmp/fuzz-PID/wN/base */
extern char sandbox_dir[128];	/* /tmp/fuzz-PID/wN */

/* signals.c */
enum disp { D_DEFAULT, D_IGNORE, D_HANDLER, D_UNKNOWN };
void signals_setup(void);
void on_signal(int sig);
int self_signal_ok(int sig);
int is_fuzzable_signal(long sig);
int fuzzable_signal(void);
extern int disposition[65];	/* what this process did to each signal */
extern volatile sig_atomic_t signal_count, alarm_count;
extern sigset_t base_mask;

/* child.c */
struct child {
	pid_t pid;
	int behaviour;
	int detail;			/* e.g. which fault */
	uint32_t exit_ok[8];		/* acceptable exit codes (bitmap) */
	uint64_t sig_ok;		/* acceptable killing signals */
	int maybe_gone;			/* a wait with a bad pointer may have reaped it */
};
void spawn_child(void);
void accept_signal(struct child *c, int sig);
struct child *child_find(pid_t pid);
struct child *child_random(void);
void children_maybe_gone(void);
void child_ended(pid_t pid, int status, int status_known);
void reap_some(void);
void reap_all(void);
void child_exit(int code) __attribute__((noreturn));
extern int nchildren;
extern int depth;		/* 0: worker, 1: child, 2: grandchild */
extern int pipe_rd, pipe_wr;	/* a pipe for blocking children */

/* fault.c */
#define NR_FAULTS 24
void fault_run(int which);
int fault_signal_ok(int which, int sig);
void garbage_sigreturn(int mode);
void on_fault(int sig, siginfo_t *info, void *context);
volatile unsigned char *opaque(uintptr_t address);

#endif
