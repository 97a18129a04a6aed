/*
 * console.h - the system console: a 16550 serial port (COM1) and the VGA
 * text screen for output, the serial port for input, and the tty line
 * discipline that turns keystrokes into lines for read().
 */
#ifndef KERNEL_CONSOLE_H
#define KERNEL_CONSOLE_H

#include "lib/types.h"

struct file_ops;

void serial_init(void);
void serial_putc(char c);
void serial_start_input(void);	/* after tty_init: receive interrupts on */
void serial_irq(void);		/* IRQ 4: hands received bytes to tty_input */

void vga_init(void);
void vga_putc(char c);

/* Kernel messages: written with interrupts off, straight to the hardware. */
void console_write_kernel(const char *s, size_t n);

struct proc;

void tty_init(void);
void tty_input(char c);		/* called from the serial interrupt */
bool tty_is_controlling(const struct proc *p);
extern const struct file_ops tty_file_ops;	/* /dev/tty and /dev/console */

struct fd_table;
int console_open_std(struct fd_table *fds);

#endif
