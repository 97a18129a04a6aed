/*
 * free_pages - every way a process can use and give back memory returns
 * all of its physical pages: afterwards the free page count
 * (sysinfo().freeram, in 4096-byte units on Conduit) is exactly what it
 * was before.
 *
 * One round does each of these once, each in a fresh child:
 *   plain fork + exit           exec of this program, which exits at once
 *   heap grown by 1 MiB          stack grown by 1 MiB
 *   killed by SIGSEGV            killed by SIGKILL while spinning
 *   killed by SIGKILL in a sleep exit with a file still open
 *   a grandchild, reaped by the child
 * and, in this process itself, grows the heap by 1 MiB and shrinks it
 * back, and opens and closes a file.
 *
 * (A SIGKILL may also land before the child has run at all; that must
 * free everything too.)
 *
 * A first round warms up (this process's stack, stdio, page tables), then
 * the baseline is taken, ROUNDS more rounds run, and the count must match.
 */
#include <conduit/test.h>
#include <fcntl.h>
#include <signal.h>

#define ROUNDS 3
#define MEGABYTE (1024 * 1024)

static const char *self_path;

static void spin_forever(void)
{
	volatile unsigned long counter = 0;

	for (;;)
		counter++;
}

/* Fork a child that runs `body` and then exits 0; return its pid. */
static pid_t start_child(void (*body)(void))
{
	pid_t pid = fork();

	CHECK(pid >= 0);
	if (pid == 0) {
		body();
		_exit(0);
	}
	return pid;
}

static void do_nothing(void)
{
}

static void exec_self(void)
{
	char *args[] = { (char *)self_path, "--exit-now", NULL };
	char *env[] = { NULL };

	execve(self_path, args, env);
	_exit(100);
}

static void grow_heap(void)
{
	char *p = sbrk(MEGABYTE);

	CHECK(p != (void *)-1);
	for (int i = 0; i < MEGABYTE; i += PAGE_SIZE_BYTES)
		p[i] = 1;
}

static void grow_stack(void)
{
	volatile char big[MEGABYTE];

	for (int i = 0; i < MEGABYTE; i += PAGE_SIZE_BYTES)
		big[i] = 1;
	CHECK_EQ(big[0], 1);
}

static void segfault(void)
{
	volatile int *p = opaque_pointer(0);

	*p = 1;
}

static void sleep_forever(void)
{
	for (;;)
		sleep_ms(999);
}

static void leave_file_open(void)
{
	char buffer[64];
	int fd = open(self_path, O_RDONLY);

	CHECK(fd >= 0);
	CHECK_EQ(read(fd, buffer, sizeof buffer), sizeof buffer);
}

static void fork_grandchild(void)
{
	CHECK_EQ(wait_for_child(start_child(grow_heap)), 0);
}

static void expect_exit_zero(void (*body)(void))
{
	CHECK_EQ(wait_for_child(start_child(body)), 0);
}

static void expect_killed(pid_t pid, int signal_number)
{
	int status = wait_for_child(pid);

	CHECK(WIFSIGNALED(status));
	CHECK_EQ(WTERMSIG(status), signal_number);
}

static void heap_in_this_process(void)
{
	char *p = sbrk(MEGABYTE);

	CHECK(p != (void *)-1);
	for (int i = 0; i < MEGABYTE; i += PAGE_SIZE_BYTES)
		p[i] = 1;
	CHECK(sbrk(-MEGABYTE) != (void *)-1);
}

static void one_round(void)
{
	pid_t pid;
	int fd;

	expect_exit_zero(do_nothing);
	expect_exit_zero(exec_self);
	expect_exit_zero(grow_heap);
	expect_exit_zero(grow_stack);
	expect_exit_zero(leave_file_open);
	expect_exit_zero(fork_grandchild);

	expect_killed(start_child(segfault), SIGSEGV);

	pid = start_child(spin_forever);
	CHECK_EQ(kill(pid, SIGKILL), 0);
	expect_killed(pid, SIGKILL);

	pid = start_child(sleep_forever);
	CHECK_EQ(kill(pid, SIGKILL), 0);
	expect_killed(pid, SIGKILL);

	heap_in_this_process();
	fd = open(self_path, O_RDONLY);
	CHECK(fd >= 0);
	CHECK_EQ(close(fd), 0);
}

int main(int argc, char **argv)
{
	long before, after;

	if (argc >= 2 && strcmp(argv[1], "--exit-now") == 0)
		return 0;
	self_path = argv[0];

	one_round();			/* warm-up */
	before = free_pages();
	for (int i = 0; i < ROUNDS; i++)
		one_round();
	after = free_pages();
	CHECK_EQ(after, before);
	return 0;
}
