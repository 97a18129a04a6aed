/*
 * smp.c - starting the other CPUs, and the inter-processor interrupts
 * (IPIs) the CPUs send each other.
 *
 * At power-on only one CPU runs: the boot CPU (the "BSP"), which ran
 * boot.S and kmain.  The others (the "APs") wait for a message from
 * their local APIC.  smp_start_aps() wakes them one at a time:
 *
 *   platform.apic_id[] (acpi.c: the MADT, or the MP tables)
 *     |  for each id but the boot CPU's, up to MAX_CPUS:
 *     v
 *   cpus[i].apic_id = id, a kernel stack, the trampoline's arguments
 *     |  INIT IPI, wait 10 ms; STARTUP IPI, wait 200 us; STARTUP again,
 *     |  wait 200 us (the sequence the Intel SDM gives, vol. 3, 8.4.4)
 *     v
 *   the AP runs boot/trampoline.S at TRAMPOLINE_PHYS: real mode ->
 *   protected mode -> paging -> smp_ap_main(&cpus[i]) on its stack
 *     |  cpu_setup (its GDT, TSS, %fs), its IDT and double-fault task,
 *     |  its local APIC, its FPU; then cpus[i].started = true
 *     v
 *   sched_init_cpu(): its idle task; sched_idle(): it runs processes
 *
 * The boot CPU waits (up to a second) for `started` before it moves on to
 * the next CPU, so one trampoline page and one argument block serve all.
 * A CPU that does not report in is sent INIT again (back to waiting, so
 * it cannot wake later and use a struct cpu given to another) and left
 * out.  cpus[0..ncpu-1] are exactly the CPUs that run; `ncpu` only grows,
 * at boot, before any process exists.  The boot banner says
 * "smp: N CPUs up".
 *
 * Once all are up, the boot CPU sends each AP an IPI and waits for the
 * answer (a check that IPIs work: "smp: CPU i did not answer an IPI" if
 * one does not).
 *
 * IPIs: ipi_send(cpu, vector) and ipi_send_others(vector) for the
 * vectors in trap.h.  T_IPI_STOP is panic()'s: smp_stop_others() sends it
 * to every other running CPU and waits (up to 100 ms) until they have
 * stopped, so the panic message comes out whole; a CPU that has
 * interrupts off does not take it, and the panic goes on without it.
 *
 * Rules: smp_start_aps() runs once, on the boot CPU, with interrupts off.
 * The counters below are written with atomic operations because several
 * CPUs may write them at once.
 */
#include "arch/smp.h"
#include "arch/cpu.h"
#include "arch/acpi.h"
#include "arch/fpu.h"
#include "arch/lapic.h"
#include "arch/trap.h"
#include "lib/lib.h"
#include "lib/panic.h"
#include "mm/kstack.h"
#include "mm/memlayout.h"
#include "mm/pmm.h"
#include "mm/vm.h"
#include "time/clock.h"
#include "time/timer.h"
#include "time/itimer.h"
#include "arch/x86.h"
#include "proc/proc.h"

#define INIT_DELAY_NS (10 * NSEC_PER_MSEC)
#define STARTUP_DELAY_NS (200 * NSEC_PER_USEC)
#define REPORT_TIMEOUT_NS (1000 * NSEC_PER_MSEC)
#define IPI_TIMEOUT_NS (100 * NSEC_PER_MSEC)

/* At trampoline_args in the trampoline's copy (boot/trampoline.S). */
struct trampoline_args {
	uint32_t cr3;			/* a directory with the low 4 MiB mapped */
	uint32_t stack;			/* the AP's initial esp */
	uint32_t entry;			/* smp_ap_main */
	struct cpu *cpu;		/* its argument */
};

extern char trampoline_start[], trampoline_end[], trampoline_args[];

static uint32_t ipis_received[MAX_CPUS];	/* atomic; per receiving CPU */
static int cpus_stopped;			/* atomic; by T_IPI_STOP */

static inline void cpu_relax(void)
{
	__asm__ volatile("pause" ::: "memory");
}

static void delay_ns(uint64_t ns)
{
	uint64_t start = time_now_ns();

	while (time_now_ns() - start < ns)
		cpu_relax();
}

/* Wait up to timeout_ns for *word to differ from `old`; true if it did. */
static bool wait_change(uint32_t *word, uint32_t old, uint64_t timeout_ns)
{
	uint64_t start = time_now_ns();

	while (__atomic_load_n(word, __ATOMIC_ACQUIRE) == old)
		if (time_now_ns() - start >= timeout_ns)
			return false;
	return true;
}

/* The AP's first C code, on its own kernel stack (the trampoline's jump). */
static void __noreturn smp_ap_main(struct cpu *c)
{
	write_cr3(virt_to_phys(boot_pgdir));	/* off the trampoline's directory */
	cpu_setup(c);				/* this_cpu() works from here on */
	trap_init_cpu(c);
	lapic_init_cpu();
	fpu_init_cpu();
	__atomic_store_n(&c->started, true, __ATOMIC_RELEASE);
	timer_init_cpu();	/* its kernel timers: the time slice first */
	itimer_init_cpu();	/* and the CPU-time itimers' check */
	sched_init_cpu();	/* this thread becomes the CPU's idle task */
	sched_idle();		/* and runs whatever the run queue offers */
}

/* Copy the trampoline low; its directory maps the kernel and 0-4 MiB. */
static struct trampoline_args *trampoline_install(pde_t *pgdir)
{
	struct trampoline_args *args = phys_to_virt(TRAMPOLINE_PHYS +
		(trampoline_args - trampoline_start));

	memcpy(phys_to_virt(TRAMPOLINE_PHYS), trampoline_start,
	       trampoline_end - trampoline_start);
	memcpy(pgdir, boot_pgdir, PAGE_SIZE);
	pgdir[0] = 0 | PTE_P | PTE_W | PTE_PS;	/* identity, not global */
	args->cr3 = virt_to_phys(pgdir);
	args->entry = (uint32_t)smp_ap_main;
	return args;
}

/* INIT-SIPI-SIPI, then wait for the CPU to say it runs. */
static bool smp_start_cpu(struct cpu *c, struct trampoline_args *args)
{
	uint32_t stack = kstack_alloc();
	uint64_t start;

	if (!stack)
		return false;
	args->stack = stack + KSTACK_SIZE;
	args->cpu = c;
	lapic_send_init(c->apic_id);
	delay_ns(INIT_DELAY_NS);
	for (int i = 0; i < 2; i++) {
		lapic_send_startup(c->apic_id, TRAMPOLINE_PHYS);
		delay_ns(STARTUP_DELAY_NS);
	}
	start = time_now_ns();
	while (!__atomic_load_n(&c->started, __ATOMIC_ACQUIRE))
		if (time_now_ns() - start >= REPORT_TIMEOUT_NS) {
			lapic_send_init(c->apic_id);	/* back to waiting */
			delay_ns(INIT_DELAY_NS);
			kstack_free(stack);
			return false;
		}
	return true;
}

/* Each AP must answer an IPI: the check that IPIs reach every CPU. */
static void smp_check_ipis(void)
{
	for (int i = 1; i < ncpu; i++) {
		uint32_t before = __atomic_load_n(&ipis_received[i], __ATOMIC_ACQUIRE);

		ipi_send(i, T_IPI_RESCHED);
		if (!wait_change(&ipis_received[i], before, IPI_TIMEOUT_NS))
			printk("smp: CPU %d (APIC id %u) did not answer an IPI\n",
			       i, cpus[i].apic_id);
	}
}

void smp_start_aps(void)
{
	pde_t *pgdir = page_alloc_zeroed();
	struct trampoline_args *args;

	cpus[0].apic_id = lapic_id();
	cpus[0].started = true;
	if (!pgdir)
		panic("smp: no page for the trampoline's directory");
	args = trampoline_install(pgdir);
	for (int i = 0; i < platform.ncpu && ncpu < MAX_CPUS; i++) {
		struct cpu *c = &cpus[ncpu];

		if (platform.apic_id[i] == cpus[0].apic_id)
			continue;
		c->apic_id = platform.apic_id[i];
		if (smp_start_cpu(c, args))
			ncpu++;
		else
			printk("smp: the CPU with APIC id %u did not start\n",
			       c->apic_id);
	}
	page_free(pgdir);	/* every AP has moved to boot_pgdir */
	smp_check_ipis();
	printk("smp: %d CPUs up\n", ncpu);
}

void ipi_send(int cpu_id, int vector)
{
	lapic_send_ipi(cpus[cpu_id].apic_id, vector);
}

void ipi_send_others(int vector)
{
	int me = this_cpu()->id;

	for (int i = 0; i < ncpu; i++)
		if (i != me)
			ipi_send(i, vector);
}

/* trap.c, on every IPI: how the boot check sees the answer. */
void smp_count_ipi(void)
{
	__atomic_add_fetch(&ipis_received[this_cpu()->id], 1, __ATOMIC_RELEASE);
}

/* T_IPI_STOP: another CPU panicked. */
void __noreturn smp_stop_self(void)
{
	cli();
	__atomic_add_fetch(&cpus_stopped, 1, __ATOMIC_RELEASE);
	for (;;)
		hlt();
}

/*
 * panic(): stop every other CPU, so that the message comes out whole.
 * Returns how many stopped (within IPI_TIMEOUT_NS); 0 with one CPU.
 */
int smp_stop_others(void)
{
	uint64_t start;

	if (ncpu == 1)
		return 0;
	ipi_send_others(T_IPI_STOP);
	start = time_now_ns();
	while (__atomic_load_n(&cpus_stopped, __ATOMIC_ACQUIRE) < ncpu - 1 &&
	       time_now_ns() - start < IPI_TIMEOUT_NS)
		cpu_relax();
	return __atomic_load_n(&cpus_stopped, __ATOMIC_ACQUIRE);
}
