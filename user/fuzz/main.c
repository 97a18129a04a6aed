/*
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
 *   - unimplemented call numbers give ENOSYS;
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
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>

#if defined(__has_include)
#if __has_include(<conduit/test.h>)
#define ON_CONDUIT 1
#endif
#endif
#ifndef ON_CONDUIT
#define ON_CONDUIT 0
#include <dirent.h>
#include <sys/mman.h>
#include <sys/prctl.h>
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

#define DEFAULT_WORKERS 4
#define MAX_WORKERS 16
#define DEFAULT_ROUNDS 2000
#define GEN_OPS 250		/* calls per worker process (a generation) */
#define HANG_SECONDS 90		/* no heartbeat for this long: hung */
#define MAX_CHILDREN 8		/* live children per worker */
#define MAX_GRANDCHILDREN 3	/* per fuzzing child */
#define LOG_FD 200		/* a worker's console, for reports */
#define HB_FD 201		/* a worker's heartbeat pipe */
#define FIRST_FREE_FD 202	/* fuzzed descriptors avoid LOG_FD, HB_FD */
#define SCRATCH_SIZE (64 * 1024)
#define GUARD_SIZE 4096
#define MINION_OK 0x42		/* a fuzzing child's normal exit code */
#define EXEC_FAILED 99
#define SIGRETURN_LANDED 42
#define STOP_CONTINUED 7
#define MEMHOG_MAX (16u << 20)

/* ------------------------------------------------------------------ */
/* Random numbers: PCG32, one stream per process.                      */

static uint64_t rng_state, rng_inc;

static uint32_t rnd(void)
{
	uint64_t old = rng_state;
	uint32_t xorshifted, rot;

	rng_state = old * 6364136223846793005ULL + rng_inc;
	xorshifted = (uint32_t)(((old >> 18u) ^ old) >> 27u);
	rot = (uint32_t)(old >> 59u);
	return (xorshifted >> rot) | (xorshifted << ((-rot) & 31));
}

static void rng_seed(uint32_t a, uint32_t b, uint32_t c)
{
	rng_state = 0;
	rng_inc = (((uint64_t)b << 32 | c) << 1u) | 1u;
	rnd();
	rng_state += 0x853c49e6748fea9bULL ^ ((uint64_t)a << 17) ^ c;
	rnd();
}

static uint32_t below(uint32_t n)
{
	return n ? rnd() % n : 0;
}

static int chance(int percent)
{
	return (int)below(100) < percent;
}

static uint32_t mix32(uint32_t x)
{
	x ^= x >> 16;
	x *= 0x7feb352dU;
	x ^= x >> 15;
	x *= 0x846ca68bU;
	x ^= x >> 16;
	return x;
}

#define PICK(array) ((array)[below(sizeof(array) / sizeof((array)[0]))])

/* ------------------------------------------------------------------ */
/* Raw system calls: the result is the kernel's, -errno on failure.    */

static int use_df = 1;		/* -D clears it */

#if ON_CONDUIT
static long raw_call(long nr, long a, long b, long c, long d, long e, int df)
{
	long ret;

	if (df)
		__asm__ volatile("std\n\tint $0x80\n\tcld"
				 : "=a"(ret)
				 : "0"(nr), "b"(a), "c"(b), "d"(c), "S"(d), "D"(e)
				 : "memory", "cc");
	else
		__asm__ volatile("int $0x80"
				 : "=a"(ret)
				 : "0"(nr), "b"(a), "c"(b), "d"(c), "S"(d), "D"(e)
				 : "memory", "cc");
	return ret;
}
#else
static long raw_call(long nr, long a, long b, long c, long d, long e, int df)
{
	long ret;

	(void)df;
	ret = syscall(nr, a, b, c, d, e);
	return ret == -1 ? -errno : ret;
}
#endif

/* A call made the plain way (no DF games): for the fuzzer's own work. */
static long sys5(long nr, long a, long b, long c, long d, long e)
{
	return raw_call(nr, a, b, c, d, e, 0);
}

/* ------------------------------------------------------------------ */
/* Reporting.  Workers write straight to LOG_FD (their console copy).  */

static int log_fd = 2;
static int worker_index = -1, worker_gen;
static uint32_t worker_seed;
static long op_number;
static char last_op[256];	/* the call being made, for reports */
static int bugs;		/* checks failed in this process */
static int verbose;

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
	char line[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (n >= (int)sizeof(line))
		n = sizeof(line) - 1;
	if (write(log_fd, line, n) < 0)
		return;
}

static void bug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void bug(const char *fmt, ...)
{
	char line[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	bugs++;
	say("fuzz: BUG (worker %d gen %d seed %u pid %d op %ld): %s\n"
	    "fuzz:   last call: %s\n", worker_index, worker_gen, worker_seed,
	    (int)getpid(), op_number, line, last_op);
}

/* ------------------------------------------------------------------ */
/* Memory the kernel may write into: a scratch buffer at the very end  */
/* of the heap (so an over-long length runs into unmapped memory, not  */
/* into the fuzzer), with a guard region in front holding a pattern.   */

static unsigned char *guard_lo;	/* GUARD_SIZE bytes just below scratch */
static unsigned char *scratch;	/* SCRATCH_SIZE bytes */
static uintptr_t scratch_end;	/* first unmapped byte after scratch */
static uintptr_t text_target_addr;

/* Never called: a piece of read-only code the kernel must not write. */
__attribute__((noinline, used)) void fuzz_text_target(void);
__attribute__((noinline, used)) void fuzz_text_target(void)
{
	__asm__ volatile("nop; nop; nop; nop; nop; nop; nop; nop");
}

static unsigned char guard_byte(size_t i)
{
	return (unsigned char)(0xA5 ^ (i * 29));
}

static int arena_setup(void)
{
	size_t total = GUARD_SIZE + SCRATCH_SIZE;
	unsigned char *base;

#if ON_CONDUIT
	uintptr_t brk0 = (uintptr_t)sbrk(0);
	uintptr_t start = (brk0 + 4095) & ~(uintptr_t)4095;

	if (sbrk((int)(start - brk0 + total)) == (void *)-1)
		return -1;
	base = (unsigned char *)start;
#else
	/* One PROT_NONE page after the arena stands for "unmapped". */
	base = mmap(NULL, total + 4096, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (base == MAP_FAILED)
		return -1;
	mprotect(base + total, 4096, PROT_NONE);
#endif
	guard_lo = base;
	scratch = base + GUARD_SIZE;
	scratch_end = (uintptr_t)(scratch + SCRATCH_SIZE);
	for (size_t i = 0; i < GUARD_SIZE; i++)
		guard_lo[i] = guard_byte(i);
	text_target_addr = (uintptr_t)fuzz_text_target;
	return 0;
}

/* Did anything write into the guard?  Repair it and report. */
static void guard_check(void)
{
	size_t first = GUARD_SIZE, last = 0;

	for (size_t i = GUARD_SIZE - 256; i < GUARD_SIZE; i++) {
		if (guard_lo[i] != guard_byte(i)) {
			if (first == GUARD_SIZE)
				first = i;
			last = i;
		}
	}
	if (first == GUARD_SIZE)
		return;
	bug("the kernel wrote %u byte(s) before the buffer it was given "
	    "(at scratch-%u .. scratch-%u)", (unsigned)(last - first + 1),
	    (unsigned)(GUARD_SIZE - first), (unsigned)(GUARD_SIZE - last));
	for (size_t i = 0; i < GUARD_SIZE; i++)
		guard_lo[i] = guard_byte(i);
}

/* ------------------------------------------------------------------ */
/* Argument generators.                                                */

static const uint32_t edge_values[] = {
	0, 1, 2, 3, 4, 7, 8, 15, 16, 31, 32, 63, 64, 127, 128, 255, 256,
	511, 512, 1023, 1024, 4095, 4096, 4097, 8191, 8192, 65535, 65536,
	65537, 0x7fff, 0x8000, 0xffff, 0x3fffffff, 0x40000000, 0x7ffffffe,
	0x7fffffff, 0x80000000, 0x80000001, 0xbfffffff, 0xc0000000,
	0xfffff000, 0xfffffffe, 0xffffffff,
};

static uint32_t gen_int(void)
{
	switch (below(6)) {
	case 0: case 1: return PICK(edge_values);
	case 2: return below(64);
	case 3: return below(70000);
	case 4: return (uint32_t)-(int32_t)below(64);
	default: return rnd();
	}
}

static uint32_t gen_len(void)
{
	switch (below(8)) {
	case 0: return 0;
	case 1: case 2: return 1 + below(64);
	case 3: return 1 + below(8192);
	case 4: return PICK(((const uint32_t[]){ 4095, 4096, 4097, 65535,
						 65536, 65537, SCRATCH_SIZE }));
	case 5: return 1 + below(SCRATCH_SIZE);
	default: return gen_int();
	}
}

/* Addresses no user program may use. */
static uintptr_t bad_pointer(void)
{
	static const uint32_t bad[] = {
		0, 1, 2, 3, 4, 0xfff, 0xffc, 0xbfffffff, 0xc0000000,
		0xc0000001, 0xc0001000, 0xc00b8000, 0xc0100000, 0xc0100123,
		0xc0400000, 0xcfffff00, 0xe0000000, 0xf0000000, 0xf0001000,
		0xf0002000, 0xf0003000, 0xf0004000, 0xf0005ffc, 0xf3fff000,
		0xfee00000, 0xfffff000, 0xffffff00, 0xfffffffc, 0xffffffff,
		0x40000000, 0x7ffff000, 0xbf7ff000, 0xbf7fffff,
	};
	uint32_t p = PICK(bad);

	if (p == 0xbfffffff && !ON_CONDUIT)
		p = 0xc0000000;
	return (uintptr_t)p;
}

/* A pointer for the kernel to write len bytes into. */
static uintptr_t out_ptr(uint32_t len)
{
	uint32_t fit = len < SCRATCH_SIZE ? SCRATCH_SIZE - len : 0;

	switch (below(16)) {
	case 0: case 1: case 2: case 3: case 4: case 5: case 6: case 7:
		return (uintptr_t)scratch + (chance(50) ? below(fit + 1) & ~3u
							: below(fit + 1));
	case 8: case 9:
		return bad_pointer();
	case 10:	/* straddling the end of the heap */
		return scratch_end - 1 - below(len ? (len < 64 ? len : 64) : 1);
	case 11:	/* straddling the end of user space */
		return (uintptr_t)0xc0000000u - 1 - below(len < 64 ? len + 1 : 64);
	case 12:	/* read-only code */
		return text_target_addr + below(8);
	case 13:
#if ON_CONDUIT
		/* The dead top of the stack (strings already copied), or far
		 * below the live stack: both are the program's own. */
		return chance(50) ? 0xbffff000u + below(0xff0)
				  : 0xbfa00000u + below(0x200000);
#else
		return (uintptr_t)scratch;
#endif
	case 14:	/* the start of the scratch buffer, any length */
		return (uintptr_t)scratch;
	default:
		return scratch_end - below(64);
	}
}

/* A pointer for the kernel to read len bytes from. */
static uintptr_t in_ptr(uint32_t len)
{
	if (chance(10))
		return (uintptr_t)fuzz_text_target + below(64);
	if (chance(5))
		return (uintptr_t)&rng_state;
	return out_ptr(len);
}

/* ------------------------------------------------------------------ */
/* Descriptors.                                                        */

enum fd_kind { FK_PIPE_R, FK_PIPE_W, FK_FILE, FK_DIR, FK_FIFO, FK_PROC, FK_OTHER };

struct fd_entry {
	int fd;
	int kind;
};

#define MAX_TRACKED 256
static struct fd_entry tracked[MAX_TRACKED];
static int ntracked;
static int recently_closed[8];

static void fd_forget(int fd)
{
	for (int i = 0; i < ntracked; i++) {
		if (tracked[i].fd == fd) {
			tracked[i] = tracked[--ntracked];
			recently_closed[below(8)] = fd;
			return;
		}
	}
}

static int fd_protected(long fd)
{
	return fd == LOG_FD || fd == HB_FD;
}

static void fd_track(long fd, int kind)
{
	if (fd < 0 || fd >= 1024)
		return;
	fd_forget((int)fd);
	if (ntracked < MAX_TRACKED) {
		tracked[ntracked].fd = (int)fd;
		tracked[ntracked].kind = kind;
		ntracked++;
	}
}

static int fd_kind_of(long fd)
{
	for (int i = 0; i < ntracked; i++)
		if (tracked[i].fd == fd)
			return tracked[i].kind;
	return -1;
}

/* A descriptor argument: mostly open ones, sometimes anything. */
static long gen_fd(void)
{
	static const int32_t odd[] = {
		-1, -2, -100, 255, 256, 257, 1023, 1024, 4096, 65536,
		0x7fffffff, (int32_t)0x80000000, (int32_t)0xffffff9c,
	};
	long fd;

	switch (below(10)) {
	case 0: case 1: case 2: case 3: case 4: case 5:
		if (ntracked) {
			fd = tracked[below(ntracked)].fd;
			break;
		}
		/* fall through */
	case 6:
		fd = recently_closed[below(8)];
		break;
	case 7: case 8:
		fd = odd[below(sizeof(odd) / sizeof(odd[0]))];
		break;
	default:
		fd = below(260);
		break;
	}
	if (fd_protected(fd))
		fd = FIRST_FREE_FD;
	return fd;
}

/* A descriptor number for dup2/dup3/F_DUPFD targets. */
static long gen_target_fd(void)
{
	long fd = chance(70) ? (long)below(260) : gen_fd();

	return fd_protected(fd) ? FIRST_FREE_FD : fd;
}

/* ------------------------------------------------------------------ */
/* Paths.  Names that create things stay inside the worker's directory. */

static char base_dir[160];	/* /tmp/fuzz-PID/wN/base */
static char sandbox_dir[128];	/* /tmp/fuzz-PID/wN */
static char abs_names[4][200];
static char name255[256], name256[260];
static char path4095[4096], path4096[4097], path5000[5001];

static const char *const rel_names[] = {
	"a", "b", "c", "d", "d/a", "d/e", "d/e/f", "p", "q", "d/p",
	".", "..", "", "a/", "d/", "d//e", "./a", "d/../b", "d/e/..",
	"nonexistent/x", "a/x",
};

static const char *const other_paths[] = {
	"/", "/proc", "/proc/meminfo", "/proc/ps", "/proc/pipes", "/bin",
	"/bin/true", "/bin/sh", "/tests", "/tmp", "/nonexistent",
	"/nonexistent/x", "/tmp/fuzz-none/x", "/dev", "/proc/x", "/x",
	"/bin/x", "//", "/./proc/../bin/true", "/proc/meminfo/",
	"/bin/true/x",
};

static void paths_setup(int w)
{
	snprintf(sandbox_dir, sizeof(sandbox_dir), "/tmp/fuzz-%d/w%d",
		 (int)getppid(), w);
	snprintf(base_dir, sizeof(base_dir), "%s/base", sandbox_dir);
	snprintf(abs_names[0], sizeof(abs_names[0]), "%s/a", base_dir);
	snprintf(abs_names[1], sizeof(abs_names[1]), "%s/d/e", base_dir);
	snprintf(abs_names[2], sizeof(abs_names[2]), "%s/p", base_dir);
	snprintf(abs_names[3], sizeof(abs_names[3]), "%s/", base_dir);
	memset(name255, 'n', 255);
	name255[255] = 0;
	memset(name256, 'n', 256);
	name256[256] = 0;
	for (int i = 0; i < 4094; i += 2)
		memcpy(path4095 + i, "./", 2);
	path4095[4094] = 'a';
	path4095[4095] = 0;
	memcpy(path4096, path4095, 4094);
	memcpy(path4096 + 4094, "/a", 3);	/* 4096 chars: too long */
	for (int i = 0; i < 5000; i++)
		path5000[i] = i % 2 ? '/' : 'x';
	path5000[5000] = 0;
}

/* An unterminated string that runs into unmapped memory. */
static uintptr_t unterminated_path(void)
{
	uint32_t n = 1 + below(300);
	unsigned char *p = (unsigned char *)(scratch_end - n);

	memset(p, 'u', n);
	return (uintptr_t)p;
}

/* A path: create_ok means the call may create or remove something. */
static uintptr_t gen_path(int create_ok)
{
	uint32_t r = below(100);

	if (r < 55)
		return (uintptr_t)PICK(rel_names);
	if (r < 62)
		return (uintptr_t)abs_names[below(4)];
	if (r < 68)
		return (uintptr_t)(chance(50) ? name255 : name256);
	if (r < 72)
		return (uintptr_t)PICK(((const char *const[]){ path4095, path4096, path5000 }));
	if (r < 80)
		return bad_pointer();
	if (r < 85)
		return unterminated_path();
	if (create_ok)
		return (uintptr_t)PICK(rel_names);
	return (uintptr_t)PICK(other_paths);
}

/* ------------------------------------------------------------------ */
/* Signals.                                                            */

enum disp { D_DEFAULT, D_IGNORE, D_HANDLER, D_UNKNOWN };

static int disposition[65];
static volatile sig_atomic_t signal_count, alarm_count;
static sigjmp_buf probe_jump;
static volatile sig_atomic_t probing;
static sigset_t base_mask;

/* Signals whose handling the fuzzer may change at random. */
static const int fuzzable_signals[] = {
	SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGTERM, SIGSTKFLT,
	SIGCONT, SIGTSTP, SIGTTIN, SIGTTOU, SIGURG, SIGXCPU, SIGXFSZ,
	SIGVTALRM, SIGPROF, SIGWINCH, SIGIO, SIGPWR, 34, 35, 40, 50, 63, 64,
};

static void on_signal(int sig)
{
	(void)sig;
	signal_count++;
}

static void on_alarm(int sig)
{
	(void)sig;
	alarm_count++;
}

static void on_fault(int sig, siginfo_t *info, void *context)
{
	(void)context;
	if (info && info->si_code <= 0)
		return;		/* sent with kill(), not a fault: harmless */
	if (probing)
		siglongjmp(probe_jump, sig);
	/* A fault in the fuzzer's own code: report it and stop. */
	say("fuzz: worker %d gen %d seed %u pid %d: fatal signal %d at op %ld\n"
	    "fuzz:   last call: %s\n", worker_index, worker_gen, worker_seed,
	    (int)getpid(), sig, op_number, last_op);
	_exit(3);
}

static void set_handler(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sa.sa_flags = flags;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

static void set_fault_handler(int sig)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_fault;
	sa.sa_flags = SA_SIGINFO | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

static int default_ignored(int sig)
{
	return sig == SIGCHLD || sig == SIGURG || sig == SIGWINCH || sig == SIGCONT;
}

/* May this process send sig to itself (or its own group) safely? */
static int self_signal_ok(int sig)
{
	if (sig == 0)
		return 1;
	if (sig < 1 || sig > 64 || sig == SIGKILL || sig == SIGSTOP)
		return 0;
	if (sig == SIGALRM || sig == SIGPIPE || sig == SIGCHLD)
		return 1;	/* always handled */
	if (sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE ||
	    sig == SIGTRAP || sig == SIGABRT || sig == SIGSYS)
		return 0;
	switch (disposition[sig]) {
	case D_HANDLER: case D_IGNORE:
		return 1;
	case D_DEFAULT:
		return default_ignored(sig);
	default:
		return 0;
	}
}

static int is_fuzzable_signal(long sig)
{
	for (unsigned i = 0; i < sizeof(fuzzable_signals) / sizeof(int); i++)
		if (fuzzable_signals[i] == sig)
			return 1;
	return 0;
}

static void signals_setup(void)
{
	for (int s = 1; s <= 64; s++)
		disposition[s] = D_DEFAULT;
	for (unsigned i = 0; i < sizeof(fuzzable_signals) / sizeof(int); i++) {
		int s = fuzzable_signals[i];
		if (s == SIGCONT || s == SIGURG || s == SIGWINCH)
			continue;
		set_handler(s, on_signal, SA_RESTART);
		disposition[s] = D_HANDLER;
	}
	set_handler(SIGALRM, on_alarm, 0);		/* interrupts calls */
	set_handler(SIGPIPE, on_signal, 0);
	set_handler(SIGCHLD, on_signal, SA_RESTART);
	set_fault_handler(SIGSEGV);
	set_fault_handler(SIGBUS);
	set_fault_handler(SIGILL);
	set_fault_handler(SIGFPE);
	set_fault_handler(SIGTRAP);
	sigemptyset(&base_mask);
	sigprocmask(SIG_SETMASK, &base_mask, NULL);
}

/* A signal number argument. */
static long gen_signal(void)
{
	if (chance(8))
		return PICK(((const int32_t[]){ 0, -1, 65, 100, 1000, 0x7fffffff,
						(int32_t)0x80000000 }));
	return 1 + below(64);
}

/* A signal mask for the kernel: 8 bytes, never blocking SIGALRM. */
static uintptr_t gen_sigset(void)
{
	uint32_t *set = (uint32_t *)(scratch + SCRATCH_SIZE - 64);

	if (chance(15))
		return chance(50) ? bad_pointer() : scratch_end - 4;
	set[0] = chance(50) ? rnd() : 0;
	set[1] = chance(50) ? rnd() : 0;
	set[0] &= ~(1u << (SIGALRM - 1));
	return (uintptr_t)set;
}

/* ------------------------------------------------------------------ */
/* Children.                                                           */

enum behaviour {
	B_EXIT, B_FUZZ, B_BLOCK_READ, B_PAUSE, B_EXEC, B_FAULT, B_SIGRETURN,
	B_STOP, B_ORPHAN, B_BRK, B_MEMHOG, B_WRITE_FULL, NR_BEHAVIOURS
};

static const char *const behaviour_names[] = {
	"exit", "fuzz", "block-read", "pause", "exec", "fault", "sigreturn",
	"stop", "orphan", "brk", "memhog", "write-full",
};

struct child {
	pid_t pid;
	int behaviour;
	int detail;			/* e.g. which fault */
	uint32_t exit_ok[8];		/* acceptable exit codes (bitmap) */
	uint64_t sig_ok;		/* acceptable killing signals */
	int maybe_gone;			/* a wait with a bad pointer may have reaped it */
};

static struct child children[MAX_CHILDREN];
static int nchildren;
static int depth;			/* 0: worker, 1: child, 2: grandchild */
static int max_children = MAX_CHILDREN;

static void accept_exit(struct child *c, int code)
{
	c->exit_ok[(code & 255) / 32] |= 1u << (code % 32);
}

static void accept_signal(struct child *c, int sig)
{
	if (sig >= 1 && sig <= 64)
		c->sig_ok |= 1ull << (sig - 1);
}

static struct child *child_find(pid_t pid)
{
	for (int i = 0; i < nchildren; i++)
		if (children[i].pid == pid)
			return &children[i];
	return NULL;
}

static void child_remove(struct child *c)
{
	*c = children[--nchildren];
}

/* A wait reported pid with status: check it against what was allowed. */
static void child_ended(pid_t pid, int status, int status_known)
{
	struct child *c = child_find(pid);

	if (!c) {
		if (depth == 0)
			bug("wait returned pid %d, which is not a child of ours", (int)pid);
		return;
	}
	if (status_known && (WIFSTOPPED(status) || WIFCONTINUED(status)))
		return;		/* a report, not an ending */
	if (status_known) {
		int ok = WIFEXITED(status) ?
			 (c->exit_ok[WEXITSTATUS(status) / 32] >> (WEXITSTATUS(status) % 32)) & 1 :
			 WIFSIGNALED(status) && ((c->sig_ok >> (WTERMSIG(status) - 1)) & 1);
		if (!ok)
			bug("child %d (%s %d) ended with status 0x%x (%s %d)",
			    (int)pid, behaviour_names[c->behaviour], c->detail,
			    status, WIFEXITED(status) ? "exit" : "signal",
			    WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
	}
	child_remove(c);
}

/* Reap whatever has ended, without blocking. */
static void reap_some(void)
{
	int status;
	pid_t pid;

	while (nchildren > 0 &&
	       (pid = (pid_t)sys5(SYS_wait4, -1, (long)&status, WNOHANG, 0, 0)) > 0)
		child_ended(pid, status, 1);
}

/* End every child: SIGKILL (which also ends a stop), then reap each. */
static void reap_all(void)
{
	for (int i = 0; i < nchildren; i++) {
		sys5(SYS_kill, children[i].pid, SIGKILL, 0, 0, 0);
		sys5(SYS_kill, -children[i].pid, SIGKILL, 0, 0, 0);
		accept_signal(&children[i], SIGKILL);
	}
	while (nchildren > 0) {
		struct child *c = &children[nchildren - 1];
		int status = 0;
		long got;

		alarm(20);
		got = sys5(SYS_wait4, c->pid, (long)&status, 0, 0, 0);
		alarm(0);
		if (got == c->pid) {
			child_ended(c->pid, status, 1);
		} else if (got == -ECHILD && c->maybe_gone) {
			child_remove(c);
		} else {
			bug("child %d (%s) was not reaped after SIGKILL: wait4 = %ld",
			    (int)c->pid, behaviour_names[c->behaviour], got);
			child_remove(c);
		}
	}
}

/* ------------------------------------------------------------------ */
/* Deliberate faults, and what a child does.                           */

static void landing(void) __attribute__((noreturn, used));
static void landing(void)
{
#if ON_CONDUIT
	__asm__ volatile("cld\n\tmovl $1, %%eax\n\tmovl %0, %%ebx\n\tint $0x80"
			 : : "i"(SIGRETURN_LANDED) : "memory");
#endif
	_exit(SIGRETURN_LANDED);
}

/* The same, after using the x87 unit, whose state came from the frame. */
static void landing_fpu(void) __attribute__((noreturn, used));
static void landing_fpu(void)
{
#if ON_CONDUIT
	__asm__ volatile("cld\n\tfwait\n\tfld1\n\tfld1\n\tfaddp\n\tfstp %%st(0)\n\tfwait\n\t"
			 "movl $1, %%eax\n\tmovl %0, %%ebx\n\tint $0x80"
			 : : "i"(SIGRETURN_LANDED) : "memory");
#endif
	_exit(SIGRETURN_LANDED);
}

#define NR_FAULTS 24

/* Fault number `which` in this process; returns only if it did not fault. */
/* An address the compiler cannot see through. */
static volatile unsigned char *opaque(uintptr_t address)
{
	volatile uintptr_t hidden = address;

	return (volatile unsigned char *)hidden;
}

static void do_fault(int which)
{
	volatile unsigned char *p;
	volatile int zero = 0, x = 1;

	switch (which) {
	case 0: p = opaque(0); (void)*p; break;
	case 1: p = opaque(0); *p = 1; break;
	case 2: p = opaque(0xfff); (void)*p; break;
	case 3: p = opaque(0xc0000000u); (void)*p; break;
	case 4: p = opaque(0xc0100000u); *p = *p; break;
	case 5: p = opaque(0xf0000000u); (void)*p; break;
	case 6: p = opaque(0xfffffffcu); (void)*p; break;
	case 7: p = opaque(text_target_addr); *p = *p; break;
	case 8: ((void (*)(void))opaque(0xc0100000u))(); break;
	case 9: ((void (*)(void))opaque(0))(); break;
	case 10: __asm__ volatile("ud2"); break;
	case 11: __asm__ volatile("hlt"); break;
	case 12: __asm__ volatile("cli"); break;
	case 13: __asm__ volatile("inb $0x60, %%al" : : : "eax"); break;
	case 14: __asm__ volatile("outb %%al, $0xf4" : : "a"(0x11)); break;
	case 15: __asm__ volatile("int $0x0e"); break;
	case 16: __asm__ volatile("int $0x20"); break;
	case 17: __asm__ volatile("int $0x08"); break;
	case 18: __asm__ volatile("int $0x81"); break;
	case 19: x = x / zero; break;
	case 20: __asm__ volatile("movw %w0, %%ds" : : "r"(0x10) : "memory"); break;
	case 21: __asm__ volatile("movw %w0, %%fs; movl %%fs:0, %%eax"
				  : : "r"(0x2b) : "eax", "memory"); break;
#if ON_CONDUIT
	case 22: __asm__ volatile("movl %%cr0, %%eax" : : : "eax"); break;
	case 23: __asm__ volatile("lidt (%0)" : : "r"(scratch)); break;
#else
	case 22: case 23: __asm__ volatile("hlt"); break;
#endif
	}
	(void)x;
}

static int fault_signal_ok(int which, int sig)
{
	if (!ON_CONDUIT)
		return sig == SIGSEGV || sig == SIGBUS || sig == SIGILL ||
		       sig == SIGFPE || sig == SIGTRAP;
	if (which == 10)
		return sig == SIGILL;
	if (which == 19)
		return sig == SIGFPE;
	return sig == SIGSEGV || sig == SIGBUS;
}

static void run_ops(long count);
static void child_exit(int code) __attribute__((noreturn));
static void child_exit(int code)
{
	sys5(chance(50) ? SYS_exit : SYS_exit_group, code, 0, 0, 0, 0);
	_exit(code);
}

/* Recurse until the stack region runs out. */
static volatile int deep_limit = -1;

static int deep(int n)
{
	volatile char frame[4096];

	frame[0] = (char)n;
	frame[4095] = (char)n;
	if (n == deep_limit)
		return 0;
	return deep(n + 1) + frame[0] + frame[4095];
}

#if ON_CONDUIT
/* rt_sigreturn on a frame of garbage: lands in landing() or faults. */
static void garbage_sigreturn(int mode)
{
	int bad_stack = mode == 1;
	static uint32_t frame[128];
	static uint32_t stack[1024];
	uint32_t *f = frame + 1;	/* the kernel reads at esp - 4 */

	for (int i = 0; i < 128; i++)
		frame[i] = rnd();
	/* struct rt_sigframe: sigcontext at byte 164, its eip at +56, esp
	 * at +28, eflags at +64; the saved mask at byte 252. */
	f[-1 + (164 + 56) / 4] = (uint32_t)(uintptr_t)(mode == 2 ? landing_fpu : landing);
	f[-1 + (164 + 28) / 4] = (uint32_t)(uintptr_t)(stack + 1000);
	f[-1 + (164 + 64) / 4] &= ~0x100u;		/* no single-step */
	f[-1 + 252 / 4] = 0;
	f[-1 + 256 / 4] = 0;
	__asm__ volatile("movl %0, %%esp\n\tmovl $173, %%eax\n\tint $0x80"
			 : : "r"(bad_stack ? (uint32_t)0xbf7ff000u : (uint32_t)(uintptr_t)f)
			 : "memory");
	_exit(1);
}
#endif

static int pipe_rd = -1, pipe_wr = -1;	/* a pipe for blocking children */

static void child_main(struct child *c, uint32_t seed) __attribute__((noreturn));
static void child_main(struct child *c, uint32_t seed)
{
	rng_seed(seed, 0x6368696c, (uint32_t)depth);
	nchildren = 0;
	max_children = depth >= 2 ? 0 : MAX_GRANDCHILDREN;
	op_number = 0;
	sys5(SYS_setpgid, 0, 0, 0, 0, 0);
	switch (c->behaviour) {
	case B_EXIT:
		child_exit(c->detail);
	case B_FUZZ:
		alarm(10);
		run_ops(5 + below(25));
		reap_all();
		child_exit(bugs ? 1 : MINION_OK);
	case B_BLOCK_READ:
		if (pipe_rd >= 0)
			sys5(SYS_read, pipe_rd, (long)scratch, 16, 0, 0);
		child_exit(0);
	case B_PAUSE:
		alarm(1 + below(2));
		sys5(SYS_pause, 0, 0, 0, 0, 0);
		child_exit(0);
	case B_EXEC: {
		char *argv[4] = { "true", "x", NULL, NULL };
		char *envp[3] = { "A=1", NULL, NULL };
		long av = (long)argv, ev = (long)envp;
		switch (c->detail) {
		case 1: av = 0; ev = 0; break;
		case 2: argv[1] = (char *)bad_pointer(); break;
		case 3: av = (long)bad_pointer(); break;
		case 4: envp[0] = (char *)unterminated_path(); break;
		case 5: {	/* about 200 KiB of arguments: E2BIG */
			static char big[70000];
			memset(big, 'x', sizeof(big) - 1);
			argv[1] = argv[2] = big;
			envp[0] = big;
			break;
		}
		case 6: av = (long)(scratch_end - 8); break;
		}
		sys5(SYS_execve, (long)"/bin/true", av, ev, 0, 0);
		child_exit(EXEC_FAILED);
	}
	case B_FAULT:
		set_handler(SIGSEGV, SIG_DFL, 0);
		set_handler(SIGBUS, SIG_DFL, 0);
		set_handler(SIGILL, SIG_DFL, 0);
		set_handler(SIGFPE, SIG_DFL, 0);
		set_handler(SIGTRAP, SIG_DFL, 0);
		if (c->detail == NR_FAULTS)
			deep(0);
		else
			do_fault(c->detail);
		child_exit(0);	/* did not fault: the parent reports it */
	case B_SIGRETURN:
#if ON_CONDUIT
		set_handler(SIGSEGV, SIG_DFL, 0);
		set_handler(SIGTRAP, SIG_DFL, 0);
		garbage_sigreturn(c->detail);
#endif
		child_exit(SIGRETURN_LANDED);
	case B_STOP:
		sys5(SYS_kill, getpid(), SIGSTOP, 0, 0, 0);
		child_exit(STOP_CONTINUED);
	case B_ORPHAN:
		if (fork() == 0) {
			struct timespec ts = { 0, 20000000 };
			nanosleep(&ts, NULL);
			_exit(0);
		}
		child_exit(0);
	case B_BRK: {
		long cur = sys5(SYS_brk, 0, 0, 0, 0, 0);
		sys5(SYS_brk, cur - (long)below(1 << 20), 0, 0, 0, 0);
		sys5(SYS_brk, cur + (long)below(8 << 20), 0, 0, 0, 0);
		sys5(SYS_brk, (long)PICK(((const uint32_t[]){ 0, 1, 0xfff, 0x8048000,
			0xbf7ff001u, 0xbfffffffu, 0xc0000000u, 0xffffffffu })), 0, 0, 0, 0);
		sys5(SYS_brk, 0xbf800000, 0, 0, 0, 0);
		sys5(SYS_brk, 4096, 0, 0, 0, 0);
		child_exit(0);
	}
	case B_MEMHOG: {
		long cur = sys5(SYS_brk, 0, 0, 0, 0, 0);
		long want = cur + 1 + (long)below(MEMHOG_MAX);
		long got = sys5(SYS_brk, want, 0, 0, 0, 0);
		if (got >= want) {
			for (long a = cur; a < want; a += 4096)
				if (*(volatile char *)a != 0)
					child_exit(2);	/* stale data in fresh memory */
		}
		child_exit(0);
	}
	case B_WRITE_FULL:
		if (pipe_wr >= 0)
			for (int i = 0; i < 40; i++)
				if (sys5(SYS_write, pipe_wr, (long)scratch, 4096, 0, 0) < 0)
					break;
		child_exit(0);
	}
	child_exit(0);
}

/* Fork a child with a random behaviour; remember what it may do. */
static void spawn_child(void)
{
	struct child *c;
	uint32_t seed = rnd();
	long pid;

	if (nchildren >= max_children)
		return;
	c = &children[nchildren];
	memset(c, 0, sizeof(*c));
	c->behaviour = depth > 0 ? (chance(50) ? B_EXIT : B_ORPHAN) : (int)below(NR_BEHAVIOURS);
	if (c->behaviour == B_MEMHOG && chance(70))
		c->behaviour = B_EXIT;
	switch (c->behaviour) {
	case B_EXIT:
		c->detail = (int)below(256);
		accept_exit(c, c->detail);
		break;
	case B_FUZZ:
		accept_exit(c, MINION_OK);
		accept_signal(c, SIGALRM);	/* its own alarm, if the reset stuck */
		break;
	case B_EXEC:
		c->detail = (int)below(7);
		accept_exit(c, 0);
		accept_exit(c, EXEC_FAILED);
		break;
	case B_FAULT:
		c->detail = (int)below(NR_FAULTS + 1);
		for (int s = 1; s <= 64; s++)
			if (c->detail == NR_FAULTS ? s == SIGSEGV || s == SIGBUS
						   : fault_signal_ok(c->detail, s))
				accept_signal(c, s);
		break;
	case B_SIGRETURN:
		/* 0: garbage frame, 1: frame on unmapped stack, 2: garbage
		 * frame and then the x87 unit (its state came from the frame) */
		c->detail = (int)below(3);
		if (ON_CONDUIT && c->detail == 1) {
			accept_signal(c, SIGSEGV);
		} else {
			accept_exit(c, SIGRETURN_LANDED);
			accept_signal(c, SIGTRAP);
			accept_signal(c, SIGSEGV);
			if (c->detail == 2)
				accept_signal(c, SIGFPE);
		}
		break;
	case B_STOP:
		accept_exit(c, STOP_CONTINUED);
		break;
	case B_MEMHOG:
		accept_exit(c, 0);
		accept_signal(c, SIGSEGV);
		accept_signal(c, SIGKILL);
		break;
	default:
		accept_exit(c, 0);
		break;
	}
	snprintf(last_op, sizeof(last_op), "fork (child: %s %d)",
		 behaviour_names[c->behaviour], c->detail);
	pid = sys5(SYS_fork, 0, 0, 0, 0, 0);
	if (pid == 0) {
		depth++;
		child_main(c, seed);
	}
	if (pid < 0) {
		if (pid != -EAGAIN && pid != -ENOMEM)
			bug("fork failed with %ld", pid);
		return;
	}
	c->pid = (pid_t)pid;
	nchildren++;
	sys5(SYS_setpgid, pid, pid, 0, 0, 0);
}

/* Signal a child, its group, or ourselves: never anybody else. */
static void op_kill(int nr)
{
	long sig = gen_signal();
	long target;
	struct child *c = nchildren ? &children[below(nchildren)] : NULL;
	long ret;

	switch (below(6)) {
	case 0: case 1:
		if (!c)
			return;
		target = c->pid;
		break;
	case 2:
		if (!c)
			return;
		target = -c->pid;
		break;
	case 3:
		target = chance(50) ? 0 : getpid();
		if (!self_signal_ok((int)sig))
			sig = SIGUSR1 + below(2) * (SIGUSR2 - SIGUSR1);
		if (!self_signal_ok((int)sig))
			sig = 0;
		break;
	case 4:
		target = PICK(((const int32_t[]){ 40000, -40000, 99999,
						  (int32_t)0x80000000, 0x7fffffff }));
		break;
	default:
		target = getpid();
		if (!self_signal_ok((int)sig))
			sig = 0;
		break;
	}
	if (c && (target == c->pid || target == -c->pid))
		accept_signal(c, (int)sig);
	if (nr == SYS_tkill && target > 0)
		ret = raw_call(SYS_tkill, target, sig, 0, 0, 0, 0);
	else if (nr == SYS_tgkill && target > 0)
		ret = raw_call(SYS_tgkill, target, target, sig, 0, 0, 0);
	else
		ret = raw_call(SYS_kill, target, sig, 0, 0, 0, 0);
	snprintf(last_op, sizeof(last_op), "kill(%ld, %ld) = %ld", target, sig, ret);
	if (target == 40000 && sig >= 0 && sig <= 64 && ret != -ESRCH)
		bug("kill of a pid that cannot exist returned %ld", ret);
}

/* A wait call: what it reaps must be checked like any other. */
static void op_wait(void)
{
	long pid, options, statusp, rusage, ret;
	int *status = (int *)(scratch + 128);
	int good_status;

	switch (below(5)) {
	case 0: pid = -1; break;
	case 1: pid = nchildren ? children[below(nchildren)].pid : -1; break;
	case 2: pid = 0; break;
	case 3: pid = nchildren ? -children[below(nchildren)].pid : -40000; break;
	default: pid = (long)gen_int(); break;
	}
	if (pid == 1 || (pid > 1 && !child_find((pid_t)pid) && pid < 32768))
		pid = 40000;	/* a random pid could belong to anybody */
	options = chance(80) ? WNOHANG : 0;
	if (chance(10))
		options |= chance(50) ? WUNTRACED : WCONTINUED;
	if (chance(5))
		options = (long)gen_int();
	if (!(options & WNOHANG))
		alarm(1);
	good_status = chance(85);
	statusp = good_status ? (long)status : (long)bad_pointer();
	if (statusp == 0)
		good_status = 0;
	rusage = chance(90) ? 0 : chance(50) ? (long)bad_pointer() : (long)out_ptr(72);
	snprintf(last_op, sizeof(last_op), "wait4(%ld, %#lx, %#lx, %#lx)", pid,
		 statusp, options, rusage);
	ret = raw_call(SYS_wait4, pid, statusp, options, rusage, 0, use_df && chance(3));
	if (ret > 0) {
		if (statusp == 0 || good_status)
			child_ended((pid_t)ret, *status, good_status);
		else
			child_ended((pid_t)ret, 0, 0);
	} else if (ret == -EFAULT && pid > 0 && statusp != (long)status) {
		struct child *c = child_find((pid_t)pid);
		if (c)
			c->maybe_gone = 1;
	} else if (ret == -EFAULT) {
		/* Which child was reaped, if any, is not known. */
		for (int i = 0; i < nchildren; i++)
			children[i].maybe_gone = 1;
	}
}

/* ------------------------------------------------------------------ */
/* Self-checks that run as fuzz operations.                             */

/* Touch forbidden memory: it must fault. */
static void op_probe(void)
{
	static const uint32_t addrs[] = {
		0, 1, 0xffc, 0xc0000000, 0xc0100000, 0xc0100400, 0xc03ff000,
		0xd0000000, 0xf0000000, 0xf0001000, 0xfffff000, 0xffffffff,
	};
	uint32_t a = PICK(addrs);
	int write_it = chance(30);
	int sig;

	snprintf(last_op, sizeof(last_op), "probe %s %#x", write_it ? "write" : "read", a);
	probing = 1;
	sig = sigsetjmp(probe_jump, 1);
	if (sig == 0) {
		volatile unsigned char *p = opaque(a);
		if (write_it)
			*p = 0;
		else
			(void)*p;
		probing = 0;
		if (ON_CONDUIT || a < 0x1000)
			bug("user mode %s address %#x without a fault",
			    write_it ? "wrote" : "read", a);
	}
	probing = 0;
	/* Our own code must not be writable either. */
	probing = 1;
	sig = sigsetjmp(probe_jump, 1);
	if (sig == 0) {
		volatile unsigned char *p = (unsigned char *)text_target_addr;
		*p = *p;
		probing = 0;
		bug("the program's own code is writable");
	}
	probing = 0;
#if ON_CONDUIT
	/* Fresh stack far below the live one reads as zero. */
	probing = 1;
	sig = sigsetjmp(probe_jump, 1);
	if (sig == 0) {
		volatile uint32_t *p = (uint32_t *)(uintptr_t)((0xbf800000u + below(0x100000)) & ~3u);
		if (*p != 0)
			bug("fresh stack page at %p holds %#x, not zero", (void *)p, *p);
		probing = 0;
	} else {
		probing = 0;
		bug("reading the stack region at 0xbf8xxxxx faulted (signal %d)", sig);
	}
#endif
}

/* Bytes through a fresh pipe come back unchanged. */
static void op_pipe_check(void)
{
	int fds[2];
	uint32_t n = 1 + below(chance(50) ? 4096 : 60000);
	unsigned char *src = scratch, *dst = scratch + SCRATCH_SIZE / 2;
	int df = use_df && chance(20);
	long w, r;

	if (n > SCRATCH_SIZE / 2 - 64)
		n = SCRATCH_SIZE / 2 - 64;
	if (sys5(SYS_pipe, (long)fds, 0, 0, 0, 0) != 0)
		return;
	for (uint32_t i = 0; i < n; i++)
		src[i] = (unsigned char)(rnd() >> 7);
	memset(dst, 0xEE, n + 16);
	snprintf(last_op, sizeof(last_op), "pipe check: write(%d, scratch, %u)%s",
		 fds[1], n, df ? " with DF set" : "");
	w = raw_call(SYS_write, fds[1], (long)src, n, 0, 0, df);
	snprintf(last_op, sizeof(last_op), "pipe check: read(%d, scratch+32K, %u)%s",
		 fds[0], n, df ? " with DF set" : "");
	r = raw_call(SYS_read, fds[0], (long)dst, n + 16, 0, 0, df);
	if (w != (long)n || r != (long)n)
		bug("pipe check: wrote %ld of %u, read %ld", w, n, r);
	else if (memcmp(src, dst, n) != 0)
		bug("pipe check: %u bytes came back changed", n);
	else if (dst[n] != 0xEE)
		bug("pipe check: read wrote past the bytes it returned");
	sys5(SYS_close, fds[0], 0, 0, 0, 0);
	sys5(SYS_close, fds[1], 0, 0, 0, 0);
}

/* Grow the heap past the scratch buffer: fresh pages are zero; shrink back. */
static void op_brk(void)
{
	long cur = sys5(SYS_brk, 0, 0, 0, 0, 0);
	long want = cur + (long)below(4 << 20) + 1;
	long got;

	snprintf(last_op, sizeof(last_op), "brk(%#lx) from %#lx", want, cur);
	if (chance(20))
		want = (long)(ON_CONDUIT ? PICK(((const uint32_t[]){ 0xbf800000u,
						0xc0000000u, 0xffffffffu, 0x1000u, 0 })) : 0);
	got = raw_call(SYS_brk, want, 0, 0, 0, 0, use_df && chance(10));
	if (got == want && got > cur) {
		for (long a = (cur + 4095) & ~4095L; a < want; a += 4096)
			if (*(volatile uint32_t *)a != 0) {
				bug("fresh heap page at %#lx is not zero", a);
				break;
			}
	}
	if (sys5(SYS_brk, cur, 0, 0, 0, 0) != cur)
		bug("could not move the break back to %#lx", cur);
}

/* ------------------------------------------------------------------ */
/* The operations.                                                     */

enum op {
	OP_READ, OP_WRITE, OP_OPEN, OP_CLOSE, OP_CREAT, OP_UNLINK, OP_CHDIR,
	OP_MKNOD, OP_LSEEK, OP_ACCESS, OP_RENAME, OP_MKDIR, OP_RMDIR, OP_DUP,
	OP_PIPE, OP_IOCTL, OP_FCNTL, OP_UMASK, OP_DUP2, OP_TRUNCATE,
	OP_FTRUNCATE, OP_STAT, OP_FSTAT, OP_SYSINFO, OP_UNAME, OP_GETDENTS,
	OP_GETCWD, OP_SELECT, OP_POLL, OP_PPOLL, OP_NANOSLEEP, OP_TIME,
	OP_SIGACTION, OP_SIGPROCMASK, OP_SIGPENDING, OP_SIGSUSPEND, OP_PAUSE,
	OP_ALARM, OP_KILL, OP_WAIT, OP_FORK, OP_IDS, OP_SETPGID, OP_YIELD,
	OP_DUP3, OP_PIPE2, OP_NOSYS, OP_PROBE, OP_PIPE_CHECK, OP_BRK,
	OP_CONSOLE, OP_EXIT, NR_OPS
};

/* Relative weights. */
static const uint8_t op_weight[NR_OPS] = {
	[OP_READ] = 14, [OP_WRITE] = 14, [OP_OPEN] = 12, [OP_CLOSE] = 8,
	[OP_CREAT] = 3, [OP_UNLINK] = 4, [OP_CHDIR] = 2, [OP_MKNOD] = 3,
	[OP_LSEEK] = 4, [OP_ACCESS] = 2, [OP_RENAME] = 4, [OP_MKDIR] = 4,
	[OP_RMDIR] = 3, [OP_DUP] = 4, [OP_PIPE] = 6, [OP_IOCTL] = 3,
	[OP_FCNTL] = 4, [OP_UMASK] = 1, [OP_DUP2] = 4, [OP_TRUNCATE] = 2,
	[OP_FTRUNCATE] = 3, [OP_STAT] = 4, [OP_FSTAT] = 3, [OP_SYSINFO] = 1,
	[OP_UNAME] = 1, [OP_GETDENTS] = 3, [OP_GETCWD] = 2, [OP_SELECT] = 3,
	[OP_POLL] = 4, [OP_PPOLL] = 2, [OP_NANOSLEEP] = 1, [OP_TIME] = 2,
	[OP_SIGACTION] = 4, [OP_SIGPROCMASK] = 3, [OP_SIGPENDING] = 1,
	[OP_SIGSUSPEND] = 1, [OP_PAUSE] = 1, [OP_ALARM] = 1, [OP_KILL] = 5,
	[OP_WAIT] = 5, [OP_FORK] = 5, [OP_IDS] = 3, [OP_SETPGID] = 2,
	[OP_YIELD] = 1, [OP_DUP3] = 2, [OP_PIPE2] = 3, [OP_NOSYS] = 2,
	[OP_PROBE] = 2, [OP_PIPE_CHECK] = 2, [OP_BRK] = 2, [OP_CONSOLE] = 1,
	[OP_EXIT] = 1,
};

static const char *const op_names[NR_OPS] = {
	"read", "write", "open", "close", "creat", "unlink", "chdir", "mknod",
	"lseek", "access", "rename", "mkdir", "rmdir", "dup", "pipe", "ioctl",
	"fcntl", "umask", "dup2", "truncate", "ftruncate", "stat", "fstat",
	"sysinfo", "uname", "getdents64", "getcwd", "select", "poll", "ppoll",
	"nanosleep", "time", "rt_sigaction", "rt_sigprocmask",
	"rt_sigpending", "rt_sigsuspend", "pause", "alarm", "kill", "wait4",
	"fork", "ids", "setpgid", "sched_yield", "dup3", "pipe2", "nosys",
	"probe", "pipe-check", "brk", "console", "exit",
};

static int total_weight;

static int pick_op(void)
{
	uint32_t r;

	if (!total_weight)
		for (int i = 0; i < NR_OPS; i++)
			total_weight += op_weight[i];
	r = below((uint32_t)total_weight);
	for (int i = 0; i < NR_OPS; i++) {
		if (r < op_weight[i])
			return i;
		r -= op_weight[i];
	}
	return OP_YIELD;
}

/*
 * Call numbers that no version of Conduit can have: past the end of its
 * table (400), negative, huge.  These must give ENOSYS.
 */
static long gen_nosys_number(void)
{
	if (!ON_CONDUIT)
		return 1000 + below(100000);
	switch (below(4)) {
	case 0: return 400 + below(600);
	case 1: return -(long)below(1000) - 1;
	case 2: return PICK(((const int32_t[]){ 400, 401, 511, 512, 1023, 1024, 65535,
						0x7fffffff, (int32_t)0x80000000 }));
	default: return (long)(gen_int() | 0x400);
	}
}

/*
 * Obsolete or hardware-granting calls (Linux i386 numbers) that must fail
 * whatever Conduit grows: break, stty, gtty, ftime, prof, lock, mpx,
 * profil, ioperm, iopl, vm86old, vm86.  Port I/O or vm86 for a user
 * program would be the end of isolation.
 */
static long gen_must_fail_number(void)
{
	return PICK(((const int32_t[]){ 17, 31, 32, 35, 44, 53, 56, 98, 101, 110, 113, 166 }));
}

/* The call's result, checked against what a kernel pointer allows. */
static void check_kernel_buffer(const char *what, long ret, uintptr_t buf, uint32_t len)
{
	uint32_t user_part;

	if (ret > 0 && len > 0 && what[0] == 'r' && buf >= text_target_addr &&
	    buf < text_target_addr + 64)
		bug("%s into read-only code at %#lx returned %ld", what,
		    (unsigned long)buf, ret);
	if (!ON_CONDUIT || ret <= 0 || len == 0)
		return;
	user_part = buf >= 0xc0000000u ? 0 : 0xc0000000u - (uint32_t)buf;
	if (buf < 0x1000)
		user_part = 0;
	if ((uint32_t)ret > user_part && (uint32_t)ret <= len)
		bug("%s with buffer %#lx, length %u returned %ld: kernel memory "
		    "was %s", what, (unsigned long)buf, len, ret,
		    what[0] == 'r' ? "written" : "read");
}

static void op_console(void)
{
	static const uint32_t cmds[] = { 0x5401, 0x5402, 0x5403, 0x5404,
					 0x540F, 0x5413, 0x541B, 0x5409, 0 };
	long fd = sys5(SYS_open, (long)"/dev/console", O_RDWR | O_NONBLOCK, 0, 0, 0);
	uint32_t cmd = chance(80) ? PICK(cmds) : rnd();

	if (fd < 0)
		return;
	if (cmd == 0x5410 || cmd == 0x5412)	/* TIOCSPGRP, TIOCSTI */
		cmd = 0x5401;
	snprintf(last_op, sizeof(last_op), "console ioctl(%ld, %#x)", fd, cmd);
	raw_call(SYS_ioctl, fd, cmd, (long)out_ptr(64), 0, 0, use_df && chance(5));
	/* Writes from bad pointers only: nothing may come out. */
	raw_call(SYS_write, fd, (long)bad_pointer(), 1 + below(64), 0, 0, 0);
	sys5(SYS_close, fd, 0, 0, 0, 0);
}

static void op_sigaction(void)
{
	long sig = chance(85) ? PICK(fuzzable_signals) : gen_signal();
	struct {
		unsigned long handler, flags, restorer;
		unsigned long mask[8 / sizeof(unsigned long)];
	} ksa;
	long act, old, size = chance(95) ? 8 : (long)gen_int(), ret;
	int choice = (int)below(4);
	static const unsigned long flag_bits[] = {
		SA_RESTART, SA_NODEFER, SA_RESETHAND, SA_SIGINFO, SA_NOCLDSTOP,
		0, 0x12345678,
	};

	old = chance(50) ? 0 : (long)out_ptr(sizeof(ksa));
	if (!is_fuzzable_signal(sig)) {
		/* Invalid numbers, SIGKILL and SIGSTOP may get an action (which
		 * must fail); the signals the fuzzer relies on only a query or
		 * a bad pointer. */
		memset(&ksa, 0, sizeof(ksa));
		act = chance(50) ? (long)&ksa : (long)bad_pointer();
		if (sig >= 1 && sig <= 64 && sig != SIGKILL && sig != SIGSTOP && act == (long)&ksa)
			act = 0;
		snprintf(last_op, sizeof(last_op), "rt_sigaction(%ld, %#lx, %#lx, %ld)",
			 sig, act, old, size);
		ret = raw_call(SYS_rt_sigaction, sig, act, old, size, 0, use_df && chance(5));
		if (ret == 0 && act && (sig == SIGKILL || sig == SIGSTOP))
			bug("rt_sigaction(%ld) with a new action succeeded", sig);
		return;
	}
	if (choice == 0) {		/* a real handler, through the library */
		struct sigaction sa;
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_signal;
		sa.sa_flags = (int)(PICK(flag_bits) & ~(unsigned long)SA_RESETHAND);
		if (chance(50))
			sigfillset(&sa.sa_mask);
		sigdelset(&sa.sa_mask, SIGALRM);
		snprintf(last_op, sizeof(last_op), "sigaction(%ld, handler)", sig);
		if (sigaction((int)sig, &sa, NULL) == 0)
			disposition[sig] = D_HANDLER;
		return;
	}
	memset(&ksa, 0, sizeof(ksa));
	ksa.handler = choice == 1 ? (unsigned long)SIG_IGN : (unsigned long)SIG_DFL;
	ksa.flags = PICK(flag_bits);
	ksa.mask[0] = rnd();
	act = chance(85) ? (long)&ksa : (long)bad_pointer();
	if (choice == 3 && ON_CONDUIT)
		act = 0;		/* a query */
	snprintf(last_op, sizeof(last_op), "rt_sigaction(%ld, %#lx {%#lx, %#lx}, %#lx, %ld)",
		 sig, act, ksa.handler, ksa.flags, old, size);
	ret = raw_call(SYS_rt_sigaction, sig, act, old, size, 0, use_df && chance(5));
	if (ret == 0 && act == (long)&ksa)
		disposition[sig] = ksa.handler == (unsigned long)SIG_IGN ? D_IGNORE : D_DEFAULT;
	else if (ret != 0 && act == (long)&ksa && size == 8)
		disposition[sig] = D_UNKNOWN;
}

static void one_op(void)
{
	int op = pick_op();
	int df = use_df && chance(4);
	long a = 0, b = 0, c = 0, d = 0, e = 0, ret = 0, nr = -1;
	uint32_t len;

	op_number++;
	last_op[0] = 0;
	switch (op) {
	case OP_READ: case OP_WRITE: {
		int k;
		a = gen_fd();
		len = gen_len();
		k = fd_kind_of(a);
		b = op == OP_READ ? (long)out_ptr(len) : (long)in_ptr(len);
		c = len;
		nr = op == OP_READ ? SYS_read : SYS_write;
		if (k == FK_PIPE_R || k == FK_PIPE_W || k == FK_FIFO || k < 0)
			alarm(1);
		break;
	}
	case OP_OPEN: {
		static const uint32_t flag_bits[] = {
			O_RDONLY, O_WRONLY, O_RDWR, 3, O_CREAT, O_EXCL, O_TRUNC,
			O_APPEND, O_NONBLOCK, O_DIRECTORY, O_CLOEXEC, O_NOCTTY,
			0x80000000u, 0x400000,
		};
		uint32_t flags = 0;
		int n = (int)below(4);
		for (int i = 0; i < n; i++)
			flags |= PICK(flag_bits);
		if (chance(5))
			flags = rnd();
		a = (long)gen_path(1);
		if (chance(30))
			a = (long)PICK(other_paths);
		b = flags;
		c = chance(80) ? (long)(below(01000) | (chance(30) ? 0700 : 0)) : (long)gen_int();
		nr = SYS_open;
		alarm(1);	/* a FIFO open waits for its partner */
		break;
	}
	case OP_CLOSE:
		a = gen_fd();
		nr = SYS_close;
		break;
	case OP_CREAT:
		a = (long)gen_path(1);
		b = (long)(chance(80) ? below(01000) : gen_int());
		nr = SYS_creat;
		break;
	case OP_UNLINK:
		a = (long)gen_path(1);
		nr = SYS_unlink;
		break;
	case OP_CHDIR: {
		static const char *const dirs[] = { "d", "d/e", "..", ".", "a", "", "nonexistent" };
		a = chance(80) ? (long)PICK(dirs) : (long)gen_path(0);
		if (chance(20))
			a = (long)base_dir;
		nr = SYS_chdir;
		break;
	}
	case OP_MKNOD: {
		static const uint32_t types[] = { S_IFIFO, S_IFIFO, S_IFREG, 0,
						  S_IFCHR, S_IFBLK, S_IFDIR, S_IFSOCK, S_IFLNK };
		a = (long)gen_path(1);
		b = (long)(PICK(types) | below(01000));
		if (chance(5))
			b = (long)gen_int();
		if (!ON_CONDUIT && (b & S_IFMT) != S_IFIFO && (b & S_IFMT) != S_IFREG)
			b = S_IFIFO | 0644;	/* no device nodes on a real system */
		c = (long)gen_int();
		nr = SYS_mknod;
		break;
	}
	case OP_LSEEK:
		a = gen_fd();
		b = (long)gen_int();
		c = chance(85) ? (long)below(3) : (long)gen_int();
		nr = SYS_lseek;
		break;
	case OP_ACCESS:
		a = (long)gen_path(0);
		b = chance(80) ? (long)below(8) : (long)gen_int();
		nr = SYS_access;
		break;
	case OP_RENAME:
		a = (long)gen_path(1);
		b = (long)gen_path(1);
		nr = SYS_rename;
		break;
	case OP_MKDIR:
		a = (long)gen_path(1);
		b = (long)(chance(80) ? 0755 : gen_int());
		nr = SYS_mkdir;
		break;
	case OP_RMDIR:
		a = (long)gen_path(1);
		nr = SYS_rmdir;
		break;
	case OP_DUP:
		a = gen_fd();
		nr = SYS_dup;
		break;
	case OP_PIPE: case OP_PIPE2:
		len = 8;
		a = chance(85) ? (long)(scratch + 256) : (long)out_ptr(8);
		b = op == OP_PIPE2 ? (chance(70) ? (long)PICK(((const uint32_t[]){
			0, O_NONBLOCK, O_CLOEXEC, O_NONBLOCK | O_CLOEXEC })) : (long)gen_int()) : 0;
		nr = op == OP_PIPE ? SYS_pipe : SYS_pipe2;
		break;
	case OP_IOCTL: {
		static const uint32_t cmds[] = { 0x541B, 0x5401, 0x5402, 0x5413,
						 0x540F, 0x5421, 0x5451, 0 };
		a = gen_fd();
		b = chance(80) ? (long)PICK(cmds) : (long)rnd();
		if (b == 0x5410 || b == 0x5412)
			b = 0x541B;
		c = (long)out_ptr(64);
		nr = SYS_ioctl;
		break;
	}
	case OP_FCNTL: {
		static const int32_t cmds[] = { 0, 1, 2, 3, 4, 1030, 1031, 1032,
						5, 6, 7, -1, 1024 };
		a = gen_fd();
		b = chance(85) ? PICK(cmds) : (long)gen_int();
		c = b == 0 || b == 1030 ? gen_target_fd() : (long)gen_int();
		if (b == 4 && chance(70))
			c = chance(50) ? O_NONBLOCK : O_APPEND | O_NONBLOCK;
		nr = ON_CONDUIT && chance(30) ? 221 : SYS_fcntl;
		break;
	}
	case OP_UMASK:
		a = (long)gen_int();
		nr = SYS_umask;
		break;
	case OP_DUP2:
		a = gen_fd();
		b = gen_target_fd();
		nr = SYS_dup2;
		break;
	case OP_DUP3:
		a = gen_fd();
		b = gen_target_fd();
		c = chance(70) ? (chance(50) ? 0 : O_CLOEXEC) : (long)gen_int();
		nr = SYS_dup3;
		break;
	case OP_TRUNCATE:
		a = (long)gen_path(1);
		b = chance(60) ? (long)below(20000) : (long)gen_int();
		nr = SYS_truncate;
		break;
	case OP_FTRUNCATE:
		a = gen_fd();
		b = chance(60) ? (long)below(20000) : (long)gen_int();
		nr = SYS_ftruncate;
		break;
	case OP_STAT:
		a = (long)gen_path(0);
		b = (long)out_ptr(144);
		nr = chance(50) ? SYS_stat : SYS_lstat;
		break;
	case OP_FSTAT:
		a = gen_fd();
		b = (long)out_ptr(144);
		nr = SYS_fstat;
		break;
	case OP_SYSINFO:
		a = (long)out_ptr(64);
		nr = SYS_sysinfo;
		break;
	case OP_UNAME:
		a = (long)out_ptr(390);
		nr = SYS_uname;
		break;
	case OP_GETDENTS:
		a = gen_fd();
		len = gen_len();
		b = (long)out_ptr(len);
		c = len;
		nr = SYS_getdents64;
		break;
	case OP_GETCWD:
		len = chance(50) ? below(200) : gen_len();
		a = (long)out_ptr(len);
		b = len;
		nr = SYS_getcwd;
		break;
	case OP_SELECT: {
		uint32_t *sets = (uint32_t *)(scratch + 1024);
		long *tv = (long *)(scratch + 1024 + 3 * 128);
		for (int i = 0; i < 96; i++)
			sets[i] = chance(50) ? rnd() : 0;
		tv[0] = 0;
		tv[1] = chance(70) ? (long)below(20000) : (long)gen_int();
		if (chance(10))
			tv[0] = -1;
		a = chance(80) ? (long)below(260) : (long)gen_int();
		b = chance(80) ? (long)sets : (long)out_ptr(128);
		c = chance(50) ? (long)(sets + 32) : 0;
		d = chance(30) ? (long)(sets + 64) : 0;
		e = chance(90) ? (long)tv : (long)bad_pointer();
		alarm(1);
		nr = SYS_select_nr;
		break;
	}
	case OP_POLL: case OP_PPOLL: {
		struct pollfd *p = (struct pollfd *)(scratch + 2048);
		long *ts = (long *)(scratch + 4096);
		uint32_t n = chance(80) ? below(12) : gen_int();
		for (uint32_t i = 0; i < 64; i++) {
			p[i].fd = (int)gen_fd();
			p[i].events = (short)(chance(70) ? (POLLIN | POLLOUT) : rnd());
			p[i].revents = (short)rnd();
		}
		a = chance(85) ? (long)p : (long)out_ptr(n * 8);
		b = n;
		ts[0] = 0;
		ts[1] = chance(80) ? (long)below(30000000) : (long)gen_int();
		if (op == OP_POLL) {
			c = chance(80) ? (long)below(30) : (long)(int32_t)gen_int();
			nr = SYS_poll;
		} else {
			c = chance(85) ? (long)ts : (long)bad_pointer();
			d = chance(50) ? 0 : (long)gen_sigset();
			e = chance(95) ? 8 : (long)gen_int();
			nr = SYS_ppoll;
		}
		alarm(1);
		break;
	}
	case OP_NANOSLEEP: {
		long *ts = (long *)(scratch + 4096);
		ts[0] = chance(90) ? 0 : (long)gen_int();
		ts[1] = chance(80) ? (long)below(20000000) : (long)gen_int();
		if (ts[0] > 1 || ts[0] < 0)
			ts[0] = chance(50) ? -1 : 0;
		a = chance(85) ? (long)ts : (long)bad_pointer();
		b = chance(50) ? 0 : (long)out_ptr(8);
		alarm(1);
		nr = SYS_nanosleep;
		break;
	}
	case OP_TIME:
		switch (below(3)) {
		case 0:
			a = chance(50) ? 0 : (long)out_ptr(8);
			nr = SYS_time;
			break;
		case 1:
			a = (long)out_ptr(16);
			b = chance(50) ? 0 : (long)out_ptr(8);
			nr = SYS_gettimeofday;
			break;
		default:
			a = chance(70) ? (long)below(2) : (long)gen_int();
			b = (long)out_ptr(16);
			nr = SYS_clock_gettime;
			break;
		}
		break;
	case OP_SIGACTION:
		op_sigaction();
		return;
	case OP_SIGPROCMASK:
		a = chance(85) ? (long)below(3) : (long)gen_int();
		b = chance(20) ? 0 : (long)gen_sigset();
		c = chance(50) ? 0 : (long)out_ptr(8);
		d = chance(95) ? 8 : (long)gen_int();
		nr = SYS_rt_sigprocmask;
		break;
	case OP_SIGPENDING:
		a = (long)out_ptr(8);
		b = chance(95) ? 8 : (long)gen_int();
		nr = SYS_rt_sigpending;
		break;
	case OP_SIGSUSPEND:
		alarm(1);
		a = (long)gen_sigset();
		b = chance(95) ? 8 : (long)gen_int();
		nr = SYS_rt_sigsuspend;
		break;
	case OP_PAUSE:
		alarm(1);
		nr = SYS_pause;
		break;
	case OP_ALARM:
		a = chance(80) ? (long)below(3) : (long)gen_int();
		nr = SYS_alarm;
		break;
	case OP_KILL:
		op_kill(chance(80) ? SYS_kill : chance(50) ? SYS_tkill : SYS_tgkill);
		return;
	case OP_WAIT:
		op_wait();
		return;
	case OP_FORK:
		spawn_child();
		return;
	case OP_IDS: {
		static const long id_calls[] = { SYS_getpid, SYS_getppid,
						 SYS_getpgrp, SYS_getpgid, SYS_getsid };
		nr = PICK(id_calls);
		a = chance(50) ? 0 : (long)gen_int();
		break;
	}
	case OP_SETPGID: {
		long who = nchildren && chance(50) ? children[below(nchildren)].pid : 0;
		if (chance(20))
			who = 40000;
		a = who;
		b = PICK(((const int32_t[]){ 0, 0, -1, 40000, 1 }));
		if (b == 1)
			b = who ? who : getpid();	/* its own group */
		if (chance(15) && depth == 0)
			nr = SYS_setsid;
		else
			nr = SYS_setpgid;
		break;
	}
	case OP_YIELD:
		nr = SYS_sched_yield;
		break;
	case OP_NOSYS: {
		int must_fail = ON_CONDUIT && chance(30);
		nr = must_fail ? gen_must_fail_number() : gen_nosys_number();
		a = chance(30) ? 3 : (long)gen_int();
		b = (long)gen_int();
		c = chance(30) ? 1 : (long)gen_int();
		snprintf(last_op, sizeof(last_op), "syscall(%ld, %#lx, %#lx, %#lx)", nr, a, b, c);
		ret = raw_call(nr, a, b, c, 0, 0, df);
		if (must_fail ? ret >= 0 : ret != -ENOSYS)
			bug("call %ld returned %ld: it must %s", nr, ret,
			    must_fail ? "fail" : "give -ENOSYS");
		return;
	}
	case OP_PROBE:
		op_probe();
		return;
	case OP_PIPE_CHECK:
		op_pipe_check();
		return;
	case OP_BRK:
		op_brk();
		return;
	case OP_CONSOLE:
		op_console();
		return;
	case OP_EXIT:
		if (depth > 0) {
			reap_all();
			child_exit(bugs ? 1 : MINION_OK);
		}
		return;
	}
	if (nr < 0)
		return;
	snprintf(last_op, sizeof(last_op), "%s [%ld](%#lx, %#lx, %#lx, %#lx, %#lx)%s",
		 op_names[op], nr, a, b, c, d, e, df ? " DF" : "");
	if (verbose)
		say("fuzz: w%d.%d #%ld %s\n", worker_index, worker_gen, op_number, last_op);
	ret = raw_call(nr, a, b, c, d, e, df);

	/* Keep track of what the call made or undid. */
	switch (op) {
	case OP_READ:
		check_kernel_buffer("read", ret, (uintptr_t)b, (uint32_t)c);
		if (ret > (long)(uint32_t)c && (uint32_t)c < 0x80000000u)
			bug("read returned %ld for %u bytes", ret, (uint32_t)c);
		break;
	case OP_WRITE:
		check_kernel_buffer("write", ret, (uintptr_t)b, (uint32_t)c);
		if (ret > (long)(uint32_t)c && (uint32_t)c < 0x80000000u)
			bug("write returned %ld for %u bytes", ret, (uint32_t)c);
		break;
	case OP_GETDENTS:
		check_kernel_buffer("read(getdents)", ret, (uintptr_t)b, (uint32_t)c);
		break;
	case OP_OPEN: case OP_CREAT:
		if (ret >= 0) {
			if (fd_protected(ret) || ret > 255)
				bug("open returned descriptor %ld", ret);
			fd_track(ret, FK_FILE);
			if (fd_protected(ret))
				sys5(SYS_close, ret, 0, 0, 0, 0);
		}
		break;
	case OP_CLOSE:
		if (ret == 0)
			fd_forget((int)a);
		if (ret == 0 && fd_protected(a))
			bug("closed a protected descriptor");
		break;
	case OP_DUP: case OP_DUP2: case OP_DUP3:
		if (ret >= 0)
			fd_track(ret, fd_kind_of(a) < 0 ? FK_OTHER : fd_kind_of(a));
		break;
	case OP_FCNTL:
		if ((b == 0 || b == 1030) && ret >= 0) {
			if (fd_protected(ret))
				sys5(SYS_close, ret, 0, 0, 0, 0);
			else
				fd_track(ret, FK_OTHER);
		}
		break;
	case OP_PIPE: case OP_PIPE2:
		if (ret == 0 && a == (long)(scratch + 256)) {
			int *p = (int *)(scratch + 256);
			fd_track(p[0], FK_PIPE_R);
			fd_track(p[1], FK_PIPE_W);
			if (pipe_rd < 0 || chance(30)) {
				pipe_rd = p[0];
				pipe_wr = p[1];
			}
		}
		break;
	case OP_CHDIR:
		if (ret == 0) {
			char *cwd = (char *)(scratch + 8192);
			long n = sys5(SYS_getcwd, (long)cwd, 512, 0, 0, 0);
			if (n > 0 && strncmp(cwd, base_dir, strlen(base_dir)) != 0)
				sys5(SYS_chdir, (long)base_dir, 0, 0, 0, 0);
		}
		break;
	case OP_SIGPROCMASK:
		break;
	}
}

/* Put back what every call may have disturbed. */
static void restore_state(void)
{
	sys5(SYS_rt_sigprocmask, SIG_SETMASK, (long)&base_mask, 0, 8, 0);
	guard_check();
}

static void run_ops(long count)
{
	for (long i = 0; i < count; i++) {
		if (depth == 0 && i % 8 == 0) {
			char beat = 'h';
			if (write(HB_FD, &beat, 1) < 0) {
				/* the main process went away: stop */
			}
			reap_some();
		} else if (depth > 0 && i % 8 == 0) {
			reap_some();
		}
		/* Any call may block (a FIFO open, a read on our own pipe...):
		 * SIGALRM, whose handler does not restart, ends it. */
		alarm(1);
		one_op();
		restore_state();
	}
}

/* ------------------------------------------------------------------ */
/* A worker process: one generation of one stream.                     */

static void make_dirs(void)
{
	char path[200];

	snprintf(path, sizeof(path), "/tmp/fuzz-%d", (int)getppid());
	mkdir(path, 0755);
	mkdir(sandbox_dir, 0755);
	mkdir(base_dir, 0755);
}

static void worker_main(int w, int gen, uint32_t seed, long ops) __attribute__((noreturn));
static void worker_main(int w, int gen, uint32_t seed, long ops)
{
	worker_index = w;
	worker_gen = gen;
	worker_seed = seed;
	rng_seed(seed, (uint32_t)w, (uint32_t)gen);
	log_fd = LOG_FD;
	if (arena_setup() != 0) {
		say("fuzz: worker %d: no memory for the scratch buffer\n", w);
		_exit(1);
	}
	paths_setup(w);
	make_dirs();
	if (chdir(base_dir) != 0) {
		say("fuzz: worker %d: cannot enter %s\n", w, base_dir);
		_exit(1);
	}
	sys5(SYS_setsid, 0, 0, 0, 0, 0);	/* its own session and group */
	signals_setup();
	for (int fd = 0; fd < 3; fd++)
		close(fd);
	run_ops(ops);
	alarm(0);
	reap_all();
	if (verbose)
		say("fuzz: worker %d generation %d: %ld calls, %d alarms, %d signals\n",
		    w, gen, op_number, (int)alarm_count, (int)signal_count);
	_exit(bugs ? 1 : 0);
}

/* ------------------------------------------------------------------ */
/* The main process: counters, workers, the watchdog, the cleanup.     */

struct counters {
	long pages_free, pages_total, processes, files, pipes, kmalloc_objects;
	int valid;
};

static int read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	size_t got = 0;

	if (fd < 0)
		return -1;
	while (got + 1 < size) {
		ssize_t n = read(fd, buf + got, size - 1 - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	buf[got] = 0;
	return (int)got;
}

static long field(const char *text, const char *key)
{
	size_t len = strlen(key);

	for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : p)
		if (strncmp(p, key, len) == 0 && p[len] == ' ')
			return atol(p + len + 1);
	return -1;
}

static struct counters read_counters(void)
{
	static char text[1024];
	struct counters c;

	memset(&c, 0, sizeof(c));
	if (read_file("/proc/meminfo", text, sizeof(text)) <= 0)
		return c;
	c.pages_free = field(text, "pages_free");
	c.pages_total = field(text, "pages_total");
	c.processes = field(text, "processes");
	c.files = field(text, "files");
	c.pipes = field(text, "pipes");
	c.kmalloc_objects = field(text, "kmalloc_objects");
	c.valid = c.pages_free >= 0 && c.processes >= 0 && c.files >= 0 &&
		  c.pipes >= 0 && c.kmalloc_objects >= 0;
	return c;
}

static int counters_equal(const struct counters *a, const struct counters *b)
{
	return a->pages_free == b->pages_free && a->processes == b->processes &&
	       a->files == b->files && a->pipes == b->pipes &&
	       a->kmalloc_objects == b->kmalloc_objects;
}

static void print_counter_diff(const char *who, const struct counters *a,
			       const struct counters *b)
{
	printf("%s: counters, start -> end:\n", who);
	printf("%s:   pages_free      %ld -> %ld (%+ld)\n", who, a->pages_free,
	       b->pages_free, b->pages_free - a->pages_free);
	printf("%s:   processes       %ld -> %ld (%+ld)\n", who, a->processes,
	       b->processes, b->processes - a->processes);
	printf("%s:   files           %ld -> %ld (%+ld)\n", who, a->files,
	       b->files, b->files - a->files);
	printf("%s:   pipes           %ld -> %ld (%+ld)\n", who, a->pipes,
	       b->pipes, b->pipes - a->pipes);
	printf("%s:   kmalloc_objects %ld -> %ld (%+ld)\n", who,
	       a->kmalloc_objects, b->kmalloc_objects,
	       b->kmalloc_objects - a->kmalloc_objects);
}

static double now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static void dump_file(const char *path)
{
	static char text[8192];

	if (read_file(path, text, sizeof(text)) > 0)
		printf("--- %s ---\n%s", path, text);
}

/* Remove a directory tree (our sandbox); returns 0 if it is gone. */
static int remove_tree(const char *path, int level)
{
	static char buf[4096];
	char child[600];

	if (level > 40)
		return -1;
	for (int pass = 0; pass < 1000; pass++) {
		int fd = open(path, O_RDONLY | O_DIRECTORY);
		long n, pos = 0;
		int entries = 0, removed = 0;
		static char names[32][260];

		if (fd < 0)
			return errno == ENOENT ? 0 : -1;
		n = sys5(SYS_getdents64, fd, (long)buf, sizeof(buf), 0, 0);
		close(fd);
		while (pos < n && entries < 32) {
			/* struct linux_dirent64: ino 8, off 8, reclen 2, type 1, name */
			unsigned short reclen;
			const char *name = buf + pos + 19;
			memcpy(&reclen, buf + pos + 16, 2);
			if (reclen == 0)
				break;
			pos += reclen;
			if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
				continue;
			snprintf(names[entries++], sizeof(names[0]), "%s", name);
		}
		if (entries == 0)
			break;
		for (int i = 0; i < entries; i++) {
			size_t plen = strlen(path), nlen = strlen(names[i]);
			if (plen + 1 + nlen >= sizeof(child))
				continue;
			memcpy(child, path, plen);
			child[plen] = '/';
			memcpy(child + plen + 1, names[i], nlen + 1);
			if (unlink(child) == 0 || errno == ENOENT) {
				removed++;
				continue;
			}
			remove_tree(child, level + 1);
			if (rmdir(child) == 0 || errno == ENOENT)
				removed++;
			else
				printf("fuzz: cannot remove %s: %s\n", child, strerror(errno));
		}
		if (!removed)
			return -1;
	}
	return rmdir(path) == 0 || errno == ENOENT ? 0 : -1;
}

struct worker {
	pid_t pid;
	int index, gen;
	int hb;			/* read end of its heartbeat pipe, or -1 */
	double last_beat;
	uint32_t seed;
	long ops;
};

static struct worker workers[MAX_WORKERS];
static int nworkers = DEFAULT_WORKERS;
static uint32_t main_seed;
static int console_fd = 1;

static uint32_t gen_seed(int w, int gen)
{
	return mix32(main_seed ^ mix32((uint32_t)w * 0x9e3779b9u ^ mix32((uint32_t)gen + 1)));
}

static void start_worker(struct worker *wk, int w, int gen, long ops)
{
	int hb[2];
	pid_t pid;

	if (pipe(hb) != 0) {
		printf("fuzz: pipe for worker %d: %s\n", w, strerror(errno));
		wk->pid = -1;
		return;
	}
	wk->index = w;
	wk->gen = gen;
	wk->seed = gen_seed(w, gen);
	wk->ops = ops;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		close(hb[0]);
		dup2(console_fd, LOG_FD);
		dup2(hb[1], HB_FD);
		if (hb[1] != HB_FD)
			close(hb[1]);
		fcntl(HB_FD, F_SETFL, O_NONBLOCK);
		for (int i = 0; i < MAX_WORKERS; i++)
			if (workers[i].hb >= 0 && workers[i].hb != LOG_FD && workers[i].hb != HB_FD)
				close(workers[i].hb);
		worker_main(w, gen, wk->seed, ops);
	}
	close(hb[1]);
	if (pid < 0) {
		printf("fuzz: fork of worker %d failed: %s\n", w, strerror(errno));
		close(hb[0]);
		wk->pid = -1;
		wk->hb = -1;
		return;
	}
	wk->pid = pid;
	wk->hb = hb[0];
	fcntl(hb[0], F_SETFL, O_NONBLOCK);
	wk->last_beat = now_seconds();
}

/* Parse /proc/ps and SIGKILL every other process of ours still there. */
static int kill_leftovers(void)
{
	static char text[65536];
	static int pids[4096], ppids[4096];
	static char names[4096][16];
	int n = 0, killed = 0;
	pid_t self = getpid();

	if (read_file("/proc/ps", text, sizeof(text)) <= 0)
		return 0;
	/* Lines: PID PPID PGID STATE WCHAN NAME */
	for (char *line = strchr(text, '\n'); line && line[1] && n < 4096; line = strchr(line + 1, '\n')) {
		char *p = line + 1, *end, *word[6];
		int words = 0;
		while (words < 6) {
			while (*p == ' ')
				p++;
			if (!*p || *p == '\n')
				break;
			word[words++] = p;
			while (*p && *p != ' ' && *p != '\n')
				p++;
		}
		if (words != 6)
			continue;
		pids[n] = (int)strtol(word[0], &end, 10);
		ppids[n] = (int)strtol(word[1], &end, 10);
		end = word[5];
		while (*end && *end != ' ' && *end != '\n')
			end++;
		snprintf(names[n], sizeof(names[n]), "%.*s", (int)(end - word[5]), word[5]);
		n++;
	}
	for (int i = 0; i < n; i++) {
		int ancestor = 0;
		if (pids[i] == self || strcmp(names[i], "fuzz") != 0)
			continue;
		/* Is pids[i] one of our ancestors? */
		for (pid_t p = getppid(), guard = 0; p > 0 && guard < 64; guard++) {
			int j;
			if (p == pids[i]) {
				ancestor = 1;
				break;
			}
			for (j = 0; j < n && pids[j] != p; j++)
				;
			p = j < n ? ppids[j] : 0;
		}
		if (ancestor)
			continue;
		kill(pids[i], SIGKILL);
		killed++;
	}
	return killed;
}

#if !ON_CONDUIT
/* Linux: kill our remaining children (we are their subreaper). */
static void host_kill_children(void)
{
	char path[300], text[512];
	DIR *d = opendir("/proc");
	struct dirent *e;

	while (d && (e = readdir(d)) != NULL) {
		int pid = atoi(e->d_name);
		char *rp;
		if (pid <= 1)
			continue;
		snprintf(path, sizeof(path), "/proc/%d/stat", pid);
		if (read_file(path, text, sizeof(text)) <= 0)
			continue;
		rp = strrchr(text, ')');	/* "pid (name) S ppid ..." */
		if (rp && rp[1] && rp[2] && rp[3] && atoi(rp + 4) == getpid())
			kill(pid, SIGKILL);
	}
	if (d)
		closedir(d);
}
#endif

static void usage(void)
{
	fprintf(stderr, "usage: fuzz [-w WORKERS] [-v] [-D] [-o W.G] [SEED N]\n"
			"       fuzz [-w WORKERS] [-v] [-D] -t SECONDS [SEED]\n");
	exit(2);
}

/* Deepen the stack once, so that later growth does not move pages_free. */
static int warm_stack(int n)
{
	volatile char frame[4096];

	frame[0] = (char)n;
	frame[4095] = (char)n;
	return n > 0 ? warm_stack(n - 1) + frame[0] + frame[4095] : 0;
}

int main(int argc, char **argv)
{
	long rounds = DEFAULT_ROUNDS, seconds = 0;
	int only_w = -1, only_g = -1, have_seed = 0;
	int opt, failures = 0, host = getenv("CONDUIT_HOST_RUN") != NULL;
	struct counters before, after;
	char root[64];
	double start, deadline = 0;
	long gens_done = 0, next_gen[MAX_WORKERS];
	long total_gens;

	while ((opt = getopt(argc, argv, "w:t:vDo:")) != -1) {
		switch (opt) {
		case 'w':
			nworkers = atoi(optarg);
			if (nworkers < 1 || nworkers > MAX_WORKERS)
				usage();
			break;
		case 't':
			seconds = atol(optarg);
			if (seconds <= 0)
				usage();
			break;
		case 'v':
			verbose = 1;
			break;
		case 'D':
			use_df = 0;
			break;
		case 'o':
		{
			char *end;
			only_w = (int)strtol(optarg, &end, 10);
			if (*end != '.')
				usage();
			only_g = (int)strtol(end + 1, &end, 10);
			if (*end || only_w < 0 || only_g < 0)
				usage();
		}
			break;
		default:
			usage();
		}
	}
	if (seconds) {
		if (argc - optind > 1)
			usage();
		if (argc - optind == 1) {
			main_seed = (uint32_t)strtoul(argv[optind], NULL, 0);
			have_seed = 1;
		}
	} else if (argc - optind == 2) {
		main_seed = (uint32_t)strtoul(argv[optind], NULL, 0);
		rounds = atol(argv[optind + 1]);
		have_seed = 1;
		if (rounds < 0)
			usage();
	} else if (argc - optind != 0) {
		usage();
	}
	if (!ON_CONDUIT)
		use_df = 0;
	if (!have_seed) {
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		main_seed = mix32((uint32_t)ts.tv_sec ^ (uint32_t)ts.tv_nsec ^ (uint32_t)getpid() << 16);
	}
	if (seconds)
		printf("fuzz: seed %u, %ld seconds, %d workers%s\n",
		       main_seed, seconds, nworkers, use_df ? "" : ", no DF");
	else
		printf("fuzz: seed %u, %ld rounds, %d workers%s (replay: fuzz %u %ld)\n",
		       main_seed, rounds, nworkers, use_df ? "" : ", no DF", main_seed, rounds);
	fprintf(stderr, "%s", "");
	fflush(stdout);
#if !ON_CONDUIT
	prctl(PR_SET_CHILD_SUBREAPER, 1);
#endif
	signal(SIGPIPE, SIG_IGN);
	for (int i = 0; i < MAX_WORKERS; i++) {
		workers[i].pid = -1;
		workers[i].hb = -1;
	}

	/* Warm up: stack, stdio, the files we read, a directory, a worker. */
	warm_stack(48);
	snprintf(root, sizeof(root), "/tmp/fuzz-%d", (int)getpid());
	mkdir(root, 0755);
	remove_tree(root, 0);
	dump_file("/nonexistent");
	kill_leftovers();
	before = read_counters();
	if (!before.valid && !host) {
		printf("fuzz: cannot read the counters in /proc/meminfo "
		       "(on a Linux host, set CONDUIT_HOST_RUN=1)\n");
		return 1;
	}
	before = read_counters();

	start = now_seconds();
	if (seconds)
		deadline = start + seconds;
	total_gens = seconds ? -1 : (rounds + GEN_OPS - 1) / GEN_OPS;
	for (int w = 0; w < nworkers; w++)
		next_gen[w] = 0;
	for (;;) {
		int running = 0, status;
		pid_t pid;
		double t = now_seconds();

		/* Start the next generation wherever a worker is idle. */
		for (int w = 0; w < nworkers; w++) {
			long ops;
			if (workers[w].pid > 0)
				continue;
			if (only_w >= 0 && (w != only_w || next_gen[w] > only_g))
				continue;
			if (only_w >= 0 && next_gen[w] < only_g)
				next_gen[w] = only_g;
			if (seconds ? t >= deadline : next_gen[w] >= total_gens)
				continue;
			ops = seconds ? GEN_OPS : rounds - next_gen[w] * GEN_OPS;
			if (ops > GEN_OPS)
				ops = GEN_OPS;
			start_worker(&workers[w], w, (int)next_gen[w], ops);
			next_gen[w]++;
			if (workers[w].pid < 0) {
				failures++;
				next_gen[w] = total_gens >= 0 ? total_gens : 0;
				deadline = t;
			}
		}
		for (int w = 0; w < nworkers; w++)
			running += workers[w].pid > 0;
		if (!running)
			break;

		/* Heartbeats. */
		{
			struct pollfd pfd[MAX_WORKERS];
			int idx[MAX_WORKERS], n = 0;
			for (int w = 0; w < nworkers; w++) {
				if (workers[w].pid > 0 && workers[w].hb >= 0) {
					pfd[n].fd = workers[w].hb;
					pfd[n].events = POLLIN;
					idx[n++] = w;
				}
			}
			poll(pfd, n, 500);
			t = now_seconds();
			for (int i = 0; i < n; i++) {
				char buf[256];
				if (pfd[i].revents & POLLIN) {
					while (read(pfd[i].fd, buf, sizeof(buf)) > 0)
						;
					workers[idx[i]].last_beat = t;
				}
			}
		}

		/* Reap workers (and, as pid 1, orphans). */
		while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
			for (int w = 0; w < nworkers; w++) {
				struct worker *wk = &workers[w];
				if (wk->pid != pid)
					continue;
				gens_done++;
				if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
					failures++;
					printf("fuzz: worker %d generation %d (seed %u) %s %d%s\n",
					       w, wk->gen, wk->seed,
					       WIFEXITED(status) ? "exited with status" : "was killed by signal",
					       WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status),
					       WIFEXITED(status) && WEXITSTATUS(status) == 1 ?
					       " (see the BUG lines above)" : "");
					printf("fuzz:   replay that stream alone: fuzz -o %d.%d %u %ld\n",
					       w, wk->gen, main_seed, seconds ? (long)(wk->gen + 1) * GEN_OPS : rounds);
				}
				close(wk->hb);
				wk->hb = -1;
				wk->pid = -1;
			}
		}

		/* The watchdog. */
		for (int w = 0; w < nworkers; w++) {
			struct worker *wk = &workers[w];
			if (wk->pid > 0 && t - wk->last_beat > HANG_SECONDS) {
				printf("fuzz: worker %d generation %d (seed %u, pid %d) made no progress "
				       "for %d s: hung\n", w, wk->gen, wk->seed, (int)wk->pid, HANG_SECONDS);
				dump_file("/proc/ps");
				dump_file("/proc/pipes");
				kill(-wk->pid, SIGKILL);
				kill(wk->pid, SIGKILL);
				wk->last_beat = t;
				failures++;
			}
		}
	}

	/* Everything of ours must go: leftovers, then the sandbox. */
	kill_leftovers();
#if !ON_CONDUIT
	host_kill_children();
#endif
	for (int i = 0; i < 200; i++) {
		pid_t pid;
		int status;
		while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
			;
		if (pid < 0 && (getpid() == 1 || !ON_CONDUIT))
			break;
		if (getpid() != 1 && ON_CONDUIT)
			break;
		sleep_ms(50);
		kill_leftovers();
	}
	if (remove_tree(root, 0) != 0) {
		printf("fuzz: could not remove %s\n", root);
		failures++;
	}

	printf("fuzz: %ld generations of up to %d calls in %.0f s, %d failure(s)\n",
	       gens_done, GEN_OPS, now_seconds() - start, failures);
	if (seconds) {
		long most = 0;
		for (int w = 0; w < nworkers; w++)
			if (next_gen[w] > most)
				most = next_gen[w];
		printf("fuzz: the same calls again: fuzz %u %ld\n", main_seed, most * GEN_OPS);
	}
	if (host) {
		printf("fuzz: host run: counter check skipped\n");
	} else {
		/* Orphans may still be on their way out: give them a while. */
		for (int i = 0; i < 400; i++) {
			pid_t pid;
			int status;
			after = read_counters();
			if (counters_equal(&before, &after))
				break;
			while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
				;
			if (i % 20 == 19)
				kill_leftovers();
			sleep_ms(50);
		}
		if (!counters_equal(&before, &after)) {
			print_counter_diff("fuzz", &before, &after);
			dump_file("/proc/ps");
			dump_file("/proc/pipes");
			printf("fuzz: FAILED: the kernel's counters did not return to their start\n");
			failures++;
		} else {
			printf("fuzz: counters back to their start (pages_free %ld, files %ld, "
			       "pipes %ld, processes %ld, kmalloc_objects %ld)\n",
			       after.pages_free, after.files, after.pipes, after.processes,
			       after.kmalloc_objects);
		}
	}
	printf("fuzz: %s (seed %u)\n", failures ? "FAILED" : "passed", main_seed);
	fflush(stdout);
	return failures ? 1 : 0;
}
