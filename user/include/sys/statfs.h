/*
 * sys/statfs.h - file system statistics: statfs() and fstatfs() say how
 * big the file system holding a file is and how much of it is free.
 *
 * struct statfs is exactly the Linux i386 kernel's, filled by statfs (99)
 * and fstatfs (100); struct statfs64 that of statfs64 (268) and
 * fstatfs64 (269), whose 64-bit fields i386 aligns to 4 bytes only
 * (84 bytes in all).  Sizes are in blocks of f_bsize bytes, node counts
 * in f_files/f_ffree; a field the file system cannot tell is 0.
 */
#ifndef _SYS_STATFS_H
#define _SYS_STATFS_H

typedef struct {
	int __val[2];
} fsid_t;

struct statfs {
	long f_type;			/* which kind: one of the *_MAGIC below */
	long f_bsize;			/* the block size for f_blocks.. */
	unsigned long f_blocks;		/* blocks in all */
	unsigned long f_bfree;		/* blocks free */
	unsigned long f_bavail;		/* blocks free for ordinary users */
	unsigned long f_files;		/* nodes (inodes) in all */
	unsigned long f_ffree;		/* nodes free */
	fsid_t f_fsid;
	long f_namelen;			/* the longest name (NAME_MAX) */
	long f_frsize;			/* the fragment size (= f_bsize) */
	long f_flags;			/* ST_RDONLY, ... */
	long f_spare[4];
};

struct statfs64 {
	unsigned int f_type;
	unsigned int f_bsize;
	unsigned long long f_blocks;
	unsigned long long f_bfree;
	unsigned long long f_bavail;
	unsigned long long f_files;
	unsigned long long f_ffree;
	fsid_t f_fsid;
	unsigned int f_namelen;
	unsigned int f_frsize;
	unsigned int f_flags;
	unsigned int f_spare[4];
} __attribute__((packed, aligned(4)));

/* f_type values (as Linux's <linux/magic.h>) */
#define TMPFS_MAGIC 0x01021994		/* /tmp */
#define RAMFS_MAGIC 0x858458f6		/* Conduit: the read-only initramfs */
#define PIPEFS_MAGIC 0x50495045		/* pipes */
#define PROC_SUPER_MAGIC 0x9fa0

/* f_flags bits (as <sys/statvfs.h>) */
#define ST_RDONLY 0x0001
#define ST_NOSUID 0x0002

int statfs(const char *path, struct statfs *buf);
int fstatfs(int fd, struct statfs *buf);
int statfs64(const char *path, struct statfs64 *buf);
int fstatfs64(int fd, struct statfs64 *buf);

#endif
