/*
 * dirent.c - reading directories with getdents64.
 *
 * A DIR holds an open descriptor and a buffer of raw linux_dirent64
 * records.  readdir() hands out one record at a time, copied into a
 * struct dirent, and refills the buffer when it runs dry.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "syscall_internal.h"

#define DIR_BUFFER_SIZE 4096

struct dir_stream {
	int fd;
	size_t pos;			/* next record in buf */
	size_t len;			/* bytes of records in buf */
	struct dirent entry;		/* what readdir() returns */
	char buf[DIR_BUFFER_SIZE];
};

ssize_t getdents64(int fd, void *buf, size_t size)
{
	return __syscall_ret(__syscall3(SYS_getdents64, fd, (long)buf,
					(long)size));
}

DIR *fdopendir(int fd)
{
	DIR *dir = malloc(sizeof(*dir));

	if (!dir)
		return NULL;
	dir->fd = fd;
	dir->pos = 0;
	dir->len = 0;
	return dir;
}

DIR *opendir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *dir;

	if (fd < 0)
		return NULL;
	dir = fdopendir(fd);
	if (!dir)
		close(fd);
	return dir;
}

/* Returns NULL at the end (errno unchanged) or on error (errno set). */
struct dirent *readdir(DIR *dir)
{
	struct linux_dirent64 *raw;
	size_t name_len;

	if (dir->pos >= dir->len) {
		ssize_t n = getdents64(dir->fd, dir->buf, sizeof(dir->buf));
		if (n <= 0)
			return NULL;
		dir->len = n;
		dir->pos = 0;
	}
	raw = (struct linux_dirent64 *)(dir->buf + dir->pos);
	dir->pos += raw->d_reclen;

	name_len = strnlen(raw->d_name, sizeof(dir->entry.d_name) - 1);
	dir->entry.d_ino = (ino_t)raw->d_ino;
	dir->entry.d_off = (off_t)raw->d_off;
	dir->entry.d_reclen = sizeof(dir->entry);
	dir->entry.d_type = raw->d_type;
	memcpy(dir->entry.d_name, raw->d_name, name_len);
	dir->entry.d_name[name_len] = '\0';
	return &dir->entry;
}

int closedir(DIR *dir)
{
	int ret = close(dir->fd);

	free(dir);
	return ret;
}

void rewinddir(DIR *dir)
{
	lseek(dir->fd, 0, SEEK_SET);
	dir->pos = 0;
	dir->len = 0;
}

int dirfd(DIR *dir)
{
	return dir->fd;
}
