/*
 * main.c - kmain, where the kernel starts after boot.S, and the kernel
 * command line.
 *
 * The order matters: the console first (so everything after can print),
 * then the CPU tables (GDT, IDT, PIC), then memory (the page allocator
 * must know what the image, the boot data and the initramfs occupy, and
 * vm_init sets up the MMIO window), then the clock and the local APIC
 * timer (which lives in that window), the firmware's tables (acpi.c) and
 * the I/O APIC, the other CPUs (smp.c: they wait, parked), then the file
 * tree and the first process.  Finally the boot
 * thread turns into the idle task and the scheduler takes over.
 *
 * Command line (QEMU -append): space-separated words.
 *   init=PATH     the program to run as pid 1 (default /bin/init)
 *   trace=LIST    trace system calls: "all" or comma-separated names
 *   crash=KIND    crash on purpose, to see (and test) how failures are
 *                 reported: "panic" panics, "triple" triple-faults,
 *                 "stack" overflows a kernel stack into its guard page,
 *                 "assert" frees an object twice (a self-check must catch it),
 *                 "lock-order" takes two spinlocks against the lock order
 *                 (the checker must panic, naming both: spinlock.c)
 *   tmpfs_size=N  how much /tmp may hold: bytes, with a suffix k, m or g
 *                 (KiB, MiB, GiB), or a percentage of RAM ("25%");
 *                 default 50%, 0 for no limit (as Linux's tmpfs size=)
 *   tmpfs_inodes=N  how many nodes /tmp may hold (suffix k, m or g:
 *                 times 1024); default half the number of RAM pages
 *   acpi=off      ignore the ACPI tables: find the CPUs in the MP tables
 *   mptable=off   ignore the MP tables (with acpi=off: one CPU, acpi.c)
 *   -- ARGS       everything after "--" is passed to init as its arguments
 *
 * The line may be up to CMDLINE_MAX - 1 bytes, and init_argv holds every
 * word such a line can have; a longer line stops the boot with a panic
 * rather than losing words.
 */
#include "dev/console.h"
#include "dev/devices.h"
#include "fs/fs.h"
#include "arch/acpi.h"
#include "arch/cpu.h"
#include "arch/ioapic.h"
#include "arch/smp.h"
#include "mm/kmalloc.h"
#include "mm/kstack.h"
#include "lib/lib.h"
#include "mm/memlayout.h"
#include "arch/multiboot.h"
#include "lib/panic.h"
#include "lib/spinlock.h"
#include "mm/pmm.h"
#include "proc/proc.h"
#include "fs/procfs.h"
#include "syscall/syscall.h"
#include "time/timer.h"
#include "arch/trap.h"
#include "mm/vm.h"
#include "arch/x86.h"

#define CMDLINE_MAX 2048		/* as Linux's on x86 */
/* A word takes two bytes at least (itself and a space): all of them fit. */
#define INIT_ARGS_MAX (CMDLINE_MAX / 2)

extern char kernel_end[];
static char cmdline[CMDLINE_MAX];
static char init_path[CMDLINE_MAX] = "/bin/init";
static char init_args_buf[CMDLINE_MAX];
static const char *init_argv[INIT_ARGS_MAX + 2];

/* init's argv: its path, then the words after " -- " on the command line. */
static void cmdline_init_args(void)
{
	char *p = strstr(cmdline, " -- ");
	int n = 0;

	init_argv[n++] = init_path;
	if (p) {
		strlcpy(init_args_buf, p + 4, sizeof(init_args_buf));
		for (p = init_args_buf; *p; ) {
			while (*p == ' ')
				*p++ = 0;
			if (!*p)
				break;
			init_argv[n++] = p;
			while (*p && *p != ' ')
				p++;
		}
	}
	init_argv[n] = NULL;
}

/*
 * Finds `key=value` on the command line (before any " -- ", which starts
 * init's arguments); copies value, true if found.
 */
static bool cmdline_get(const char *key, char *value, size_t size)
{
	size_t klen = strlen(key);
	const char *stop = strstr(cmdline, " -- ");

	for (const char *p = cmdline; *p && (!stop || p < stop); ) {
		const char *end = strchr(p, ' ');
		size_t len;
		if (!end)
			end = p + strlen(p);
		len = end - p;
		if (len > klen && strncmp(p, key, klen) == 0 && p[klen] == '=') {
			strlcpy(value, p + klen + 1, min_u32(len - klen, size));
			return true;
		}
		p = *end ? end + 1 : end;
	}
	return false;
}

/* key=off on the command line. */
static bool cmdline_off(const char *key)
{
	char value[8];

	return cmdline_get(key, value, sizeof(value)) && strcmp(value, "off") == 0;
}

static uint32_t max_u32(uint32_t a, uint32_t b)
{
	return a > b ? a : b;
}

/*
 * A tmpfs_size= or tmpfs_inodes= value: a number with an optional suffix
 * k, m or g (times 1024, 1024^2, 1024^3), or for a size a percentage of
 * `whole`.  Sizes are in bytes and come back in pages, rounded up.
 * False if it is not such a number (or too big for 32 bits).
 */
static bool parse_amount(const char *s, bool bytes, uint32_t whole,
			 uint32_t *out)
{
	uint64_t n = 0;
	const char *p = s;

	for (; *p >= '0' && *p <= '9' && n < (1u << 30); p++)
		n = n * 10 + (*p - '0');	/* stays far below 2^64 */
	if (p == s || (*p && p[1]))
		return false;		/* no digits, or more than a suffix */
	if (*p == '%' && bytes)
		n = n * whole / 100 * PAGE_SIZE;
	else if (*p == 'k' || *p == 'K')
		n <<= 10;
	else if (*p == 'm' || *p == 'M')
		n <<= 20;
	else if (*p == 'g' || *p == 'G')
		n <<= 30;
	else if (*p)
		return false;
	if (bytes)
		n = (n + PAGE_SIZE - 1) / PAGE_SIZE;
	if (n > 0xffffffffu)
		return false;
	*out = n;
	return true;
}

/* How much /tmp may hold: half of RAM, or what the command line says. */
static void cmdline_tmpfs_limits(void)
{
	uint32_t pages = pmm_total_pages() / 2, inodes = pmm_total_pages() / 2;
	char value[32];

	if (cmdline_get("tmpfs_size", value, sizeof(value)) &&
	    !parse_amount(value, true, pmm_total_pages(), &pages))
		printk("tmpfs_size=%s: not a size, using half of RAM\n", value);
	if (cmdline_get("tmpfs_inodes", value, sizeof(value)) &&
	    !parse_amount(value, false, 0, &inodes))
		printk("tmpfs_inodes=%s: not a number, using the default\n", value);
	tmpfs_set_limits(pages, inodes);
}

/*
 * The end of everything the loader left that we must keep: the kernel,
 * the modules, and the Multiboot structures (QEMU puts those in low
 * memory, which the page allocator never uses, but another loader might
 * not).
 */
static uint32_t boot_data_end(uint32_t mb_phys, const struct multiboot_info *mb)
{
	uint32_t end = max_u32(virt_to_phys(kernel_end), mb_phys + sizeof(*mb));
	const struct multiboot_module *mods = phys_to_virt(mb->mods_addr);

	if (mb->flags & MB_INFO_MMAP)
		end = max_u32(end, mb->mmap_addr + mb->mmap_length);
	if (mb->flags & MB_INFO_MODS) {
		end = max_u32(end, mb->mods_addr + mb->mods_count * sizeof(*mods));
		for (uint32_t i = 0; i < mb->mods_count; i++)
			end = max_u32(end, mods[i].end);
	}
	return round_up(end, PAGE_SIZE);
}

static void load_initrd(const struct multiboot_info *mb)
{
	const struct multiboot_module *mod = phys_to_virt(mb->mods_addr);

	if (!(mb->flags & MB_INFO_MODS) || mb->mods_count == 0)
		panic("no initramfs: boot with -initrd build/initrd.cpio");
	initrd_load(phys_to_virt(mod->start), mod->end - mod->start);
}

/* Recurse until the stack runs into its guard page. */
static void __noreturn crash_recurse(uint32_t depth)
{
	volatile char frame[256];

	frame[0] = (char)depth;
	crash_recurse(depth + frame[0] + 1);
}

/* Run crash_recurse on a fresh kernel stack, which has a guard page. */
static void crash_stack_overflow(void)
{
	uint32_t top = kstack_alloc() + KSTACK_SIZE;

	printk("crash=stack: overflowing a kernel stack\n");
	__asm__ volatile("movl %0, %%esp; pushl $0; call *%1"
			 : : "r"(top), "r"(crash_recurse) : "memory");
}

/* crash=panic|triple|stack|assert|lock-order: fail on purpose (tools/test-harness.sh). */
static void crash_on_request(void)
{
	char kind[16];
	struct { uint16_t limit; uint32_t base; } __packed no_idt = { 0, 0 };

	if (!cmdline_get("crash", kind, sizeof(kind)))
		return;
	if (strcmp(kind, "panic") == 0)
		panic("crash=panic on the command line");
	if (strcmp(kind, "stack") == 0)
		crash_stack_overflow();
	if (strcmp(kind, "assert") == 0) {
		void *keeper = kmalloc(64);	/* keeps the slab page alive */
		void *object = kmalloc(64);

		printk("crash=assert: freeing an object twice\n");
		kfree(object);
		kfree(object);
		kfree(keeper);
	}
	if (strcmp(kind, "lock-order") == 0)
		lock_order_selfcheck();
	if (strcmp(kind, "triple") == 0) {
		printk("crash=triple: loading an empty IDT and trapping\n");
		__asm__ volatile("lidt %0; int3" : : "m"(no_idt));
	}
}

void kmain(uint32_t magic, uint32_t mb_phys)
{
	const struct multiboot_info *mb = phys_to_virt(mb_phys);
	char trace[CMDLINE_MAX];

	cpu_setup(&cpus[0]);	/* first: this_cpu() works from here on */
	serial_init();
	vga_init();
	printk("Conduit: a teaching kernel built around the Unix pipe\n");
	if (magic != MULTIBOOT_LOADER_MAGIC)
		panic("not booted by a Multiboot loader (magic %x)", magic);
	if ((mb->flags & MB_INFO_CMDLINE) &&
	    strlcpy(cmdline, phys_to_virt(mb->cmdline), sizeof(cmdline)) >= sizeof(cmdline))
		panic("the command line is longer than %u bytes: refusing to drop words",
		      CMDLINE_MAX - 1);
	printk("command line: %s\n", cmdline);
	cmdline_get("init", init_path, sizeof(init_path));
	cmdline_init_args();

	trap_init();
	pic_init();
	pmm_init(mb, boot_data_end(mb_phys, mb));
	kstack_init();
	vm_init();
	timer_init();
	acpi_init(!cmdline_off("acpi"), !cmdline_off("mptable"));
	ioapic_init();
	smp_start_aps();
	printk("memory: %u pages free of %u (%u MiB)\n", pmm_free_pages(),
	       pmm_total_pages(), pmm_total_pages() / 256);

	cmdline_tmpfs_limits();
	fs_init();
	load_initrd(mb);
	fs_init_tmp();
	tty_init();
	dev_init();
	procfs_init();
	proc_init();
	if (cmdline_get("trace", trace, sizeof(trace)))
		syscall_set_trace(trace);

	crash_on_request();
	ioapic_route_isa(IRQ_COM1, cpus[0].apic_id);	/* to the boot CPU */
	serial_start_input();	/* what was typed during boot, too */
	printk("starting %s as pid 1\n", init_path);	/* first: it may run at once */
	proc_start_init(init_argv);
	sched_idle();
}
