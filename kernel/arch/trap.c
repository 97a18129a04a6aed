/*
 * trap.c - the interrupt descriptor table and the dispatcher every
 * interrupt and exception goes through.  (System calls, vector 0x80, have
 * an entry of their own in trapentry.S that goes straight to syscall.c.)
 *
 * trap(tf) decides by vector number:
 *   - 32..47: a device interrupt, ISA IRQ 0..15, routed by the I/O APIC
 *     (ioapic.c) to the boot CPU (the serial line), acknowledged at the
 *     local APIC (lapic.c);
 *   - 48: the local APIC timer (timer.c fires the kernel timers that are
 *     due), acknowledged at the local APIC;
 *   - 49..51: an inter-processor interrupt from another CPU (smp.c):
 *     T_IPI_STOP stops this CPU for good (a panic elsewhere),
 *     T_IPI_RESCHED says "look at the run queue" (a process was queued
 *     for an idle CPU, sched.c) or "look at your signals" (one was sent to
 *     the process running here: the interrupt alone brings it into the
 *     kernel, and return_to_user delivers), and T_IPI_TLB flushes this
 *     CPU's TLB (kernel stacks use a cheaper scheme: kstack.c);
 *   - 0..31: a CPU exception.  In user mode it becomes a signal for the
 *     faulting process (a page fault first asks vm.c whether it can fix
 *     it: a stack that needs to grow, a copy-on-write page).  If the fix
 *     needed memory and there was none, the process is killed with
 *     SIGKILL and the console says "out of memory: killed pid N (name):
 *     copy-on-write failed" (or "stack growth"), as Linux's OOM killer
 *     reports it.  In kernel mode
 *     it is a kernel bug and panics, with the registers and a backtrace.
 *
 * A trap from user mode first charges the time since the last return to
 * user mode to the process's user time (cputime.c); on the way back we
 * leave through return_to_user (syscall.c), a scheduling point where
 * pending signals are delivered too.
 * The double fault is special: it arrives through a task gate on a stack of
 * its own, so even a kernel stack overflow is reported, not a triple fault.
 */
#include "arch/trap.h"
#include "dev/console.h"
#include "arch/fpu.h"
#include "arch/cpu.h"
#include "lib/lib.h"
#include "mm/memlayout.h"
#include "lib/panic.h"
#include "proc/proc.h"
#include "syscall/syscall.h"
#include "time/cputime.h"
#include "time/timer.h"
#include "arch/lapic.h"
#include "arch/smp.h"
#include "mm/vm.h"
#include "arch/x86.h"

struct idt_entry {
	uint16_t off_lo, selector;
	uint8_t zero, type;
	uint16_t off_hi;
} __packed;

static struct idt_entry idt[256] __cpu_table;
extern uint32_t trap_vectors[48];
void syscall_vector(void);
void lapic_timer_vector(void);
void lapic_spurious_vector(void);
void ipi_resched_vector(void);
void ipi_tlb_vector(void);
void ipi_stop_vector(void);

static const char *const exception_names[32] = {
	"divide error", "debug", "NMI", "breakpoint", "overflow",
	"bound range", "invalid opcode", "device not available",
	"double fault", "coprocessor overrun", "invalid TSS",
	"segment not present", "stack fault", "general protection",
	"page fault", "reserved", "x87 error", "alignment check",
	"machine check", "SIMD error", "virtualization", "control protection",
};

/* The signal a user-mode exception sends, as on Linux. */
static int exception_signal(uint32_t trapno)
{
	switch (trapno) {
	case 0: case 16: case 19: return SIGFPE;
	case 1: case 3: return SIGTRAP;
	case 6: return SIGILL;
	case 11: case 12: case 17: return SIGBUS;
	default: return SIGSEGV;
	}
}

static void idt_set(int vec, uint32_t handler, uint8_t type)
{
	idt[vec].off_lo = handler & 0xFFFF;
	idt[vec].off_hi = handler >> 16;
	idt[vec].selector = SEG_KCODE;
	idt[vec].zero = 0;
	idt[vec].type = type;
}

/* Each CPU's double-fault task has a stack of its own. */
static char df_stacks[MAX_CPUS][4096] __attribute__((aligned(16)));

/* Runs as its own hardware task, on df_stacks: the kernel stack is broken. */
static void __noreturn double_fault_task(void)
{
	panic("double fault: most likely a kernel stack overflow into its "
	      "guard page (pid %d)", current ? current->pid : -1);
}

void trap_init(void)
{
	for (int i = 0; i < 48; i++)
		idt_set(i, trap_vectors[i], 0x8E);	/* interrupt gate, DPL 0 */
	idt_set(T_BREAKPOINT, trap_vectors[T_BREAKPOINT], 0xEE);	/* int3 */
	idt_set(T_LAPIC_TIMER, (uint32_t)lapic_timer_vector, 0x8E);
	idt_set(T_LAPIC_SPURIOUS, (uint32_t)lapic_spurious_vector, 0x8E);
	idt_set(T_IPI_RESCHED, (uint32_t)ipi_resched_vector, 0x8E);
	idt_set(T_IPI_TLB, (uint32_t)ipi_tlb_vector, 0x8E);
	idt_set(T_IPI_STOP, (uint32_t)ipi_stop_vector, 0x8E);
	/* A trap gate (0xEF): system calls run with interrupts on, so the
	 * timer and the console are served during long calls.  Hardware
	 * interrupts and exceptions use interrupt gates (0x8E): they start
	 * with interrupts off. */
	idt_set(T_SYSCALL, (uint32_t)syscall_vector, 0xEF);	/* DPL 3 */
	idt[T_DOUBLE_FAULT] = (struct idt_entry){ 0, SEG_DFTSS, 0, 0x85, 0 };
	trap_init_cpu(this_cpu());
}

/* Each CPU, the boot CPU included: load the IDT, set up its double fault. */
void trap_init_cpu(struct cpu *c)
{
	struct { uint16_t limit; uint32_t base; } __packed ptr =
		{ sizeof(idt) - 1, (uint32_t)idt };

	cpu_set_double_fault_task(c, (uint32_t)double_fault_task,
				  (uint32_t)df_stacks[c->id] + sizeof(df_stacks[0]),
				  read_cr3());
	__asm__ volatile("lidt %0" : : "m"(ptr));
}

void trap_print_frame(const struct trapframe *tf)
{
	printk("  eax=%08x ebx=%08x ecx=%08x edx=%08x\n", tf->eax, tf->ebx,
	       tf->ecx, tf->edx);
	printk("  esi=%08x edi=%08x ebp=%08x eip=%08x\n", tf->esi, tf->edi,
	       tf->ebp, tf->eip);
	printk("  cs=%04x eflags=%08x err=%08x cr2=%08x\n", tf->cs, tf->eflags,
	       tf->err, read_cr2());
}

static void kernel_exception(struct trapframe *tf)
{
	const char *name = tf->trapno < 32 && exception_names[tf->trapno] ?
			   exception_names[tf->trapno] : "unknown";

	panic_with_frame(tf, "kernel %s (vector %u) at eip %p", name,
			 tf->trapno, (void *)tf->eip);
}

/* A page fault needed a page and there was none: not the program's fault. */
static void oom_kill(const char *what)
{
	printk("out of memory: killed pid %d (%s): %s failed\n", current->pid,
	       current->name, what);
	signal_send(current, SIGKILL);	/* dies on its way back to user mode */
}

static void user_page_fault(uint32_t addr, uint32_t err)
{
	switch (vm_handle_fault(addr, err)) {
	case VM_FAULT_FIXED:
		return;
	case VM_FAULT_OOM_COW:
		oom_kill("copy-on-write");
		return;
	case VM_FAULT_OOM_STACK:
		oom_kill("stack growth");
		return;
	case VM_FAULT_BAD:
		signal_force(current, SIGSEGV, addr);
		return;
	}
}

static void user_exception(struct trapframe *tf)
{
	if (tf->trapno == T_DEVICE_NOT_AVAILABLE) {
		if (!fpu_trap())	/* first FPU use since a switch: lazy load */
			oom_kill("FPU state");
		return;
	}
	if (tf->trapno == T_PAGE_FAULT) {
		user_page_fault(read_cr2(), tf->err);
		return;
	}
	signal_force(current, exception_signal(tf->trapno), tf->eip);
}

static void irq(int n)
{
	if (n == IRQ_COM1)
		serial_irq();
	lapic_eoi();
}

/* An IPI from another CPU (smp.c sends them). */
static void ipi(uint32_t vector)
{
	smp_count_ipi();
	switch (vector) {
	case T_IPI_STOP:
		smp_stop_self();	/* never returns */
	case T_IPI_RESCHED:
		sched_ipi();	/* work queued for us, or a signal to notice */
		break;
	case T_IPI_TLB:
		write_cr3(read_cr3());	/* flush this CPU's TLB */
		break;
	}
	lapic_eoi();
}

void trap(struct trapframe *tf)
{
	if (trap_from_user(tf))
		cputime_enter_kernel();
	if (tf->trapno == T_LAPIC_TIMER) {
		timer_irq();
		lapic_eoi();
	} else if (tf->trapno >= T_IRQ0 && tf->trapno < T_IRQ0 + 16) {
		irq(tf->trapno - T_IRQ0);
	} else if (tf->trapno >= T_IPI_RESCHED && tf->trapno <= T_IPI_STOP) {
		ipi(tf->trapno);
	} else if (trap_from_user(tf)) {
		user_exception(tf);
	} else {
		kernel_exception(tf);
	}
	if (trap_from_user(tf))
		return_to_user(tf);
}
