/*
 * exhaust_memory - take every free page, and see that the kernel says no
 * politely and recovers.
 *
 *   - A "hog" child grows its heap with brk, 1 MiB and then 4 KiB at a
 *     time, until brk fails with ENOMEM.  Its new pages must all read as
 *     zero (it checks one word per page).
 *   - While it holds everything, three "victims" (forked before, waiting
 *     on a pipe) are let go:
 *       grow:   brk must fail with ENOMEM; it exits 0;
 *       stack:  touches fresh stack pages far below its stack pointer:
 *               it must be killed by SIGKILL (out of memory: its pointer
 *               was fine, so not SIGSEGV), and not the kernel;
 *       cow:    writes to pages it shares copy-on-write with the parent:
 *               SIGKILL too (512 pages: more than the other victims give
 *               back when they die).
 *     For each of those two the kernel must have said why, in its log
 *     (/proc/kmsg): "out of memory: killed pid N (exhaust_memory): stack
 *     growth failed", and "...: copy-on-write failed".
 *     Meanwhile fork fails with ENOMEM or EAGAIN in the parent.
 *   - The hog exits; every page comes back (/proc/meminfo's pages_free and
 *     kmalloc_objects as before), and fork and brk work again.
 * The parent touches its own stack and data after its last fork and before
 * the memory runs out, so it needs no new page (no copy-on-write copy) while
 * it lasts; the victims are let go by closing a pipe (a write could need a
 * page for the pipe's buffer).
 */
#include <conduit/test.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/syscall.h>

#define MiB (1024 * 1024)

static char cow_area[2 * MiB];	/* shared with the cow victim (512 pages) */

static int warm(int n)
{
	volatile char frame[2048];

	frame[0] = (char)n;
	return n > 0 ? warm(n - 1) + frame[0] : 0;
}

/* Wait for a byte on fd (the go signal); 0 on end of file too. */
static void wait_go(int fd)
{
	char c;

	while (read(fd, &c, 1) < 0 && errno == EINTR)
		;
}

static volatile int sink;

/* Touch `bytes` of fresh stack, one word per page, far below us. */
static void touch_stack(void)
{
	volatile char *sp = (volatile char *)&sink;
	char here;

	sp = (volatile char *)((uintptr_t)&here & ~4095u);
	for (uintptr_t off = 64 * 1024; off < 7 * MiB; off += 4096)
		sp[-(intptr_t)off] = 1;
}

/* Is this line in the kernel's log?  Read after memory is back. */
static bool kmsg_has(const char *line)
{
	static char log[20000];
	int fd = open("/proc/kmsg", O_RDONLY);
	ssize_t n, len = 0;

	CHECK(fd >= 0);
	while ((n = read(fd, log + len, sizeof(log) - 1 - len)) > 0)
		len += n;
	close(fd);
	log[len] = '\0';
	return strstr(log, line) != NULL;
}

/* The kernel's report of an out-of-memory kill of pid. */
static void check_oom_message(pid_t pid, const char *what)
{
	char line[128];

	snprintf(line, sizeof(line),
		 "out of memory: killed pid %d (exhaust_memory): %s failed\n",
		 (int)pid, what);
	if (!kmsg_has(line))
		fprintf(stderr, "FAIL: /proc/kmsg lacks \"%.*s\"\n",
			(int)strlen(line) - 1, line);
	CHECK(kmsg_has(line));
}

static pid_t victim(int kind, int *go_fd)
{
	int fds[2];
	pid_t pid;

	CHECK_EQ(pipe(fds), 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		long brk0;
		/* Only the parent may hold our go pipe's write end (and no
		 * other pipe may be held open by us). */
		for (int fd = 3; fd < 64; fd++)
			if (fd != fds[0])
				close(fd);
		warm(8);	/* the stack it will need, while memory lasts */
		wait_go(fds[0]);
		switch (kind) {
		case 0:		/* grow: brk must fail */
			brk0 = syscall(SYS_brk, 0);
			if (syscall(SYS_brk, brk0 + 4 * MiB) >= brk0 + 4 * MiB)
				_exit(1);
			_exit(0);
		case 1:		/* stack: fresh pages cannot be had */
			touch_stack();
			_exit(2);
		default:	/* cow: private copies cannot be had */
			for (unsigned i = 0; i < sizeof(cow_area); i += 4096)
				cow_area[i] = 1;
			_exit(3);
		}
	}
	close(fds[0]);
	*go_fd = fds[1];
	return pid;
}

int main(void)
{
	int hog_ready[2], hog_release[2], hog_start[2], go[3], status;
	long pages0, objs0, pages1, objs1, hog_mib = 0;
	pid_t hog, victims[3], pid;

	if (meminfo("kmalloc_objects") < 0) {
		printf("exhaust_memory: not on Conduit: skipped\n");
		return 0;
	}
	warm(32);
	memset(cow_area, 7, sizeof(cow_area));
	pages0 = meminfo("pages_free");
	objs0 = meminfo("kmalloc_objects");

	for (int k = 0; k < 3; k++)
		victims[k] = victim(k, &go[k]);
	CHECK_EQ(pipe(hog_ready), 0);
	CHECK_EQ(pipe(hog_release), 0);
	CHECK_EQ(pipe(hog_start), 0);
	/* Use the pipe once, so its ring page exists before memory runs out. */
	CHECK_EQ(write(hog_ready[1], "x", 1), 1);
	CHECK_EQ(read(hog_ready[0], &status, 1), 1);

	hog = fork();
	CHECK(hog >= 0);
	if (hog == 0) {
		long brk0 = syscall(SYS_brk, 0), cur = brk0, step = MiB;
		long mib;
		for (int fd = 3; fd < 64; fd++)
			if (fd != hog_ready[1] && fd != hog_release[0] && fd != hog_start[0])
				close(fd);
		wait_go(hog_start[0]);
		while (step >= 4096) {
			long want = cur + step;
			long got = syscall(SYS_brk, want);
			if (got >= want) {
				for (long a = cur; a < want; a += 4096)
					if (*(volatile uint32_t *)((a + 4095) & ~4095L) != 0)
						_exit(10);	/* stale data */
				cur = want;
			} else {
				if (got != cur)
					_exit(11);	/* a failed brk moved the break */
				step = step > 4096 ? step / 16 : 0;
				if (step < 4096 && step)
					step = 4096;
			}
		}
		mib = (cur - brk0) / MiB;
		if (write(hog_ready[1], &mib, sizeof(mib)) != sizeof(mib))
			_exit(12);
		wait_go(hog_release[0]);
		_exit(0);
	}
	close(hog_ready[1]);
	close(hog_release[0]);
	close(hog_start[0]);
	/* Our last fork is done: make private copies of what we will write. */
	warm(32);
	errno = 0;
	meminfo("pages_free");
	close(hog_start[1]);	/* go */
	CHECK_EQ(read(hog_ready[0], &hog_mib, sizeof(hog_mib)), (long)sizeof(hog_mib));
	CHECK(hog_mib > 100);
	CHECK(free_pages() < 64);

	/* While memory is gone: fork fails cleanly. */
	pid = fork();
	if (pid == 0)
		_exit(0);
	if (pid < 0)
		CHECK(errno == ENOMEM || errno == EAGAIN);
	else
		wait_for_child(pid);

	for (int k = 0; k < 3; k++) {
		close(go[k]);	/* go: end of file */
		status = wait_for_child(victims[k]);
		if (k == 0) {
			if (!(WIFEXITED(status) && WEXITSTATUS(status) == 0))
				fprintf(stderr, "FAIL: brk with no memory left: status %#x\n", status);
			CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
		} else {
			if (!(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL))
				fprintf(stderr, "FAIL: %s victim with no memory left: status %#x "
					"(SIGKILL expected)\n", k == 1 ? "stack" : "cow", status);
			CHECK(WIFSIGNALED(status));
			CHECK_EQ(WTERMSIG(status), SIGKILL);
		}
	}

	/* Give it all back. */
	close(hog_release[1]);
	status = wait_for_child(hog);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	close(hog_ready[0]);

	/* Everything works again. */
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		char *p = sbrk(8 * MiB);
		if (p == (void *)-1)
			_exit(1);
		for (int i = 0; i < 8 * MiB; i += 4096)
			if (p[i] != 0)
				_exit(2);
		_exit(0);
	}
	status = wait_for_child(pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	check_oom_message(victims[1], "stack growth");
	check_oom_message(victims[2], "copy-on-write");

	pages1 = meminfo("pages_free");
	objs1 = meminfo("kmalloc_objects");
	if (pages1 != pages0 || objs1 != objs0)
		fprintf(stderr, "FAIL: pages_free %ld -> %ld, kmalloc_objects %ld -> %ld "
			"(the hog had %ld MiB)\n", pages0, pages1, objs0, objs1, hog_mib);
	CHECK_EQ(pages1, pages0);
	CHECK_EQ(objs1, objs0);
	return 0;
}
