/*
 * fs.c - the file system: one tree of inodes in memory, path lookup, and
 * the system calls on names (open, stat, chdir, getcwd).
 *
 * The tree is filled at boot from the initramfs (initrd.c) and is
 * read-only in this version: opening for writing gives EROFS.  Device
 * nodes (/dev/console) are inodes whose `fops` are the device's.
 *
 * Lookup walks the path one component at a time from the root (absolute
 * paths) or the current directory, handling "." and "..".  Errors: ENOENT
 * (missing component or empty path), ENOTDIR (a non-directory used as a
 * directory), ENAMETOOLONG, EFAULT (bad user pointer).
 *
 * Reading a regular file copies from the initramfs image in memory.
 * Reading a directory with getdents64 returns its entries as Linux's
 * `struct linux_dirent64` records; the file position counts entries.
 */
#include "fs.h"
#include "errno.h"
#include "fd.h"
#include "file.h"
#include "kmalloc.h"
#include "lib.h"
#include "proc.h"

struct inode *fs_root;
static uint32_t next_ino = 1;
static const struct file_ops reg_file_ops, dir_file_ops;

struct inode *fs_add_node(struct inode *dir, const char *name, uint32_t mode,
			  const uint8_t *data, uint32_t size)
{
	struct inode *ino = kzalloc(sizeof(*ino));

	if (!ino)
		return NULL;
	ino->ino = next_ino++;
	ino->mode = mode;
	ino->data = data;
	ino->size = size;
	strlcpy(ino->name, name, sizeof(ino->name));
	list_init(&ino->children);
	list_init(&ino->sibling);
	ino->fops = S_ISDIR(mode) ? &dir_file_ops : &reg_file_ops;
	ino->parent = dir ? dir : ino;
	if (dir)
		list_add_tail(&ino->sibling, &dir->children);
	return ino;
}

void fs_init(void)
{
	fs_root = fs_add_node(NULL, "", S_IFDIR | 0755, NULL, 0);
}

struct inode *fs_child(struct inode *dir, const char *name, size_t len)
{
	struct list_head *pos;

	if (len == 1 && name[0] == '.')
		return dir;
	if (len == 2 && name[0] == '.' && name[1] == '.')
		return dir->parent;
	for (pos = dir->children.next; pos != &dir->children; pos = pos->next) {
		struct inode *c = list_entry(pos, struct inode, sibling);
		if (strncmp(c->name, name, len) == 0 && c->name[len] == 0)
			return c;
	}
	return NULL;
}

int fs_lookup(const char *path, struct inode **out)
{
	struct inode *ino = path[0] == '/' || !current->cwd ? fs_root : current->cwd;

	if (!path[0])
		return -ENOENT;
	while (*path) {
		const char *end;
		while (*path == '/')
			path++;
		if (!*path)
			break;
		end = path;
		while (*end && *end != '/')
			end++;
		if (end - path > NAME_MAX)
			return -ENAMETOOLONG;
		if (!S_ISDIR(ino->mode))
			return -ENOTDIR;
		ino = fs_child(ino, path, end - path);
		if (!ino)
			return -ENOENT;
		path = end;
	}
	*out = ino;
	return 0;
}

int fs_lookup_user(uaddr_t upath, struct inode **out)
{
	char *path = kmalloc(PATH_MAX);
	int err;

	if (!path)
		return -ENOMEM;
	err = strncpy_from_user(path, upath, PATH_MAX);
	if (err >= 0)
		err = fs_lookup(path, out);
	kfree(path);
	return err;
}

ssize_t fs_read(struct inode *ino, off_t off, void *buf, size_t n)
{
	if (off < 0 || (uint32_t)off >= ino->size)
		return 0;
	n = min_u32(n, ino->size - off);
	memcpy(buf, ino->data + off, n);
	return n;
}

void fs_fill_stat(const struct inode *ino, struct kstat *st)
{
	st->st_dev = 1;
	st->st_ino = ino->ino;
	st->st_mode = ino->mode;
	st->st_nlink = 1;
	st->st_rdev = ino->rdev;
	st->st_size = ino->size;
	st->st_blksize = PAGE_SIZE;
	st->st_blocks = (ino->size + 511) / 512;
}

/* Writes the absolute path of ino into buf; returns its length or -ERANGE. */
int fs_path_of(struct inode *ino, char *buf, size_t size)
{
	size_t len = 0;

	if (ino == fs_root)
		return strlcpy(buf, "/", size) < size ? 1 : -ERANGE;
	buf[0] = 0;
	for (; ino != fs_root; ino = ino->parent) {
		size_t n = strlen(ino->name);
		if (len + n + 2 > size)
			return -ERANGE;
		memmove(buf + n + 1, buf, len + 1);
		buf[0] = '/';
		memcpy(buf + 1, ino->name, n);
		len += n + 1;
	}
	return len;
}

static ssize_t reg_read(struct file *f, uaddr_t buf, size_t n)
{
	struct inode *ino = f->inode;
	int err;

	if (f->pos >= (off_t)ino->size)
		return 0;
	n = min_u32(n, ino->size - f->pos);
	err = copy_to_user(buf, ino->data + f->pos, n);
	if (err)
		return err;
	f->pos += n;
	return n;
}

static off_t reg_lseek(struct file *f, off_t off, int whence)
{
	off_t base = whence == SEEK_SET ? 0 :
		     whence == SEEK_CUR ? f->pos : (off_t)f->inode->size;

	if (base + off < 0)
		return -EINVAL;
	f->pos = base + off;
	return f->pos;
}

/* Linux's struct linux_dirent64, without the name that follows. */
struct dirent64_head {
	uint64_t d_ino;
	int64_t d_off;
	uint16_t d_reclen;
	uint8_t d_type;
} __packed;

static int dir_emit(uaddr_t buf, size_t room, struct inode *c, off_t next_pos)
{
	size_t namelen = strlen(c->name) + 1;
	size_t reclen = round_up(sizeof(struct dirent64_head) + namelen, 8);
	struct dirent64_head h = { c->ino, next_pos, reclen, (c->mode >> 12) & 0xF };
	int err;

	if (reclen > room)
		return 0;
	err = copy_to_user(buf, &h, sizeof(h));
	if (!err)
		err = copy_to_user(buf + sizeof(h), c->name, namelen);
	if (!err)
		err = clear_user(buf + sizeof(h) + namelen,
				 reclen - sizeof(h) - namelen);
	return err ? err : (int)reclen;
}

static int dir_getdents(struct file *f, uaddr_t buf, size_t n)
{
	struct list_head *pos;
	size_t used = 0;
	off_t i = 0;

	for (pos = f->inode->children.next; pos != &f->inode->children;
	     pos = pos->next, i++) {
		int r;
		if (i < f->pos)
			continue;
		r = dir_emit(buf + used, n - used,
			     list_entry(pos, struct inode, sibling), i + 1);
		if (r < 0)
			return r;
		if (r == 0)
			return used ? (int)used : -EINVAL;	/* buffer too small */
		used += r;
		f->pos = i + 1;
	}
	return used;
}

static const struct file_ops reg_file_ops = {
	.read = reg_read,
	.lseek = reg_lseek,
};

static const struct file_ops dir_file_ops = {
	.lseek = reg_lseek,
	.getdents = dir_getdents,
};

long sys_open(uaddr_t upath, uint32_t flags, uint32_t mode)
{
	struct inode *ino;
	struct file *f;
	int err = fs_lookup_user(upath, &ino), fd;

	(void)mode;
	if (err)
		return err == -ENOENT && (flags & O_CREAT) ? -EROFS : err;
	if ((flags & O_DIRECTORY) && !S_ISDIR(ino->mode))
		return -ENOTDIR;
	if (S_ISDIR(ino->mode) && (flags & O_ACCMODE) != O_RDONLY)
		return -EISDIR;
	if (S_ISREG(ino->mode) && ((flags & O_ACCMODE) != O_RDONLY ||
				   (flags & O_TRUNC)))
		return -EROFS;
	f = file_alloc(ino->fops, flags & (O_ACCMODE | O_NONBLOCK | O_APPEND));
	if (!f)
		return -ENFILE;
	f->inode = ino;
	fd = fd_install(&current->fds, f, 0, flags & O_CLOEXEC);
	if (fd < 0)
		file_put(f);
	return fd;
}

static long stat_common(uaddr_t upath, uaddr_t ust)
{
	struct inode *ino;
	struct kstat st;
	int err = fs_lookup_user(upath, &ino);

	if (err)
		return err;
	memset(&st, 0, sizeof(st));
	fs_fill_stat(ino, &st);
	return copy_to_user(ust, &st, sizeof(st));
}

long sys_stat(uaddr_t upath, uaddr_t ust)
{
	return stat_common(upath, ust);
}

long sys_lstat(uaddr_t upath, uaddr_t ust)
{
	return stat_common(upath, ust);		/* no symbolic links yet */
}

long sys_access(uaddr_t upath, int mode)
{
	struct inode *ino;
	int err = fs_lookup_user(upath, &ino);

	if (err)
		return err;
	if ((mode & 2) && S_ISREG(ino->mode))
		return -EROFS;
	return 0;
}

long sys_chdir(uaddr_t upath)
{
	struct inode *ino;
	int err = fs_lookup_user(upath, &ino);

	if (err)
		return err;
	if (!S_ISDIR(ino->mode))
		return -ENOTDIR;
	current->cwd = ino;
	return 0;
}

long sys_getcwd(uaddr_t buf, size_t size)
{
	char *path = kmalloc(PATH_MAX);
	int len;

	if (!path)
		return -ENOMEM;
	len = fs_path_of(current->cwd ? current->cwd : fs_root, path, PATH_MAX);
	if (len >= 0 && (size_t)len + 1 > size)
		len = -ERANGE;
	if (len >= 0 && copy_to_user(buf, path, len + 1))
		len = -EFAULT;
	kfree(path);
	return len < 0 ? len : len + 1;
}
