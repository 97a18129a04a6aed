/*
 * trace_syscalls - numbers the kernel does not implement fail with ENOSYS,
 * and nothing else happens: empty slots of the table (17, 31, 44, which
 * Linux leaves empty too) and numbers past its end (1000, 0x7fffffff, -1).
 *
 * tools/test-harness.sh also boots this program as init with
 * `trace=all,no_such_call` and checks the tracer's lines for its calls:
 *
 *   unknown(17)(0x11, 0x22, 0x33, 0x44, 0x55, 0x66) = -1 ENOSYS (Function not implemented)
 *   write(3, "ttt..."..., 70000) = 70000     (counts in decimal)
 *   read(3, 0x..., 70000) = 70000
 *   close(-1) = -1 EBADF (Bad file descriptor)
 *   brk(0x0) = 0x...                         (a pointer, in hex)
 *
 * Before the tracer knew unknown numbers, the first of these calls
 * panicked a kernel booted with trace=all.
 */
#include <conduit/test.h>
#include <sys/syscall.h>

#define BIG_COUNT 70000		/* more than 0xFFFF: must print in decimal */

static char big[BIG_COUNT];

static void check_unknown(long nr)
{
	errno = 0;
	CHECK_EQ(syscall(nr, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66), -1);
	CHECK_EQ(errno, ENOSYS);
}

/* A write and a read of more than 0xFFFF bytes, for the trace's counts. */
static void check_big_transfer(void)
{
	int fd = open("/tmp/trace_syscalls", O_RDWR | O_CREAT | O_TRUNC, 0600);

	CHECK(fd >= 0);
	memset(big, 't', sizeof(big));
	CHECK_EQ(write(fd, big, sizeof(big)), BIG_COUNT);
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	memset(big, 0, sizeof(big));
	CHECK_EQ(read(fd, big, sizeof(big)), BIG_COUNT);
	CHECK(big[0] == 't' && big[BIG_COUNT - 1] == 't');
	CHECK_EQ(close(fd), 0);
	CHECK_EQ(unlink("/tmp/trace_syscalls"), 0);
}

int main(void)
{
	static const long unknown[] = { 17, 31, 44, 1000, 0x7fffffff, -1 };

	for (unsigned i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++)
		check_unknown(unknown[i]);
	check_big_transfer();
	errno = 0;
	CHECK_EQ(close(-1), -1);
	CHECK_EQ(errno, EBADF);
	CHECK(syscall(SYS_brk, 0) > 0);
	return 0;
}
