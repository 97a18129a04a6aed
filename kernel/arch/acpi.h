/*
 * acpi.h - what the firmware says about the machine's CPUs and interrupt
 * controllers: from the ACPI MADT (acpi.c) or, without one, from the
 * MultiProcessor tables (mptable.c).
 */
#ifndef KERNEL_ACPI_H
#define KERNEL_ACPI_H

#include "arch/cpu.h"
#include "lib/types.h"

#define ISA_IRQS 16
#define IOAPIC_DEFAULT_PHYS 0xFEC00000u	/* where PCs put the first I/O APIC */

/*
 * Polarity and trigger of an interrupt line, in the format both the MADT
 * and the MP tables use ("MPS INTI flags"): bits 0-1 polarity, bits 2-3
 * trigger; 0 in a field means "as the bus says" (ISA: active high, edge).
 */
#define INTI_POLARITY_MASK 0x3
#define INTI_ACTIVE_LOW 0x3
#define INTI_TRIGGER_MASK 0xC
#define INTI_LEVEL 0xC

/* Where an ISA IRQ arrives at the I/O APIC. */
struct isa_route {
	uint32_t gsi;		/* global system interrupt: I/O APIC input */
	uint16_t flags;		/* INTI_* */
};

/*
 * Filled once at boot by acpi_init() on the boot CPU, read-only after.
 * The CPUs are those the firmware marks enabled; a CPU the firmware only
 * lists for hot-plug (-smp 2,maxcpus=4) is not one of them.
 */
struct platform_config {
	const char *source;		/* "ACPI MADT", "MP table" or "defaults" */
	int ncpu_found;			/* enabled CPUs the tables list */
	int ncpu;			/* of those, the ones kept in apic_id[] */
	uint8_t apic_id[MAX_CPUS];	/* local APIC ids, in table order */
	uint32_t ioapic_phys;		/* the I/O APIC's registers */
	uint32_t ioapic_gsi_base;	/* the GSI of its input 0 */
	uint8_t ioapic_id;
	struct isa_route isa[ISA_IRQS];	/* ISA IRQ n: identity unless overridden */
};

extern struct platform_config platform;

void acpi_init(bool use_acpi, bool use_mptable);

/* For the two table parsers (acpi.c, mptable.c). */
void platform_add_cpu(uint32_t apic_id);
void platform_set_ioapic(uint8_t id, uint32_t phys, uint32_t gsi_base);
bool table_checksum_ok(const void *table, uint32_t len);
bool mptable_parse(void);

#endif
