/*
 * lapic.c - the local APIC: enabling it on each CPU, acknowledging its
 * interrupts, its timer (the one source of timer interrupts in Conduit),
 * and the inter-processor interrupts (IPIs) one CPU sends another.
 *
 * Every x86 CPU since the P6 has a local APIC, a small interrupt
 * controller of its own with a timer.  Its registers are memory-mapped
 * (physical 0xFEE00000 unless the APIC base MSR 0x1B says otherwise);
 * vm_map_mmio (vm.c) maps that page, uncached, into the kernel's MMIO
 * window at boot (memlayout.h), where every address space sees it.  Each
 * CPU that reads or writes that address reaches its *own* local APIC, so
 * one mapping serves all CPUs and the driver needs no lock.
 *
 * lapic_init(), on the boot CPU:
 *   - panics if CPUID says there is no APIC (QEMU always has one);
 *   - maps the registers, then does what every CPU does (below);
 *   - measures the timer's rate against the TSC clock (clock.c), which
 *     was calibrated against the PIT just before.  The rate is shared:
 *     all local APIC timers count at the same bus clock.
 * lapic_init_cpu(), on every CPU (smp.c calls it on the others):
 *   - sets the enable bit in the base MSR and the spurious-interrupt
 *     vector register (T_LAPIC_SPURIOUS, whose low four bits must be 1
 *     on P6 CPUs; a spurious interrupt is not acknowledged);
 *   - masks LINT0, where the 8259 PIC's output would come in: device
 *     interrupts come through the I/O APIC (ioapic.c).  LINT1 is the NMI;
 *   - sets the timer to one-shot mode, stopped.
 *
 * The timer counts its initial-count register down (here at the bus
 * clock / 16) and, in one-shot mode, raises T_LAPIC_TIMER once at 0.
 * lapic_timer_start(ns) converts ns to counts, rounded up, so it never
 * fires before its time as far as this driver knows; timer.c checks the
 * clock anyway and programs it again if it came too early.  A delay
 * longer than the 32-bit counter holds (over a minute on QEMU) is cut to
 * the longest the counter allows; timer.c then finds nothing due and
 * programs the rest.  Writing 0 stops the timer.  Only timer.c programs
 * the timer, with interrupts off, each CPU its own.
 *
 * IPIs.  Writing the interrupt command register (ICR: high word the
 * destination APIC id, low word the vector and the kind) sends a message
 * to another CPU's local APIC.  lapic_send_ipi() sends an ordinary
 * ("fixed") interrupt on a vector (trap.h: T_IPI_*); lapic_send_init()
 * and lapic_send_startup() send the INIT and STARTUP messages that start
 * a CPU (smp.c).  The ICR is per CPU, but an interrupt handler on this
 * CPU could send its own IPI between our two writes, so each send runs
 * with interrupts off.
 */
#include "arch/lapic.h"
#include "arch/trap.h"
#include "lib/lib.h"
#include "lib/panic.h"
#include "mm/vm.h"
#include "time/clock.h"
#include "arch/x86.h"

#define APIC_BASE_MSR 0x1B
#define APIC_BASE_ENABLE (1u << 11)

/* Register offsets in the MMIO page (each a 32-bit word, 16-byte aligned). */
#define LAPIC_ID 0x020		/* bits 24-31: this CPU's APIC id */
#define LAPIC_TPR 0x080		/* task priority: 0 accepts every vector */
#define LAPIC_EOI 0x0B0
#define LAPIC_SVR 0x0F0		/* spurious vector, software enable */
#define LAPIC_ICR_LO 0x300	/* interrupt command: writing it sends */
#define LAPIC_ICR_HI 0x310	/* bits 24-31: the destination */
#define LAPIC_LVT_TIMER 0x320
#define LAPIC_LVT_LINT0 0x350
#define LAPIC_LVT_LINT1 0x360
#define LAPIC_TIMER_INIT 0x380
#define LAPIC_TIMER_CUR 0x390
#define LAPIC_TIMER_DIV 0x3E0

#define SVR_ENABLE 0x100
#define LVT_MASKED (1u << 16)
#define LVT_NMI 0x400
#define ICR_FIXED 0x000
#define ICR_INIT 0x500
#define ICR_STARTUP 0x600
#define ICR_PENDING (1u << 12)	/* delivery status: not yet accepted */
#define ICR_ASSERT (1u << 14)
#define TIMER_DIV_16 0x3
#define CALIBRATE_NS (10 * NSEC_PER_MSEC)

static volatile uint32_t *lapic;
static uint64_t counts_per_ns_q32;	/* timer counts per ns, times 2^32 */

static uint32_t lapic_read(uint32_t reg)
{
	return lapic[reg / 4];
}

static void lapic_write(uint32_t reg, uint32_t v)
{
	lapic[reg / 4] = v;
}

/* Count the timer down for CALIBRATE_NS of TSC time: its rate. */
static void lapic_timer_calibrate(void)
{
	uint64_t start, elapsed;
	uint32_t counted;

	lapic_write(LAPIC_LVT_TIMER, LVT_MASKED | T_LAPIC_TIMER);
	lapic_write(LAPIC_TIMER_DIV, TIMER_DIV_16);
	start = time_now_ns();
	lapic_write(LAPIC_TIMER_INIT, 0xFFFFFFFF);
	while (time_now_ns() - start < CALIBRATE_NS)
		;
	counted = 0xFFFFFFFF - lapic_read(LAPIC_TIMER_CUR);
	elapsed = time_now_ns() - start;
	lapic_write(LAPIC_TIMER_INIT, 0);
	if (counted == 0)
		panic("lapic: the local APIC timer does not count");
	counts_per_ns_q32 = ((uint64_t)counted << 32) / elapsed;
	printk("lapic: timer at %u kHz\n",
	       (uint32_t)scale_q32(NSEC_PER_MSEC, counts_per_ns_q32));
}

/* This CPU's local APIC: enabled, LINT0 masked, timer one-shot and stopped. */
void lapic_init_cpu(void)
{
	wrmsr(APIC_BASE_MSR, rdmsr(APIC_BASE_MSR) | APIC_BASE_ENABLE);
	lapic_write(LAPIC_TPR, 0);
	lapic_write(LAPIC_LVT_LINT0, LVT_MASKED);	/* no 8259: ioapic.c */
	lapic_write(LAPIC_LVT_LINT1, LVT_NMI);
	lapic_write(LAPIC_SVR, SVR_ENABLE | T_LAPIC_SPURIOUS);
	lapic_write(LAPIC_TIMER_DIV, TIMER_DIV_16);
	lapic_write(LAPIC_TIMER_INIT, 0);
	lapic_write(LAPIC_LVT_TIMER, T_LAPIC_TIMER);	/* one-shot, unmasked */
}

void lapic_init(void)
{
	if (!(cpuid_features_edx() & CPUID_APIC))
		panic("no local APIC (CPUID.1:EDX bit 9): Conduit needs its timer");
	lapic = vm_map_mmio((uint32_t)rdmsr(APIC_BASE_MSR) & 0xFFFFF000);
	lapic_init_cpu();
	lapic_timer_calibrate();
	lapic_write(LAPIC_LVT_TIMER, T_LAPIC_TIMER);	/* one-shot, unmasked */
}

/* The running CPU's local APIC id (smp.c matches it to struct cpu). */
uint8_t lapic_id(void)
{
	return lapic_read(LAPIC_ID) >> 24;
}

/* Write the ICR (destination first: writing the low word sends). */
static void lapic_icr_send(uint8_t apic_id, uint32_t low)
{
	bool was_on = irq_save();

	lapic_write(LAPIC_ICR_HI, (uint32_t)apic_id << 24);
	lapic_write(LAPIC_ICR_LO, low);
	for (int i = 0; i < 1000000 && (lapic_read(LAPIC_ICR_LO) & ICR_PENDING); i++)
		;
	irq_restore(was_on);
}

/* Interrupt the CPU with that APIC id on `vector` (trap.h: T_IPI_*). */
void lapic_send_ipi(uint8_t apic_id, uint8_t vector)
{
	lapic_icr_send(apic_id, ICR_FIXED | ICR_ASSERT | vector);
}

/* INIT: the CPU resets and waits for a STARTUP message. */
void lapic_send_init(uint8_t apic_id)
{
	lapic_icr_send(apic_id, ICR_INIT | ICR_ASSERT);
}

/* STARTUP: a CPU waiting after INIT runs real-mode code at page << 12. */
void lapic_send_startup(uint8_t apic_id, uint32_t phys_page)
{
	lapic_icr_send(apic_id, ICR_STARTUP | ICR_ASSERT | (phys_page >> 12));
}

void lapic_eoi(void)
{
	lapic_write(LAPIC_EOI, 0);
}

/* Interrupt (T_LAPIC_TIMER) in delta_ns, or at most the counter's range. */
void lapic_timer_start(uint64_t delta_ns)
{
	uint64_t counts = scale_q32(delta_ns, counts_per_ns_q32) + 1;

	lapic_write(LAPIC_TIMER_INIT, counts > 0xFFFFFFFF ? 0xFFFFFFFF : counts);
}

void lapic_timer_stop(void)
{
	lapic_write(LAPIC_TIMER_INIT, 0);
}
