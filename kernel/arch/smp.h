/*
 * smp.h - starting the other CPUs, and inter-processor interrupts (smp.c).
 */
#ifndef KERNEL_SMP_H
#define KERNEL_SMP_H

/*
 * The page below 1 MiB the trampoline (boot/trampoline.S) is copied to:
 * a STARTUP message names a page there, and the CPU starts at its first
 * byte in real mode.  Free conventional memory, away from the BIOS data
 * area (0x400), QEMU's Multiboot information (0x9000 on) and the EBDA.
 */
#define TRAMPOLINE_PHYS 0x7000

#ifndef __ASSEMBLER__
#include "lib/types.h"

void smp_start_aps(void);
void ipi_send(int cpu_id, int vector);
void ipi_send_others(int vector);
void smp_count_ipi(void);
void __noreturn smp_stop_self(void);
int smp_stop_others(void);
#endif

#endif
