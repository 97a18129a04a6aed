/*
 * lapic.h - the local APIC: this CPU's interrupt controller and its
 * one-shot timer (lapic.c).
 */
#ifndef KERNEL_LAPIC_H
#define KERNEL_LAPIC_H

#include "lib/types.h"

void lapic_init(void);
void lapic_eoi(void);
void lapic_timer_start(uint64_t delta_ns);
void lapic_timer_stop(void);

#endif
