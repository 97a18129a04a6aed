/*
 * lapic.c - the local APIC: enabling it, acknowledging its interrupts,
 * and its timer, the one source of timer interrupts in Conduit.
 *
 * Every x86 CPU since the P6 has a local APIC, a small interrupt
 * controller of its own with a timer.  Its registers are memory-mapped
 * (physical 0xFEE00000 unless the APIC base MSR 0x1B says otherwise);
 * vm_map_mmio (vm.c) maps that page, uncached, into the kernel's MMIO
 * window at boot (memlayout.h), where every address space sees it.
 *
 * lapic_init():
 *   - panics if CPUID says there is no APIC (QEMU always has one);
 *   - sets the enable bit in the base MSR and the spurious-interrupt
 *     vector register (T_LAPIC_SPURIOUS, whose low four bits must be 1
 *     on P6 CPUs; a spurious interrupt is not acknowledged);
 *   - keeps the 8259 PIC working: LINT0 is "ExtINT" (the PIC's interrupt
 *     line comes in here, "virtual wire" mode) and LINT1 is the NMI.
 *     Those interrupts are acknowledged at the PIC, not here;
 *   - measures the timer's rate against the TSC clock (clock.c), which
 *     was calibrated against the PIT just before.
 *
 * The timer counts its initial-count register down (here at the bus
 * clock / 16) and, in one-shot mode, raises T_LAPIC_TIMER once at 0.
 * lapic_timer_start(ns) converts ns to counts, rounded up, so it never
 * fires before its time as far as this driver knows; timer.c checks the
 * clock anyway and programs it again if it came too early.  A delay
 * longer than the 32-bit counter holds (over a minute on QEMU) is cut to
 * the longest the counter allows; timer.c then finds nothing due and
 * programs the rest.  Writing 0 stops the timer.
 *
 * Only timer.c programs the timer, with interrupts off.  Each CPU has
 * its own local APIC at the same address (issue 15: the registers seen
 * are always this CPU's own), so the driver needs no lock.
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
#define LAPIC_TPR 0x080		/* task priority: 0 accepts every vector */
#define LAPIC_EOI 0x0B0
#define LAPIC_SVR 0x0F0		/* spurious vector, software enable */
#define LAPIC_LVT_TIMER 0x320
#define LAPIC_LVT_LINT0 0x350
#define LAPIC_LVT_LINT1 0x360
#define LAPIC_TIMER_INIT 0x380
#define LAPIC_TIMER_CUR 0x390
#define LAPIC_TIMER_DIV 0x3E0

#define SVR_ENABLE 0x100
#define LVT_MASKED (1u << 16)
#define LVT_EXTINT 0x700
#define LVT_NMI 0x400
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

void lapic_init(void)
{
	uint64_t base;

	if (!(cpuid_features_edx() & CPUID_APIC))
		panic("no local APIC (CPUID.1:EDX bit 9): Conduit needs its timer");
	base = rdmsr(APIC_BASE_MSR);
	wrmsr(APIC_BASE_MSR, base | APIC_BASE_ENABLE);
	lapic = vm_map_mmio((uint32_t)base & 0xFFFFF000);
	lapic_write(LAPIC_TPR, 0);
	lapic_write(LAPIC_LVT_LINT0, LVT_EXTINT);	/* the 8259 PIC */
	lapic_write(LAPIC_LVT_LINT1, LVT_NMI);
	lapic_write(LAPIC_SVR, SVR_ENABLE | T_LAPIC_SPURIOUS);
	lapic_timer_calibrate();
	lapic_write(LAPIC_LVT_TIMER, T_LAPIC_TIMER);	/* one-shot, unmasked */
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
