/*
 * pic.c - the two 8259A programmable interrupt controllers, switched off.
 *
 * Conduit takes device interrupts through the I/O APIC (ioapic.c), but the
 * PC still has the 8259s of the uniprocessor days.  At power-on they
 * deliver IRQs 0-7 on vectors 8-15, which collide with CPU exceptions.
 * pic_init() remaps them to vectors 32-47 anyway (so that a stray 8259
 * interrupt could never pass for an exception) and masks every line for
 * good; the local APICs also mask LINT0, where the 8259's output comes in
 * (lapic.c).  Nothing else here is ever called.
 */
#include "arch/trap.h"
#include "arch/x86.h"

#define PIC1_CMD 0x20
#define PIC1_DATA 0x21
#define PIC2_CMD 0xA0
#define PIC2_DATA 0xA1

void pic_init(void)
{
	outb(PIC1_CMD, 0x11);		/* ICW1: initialise, expect ICW4 */
	outb(PIC2_CMD, 0x11);
	outb(PIC1_DATA, T_IRQ0);	/* ICW2: vector offsets */
	outb(PIC2_DATA, T_IRQ0 + 8);
	outb(PIC1_DATA, 1 << 2);	/* ICW3: PIC2 sits on IRQ 2 */
	outb(PIC2_DATA, 2);
	outb(PIC1_DATA, 0x01);		/* ICW4: 8086 mode */
	outb(PIC2_DATA, 0x01);
	outb(PIC1_DATA, 0xFF);		/* every line masked */
	outb(PIC2_DATA, 0xFF);
}
