/*
 * initrd.c - unpacks the initramfs into the file tree at boot.
 *
 * The initramfs is a cpio archive in the "newc" format, loaded by QEMU
 * (-initrd) as a Multiboot module.  Each member is a 110-byte ASCII header
 * (magic "070701" and thirteen 8-digit hex fields), the NUL-terminated
 * path, padding to a multiple of 4, the data, and padding again.  The
 * member named "TRAILER!!!" ends the archive.
 *
 * Files are not copied: their inodes point at the data inside the archive,
 * which stays in memory (pmm.c never hands those pages out).  Directories
 * along a path are created as needed, so archives need not list them.
 */
#include "fs/fs.h"
#include "lib/lib.h"
#include "lib/panic.h"

#define CPIO_HEADER_SIZE 110

uint32_t initrd_bytes;		/* the archive's size, for statfs of "/" */

static uint32_t hex_field(const uint8_t *h, int index)
{
	uint32_t v = 0;

	for (int i = 0; i < 8; i++) {
		uint8_t c = h[6 + index * 8 + i];
		v = v * 16 + (c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
	}
	return v;
}

/* The directory that will hold `path`'s last component, made if needed. */
static struct inode *parent_dir(const char *path, const char **base)
{
	struct inode *dir = fs_root;
	const char *p = path, *slash;

	while ((slash = strchr(p, '/')) != NULL) {
		struct inode *next = fs_child(dir, p, slash - p);
		if (slash > p && !next) {
			char name[NAME_MAX + 1];
			strlcpy(name, p, min_u32(slash - p + 1, sizeof(name)));
			next = fs_add_node(dir, name, S_IFDIR | 0755, NULL, 0);
		}
		if (next)
			dir = next;
		p = slash + 1;
	}
	*base = p;
	return dir;
}

static void initrd_add(const char *path, uint32_t mode, const uint8_t *data,
		       uint32_t size)
{
	const char *base;
	struct inode *dir, *old;

	while (path[0] == '.' && path[1] == '/')
		path += 2;
	if (!path[0] || strcmp(path, ".") == 0)
		return;
	dir = parent_dir(path, &base);
	old = fs_child(dir, base, strlen(base));
	if (old && S_ISDIR(old->mode) && S_ISDIR(mode))
		return;		/* made earlier for a file inside it */
	if (!S_ISDIR(mode) && !S_ISREG(mode))
		return;		/* links and devices are not supported */
	if (!fs_add_node(dir, base, mode, data, size))
		panic("initrd: out of memory");
}

void initrd_load(const uint8_t *start, uint32_t size)
{
	uint32_t off = 0, files = 0;

	initrd_bytes = size;
	while (off + CPIO_HEADER_SIZE <= size) {
		const uint8_t *h = start + off;
		uint32_t mode, filesize, namesize;
		const char *name;

		if (memcmp(h, "070701", 6) != 0)
			panic("initrd: bad cpio header at offset %u", off);
		mode = hex_field(h, 1);
		filesize = hex_field(h, 6);
		namesize = hex_field(h, 11);
		name = (const char *)h + CPIO_HEADER_SIZE;
		if (strcmp(name, "TRAILER!!!") == 0)
			break;
		off = round_up(off + CPIO_HEADER_SIZE + namesize, 4);
		if (off + filesize > size)
			panic("initrd: member %s runs past the end", name);
		initrd_add(name, mode, start + off, filesize);
		off = round_up(off + filesize, 4);
		files++;
	}
	printk("initrd: %u entries, %u KiB\n", files, size / 1024);
}
