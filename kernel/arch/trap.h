/*
 * trap.h - the trap frame and interrupt entry points (trap.c, trapentry.S).
 */
#ifndef KERNEL_TRAP_H
#define KERNEL_TRAP_H

#include "lib/types.h"

/*
 * The registers of the interrupted code, as trapentry.S leaves them on the
 * kernel stack.  From the bottom: what `pusha` saved, the data segments,
 * the vector number and error code the stub pushed, and what the CPU pushed
 * itself (esp and ss only when the trap came from ring 3).
 */
struct trapframe {
	uint32_t edi, esi, ebp, esp_pusha, ebx, edx, ecx, eax;
	uint32_t gs, fs, es, ds;
	uint32_t trapno, err;
	uint32_t eip, cs, eflags;
	uint32_t esp, ss;
};

#define T_DIVIDE 0
#define T_DEBUG 1
#define T_BREAKPOINT 3
#define T_INVALID_OP 6
#define T_DEVICE_NOT_AVAILABLE 7
#define T_DOUBLE_FAULT 8
#define T_GPF 13
#define T_PAGE_FAULT 14
#define T_IRQ0 32		/* ISA IRQs 0..15 (ioapic.c): vectors 32..47 */
#define T_LAPIC_TIMER 48	/* the local APIC timer (lapic.c) */
/* Inter-processor interrupts (smp.c: ipi_send); trapentry.S has their stubs. */
#define T_IPI_RESCHED 49	/* "look at the run queue, and your signals": sched.c */
#define T_IPI_TLB 50		/* "flush your TLB" (unused: kstack.c says why) */
#define T_IPI_STOP 51		/* "stop for good": panic() sends it */
#define T_LAPIC_SPURIOUS 63	/* low four bits 1, as P6 CPUs require */
#define T_SYSCALL 0x80

#define IRQ_COM1 4		/* the PIT's IRQ 0 stays masked: the LAPIC times */

static inline bool trap_from_user(const struct trapframe *tf)
{
	return (tf->cs & 3) == 3;
}

void trap_init(void);
struct cpu;
void trap_init_cpu(struct cpu *c);
void trap(struct trapframe *tf);
void trap_return(void);		/* trapentry.S: pop a frame and iret */
void pic_init(void);
void trap_print_frame(const struct trapframe *tf);

#endif
