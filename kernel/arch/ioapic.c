/*
 * ioapic.c - the I/O APIC, which delivers device interrupts to the CPUs.
 *
 * A PC's devices raise interrupt lines; on a multiprocessor those lines
 * go into an I/O APIC (one at 0xFEC00000 on QEMU, 24 inputs), which turns
 * each into a message to the local APIC of a chosen CPU:
 *
 *   serial port --IRQ 4--> I/O APIC input (GSI) 4 --"vector 36, to APIC id 0"--> CPU 0
 *
 * Each input has a 64-bit redirection entry: the vector, the destination
 * APIC id, polarity (active high or low), trigger (edge or level) and a
 * mask bit.  The ISA IRQ numbers drivers know are not always the input
 * numbers: the firmware's tables say where each arrives and how
 * (`platform.isa[]`, acpi.c), e.g. QEMU wires the timer's IRQ 0 to
 * input 2.  The vector stays T_IRQ0 + the ISA IRQ, so trap.c's dispatch
 * still speaks in ISA IRQs; it acknowledges them at the local APIC
 * (lapic_eoi), never here.
 *
 * The 8259 PICs, the uniprocessor way, are only remapped and masked
 * (pic.c), and the local APICs' LINT0, where the 8259 would come in, is
 * masked (lapic.c): every device interrupt comes through here.
 *
 * The registers are reached through two words: write a register number to
 * IOREGSEL, then read or write it at IOWIN.  Only the boot CPU touches the
 * I/O APIC, at boot (ioapic_init, then ioapic_route_isa from kmain), so it
 * needs no lock; a driver routing interrupts later, with several CPUs
 * running, would need one around the pair of accesses.
 */
#include "arch/ioapic.h"
#include "arch/acpi.h"
#include "arch/trap.h"
#include "lib/lib.h"
#include "lib/panic.h"
#include "mm/vm.h"

#define IOREGSEL 0x00
#define IOWIN 0x10
#define IOAPIC_REG_VERSION 0x01
#define IOAPIC_REG_REDIR 0x10		/* input n: 0x10 + 2n (low), + 1 (high) */

#define REDIR_ACTIVE_LOW (1u << 13)
#define REDIR_LEVEL (1u << 15)
#define REDIR_MASKED (1u << 16)

static volatile uint32_t *ioapic;
static uint32_t ioapic_inputs;		/* how many redirection entries */

static uint32_t ioapic_read(uint32_t reg)
{
	ioapic[IOREGSEL / 4] = reg;
	return ioapic[IOWIN / 4];
}

static void ioapic_write(uint32_t reg, uint32_t v)
{
	ioapic[IOREGSEL / 4] = reg;
	ioapic[IOWIN / 4] = v;
}

static void ioapic_set_entry(uint32_t input, uint32_t low, uint8_t apic_id)
{
	ioapic_write(IOAPIC_REG_REDIR + 2 * input, REDIR_MASKED);
	ioapic_write(IOAPIC_REG_REDIR + 2 * input + 1, (uint32_t)apic_id << 24);
	ioapic_write(IOAPIC_REG_REDIR + 2 * input, low);
}

/* Map the I/O APIC the firmware named and mask every input. */
void ioapic_init(void)
{
	uint32_t version;

	ioapic = vm_map_mmio(platform.ioapic_phys);
	version = ioapic_read(IOAPIC_REG_VERSION);
	if (version == 0xFFFFFFFF)
		panic("ioapic: no I/O APIC at %p", (void *)platform.ioapic_phys);
	ioapic_inputs = ((version >> 16) & 0xFF) + 1;
	for (uint32_t i = 0; i < ioapic_inputs; i++)
		ioapic_set_entry(i, REDIR_MASKED, 0);
	printk("ioapic: at %p, GSIs %u-%u, from the %s\n",
	       (void *)platform.ioapic_phys, platform.ioapic_gsi_base,
	       platform.ioapic_gsi_base + ioapic_inputs - 1, platform.source);
}

/*
 * Send ISA IRQ `irq` to the CPU whose local APIC id is `apic_id`, on
 * vector T_IRQ0 + irq, with the polarity and trigger the firmware gave
 * (ISA's own are active high, edge-triggered).
 */
void ioapic_route_isa(int irq, uint8_t apic_id)
{
	const struct isa_route *r = &platform.isa[irq];
	uint32_t input = r->gsi - platform.ioapic_gsi_base;
	uint32_t low = T_IRQ0 + irq;

	if (r->gsi < platform.ioapic_gsi_base || input >= ioapic_inputs)
		panic("ioapic: ISA IRQ %d is GSI %u, not on this I/O APIC", irq,
		      r->gsi);
	if ((r->flags & INTI_POLARITY_MASK) == INTI_ACTIVE_LOW)
		low |= REDIR_ACTIVE_LOW;
	if ((r->flags & INTI_TRIGGER_MASK) == INTI_LEVEL)
		low |= REDIR_LEVEL;
	ioapic_set_entry(input, low, apic_id);
}
