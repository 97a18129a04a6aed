/*
 * devices.c - character devices: which driver a device number means, and
 * the nodes in /dev.
 *
 * A character-device node is an inode of type S_IFCHR whose rdev holds a
 * device number (major, minor), with Linux's numbers.  Opening it does
 * not use the inode's own fops (those are for files, directories and
 * /proc): open() asks dev_open_ops() for the file operations of that
 * number, as Linux's chrdev_open does.  So a node made anywhere with
 * mknod(S_IFCHR, dev) works like the one in /dev, and a number without a
 * driver fails to open with ENXIO.
 *
 *   name      number  driver
 *   null      1, 3    mem.c: reads end of file, writes vanish
 *   zero      1, 5    mem.c: reads zeros, writes vanish
 *   full      1, 7    mem.c: reads zeros, writes fail with ENOSPC
 *   random    1, 8    mem.c: a pseudo-random generator (not cryptographic)
 *   urandom   1, 9    the same generator
 *   tty       5, 0    tty.c: the process's controlling terminal, which is
 *                     the console for every process of its session (ENXIO
 *                     for others, e.g. after setsid, as on Linux)
 *   console   5, 1    tty.c: the console, for anyone
 *
 * dev_init() makes /dev and these nodes at boot, after the initramfs
 * (which may not contain device nodes) is unpacked.  Like the rest of the
 * initramfs tree, /dev is read-only: no names can be added or removed
 * there, but the devices themselves can be written.
 */
#include "dev/devices.h"
#include "dev/console.h"
#include "fs/fs.h"
#include "lib/lib.h"
#include "lib/panic.h"
#include "proc/proc.h"

struct device {
	const char *name;		/* its node in /dev */
	uint32_t rdev;
	uint32_t perm;			/* permission bits of the node */
	const struct file_ops *ops;
};

static const struct device devices[] = {
	{ "null", DEV_MAKE(1, 3), 0666, &mem_null_ops },
	{ "zero", DEV_MAKE(1, 5), 0666, &mem_zero_ops },
	{ "full", DEV_MAKE(1, 7), 0666, &mem_full_ops },
	{ "random", DEV_MAKE(1, 8), 0666, &mem_random_ops },
	{ "urandom", DEV_MAKE(1, 9), 0666, &mem_random_ops },
	{ "tty", DEV_TTY, 0666, &tty_file_ops },
	{ "console", DEV_CONSOLE, 0620, &tty_file_ops },
};

/* What an open of device rdev by the current process gets; NULL: ENXIO. */
const struct file_ops *dev_open_ops(uint32_t rdev)
{
	if (rdev == DEV_TTY && !tty_is_controlling(current))
		return NULL;		/* no controlling terminal */
	for (uint32_t i = 0; i < ARRAY_SIZE(devices); i++)
		if (devices[i].rdev == rdev)
			return devices[i].ops;
	return NULL;
}

void dev_init(void)
{
	struct inode *dir, *ino;

	if (fs_lookup("/dev", &dir))
		dir = fs_add_node(fs_root, "dev", S_IFDIR | 0755, NULL, 0);
	if (!dir)
		panic("dev_init: out of memory");
	for (uint32_t i = 0; i < ARRAY_SIZE(devices); i++) {
		if (fs_child(dir, devices[i].name, strlen(devices[i].name)))
			continue;	/* the initramfs had a file of that name */
		ino = fs_add_node(dir, devices[i].name, S_IFCHR | devices[i].perm,
				  NULL, 0);
		if (!ino)
			panic("dev_init: out of memory");
		ino->rdev = devices[i].rdev;
	}
}
