/*
 * fs.h - the file system tree (fs.c) and the initramfs that fills it
 * (initrd.c).
 */
#ifndef KERNEL_FS_H
#define KERNEL_FS_H

#include "list.h"
#include "uaccess.h"

#define S_IFMT 0170000
#define S_IFSOCK 0140000
#define S_IFLNK 0120000
#define S_IFREG 0100000
#define S_IFBLK 0060000
#define S_IFDIR 0040000
#define S_IFCHR 0020000
#define S_IFIFO 0010000
#define S_ISDIR(m) (((m) & S_IFMT) == S_IFDIR)
#define S_ISREG(m) (((m) & S_IFMT) == S_IFREG)

#define NAME_MAX 255
#define PATH_MAX 4096

struct file_ops;
struct file;

/*
 * A file, directory or device node.  The whole tree lives in memory: the
 * initramfs is unpacked into it at boot.  Nodes are never freed while the
 * tree is read-only; only process context touches them.
 */
struct inode {
	uint32_t ino;
	uint32_t mode;			/* S_IF* type and permission bits */
	uint32_t size;			/* bytes, for regular files */
	uint32_t rdev;			/* device number, for device nodes */
	const struct file_ops *fops;	/* how an open of it behaves */
	const uint8_t *data;		/* contents of an initramfs file */
	char name[NAME_MAX + 1];
	struct inode *parent;		/* the root is its own parent */
	struct list_head children;	/* directory entries, in creation order */
	struct list_head sibling;	/* on parent->children */
};

/* The Linux `struct stat` for stat/lstat/fstat (106-108) on i386. */
struct kstat {
	uint32_t st_dev, st_ino;
	uint16_t st_mode, st_nlink, st_uid, st_gid;
	uint32_t st_rdev, st_size, st_blksize, st_blocks;
	uint32_t st_atime, st_atime_nsec, st_mtime, st_mtime_nsec;
	uint32_t st_ctime, st_ctime_nsec;
	uint32_t unused4, unused5;
};

extern struct inode *fs_root;

void fs_init(void);
struct inode *fs_add_node(struct inode *dir, const char *name, uint32_t mode,
			  const uint8_t *data, uint32_t size);
struct inode *fs_child(struct inode *dir, const char *name, size_t len);
int fs_lookup(const char *path, struct inode **out);
int fs_lookup_user(uaddr_t upath, struct inode **out);
ssize_t fs_read(struct inode *ino, off_t off, void *buf, size_t n);
void fs_fill_stat(const struct inode *ino, struct kstat *st);
int fs_path_of(struct inode *ino, char *buf, size_t size);

void initrd_load(const uint8_t *start, uint32_t size);

#endif
