/*
 * libc_headers - the headers that are mostly types and macros, checked
 * against Linux/glibc: struct sizes of the i386 ABI (rusage, rlimit,
 * iovec, stack_t, ucontext_t's layout), device numbers (sys/sysmacros.h),
 * the sys/param.h helpers, and that an SA_SIGINFO handler finds the
 * interrupted registers and mask where <ucontext.h> says (changing
 * uc_sigmask changes the mask restored on return).  The old names
 * (<wait.h>, <sys/signal.h>, <sys/poll.h>, <memory.h>) and <features.h>
 * must simply compile.
 * The same file built with i686-linux-gnu-gcc -static passes on Linux.
 */
#define _GNU_SOURCE
#include <features.h>
#include <conduit/test.h>
#include <limits.h>
#include <memory.h>
#include <signal.h>
#include <stddef.h>
#include <sys/param.h>
#include <sys/poll.h>
#include <sys/resource.h>
#include <sys/signal.h>
#include <sys/sysmacros.h>
#include <sys/uio.h>
#include <ucontext.h>
#include <wait.h>

static void test_sizes(void)
{
	CHECK_EQ(sizeof(struct rusage), 72);
	CHECK_EQ(offsetof(struct rusage, ru_maxrss), 16);
	CHECK_EQ(offsetof(struct rusage, ru_nivcsw), 68);
	CHECK_EQ(sizeof(struct rlimit), 8);
	CHECK_EQ(RLIMIT_NOFILE, 7);
	CHECK_EQ(RLIMIT_STACK, 3);
	CHECK_EQ(RLIMIT_CORE, 4);
	CHECK_EQ(RLIMIT_NPROC, 6);
	CHECK_EQ(RLIMIT_AS, 9);
	CHECK(RLIM_INFINITY == (rlim_t)-1);
	CHECK_EQ(sizeof(struct iovec), 8);
	CHECK_EQ(offsetof(struct iovec, iov_len), 4);
	CHECK_EQ(sizeof(stack_t), 12);
	CHECK_EQ(offsetof(stack_t, ss_size), 8);
	/* ucontext_t up to uc_sigmask is the kernel's (sigframe.c) */
	CHECK_EQ(offsetof(ucontext_t, uc_stack), 8);
	CHECK_EQ(offsetof(ucontext_t, uc_mcontext), 20);
	CHECK_EQ(sizeof(gregset_t), 19 * 4);
	CHECK_EQ(offsetof(mcontext_t, fpregs), 76);
	CHECK_EQ(offsetof(mcontext_t, cr2), 84);
	CHECK_EQ(offsetof(ucontext_t, uc_sigmask), 108);
	CHECK_EQ(REG_EIP, 14);
	CHECK_EQ(REG_UESP, 17);
	CHECK_EQ(REG_SS, 18);
	CHECK_EQ(sizeof(struct _libc_fpstate), 112);
}

static void test_device_numbers(void)
{
	dev_t d = makedev(8, 1);

	CHECK_EQ(d, 0x801);
	CHECK_EQ(major(d), 8);
	CHECK_EQ(minor(d), 1);
	d = makedev(0x123, 0x45678);		/* big minor: split in two */
	CHECK_EQ(d, 0x45612378);
	CHECK_EQ(major(d), 0x123);
	CHECK_EQ(minor(d), 0x45678);
	CHECK_EQ(major(makedev(4095, 0)), 4095);
	CHECK_EQ(minor(makedev(0, 0xfffff)), 0xfffff);
}

static void test_param_macros(void)
{
	unsigned char bits[4] = { 0 };

	CHECK_EQ(MAXPATHLEN, PATH_MAX);
	CHECK_EQ(NBBY, 8);
	CHECK_EQ(MIN(3, -2), -2);
	CHECK_EQ(MAX(3, -2), 3);
	CHECK_EQ(howmany(10, 4), 3);
	CHECK_EQ(howmany(8, 4), 2);
	CHECK_EQ(roundup(10, 4), 12);
	CHECK_EQ(roundup(12, 4), 12);
	CHECK(powerof2(64));
	CHECK(!powerof2(48));
	setbit(bits, 9);
	CHECK_EQ(bits[1], 2);
	CHECK(isset(bits, 9));
	CHECK(isclr(bits, 8));
	clrbit(bits, 9);
	CHECK_EQ(bits[1], 0);
}

static volatile int handler_ran;
static volatile unsigned long stack_here;
static volatile int bad_cs, bad_esp, bad_mask, no_fpregs;

static void on_usr1(int sig, siginfo_t *info, void *context)
{
	ucontext_t *uc = context;
	unsigned long esp = (unsigned long)uc->uc_mcontext.gregs[REG_ESP];

	(void)sig;
	(void)info;
	handler_ran = 1;
	bad_cs = (uc->uc_mcontext.gregs[REG_CS] & 3) != 3;	/* user mode */
	bad_esp = esp > stack_here || stack_here - esp > 65536;
	/* the mask of the interrupted code: SIGUSR2 blocked, SIGUSR1 not */
	bad_mask = !sigismember(&uc->uc_sigmask, SIGUSR2) ||
		   sigismember(&uc->uc_sigmask, SIGUSR1);
	no_fpregs = uc->uc_mcontext.fpregs == NULL;
	/* rt_sigreturn restores this mask: block SIGINT from now on */
	sigaddset(&uc->uc_sigmask, SIGINT);
}

static void test_ucontext(void)
{
	struct sigaction sa;
	sigset_t set, now;
	int local = 0;

	stack_here = (unsigned long)&local;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_usr1;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	CHECK_EQ(sigprocmask(SIG_SETMASK, &set, NULL), 0);
	CHECK_EQ(raise(SIGUSR1), 0);
	CHECK(handler_ran);
	CHECK(!bad_cs);
	CHECK(!bad_esp);
	CHECK(!bad_mask);
	CHECK(!no_fpregs);
	CHECK_EQ(sigprocmask(SIG_SETMASK, NULL, &now), 0);
	CHECK(sigismember(&now, SIGINT));
	CHECK(sigismember(&now, SIGUSR2));
	sigemptyset(&set);
	CHECK_EQ(sigprocmask(SIG_SETMASK, &set, NULL), 0);
	(void)local;
}

int main(void)
{
	test_sizes();
	test_device_numbers();
	test_param_macros();
	test_ucontext();
	return 0;
}
