/*
 * args.c - random arguments for the calls: integers and lengths with
 * their edge cases, pointers (into the scratch buffer, and everywhere a
 * user program must not reach), descriptors the worker has open or just
 * closed, paths, signal numbers and masks.  Also the scratch buffer the
 * kernel may write into, and the guard in front of it.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "rng.h"

#if !ON_CONDUIT
#include <sys/mman.h>
#endif

#define GUARD_SIZE 4096
#define GUARD_CHECKED 256	/* the bytes right below scratch */
#define MAX_TRACKED 256
#define NR_RECENTLY_CLOSED 8

/* ------------------------------------------------------------------ */
/* Memory the kernel may write into: a scratch buffer at the very end  */
/* of the heap (so an over-long length runs into unmapped memory, not  */
/* into the fuzzer), with a guard region in front holding a pattern.   */

static unsigned char *guard_lo;	/* GUARD_SIZE bytes just below scratch */
unsigned char *scratch;
uintptr_t scratch_end;
uintptr_t text_target_addr;

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

/* The guard and scratch, page-aligned, ending where the heap ends. */
static unsigned char *arena_map(size_t total)
{
#if ON_CONDUIT
	uintptr_t brk0 = (uintptr_t)sbrk(0);
	uintptr_t start = (brk0 + 4095) & ~(uintptr_t)4095;

	if (sbrk((int)(start - brk0 + total)) == (void *)-1)
		return NULL;
	return (unsigned char *)start;
#else
	/* One PROT_NONE page after the arena stands for "unmapped". */
	unsigned char *base = mmap(NULL, total + 4096, PROT_READ | PROT_WRITE,
				   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (base == MAP_FAILED)
		return NULL;
	mprotect(base + total, 4096, PROT_NONE);
	return base;
#endif
}

int arena_setup(void)
{
	unsigned char *base = arena_map(GUARD_SIZE + SCRATCH_SIZE);

	if (base == NULL)
		return -1;
	guard_lo = base;
	scratch = base + GUARD_SIZE;
	scratch_end = (uintptr_t)(scratch + SCRATCH_SIZE);
	for (size_t i = 0; i < GUARD_SIZE; i++)
		guard_lo[i] = guard_byte(i);
	text_target_addr = (uintptr_t)fuzz_text_target;
	return 0;
}

/* Did anything write into the guard?  Repair it and report. */
void guard_check(void)
{
	size_t first = GUARD_SIZE, last = 0;

	for (size_t i = GUARD_SIZE - GUARD_CHECKED; i < GUARD_SIZE; i++) {
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
/* Integers, lengths, pointers.                                        */

static const uint32_t edge_values[] = {
	0, 1, 2, 3, 4, 7, 8, 15, 16, 31, 32, 63, 64, 127, 128, 255, 256,
	511, 512, 1023, 1024, 4095, 4096, 4097, 8191, 8192, 65535, 65536,
	65537, 0x7fff, 0x8000, 0xffff, 0x3fffffff, 0x40000000, 0x7ffffffe,
	0x7fffffff, 0x80000000, 0x80000001, 0xbfffffff, 0xc0000000,
	0xfffff000, 0xfffffffe, 0xffffffff,
};

uint32_t gen_int(void)
{
	switch (below(6)) {
	case 0: case 1: return PICK(edge_values);
	case 2: return below(64);
	case 3: return below(70000);
	case 4: return (uint32_t)-(int32_t)below(64);
	default: return rnd();
	}
}

uint32_t gen_len(void)
{
	static const uint32_t edges[] = { 4095, 4096, 4097, 65535, 65536,
					  65537, SCRATCH_SIZE };

	switch (below(8)) {
	case 0: return 0;
	case 1: case 2: return 1 + below(64);
	case 3: return 1 + below(8192);
	case 4: return PICK(edges);
	case 5: return 1 + below(SCRATCH_SIZE);
	default: return gen_int();
	}
}

/* Addresses no user program may use. */
uintptr_t bad_pointer(void)
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

/* The program's own stack, where the kernel may write but should not. */
static uintptr_t own_stack_pointer(void)
{
#if ON_CONDUIT
	/* The dead top of the stack (strings already copied), or far
	 * below the live stack: both are the program's own. */
	return chance(50) ? 0xbffff000u + below(0xff0)
			  : 0xbfa00000u + below(0x200000);
#else
	return (uintptr_t)scratch;
#endif
}

/* A pointer for the kernel to write len bytes into. */
uintptr_t out_ptr(uint32_t len)
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
		return own_stack_pointer();
	case 14:	/* the start of the scratch buffer, any length */
		return (uintptr_t)scratch;
	default:
		return scratch_end - below(64);
	}
}

/* A pointer for the kernel to read len bytes from. */
uintptr_t in_ptr(uint32_t len)
{
	if (chance(10))
		return (uintptr_t)fuzz_text_target + below(64);
	if (chance(5))
		return (uintptr_t)&text_target_addr;	/* our own data */
	return out_ptr(len);
}

/* ------------------------------------------------------------------ */
/* Descriptors.                                                        */

struct fd_entry {
	int fd;
	int kind;
};

static struct fd_entry tracked[MAX_TRACKED];
static int ntracked;
static int recently_closed[NR_RECENTLY_CLOSED];

void fd_forget(int fd)
{
	for (int i = 0; i < ntracked; i++) {
		if (tracked[i].fd == fd) {
			tracked[i] = tracked[--ntracked];
			recently_closed[below(NR_RECENTLY_CLOSED)] = fd;
			return;
		}
	}
}

/* The worker's console and heartbeat: fuzzed calls leave them alone. */
int fd_protected(long fd)
{
	return fd == LOG_FD || fd == HB_FD;
}

void fd_track(long fd, int kind)
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

/* What fd was opened as, or -1 if we don't know. */
int fd_kind_of(long fd)
{
	for (int i = 0; i < ntracked; i++)
		if (tracked[i].fd == fd)
			return tracked[i].kind;
	return -1;
}

/* A descriptor argument: mostly open ones, sometimes anything. */
long gen_fd(void)
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
		fd = recently_closed[below(NR_RECENTLY_CLOSED)];
		break;
	case 7: case 8:
		fd = PICK(odd);
		break;
	default:
		fd = below(260);
		break;
	}
	return fd_protected(fd) ? FIRST_FREE_FD : fd;
}

/* A descriptor number for dup2/dup3/F_DUPFD targets. */
long gen_target_fd(void)
{
	long fd = chance(70) ? (long)below(260) : gen_fd();

	return fd_protected(fd) ? FIRST_FREE_FD : fd;
}

/* ------------------------------------------------------------------ */
/* Paths.  Names that create things stay inside the worker's directory. */

char base_dir[160];
char sandbox_dir[128];
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

/* Names and paths too long, or just long enough. */
static void long_paths_setup(void)
{
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

void paths_setup(int w)
{
	snprintf(sandbox_dir, sizeof(sandbox_dir), "/tmp/fuzz-%d/w%d",
		 (int)getppid(), w);
	snprintf(base_dir, sizeof(base_dir), "%s/base", sandbox_dir);
	snprintf(abs_names[0], sizeof(abs_names[0]), "%s/a", base_dir);
	snprintf(abs_names[1], sizeof(abs_names[1]), "%s/d/e", base_dir);
	snprintf(abs_names[2], sizeof(abs_names[2]), "%s/p", base_dir);
	snprintf(abs_names[3], sizeof(abs_names[3]), "%s/", base_dir);
	long_paths_setup();
}

/* An unterminated string that runs into unmapped memory. */
uintptr_t unterminated_path(void)
{
	uint32_t n = 1 + below(300);
	unsigned char *p = (unsigned char *)(scratch_end - n);

	memset(p, 'u', n);
	return (uintptr_t)p;
}

/* Outside the sandbox: only for calls that create or remove nothing. */
const char *other_path(void)
{
	return PICK(other_paths);
}

/* A path: create_ok means the call may create or remove something. */
uintptr_t gen_path(int create_ok)
{
	static const char *const long_paths[] = { path4095, path4096, path5000 };
	uint32_t r = below(100);

	if (r < 55)
		return (uintptr_t)PICK(rel_names);
	if (r < 62)
		return (uintptr_t)abs_names[below(4)];
	if (r < 68)
		return (uintptr_t)(chance(50) ? name255 : name256);
	if (r < 72)
		return (uintptr_t)PICK(long_paths);
	if (r < 80)
		return bad_pointer();
	if (r < 85)
		return unterminated_path();
	if (create_ok)
		return (uintptr_t)PICK(rel_names);
	return (uintptr_t)other_path();
}

/* ------------------------------------------------------------------ */
/* Signals.                                                            */

/* A signal number argument. */
long gen_signal(void)
{
	static const int32_t odd[] = { 0, -1, 65, 100, 1000, 0x7fffffff,
				       (int32_t)0x80000000 };

	if (chance(8))
		return PICK(odd);
	return 1 + below(64);
}

/* A signal mask for the kernel: 8 bytes, never blocking SIGALRM. */
uintptr_t gen_sigset(void)
{
	uint32_t *set = (uint32_t *)(scratch + SCRATCH_SIZE - 64);

	if (chance(15))
		return chance(50) ? bad_pointer() : scratch_end - 4;
	set[0] = chance(50) ? rnd() : 0;
	set[1] = chance(50) ? rnd() : 0;
	set[0] &= ~(1u << (SIGALRM - 1));
	return (uintptr_t)set;
}
