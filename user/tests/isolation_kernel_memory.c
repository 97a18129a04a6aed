/*
 * isolation_kernel_memory - user code cannot touch kernel memory, page 0,
 * or the hardware.
 *
 * Each attempt runs in a child of its own, which must be killed by the
 * right signal (SIGSEGV, or SIGBUS for a segment fault) while the parent
 * and the kernel carry on:
 *   - reading and writing 0xC0000000 (the direct map), 0xC0100000 (the
 *     kernel image), 0xF0000000 (kernel stacks), 0xFFFFF000;
 *   - reading and writing page 0: addresses 0, 1 and 4095;
 *   - jumping to a kernel address, and to address 0;
 *   - privileged instructions: hlt, cli, in, out (port 0xF4 would power
 *     QEMU off), lidt, mov from %cr0;
 *   - software interrupts that only the kernel may raise (the page-fault,
 *     double-fault and timer vectors, and an unused one);
 *   - loading the kernel's data segment, or the TSS, into %ds / %fs.
 * A child that survives its attempt exits with status 99: that fails.
 */
#include <conduit/test.h>
#include <signal.h>
#include <stdint.h>

enum { READ, WRITE };

static const char *what;

static void attempt(int kind, uintptr_t addr)
{
	volatile unsigned char *p = opaque_pointer(addr);

	if (kind == READ)
		(void)*p;
	else
		*p = 0x5A;
}

static void expect_fault(const char *name, void (*fn)(void), int alt_sig)
{
	pid_t pid;
	int status;

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		what = name;
		fn();
		_exit(99);
	}
	status = wait_for_child(pid);
	if (!(WIFSIGNALED(status) &&
	      (WTERMSIG(status) == SIGSEGV || WTERMSIG(status) == alt_sig)))
		fprintf(stderr, "FAIL: %s: status %#x (%s %d), expected SIGSEGV\n",
			name, status, WIFEXITED(status) ? "exit" : "signal",
			WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
	CHECK(WIFSIGNALED(status));
	CHECK(WTERMSIG(status) == SIGSEGV || WTERMSIG(status) == alt_sig);
}

static void read_c0000000(void) { attempt(READ, 0xC0000000u); }
static void write_c0000000(void) { attempt(WRITE, 0xC0000000u); }
static void read_c0100000(void) { attempt(READ, 0xC0100000u); }
static void write_c0100000(void) { attempt(WRITE, 0xC0100000u); }
static void read_f0000000(void) { attempt(READ, 0xF0000000u); }
static void write_f0001000(void) { attempt(WRITE, 0xF0001000u); }
static void read_fffff000(void) { attempt(READ, 0xFFFFF000u); }
static void read_0(void) { attempt(READ, 0); }
static void write_0(void) { attempt(WRITE, 0); }
static void read_1(void) { attempt(READ, 1); }
static void write_4095(void) { attempt(WRITE, 4095); }
static void read_4095(void) { attempt(READ, 4095); }
static void call_kernel(void) { ((void (*)(void))opaque_pointer(0xC0100000u))(); }
static void call_0(void) { ((void (*)(void))opaque_pointer(0))(); }
static void do_hlt(void) { __asm__ volatile("hlt"); }
static void do_cli(void) { __asm__ volatile("cli"); }
static void do_in(void) { __asm__ volatile("inb $0x60, %%al" : : : "eax"); }
static void do_out(void) { __asm__ volatile("outb %%al, $0xf4" : : "a"(0x11)); }
static void do_lidt(void)
{
	static struct { uint16_t limit; uint32_t base; } __attribute__((packed)) none = { 0, 0 };

	__asm__ volatile("lidt %0" : : "m"(none));
}
static void do_cr0(void) { __asm__ volatile("movl %%cr0, %%eax" : : : "eax"); }
static void int_0e(void) { __asm__ volatile("int $0x0e"); }
static void int_08(void) { __asm__ volatile("int $0x08"); }
static void int_20(void) { __asm__ volatile("int $0x20"); }
static void int_81(void) { __asm__ volatile("int $0x81"); }
static void load_kernel_ds(void) { __asm__ volatile("movw %w0, %%ds" : : "r"(0x10) : "memory"); }
static void load_tss_fs(void) { __asm__ volatile("movw %w0, %%fs" : : "r"(0x2b) : "memory"); }

int main(void)
{
	long pages = free_pages();

	expect_fault("read 0xC0000000", read_c0000000, SIGSEGV);
	expect_fault("write 0xC0000000", write_c0000000, SIGSEGV);
	expect_fault("read 0xC0100000", read_c0100000, SIGSEGV);
	expect_fault("write 0xC0100000", write_c0100000, SIGSEGV);
	expect_fault("read 0xF0000000", read_f0000000, SIGSEGV);
	expect_fault("write 0xF0001000", write_f0001000, SIGSEGV);
	expect_fault("read 0xFFFFF000", read_fffff000, SIGSEGV);
	expect_fault("read 0", read_0, SIGSEGV);
	expect_fault("write 0", write_0, SIGSEGV);
	expect_fault("read 1", read_1, SIGSEGV);
	expect_fault("read 4095", read_4095, SIGSEGV);
	expect_fault("write 4095", write_4095, SIGSEGV);
	expect_fault("call 0xC0100000", call_kernel, SIGSEGV);
	expect_fault("call 0", call_0, SIGSEGV);
	expect_fault("hlt", do_hlt, SIGSEGV);
	expect_fault("cli", do_cli, SIGSEGV);
	expect_fault("inb", do_in, SIGSEGV);
	expect_fault("outb to 0xf4", do_out, SIGSEGV);
	expect_fault("lidt", do_lidt, SIGSEGV);
	expect_fault("mov %cr0", do_cr0, SIGSEGV);
	expect_fault("int $0x0e", int_0e, SIGBUS);
	expect_fault("int $0x08", int_08, SIGBUS);
	expect_fault("int $0x20", int_20, SIGBUS);
	expect_fault("int $0x81", int_81, SIGBUS);
	expect_fault("load the kernel data segment", load_kernel_ds, SIGBUS);
	expect_fault("load the TSS selector", load_tss_fs, SIGBUS);

	/* The kernel still works, and gave back every child's pages. */
	CHECK_EQ(free_pages(), pages);
	(void)what;
	return 0;
}
