/*
 * vga.c - a mirror of the console on the VGA text screen (80x25 cells at
 * physical 0xB8000), for when QEMU shows a window.  Output only; it scrolls
 * when the cursor passes the last line and moves the hardware cursor.
 */
#include "dev/console.h"
#include "lib/lib.h"
#include "mm/memlayout.h"
#include "arch/x86.h"

#define VGA_COLS 80
#define VGA_ROWS 25
#define VGA_ATTR 0x0700		/* light grey on black */

static uint16_t *const vga_mem = (uint16_t *)(KERNEL_BASE + 0xB8000);
static int vga_pos;		/* cursor: row * VGA_COLS + column */

static void vga_move_cursor(void)
{
	outb(0x3D4, 14);
	outb(0x3D5, vga_pos >> 8);
	outb(0x3D4, 15);
	outb(0x3D5, vga_pos & 0xFF);
}

void vga_init(void)
{
	for (int i = 0; i < VGA_COLS * VGA_ROWS; i++)
		vga_mem[i] = VGA_ATTR | ' ';
	vga_pos = 0;
	vga_move_cursor();
}

static void vga_scroll(void)
{
	memmove(vga_mem, vga_mem + VGA_COLS,
		(VGA_ROWS - 1) * VGA_COLS * sizeof(uint16_t));
	for (int i = 0; i < VGA_COLS; i++)
		vga_mem[(VGA_ROWS - 1) * VGA_COLS + i] = VGA_ATTR | ' ';
	vga_pos -= VGA_COLS;
}

void vga_putc(char c)
{
	if (c == '\n')
		vga_pos += VGA_COLS - vga_pos % VGA_COLS;
	else if (c == '\r')
		vga_pos -= vga_pos % VGA_COLS;
	else if (c == '\b')
		vga_pos -= vga_pos > 0;
	else
		vga_mem[vga_pos++] = VGA_ATTR | (uint8_t)c;
	if (vga_pos >= VGA_COLS * VGA_ROWS)
		vga_scroll();
	vga_move_cursor();
}
