/*
 * fs.h - the file system: one tree of inodes in memory (fs.c), file
 * contents (fsdata.c), where /tmp keeps them and how much it may hold
 * (tmpfs.c), the initramfs that fills the tree at boot (initrd.c) and
 * the system calls on names (sys_fs.c).
 */
#ifndef KERNEL_FS_H
#define KERNEL_FS_H

#include "lib/list.h"
#include "mm/uaccess.h"

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
#define S_ISFIFO(m) (((m) & S_IFMT) == S_IFIFO)
#define S_ISCHR(m) (((m) & S_IFMT) == S_IFCHR)
#define S_ISUID 04000
#define S_ISGID 02000
#define S_IXGRP 00010
#define S_ISBLK(m) (((m) & S_IFMT) == S_IFBLK)
#define S_ISSOCK(m) (((m) & S_IFMT) == S_IFSOCK)

#define NAME_MAX 255
#define PATH_MAX 4096
#define FILE_SIZE_MAX 0x7fffffffu	/* the largest off_t: beyond, EFBIG */

struct file_ops;
struct file;
struct pipe;

/*
 * A file, directory, FIFO or device node.  The whole tree lives in memory.
 * Nodes from the initramfs are read-only (`ro`); nodes created at run time
 * (under /tmp) are writable and keep their contents in pages.
 *
 * Life cycle: a node lives while it has a name (nlink) or a user (refs:
 * open files and current directories hold one).  unlink/rmdir take the
 * name away; the last inode_put() of a nameless node frees it.  Only
 * process context touches inodes, and a lookup that does not sleep needs
 * no reference of its own.
 */
struct inode {
	uint32_t ino;
	uint32_t mode;			/* S_IF* type and permission bits */
	uint32_t size;			/* bytes, for regular files */
	uint32_t rdev;			/* device number, for device nodes */
	uint32_t nlink;			/* 1 while it has a name, 0 after unlink */
	uint32_t refs;			/* open files and cwds using it */
	uint32_t mtime;			/* seconds since 1970 */
	bool ro;			/* part of the read-only initramfs */
	const struct file_ops *fops;	/* how an open of it behaves (not for
					   char devices: see dev/devices.c) */
	const uint8_t *data;		/* contents of an initramfs file */
	void *index;			/* a tmpfs file's pages (tmpfs.c) */
	uint32_t index_levels;		/* levels of index pages above them */
	struct pipe *fifo;		/* a FIFO's pipe while it is open */
	char name[NAME_MAX + 1];
	struct inode *parent;		/* the root is its own parent */
	struct list_head children;	/* directory entries, in creation order */
	struct list_head sibling;	/* on parent->children */
	uint32_t dir_pos;		/* its place in the parent's listing */
	bool holds_parent;		/* removed while in use: pins its parent */
	uint32_t next_dir_pos;		/* a directory: the next place to give */
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

/*
 * A path being resolved by fs_walk (fs.c).  The caller sets upath (a
 * user address) or kpath (a kernel string); the walk reads the path from
 * there one character at a time, so no copy of the whole path is made.
 * It leaves the directory that holds the last name, that name, the node
 * it names (NULL if there is none) and whether a '/' followed it.
 */
struct lookup {
	uaddr_t upath;			/* the path in user memory, or */
	const char *kpath;		/* in kernel memory, if not NULL */
	struct inode *start;		/* a relative path starts here; NULL: cwd */
	uint32_t pos;			/* characters read so far */
	bool ended;			/* its NUL has been read */
	struct inode *dir;		/* result: the directory of the last name */
	char last[NAME_MAX + 1];	/* result: the last name ("" for "/") */
	struct inode *ino;		/* result: the node named, or NULL */
	bool slash;			/* result: "name/" (ends in a slash) */
};

extern struct inode *fs_root;
extern uint32_t nr_inodes;		/* nodes in existence (fs.c) */
extern uint32_t initrd_bytes;		/* size of the initramfs (initrd.c) */
extern const struct file_ops fs_reg_ops, fs_dir_ops;

/* fs.c: the tree */
void fs_init(void);
void fs_init_tmp(void);
struct inode *fs_add_node(struct inode *dir, const char *name, uint32_t mode,
			  const uint8_t *data, uint32_t size);
struct inode *fs_child(struct inode *dir, const char *name, size_t len);
int fs_walk(struct lookup *lk);
int fs_lookup(const char *path, struct inode **out);
int fs_lookup_user(uaddr_t upath, struct inode **out);
void fs_unlink_node(struct inode *ino);
void fs_link_child(struct inode *dir, struct inode *ino);
struct inode *inode_get(struct inode *ino);
void inode_put(struct inode *ino);	/* takes the tree lock */
void inode_put_locked(struct inode *ino);
void fs_lock(void);
void fs_unlock(void);
void fs_fill_stat(const struct inode *ino, struct kstat *st);
int fs_path_of(struct inode *ino, char *buf, size_t size);

/* fsdata.c: file contents */
ssize_t fs_read(struct inode *ino, off_t off, void *buf, size_t n);
int fs_truncate(struct inode *ino, uint32_t size);
void fs_free_data(struct inode *ino);

/* tmpfs.c: the pages of /tmp's files, and its limits */
void tmpfs_set_limits(uint32_t pages, uint32_t inodes);
bool tmpfs_inode_charge(void);
void tmpfs_inode_uncharge(void);
uint8_t *tmpfs_page(const struct inode *ino, uint32_t i);
uint8_t *tmpfs_page_make(struct inode *ino, uint32_t i);
void tmpfs_cut(struct inode *ino, uint32_t keep);

/* initrd.c */
void initrd_load(const uint8_t *start, uint32_t size);

#endif
