/*
 * dirent.h - reading directories.  The library reads records with the
 * getdents64 system call into a buffer and hands them out one by one.
 */
#ifndef _DIRENT_H
#define _DIRENT_H

#include <sys/types.h>

/* d_type values */
#define DT_UNKNOWN 0
#define DT_FIFO 1
#define DT_CHR 2
#define DT_DIR 4
#define DT_BLK 6
#define DT_REG 8
#define DT_LNK 10
#define DT_SOCK 12

/* What readdir() returns. */
struct dirent {
	ino_t d_ino;
	off_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[256];
};

/* One record as the getdents64 system call writes it. */
struct linux_dirent64 {
	unsigned long long d_ino;
	long long d_off;		/* opaque position of the next record */
	unsigned short d_reclen;	/* size of this record */
	unsigned char d_type;
	char d_name[];			/* NUL-terminated */
};

typedef struct dir_stream DIR;

DIR *opendir(const char *path);
DIR *fdopendir(int fd);
struct dirent *readdir(DIR *dir);
int closedir(DIR *dir);
void rewinddir(DIR *dir);
int dirfd(DIR *dir);
ssize_t getdents64(int fd, void *buf, size_t size);

#endif
