/*
 * sig_frame_regs - a handler interrupting a computation does not disturb
 * it: the signal frame goes below the interrupted stack, and sigreturn
 * puts back every register, the flags and the mask exactly.
 *
 * A "bomber" child sends SIGUSR1 to the parent over and over (yielding
 * between kills) until the parent closes its stop pipe.  Meanwhile the
 * parent
 *
 *   runs compute(), a loop that keeps six accumulators live in registers
 *     (and, on i386, on the stack), for several seeds, and compares each
 *     result with the reference computed for the same seed before the
 *     bombardment started;
 *   runs a loop in assembly with the direction flag set, checking on
 *     every iteration (pushf) that it is still set: a handler starts with
 *     DF clear, and sigreturn must restore the interrupted DF = 1.
 *
 * The handler does its best to destroy state: it fills a 1 KiB local
 * array, loads garbage into every general register it may clobber, and
 * returns with the flags wrong for the interrupted code: ZF set (the
 * DF loop's "test"/"dec" + conditional jumps would go astray, and it
 * counts its iterations) and DF the opposite of what the interrupted
 * phase needs (main tells it the phase in a global: DF clear while in
 * the DF loop, set while in compute(), after which main checks DF is
 * clear).  sigreturn must restore all of that.  On entry the handler
 * checks DF is clear, as the ABI requires.  It also checks the mask while
 * it runs (SIGUSR1 blocked) and the main code checks it afterwards
 * (SIGUSR1 not blocked).
 *
 * The parent keeps going until the handler has run at least 200 times,
 * or 5 s passed; it must have run at least 20 times for the test to mean
 * anything (the bomber sends thousands of signals per second).
 */
#define _GNU_SOURCE
#include <conduit/test.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>

#define SEEDS 8
#define ITERATIONS 200000
#define WANTED 200
#define MINIMUM 20
#define TIME_LIMIT_NS 5000000000LL

static volatile sig_atomic_t handled, handler_saw_df, handler_mask_wrong;
static volatile sig_atomic_t in_df_loop;	/* which phase main is in */
static volatile unsigned char sink;

static unsigned long read_flags(void)
{
	unsigned long flags;

#if defined(__x86_64__)
	__asm__ volatile("sub $128, %%rsp\n\tpushf\n\tpop %0\n\tadd $128, %%rsp"
			 : "=r"(flags) : : "memory");
#else
	__asm__ volatile("pushf\n\tpop %0" : "=r"(flags) : : "memory");
#endif
	return flags;
}

#define DF 0x400UL

static void clobber_registers(void)
{
#if defined(__x86_64__)
	__asm__ volatile(
		"mov $0xdead0001, %%rax\n\tmov $0xdead0002, %%rbx\n\t"
		"mov $0xdead0003, %%rcx\n\tmov $0xdead0004, %%rdx\n\t"
		"mov $0xdead0005, %%rsi\n\tmov $0xdead0006, %%rdi\n\t"
		"mov $0xdead0008, %%r8\n\tmov $0xdead0009, %%r9\n\t"
		"mov $0xdead000a, %%r10\n\tmov $0xdead000b, %%r11\n\t"
		"mov $0xdead000c, %%r12\n\tmov $0xdead000d, %%r13\n\t"
		"mov $0xdead000e, %%r14\n\tmov $0xdead000f, %%r15\n\t"
		"cmp %%rax, %%rbx\n\t"
		: : : "rax", "rbx", "rcx", "rdx", "rsi", "rdi", "r8", "r9",
		  "r10", "r11", "r12", "r13", "r14", "r15", "cc", "memory");
#elif defined(__i386__)
	__asm__ volatile(
		"movl $0xdead0001, %%eax\n\tmovl $0xdead0002, %%ebx\n\t"
		"movl $0xdead0003, %%ecx\n\tmovl $0xdead0004, %%edx\n\t"
		"movl $0xdead0005, %%esi\n\tmovl $0xdead0006, %%edi\n\t"
		"cmpl %%eax, %%ebx\n\t"
		: : : "eax", "ebx", "ecx", "edx", "esi", "edi", "cc", "memory");
#endif
}

static void on_usr1(int sig)
{
	volatile unsigned char scratch[1024];
	sigset_t now;

	if (read_flags() & DF)
		handler_saw_df = 1;
	sigprocmask(SIG_BLOCK, NULL, &now);
	if (!sigismember(&now, sig))
		handler_mask_wrong = 1;
	for (int i = 0; i < (int)sizeof scratch; i++)
		scratch[i] = (unsigned char)(i * 13 + handled);
	sink = scratch[handled & 1023];
	clobber_registers();
	handled++;
	/* Leave wrong flags behind (last statement: nothing compiled after
	 * it may depend on DF).  sigreturn must undo this. */
	if (in_df_loop)
		__asm__ volatile("cld\n\txor %%eax, %%eax" : : : "eax", "cc");
	else
		__asm__ volatile("std\n\txor %%eax, %%eax" : : : "eax", "cc");
}

static __attribute__((noinline)) uint32_t compute(uint32_t seed)
{
	uint32_t a = seed, b = seed ^ 0x9e3779b9u, c = seed * 3u + 1u;
	uint32_t d = ~seed, e = seed << 7, f = seed >> 3;

	for (uint32_t i = 0; i < ITERATIONS; i++) {
		a += b ^ (c >> 3);
		b = (b << 5 | b >> 27) + d;
		c ^= a + i;
		d += c * 2654435761u;
		e ^= d >> 7;
		f += e + (a & 0xff);
		b += f;
	}
	return a ^ b ^ c ^ d ^ e ^ f;
}

/*
 * Spin n iterations with DF set; returns how many iterations found DF
 * clear, plus how far the iteration count is off (a wrong ZF after a
 * signal can end the loop early).
 */
static __attribute__((noinline)) unsigned long spin_with_df(unsigned long n)
{
	unsigned long bad = 0, flags, count = 0, expected = n;

#if defined(__x86_64__)
	__asm__ volatile(
		"sub $128, %%rsp\n\t"
		"std\n"
		"1:\n\t"
		"pushf\n\t"
		"pop %[flags]\n\t"
		"test $0x400, %[flags]\n\t"
		"jnz 2f\n\t"
		"inc %[bad]\n"
		"2:\n\t"
		"inc %[count]\n\t"
		"dec %[n]\n\t"
		"jnz 1b\n\t"
		"cld\n\t"
		"add $128, %%rsp"
		: [bad] "+r"(bad), [n] "+r"(n), [flags] "=&r"(flags),
		  [count] "+r"(count)
		: : "cc", "memory");
#elif defined(__i386__)
	__asm__ volatile(
		"std\n"
		"1:\n\t"
		"pushf\n\t"
		"pop %[flags]\n\t"
		"test $0x400, %[flags]\n\t"
		"jnz 2f\n\t"
		"inc %[bad]\n"
		"2:\n\t"
		"inc %[count]\n\t"
		"dec %[n]\n\t"
		"jnz 1b\n\t"
		"cld"
		: [bad] "+r"(bad), [n] "+r"(n), [flags] "=&r"(flags),
		  [count] "+r"(count)
		: : "cc", "memory");
#endif
	return bad + (count > expected ? count - expected : expected - count);
}

static long long now_ns(void)
{
	struct timespec t;

	CHECK_EQ(clock_gettime(CLOCK_MONOTONIC, &t), 0);
	return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

static pid_t start_bomber(int *stop_fd)
{
	pid_t parent = getpid();
	int stop[2];
	pid_t pid;
	char c;

	CHECK_EQ(pipe2(stop, O_NONBLOCK), 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		close(stop[1]);
		while (read(stop[0], &c, 1) != 0) {
			kill(parent, SIGUSR1);
			sched_yield();
		}
		_exit(0);
	}
	close(stop[0]);
	*stop_fd = stop[1];
	return pid;
}

int main(void)
{
	uint32_t reference[SEEDS];
	struct sigaction act;
	long long start;
	sigset_t now;
	int stop, rounds = 0;
	pid_t bomber;

	for (int s = 0; s < SEEDS; s++)
		reference[s] = compute((uint32_t)s * 7919u + 1u);
	CHECK_EQ(spin_with_df(1000), 0);

	memset(&act, 0, sizeof act);
	act.sa_handler = on_usr1;
	sigemptyset(&act.sa_mask);
	CHECK_EQ(sigaction(SIGUSR1, &act, NULL), 0);

	bomber = start_bomber(&stop);
	start = now_ns();
	while (handled < WANTED && now_ns() - start < TIME_LIMIT_NS) {
		int s = rounds % SEEDS;

		in_df_loop = 0;
		CHECK_EQ(compute((uint32_t)s * 7919u + 1u), reference[s]);
		CHECK_EQ(read_flags() & DF, 0);
		in_df_loop = 1;
		CHECK_EQ(spin_with_df(ITERATIONS), 0);
		in_df_loop = 0;
		CHECK_EQ(read_flags() & DF, 0);
		rounds++;
	}
	CHECK_EQ(close(stop), 0);
	CHECK_EQ(wait_for_child(bomber), 0);

	CHECK(handled >= MINIMUM);
	CHECK_EQ(handler_saw_df, 0);
	CHECK_EQ(handler_mask_wrong, 0);
	CHECK_EQ(sigprocmask(SIG_BLOCK, NULL, &now), 0);
	CHECK(!sigismember(&now, SIGUSR1));
	CHECK_EQ(read_flags() & DF, 0);
	signal(SIGUSR1, SIG_DFL);
	return 0;
}
