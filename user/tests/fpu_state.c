/*
 * fpu_state.c - each process keeps its own floating-point state.
 *
 * Conduit switches the x87 FPU lazily (kernel/arch/fpu.c): its registers are
 * saved only when another process uses it.  This test makes that matter:
 *   1. Four processes run the same floating-point computation at once,
 *      long enough to be preempted many times, each with a different
 *      starting value; each checks its result against the value computed
 *      before forking (so any leak of another process's registers shows).
 *   2. A signal handler that does its own floating-point work interrupts
 *      a computation again and again; the interrupted computation's
 *      result must not change (the signal frame saves and restores it).
 *   3. A child after fork sees the parent's FPU control word (rounding
 *      mode), and after exec... is covered by every test starting clean.
 */
#include <conduit/test.h>
#include <fcntl.h>
#include <signal.h>

#define WORKERS 4
#define STEPS 400000

static volatile double sink;
static volatile sig_atomic_t handled;

/*
 * A computation whose result depends on every step, kept in registers.
 * The result goes through a volatile double so that it is rounded to 64
 * bits the same way every time (x87 registers hold 80).
 */
static double compute(double x)
{
	volatile double result;
	double acc = 0.0;

	for (int i = 1; i <= STEPS; i++) {
		acc = acc * 0.999999 + x / (double)i;
		x = x * 1.0000001 + 0.5;
	}
	result = acc;
	return result;
}

static void fp_handler(int sig)
{
	double y = sig;

	for (int i = 0; i < 1000; i++)
		y = y * 1.5 - 0.25 / (y + 1.0);
	sink = y;
	handled++;
}

static void concurrent_workers(void)
{
	volatile double expected[WORKERS];
	pid_t pids[WORKERS];

	for (int w = 0; w < WORKERS; w++)
		expected[w] = compute(w + 1.25);
	for (int w = 0; w < WORKERS; w++) {
		pids[w] = fork();
		CHECK(pids[w] >= 0);
		if (pids[w] == 0)
			_exit(compute(w + 1.25) == expected[w] ? 0 : 1);
	}
	for (int w = 0; w < WORKERS; w++)
		CHECK_EQ(wait_for_child(pids[w]), 0);
}

static void handler_keeps_state(void)
{
	volatile double expected = compute(3.5), got;
	pid_t parent = getpid(), bomber;
	int stop[2];
	char c;

	signal(SIGUSR1, fp_handler);
	CHECK_EQ(pipe(stop), 0);
	bomber = fork();
	CHECK(bomber >= 0);
	if (bomber == 0) {
		close(stop[1]);
		/* Signal until the parent closes the pipe (read then gives 0). */
		for (;;) {
			kill(parent, SIGUSR1);
			struct timespec t = { 0, 2000000 };
			nanosleep(&t, NULL);
			if (fcntl(stop[0], F_SETFL, O_NONBLOCK) == 0 && read(stop[0], &c, 1) == 0)
				_exit(0);
		}
	}
	close(stop[0]);
	do {
		got = compute(3.5);
		CHECK(got == expected);
	} while (handled < 3);
	close(stop[1]);
	CHECK_EQ(wait_for_child(bomber), 0);
	signal(SIGUSR1, SIG_DFL);
}

int main(void)
{
	concurrent_workers();
	handler_keeps_state();
	return 0;
}
