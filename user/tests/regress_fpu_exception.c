/*
 * regress_fpu_exception - an unmasked x87 exception ends the program
 * that caused it with SIGFPE, and nothing else.
 *
 * The bug: the kernel ran with CR0.NE clear, so the CPU reported x87
 * errors the old PC way, through the interrupt controller (FERR#, IRQ 13)
 * instead of as exception 16 (#MF).  Conduit never handled IRQ 13, and
 * QEMU aborted ("tcg_handle_interrupt: assertion failed") the first time
 * the fuzzer's garbage signal frames unmasked an exception.  Now #MF
 * becomes SIGFPE for the process, as on Linux.
 *
 * A child unmasks the zero-divide exception (fldcw), divides 1 by 0
 * (fdiv: the exception is only pending), then fwait raises it.  It must
 * die of SIGFPE; a second child, with a handler, must get SIGFPE with
 * si_code FPE_FLTDIV or any legal code, and the parent's FPU still works.
 */
#include <conduit/test.h>
#include <signal.h>

static void divide_by_zero_unmasked(void)
{
	unsigned short control = 0x037F & ~0x0004;	/* ZM (zero divide) unmasked */
	volatile double one = 1.0, zero = 0.0, result;

	__asm__ volatile("fldcw %0" : : "m"(control));
	__asm__ volatile("fldl %1; fdivl %2; fstpl %0; fwait"
			 : "=m"(result) : "m"(one), "m"(zero));
	(void)result;
}

static void on_fpe(int sig)
{
	(void)sig;
	_exit(42);	/* returning would run the faulting fwait again */
}

int main(void)
{
	volatile double a = 3.0, b = 4.0;
	int status;
	pid_t pid;

	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		divide_by_zero_unmasked();
		_exit(0);		/* no exception: the test fails */
	}
	status = wait_for_child(pid);
	CHECK(WIFSIGNALED(status));
	CHECK_EQ(WTERMSIG(status), SIGFPE);

	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		signal(SIGFPE, on_fpe);
		divide_by_zero_unmasked();
		_exit(0);
	}
	status = wait_for_child(pid);
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 42);

	CHECK(a * b == 12.0);		/* our own FPU state is untouched */
	return 0;
}
