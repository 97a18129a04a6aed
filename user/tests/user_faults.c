/*
 * user_faults - a process that faults is killed by the right signal, and
 * nobody else is hurt.
 *
 * Each fault runs in its own child; the parent checks that the child was
 * killed by a signal (WIFSIGNALED) and by exactly the expected one:
 *
 *   write to NULL, read/write kernel memory, jump to address 0,
 *   a privileged instruction (cli), overflowing the stack   -> SIGSEGV
 *   integer divide by zero, INT_MIN / -1                     -> SIGFPE
 *   the undefined instruction ud2                            -> SIGILL
 *
 * Bad addresses go through opaque_pointer() and operands through volatile
 * variables, so the compiler cannot fold the fault away or replace it by
 * a trap of its own.  Afterwards the parent checks it can still fork,
 * wait, write and use its memory.
 */
#include <conduit/test.h>
#include <limits.h>
#include <signal.h>

#define STACK_CHUNK 4096

static volatile int keep_recursing = 1;

static void write_null(void)
{
	volatile int *p = opaque_pointer(0);

	*p = 1;
}

static void read_kernel_base(void)
{
	volatile int *p = opaque_pointer(0xC0000000);

	(void)*p;
}

static void read_kernel_image(void)
{
	volatile int *p = opaque_pointer(0xC0100000);

	(void)*p;
}

static void write_kernel_image(void)
{
	volatile int *p = opaque_pointer(0xC0100000);

	*p = 0;
}

static void divide_by_zero(void)
{
	volatile int a = 1, b = 0;

	a = a / b;
}

static void divide_overflow(void)
{
	volatile int a = INT_MIN, b = -1;

	a = a / b;
}

static void undefined_instruction(void)
{
	__asm__ volatile("ud2");
}

static void privileged_instruction(void)
{
	__asm__ volatile("cli");
}

static void jump_to_null(void)
{
	void (*fn)(void) = (void (*)(void))opaque_pointer(0);

	fn();
}

/*
 * Recurse (in practice forever: keep_recursing stays 1), using a page of
 * stack per call, until the stack limit is reached.  The work after the
 * call stops the compiler from turning the recursion into a loop.
 */
static int recurse(int depth)
{
	volatile char chunk[STACK_CHUNK];

	chunk[0] = (char)depth;
	chunk[STACK_CHUNK - 1] = (char)depth;
	if (!keep_recursing)
		return 0;
	return recurse(depth + 1) + chunk[0] + chunk[STACK_CHUNK - 1];
}

static void stack_overflow(void)
{
	recurse(0);
}

/* Run `fault` in a child and check the child dies of signal `expected`. */
static void expect_signal(const char *name, void (*fault)(void), int expected)
{
	pid_t pid = fork();
	int status;

	CHECK(pid >= 0);
	if (pid == 0) {
		fault();
		_exit(0);	/* survived: the parent will report it */
	}
	status = wait_for_child(pid);
	if (!WIFSIGNALED(status) || WTERMSIG(status) != expected)
		fprintf(stderr, "FAIL user_faults: %s: status 0x%x, expected signal %d\n",
			name, status, expected);
	CHECK(WIFSIGNALED(status));
	CHECK_EQ(WTERMSIG(status), expected);
}

int main(void)
{
	volatile char buffer[STACK_CHUNK];
	pid_t self = getpid();

	expect_signal("write NULL", write_null, SIGSEGV);
	expect_signal("read 0xC0000000", read_kernel_base, SIGSEGV);
	expect_signal("read 0xC0100000", read_kernel_image, SIGSEGV);
	expect_signal("write 0xC0100000", write_kernel_image, SIGSEGV);
	expect_signal("jump to 0", jump_to_null, SIGSEGV);
	expect_signal("cli", privileged_instruction, SIGSEGV);
	expect_signal("stack overflow", stack_overflow, SIGSEGV);
	expect_signal("divide by zero", divide_by_zero, SIGFPE);
	expect_signal("INT_MIN / -1", divide_overflow, SIGFPE);
	expect_signal("ud2", undefined_instruction, SIGILL);

	/* The parent is unharmed. */
	CHECK_EQ(getpid(), self);
	memset((char *)buffer, 'x', sizeof buffer);
	CHECK_EQ(buffer[STACK_CHUNK - 1], 'x');
	CHECK_EQ(write(1, "", 0), 0);
	expect_signal("write NULL again", write_null, SIGSEGV);
	return 0;
}
