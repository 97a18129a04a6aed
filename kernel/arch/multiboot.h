/*
 * multiboot.h - the information a Multiboot v1 loader (QEMU -kernel, GRUB)
 * hands the kernel in EBX.  All addresses in it are physical.
 */
#ifndef KERNEL_MULTIBOOT_H
#define KERNEL_MULTIBOOT_H

#include "lib/types.h"

#define MULTIBOOT_LOADER_MAGIC 0x2BADB002
#define MB_INFO_MEMORY 0x001
#define MB_INFO_CMDLINE 0x004
#define MB_INFO_MODS 0x008
#define MB_INFO_MMAP 0x040

struct multiboot_info {
	uint32_t flags;
	uint32_t mem_lower, mem_upper;	/* KiB below 1 MiB / above 1 MiB */
	uint32_t boot_device;
	uint32_t cmdline;
	uint32_t mods_count, mods_addr;
	uint32_t syms[4];
	uint32_t mmap_length, mmap_addr;
} __packed;

struct multiboot_module {
	uint32_t start, end;		/* the module's bytes: [start, end) */
	uint32_t string, reserved;
} __packed;

/* One memory-map entry; `size` does not count itself. */
struct multiboot_mmap {
	uint32_t size;
	uint64_t addr, len;
	uint32_t type;			/* 1 = usable RAM */
} __packed;

#endif
