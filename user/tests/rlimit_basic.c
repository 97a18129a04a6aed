/*
 * rlimit_basic - getrlimit, setrlimit and prlimit64: what they report,
 * what they change, what children inherit, and their errors.
 *
 *  1. Defaults (Conduit only): Linux's for init, with NOFILE 256/256 and
 *     NPROC 8000/8000 (see kernel/proc/rlimit.c).
 *  2. setrlimit sets both values, getrlimit (ugetrlimit) reads them back;
 *     the old getrlimit call (76) reports values above 2^31 - 1 as
 *     2^31 - 1, and the old setrlimit call (75) works too.
 *  3. prlimit64 with pid 0 returns the old value and sets the new one,
 *     64-bit: RLIM_INFINITY is ~0 there; on Conduit (i386 semantics) a
 *     value of 2^32 or more reads back as infinity.
 *  4. prlimit64 of another process reads and sets that process's limit,
 *     and not the caller's (the child reports what it then sees).
 *  5. Limits are inherited across fork and kept across execve.
 *  6. Errors: EINVAL for a resource of 16 or -1 and for soft > hard (and
 *     nothing changes), EFAULT for bad pointers, ESRCH for prlimit64 of a
 *     pid that is gone or negative.  Conduit only: an EFAULT storing the
 *     old value leaves the limit unchanged (Linux sets it first), and
 *     root may raise a hard limit (a container's root may not).
 * Synchronisation: pipes and waitpid only.
 */
#include <conduit/test.h>
#include <stdint.h>
#include <sys/resource.h>
#include <sys/syscall.h>

#define EXEC_FLAG "--check-inherited"
#define HARD 0x80000000u	/* the hard limit once lowered (not raised again:
				   a Linux container's root may not) */

struct rlimit64 {
	uint64_t cur, max;
};

static int host;

static long prlimit64(pid_t pid, int res, const struct rlimit64 *new,
		      struct rlimit64 *old)
{
	return syscall(SYS_prlimit64, pid, res, new, old);
}

static void expect(int res, rlim_t cur, rlim_t max)
{
	struct rlimit r;

	CHECK_EQ(getrlimit(res, &r), 0);
	CHECK_EQ(r.rlim_cur, cur);
	CHECK_EQ(r.rlim_max, max);
}

static void defaults(void)
{
	const rlim_t inf = RLIM_INFINITY;

	expect(RLIMIT_CPU, inf, inf);
	expect(RLIMIT_FSIZE, inf, inf);
	expect(RLIMIT_DATA, inf, inf);
	expect(RLIMIT_STACK, 8 << 20, inf);
	expect(RLIMIT_CORE, 0, inf);
	expect(RLIMIT_NPROC, 8000, 8000);
	expect(RLIMIT_NOFILE, 256, 256);
	expect(RLIMIT_MEMLOCK, 8 << 20, 8 << 20);
	expect(RLIMIT_AS, inf, inf);
	expect(RLIMIT_MSGQUEUE, 819200, 819200);
	expect(RLIMIT_NICE, 0, 0);
	expect(RLIMIT_RTTIME, inf, inf);
}

static void set_and_get(void)
{
	struct rlimit r = { 1000, RLIM_INFINITY };
	unsigned long raw[2];

	CHECK_EQ(setrlimit(RLIMIT_CORE, &r), 0);
	expect(RLIMIT_CORE, 1000, RLIM_INFINITY);
	CHECK_EQ(syscall(SYS_getrlimit, RLIMIT_CORE, raw), 0);	/* old call */
	CHECK_EQ(raw[0], 1000);
	CHECK_EQ(raw[1], 0x7fffffff);
	raw[0] = 3000;
	raw[1] = 0x80000000u;
	CHECK_EQ(syscall(SYS_setrlimit, RLIMIT_CORE, raw), 0);
	expect(RLIMIT_CORE, 3000, 0x80000000u);
	r.rlim_max = 0x80000000u;
	r.rlim_cur = 0x7fffffff;
	CHECK_EQ(setrlimit(RLIMIT_CORE, &r), 0);
	expect(RLIMIT_CORE, 0x7fffffff, 0x80000000u);
}

static void prlimit_self(void)
{
	struct rlimit64 new = { 4096, HARD }, old;

	CHECK_EQ(prlimit64(0, RLIMIT_CORE, &new, &old), 0);
	CHECK_EQ(old.cur, 0x7fffffff);
	CHECK(old.max == HARD);
	CHECK_EQ(prlimit64(0, RLIMIT_CORE, NULL, &old), 0);
	CHECK_EQ(old.cur, 4096);
	CHECK(old.max == HARD);
	expect(RLIMIT_CORE, 4096, HARD);
	CHECK_EQ(prlimit64(0, RLIMIT_CPU, NULL, &old), 0);
	CHECK(old.cur == ~0ull && old.max == ~0ull);	/* 64-bit infinity */
	CHECK_EQ(prlimit64(getpid(), RLIMIT_CORE, NULL, NULL), 0);
	if (host)
		return;
	new.cur = (1ull << 32) + 5;		/* 32-bit limits, as i386 */
	new.max = (1ull << 33);
	CHECK_EQ(prlimit64(0, RLIMIT_CORE, &new, NULL), 0);
	CHECK_EQ(prlimit64(0, RLIMIT_CORE, NULL, &old), 0);
	CHECK(old.cur == ~0ull && old.max == ~0ull);
	new.cur = 4096;
	new.max = HARD;
	CHECK_EQ(prlimit64(0, RLIMIT_CORE, &new, NULL), 0);
}

/* The child waits for a byte, then exits 0 if its limit is 4242. */
static void prlimit_other(void)
{
	struct rlimit64 new = { 4242, HARD }, old;
	struct rlimit r;
	int go[2];
	pid_t pid;
	char c;

	CHECK_EQ(pipe(go), 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		close(go[1]);
		CHECK_EQ(read(go[0], &c, 1), 1);
		CHECK_EQ(getrlimit(RLIMIT_CORE, &r), 0);
		_exit(r.rlim_cur == 4242 ? 0 : 1);
	}
	close(go[0]);
	CHECK_EQ(prlimit64(pid, RLIMIT_CORE, &new, &old), 0);
	CHECK_EQ(old.cur, 4096);			/* inherited from us */
	expect(RLIMIT_CORE, 4096, HARD);		/* ours unchanged */
	CHECK_EQ(write(go[1], "g", 1), 1);
	CHECK_EQ(wait_for_child(pid), 0);
	close(go[1]);
	errno = 0;
	CHECK_EQ(prlimit64(pid, RLIMIT_CORE, NULL, &old), -1);	/* reaped */
	CHECK_EQ(errno, ESRCH);
	CHECK_EQ(prlimit64(-1, RLIMIT_CORE, NULL, &old), -1);
	CHECK_EQ(errno, ESRCH);
}

static int check_inherited(void)
{
	expect(RLIMIT_CORE, 12345, HARD);
	expect(RLIMIT_FSIZE, 1 << 20, 2 << 20);
	return 0;
}

static void inheritance(const char *self)
{
	struct rlimit core = { 12345, HARD }, fsize = { 1 << 20, 2 << 20 };
	char *argv[] = { (char *)self, EXEC_FLAG, NULL };
	pid_t pid;

	CHECK_EQ(setrlimit(RLIMIT_CORE, &core), 0);
	CHECK_EQ(setrlimit(RLIMIT_FSIZE, &fsize), 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		check_inherited();
		execve(self, argv, NULL);
		_exit(127);
	}
	CHECK_EQ(wait_for_child(pid), 0);
}

static void errors(void)
{
	struct rlimit r = { 10, 5 };
	struct rlimit64 wide = { 1, 1 }, old;
	void *bad = opaque_pointer(1);

	CHECK_EQ(getrlimit(16, &r), -1);
	CHECK_EQ(errno, EINVAL);
	CHECK_EQ(getrlimit(-1, &r), -1);
	CHECK_EQ(errno, EINVAL);
	CHECK_EQ(syscall(SYS_getrlimit, 16, &r), -1);
	CHECK_EQ(errno, EINVAL);
	CHECK_EQ(setrlimit(16, &r), -1);
	CHECK_EQ(errno, EINVAL);
	CHECK_EQ(prlimit64(0, 16, NULL, &old), -1);
	CHECK_EQ(errno, EINVAL);
	CHECK_EQ(setrlimit(RLIMIT_CORE, &r), -1);	/* soft 10 > hard 5 */
	CHECK_EQ(errno, EINVAL);
	expect(RLIMIT_CORE, 12345, HARD);

	CHECK_EQ(syscall(SYS_ugetrlimit, RLIMIT_CORE, bad), -1);
	CHECK_EQ(errno, EFAULT);
	CHECK_EQ(syscall(SYS_getrlimit, RLIMIT_CORE, bad), -1);
	CHECK_EQ(errno, EFAULT);
	CHECK_EQ(syscall(SYS_setrlimit, RLIMIT_CORE, bad), -1);
	CHECK_EQ(errno, EFAULT);
	CHECK_EQ(prlimit64(0, RLIMIT_CORE, bad, NULL), -1);
	CHECK_EQ(errno, EFAULT);
	CHECK_EQ(prlimit64(0, RLIMIT_CORE, &wide, bad), -1);
	CHECK_EQ(errno, EFAULT);
	if (host)
		return;
	expect(RLIMIT_CORE, 12345, HARD);		/* nothing set */
	r.rlim_cur = 100;
	r.rlim_max = 200;
	CHECK_EQ(setrlimit(RLIMIT_CORE, &r), 0);	/* lower the hard limit */
	r.rlim_max = RLIM_INFINITY;
	CHECK_EQ(setrlimit(RLIMIT_CORE, &r), 0);	/* root raises it again */
	expect(RLIMIT_CORE, 100, RLIM_INFINITY);
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], EXEC_FLAG) == 0)
		return check_inherited();
	host = getenv("CONDUIT_HOST_RUN") != NULL;
	if (!host)
		defaults();
	set_and_get();
	prlimit_self();
	prlimit_other();
	inheritance(argv[0]);
	errors();
	return 0;
}
