/*
 * pic.c - the two 8259A programmable interrupt controllers.
 *
 * At power-on the PICs deliver IRQs 0-7 on vectors 8-15, which collide
 * with CPU exceptions, so we remap IRQs 0-15 to vectors 32-47.  Every IRQ
 * starts masked; drivers unmask the lines they handle.  Each interrupt
 * must be acknowledged (end of interrupt) or the PIC sends no more.
 */
#include "arch/trap.h"
#include "arch/x86.h"

#define PIC1_CMD 0x20
#define PIC1_DATA 0x21
#define PIC2_CMD 0xA0
#define PIC2_DATA 0xA1
#define PIC_EOI 0x20

static uint16_t irq_mask = 0xFFFF & ~(1 << 2);	/* IRQ 2 chains PIC2 */

static void pic_write_mask(void)
{
	outb(PIC1_DATA, irq_mask & 0xFF);
	outb(PIC2_DATA, irq_mask >> 8);
}

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
	pic_write_mask();
}

void pic_unmask(int irq)
{
	irq_mask &= ~(1 << irq);
	pic_write_mask();
}

void pic_eoi(int irq)
{
	if (irq >= 8)
		outb(PIC2_CMD, PIC_EOI);
	outb(PIC1_CMD, PIC_EOI);
}
