/*
 * lapic.h - the local APIC: this CPU's interrupt controller, its
 * one-shot timer and inter-processor interrupts (lapic.c).
 */
#ifndef KERNEL_LAPIC_H
#define KERNEL_LAPIC_H

#include "lib/types.h"

void lapic_init(void);
void lapic_init_cpu(void);
uint8_t lapic_id(void);
void lapic_send_ipi(uint8_t apic_id, uint8_t vector);
void lapic_send_init(uint8_t apic_id);
void lapic_send_startup(uint8_t apic_id, uint32_t phys_page);
void lapic_eoi(void);
void lapic_timer_start(uint64_t delta_ns);
void lapic_timer_stop(void);

#endif
