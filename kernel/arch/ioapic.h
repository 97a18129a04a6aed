/*
 * ioapic.h - the I/O APIC: device interrupts to a CPU's local APIC
 * (ioapic.c).
 */
#ifndef KERNEL_IOAPIC_H
#define KERNEL_IOAPIC_H

#include "lib/types.h"

void ioapic_init(void);
void ioapic_route_isa(int irq, uint8_t apic_id);

#endif
