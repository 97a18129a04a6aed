/*
 * devices.h - character devices: the device table (devices.c) and the
 * memory devices behind /dev/null, /dev/zero, /dev/full and /dev/random
 * (mem.c).
 */
#ifndef KERNEL_DEVICES_H
#define KERNEL_DEVICES_H

#include "lib/types.h"

struct file_ops;

/*
 * A device number as Linux encodes it for user space (st_rdev, mknod):
 * (major << 8) | minor, for the small numbers used here.
 */
#define DEV_MAKE(major, minor) (((major) << 8) | (minor))
#define DEV_MAJOR(dev) (((dev) >> 8) & 0xFFF)
#define DEV_MINOR(dev) (((dev) & 0xFF) | (((dev) >> 12) & 0xFFF00))

#define DEV_TTY DEV_MAKE(5, 0)		/* the process's controlling terminal */
#define DEV_CONSOLE DEV_MAKE(5, 1)

void dev_init(void);
const struct file_ops *dev_open_ops(uint32_t rdev);

/* mem.c: one table per kind of memory device. */
extern const struct file_ops mem_null_ops, mem_zero_ops, mem_full_ops,
	mem_random_ops;

#endif
