/*
 * serial.c - the 16550 UART on COM1 (I/O port 0x3F8), the console QEMU
 * connects to stdio with -nographic or -serial stdio.
 *
 * Output is polled: we wait for the transmit holding register to be empty
 * and write the byte.  Input is interrupt driven: the UART raises IRQ 4
 * when a byte arrives, and serial_irq() passes every waiting byte to the
 * tty line discipline.  A newline is sent as CR LF so terminals show it
 * properly.
 *
 * Type-ahead.  Bytes may arrive from the moment QEMU starts, long before
 * the tty exists, and a terminal keeps them all.  So serial_init never
 * throws received bytes away: it does not reset the receive FIFO, does
 * not read the data register, and leaves the FIFO mode as the firmware
 * left it, because switching the FIFO on or off clears it (on a real
 * 16550 and in QEMU alike).  What arrives meanwhile waits in the UART:
 * in QEMU, whose UART takes a new byte only when the last one was read,
 * nothing is lost however much is typed; a real UART holds one byte (16
 * with its FIFO on) and drops the rest (an overrun).  Receive interrupts
 * are enabled only by serial_start_input(), once the tty exists and
 * IRQ 4 is unmasked; it hands over what is already waiting, since those
 * bytes raised their interrupt too early for anyone to see it.
 */
#include "dev/console.h"
#include "arch/x86.h"

#define COM1 0x3F8
#define REG_DATA 0		/* receive/transmit buffer (DLAB = 0) */
#define REG_IER 1		/* interrupt enable */
#define REG_IIR 2		/* interrupt identification (read) */
#define REG_FCR 2		/* FIFO control (write) */
#define REG_LCR 3		/* line control */
#define REG_MCR 4		/* modem control */
#define REG_LSR 5		/* line status */
#define IIR_FIFO_ON 0xC0	/* both bits set: the FIFOs are enabled */
#define FCR_FIFO_ON 0xC1	/* FIFOs on, 14-byte trigger, nothing cleared */
#define LSR_DATA_READY 0x01
#define LSR_THR_EMPTY 0x20

void serial_init(void)
{
	outb(COM1 + REG_IER, 0x00);	/* no interrupts while we set up */
	outb(COM1 + REG_LCR, 0x80);	/* DLAB on: next two are the divisor */
	outb(COM1 + 0, 0x01);		/* 115200 baud */
	outb(COM1 + 1, 0x00);
	outb(COM1 + REG_LCR, 0x03);	/* 8 bits, no parity, one stop bit */
	/* Keep the FIFO mode (see the top): only the trigger level is set. */
	if ((inb(COM1 + REG_IIR) & IIR_FIFO_ON) == IIR_FIFO_ON)
		outb(COM1 + REG_FCR, FCR_FIFO_ON);
	outb(COM1 + REG_MCR, 0x0B);	/* DTR, RTS, OUT2 (routes the IRQ) */
}

/* After tty_init, with IRQ 4 unmasked (interrupts still off): input on. */
void serial_start_input(void)
{
	outb(COM1 + REG_IER, 0x01);	/* interrupt when data arrives */
	serial_irq();			/* the bytes typed during boot */
}

static void serial_put_raw(char c)
{
	for (int i = 0; i < 100000 && !(inb(COM1 + REG_LSR) & LSR_THR_EMPTY); i++)
		;
	outb(COM1 + REG_DATA, c);
}

void serial_putc(char c)
{
	if (c == '\n')
		serial_put_raw('\r');
	serial_put_raw(c);
}

void serial_irq(void)
{
	while (inb(COM1 + REG_LSR) & LSR_DATA_READY)
		tty_input((char)inb(COM1 + REG_DATA));
}
