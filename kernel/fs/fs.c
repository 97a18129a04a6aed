/*
 * fs.c - the file tree: nodes, names and path lookup.
 *
 * Conduit keeps its whole file system in memory as one tree of inodes.
 * At boot the initramfs is unpacked into it (initrd.c) read-only: its
 * files point straight at their bytes inside the archive.  /tmp is a
 * writable directory (tmpfs-like): whatever is created below it is
 * writable and keeps its contents in pages (fsdata.c).
 *
 * Lookup walks a path one component at a time from the root (absolute
 * paths) or the process's current directory, handling "." and "..".
 * fs_lookup_parent stops before the last component, for the calls that
 * create or remove a name.  Errors: ENOENT (a missing component, or an
 * empty path), ENOTDIR (a non-directory used as one), ENAMETOOLONG,
 * EFAULT for a bad user pointer.
 *
 * Lifetime: see struct inode in fs.h.  fs_unlink_node takes a node's
 * name away; inode_put frees a node that has neither name nor users.
 */
#include "fs/fs.h"
#include "lib/errno.h"
#include "fs/file.h"
#include "mm/kmalloc.h"
#include "lib/lib.h"
#include "lib/panic.h"
#include "proc/proc.h"
#include "time/clock.h"

struct inode *fs_root;
uint32_t nr_inodes;		/* nodes in existence, for /proc/meminfo */
static uint32_t next_ino = 1;

/*
 * Put ino at the end of dir's entries.  Each entry gets a position that
 * only grows, so a listing in progress (getdents64) neither skips nor
 * repeats entries when others are removed or added meanwhile.
 */
void fs_link_child(struct inode *dir, struct inode *ino)
{
	ino->parent = dir;
	ino->dir_pos = dir->next_dir_pos++;
	list_add_tail(&ino->sibling, &dir->children);
}

struct inode *fs_add_node(struct inode *dir, const char *name, uint32_t mode,
			  const uint8_t *data, uint32_t size)
{
	struct inode *ino = kzalloc(sizeof(*ino));

	if (!ino)
		return NULL;
	nr_inodes++;
	ino->ino = next_ino++;
	ino->mode = mode;
	ino->data = data;
	ino->size = size;
	ino->nlink = 1;
	ino->mtime = time_realtime_sec();
	ino->ro = dir ? dir->ro : true;
	strlcpy(ino->name, name, sizeof(ino->name));
	list_init(&ino->children);
	list_init(&ino->sibling);
	ino->fops = S_ISDIR(mode) ? &fs_dir_ops : &fs_reg_ops;
	ino->parent = dir ? dir : ino;
	ino->next_dir_pos = 2;		/* 0 and 1 are "." and ".." */
	if (dir)
		fs_link_child(dir, ino);
	return ino;
}

void fs_init(void)
{
	fs_root = fs_add_node(NULL, "", S_IFDIR | 0755, NULL, 0);
}

/* After the initramfs: /tmp (made if missing) is where writing is allowed. */
void fs_init_tmp(void)
{
	struct inode *tmp;

	if (fs_lookup("/tmp", &tmp))
		tmp = fs_add_node(fs_root, "tmp", S_IFDIR | 01777, NULL, 0);
	tmp->ro = false;
	tmp->mode = S_IFDIR | 01777;
}

struct inode *inode_get(struct inode *ino)
{
	ino->refs++;
	return ino;
}

static void inode_free(struct inode *ino)
{
	struct inode *parent = ino->holds_parent ? ino->parent : NULL;

	fs_free_data(ino);
	kfree(ino);
	nr_inodes--;
	if (parent)
		inode_put(parent);
}

void inode_put(struct inode *ino)
{
	assert(ino->refs > 0);
	if (--ino->refs == 0 && ino->nlink == 0)
		inode_free(ino);
}

/*
 * Take a node's name away; it lives on while open files (or current
 * directories) still use it.  Such a nameless node keeps a reference to
 * its old parent, so that ".." from a removed current directory still
 * leads somewhere, as on Linux, and never to freed memory.
 */
void fs_unlink_node(struct inode *ino)
{
	list_del(&ino->sibling);
	ino->nlink = 0;
	if (ino->refs == 0) {
		inode_free(ino);
		return;
	}
	inode_get(ino->parent);
	ino->holds_parent = true;
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

/* Length of the path component at p, and where the next one starts. */
static size_t component(const char *p, const char **next)
{
	size_t len = 0;

	while (p[len] && p[len] != '/')
		len++;
	*next = p + len;
	while (**next == '/')
		(*next)++;
	return len;
}

/*
 * Walk all but the last component of path; `last` gets that component
 * ("" for "/", which names the starting directory itself).
 */
int fs_lookup_parent(const char *path, struct inode **dir, char *last)
{
	struct inode *ino = path[0] == '/' || !current->cwd ? fs_root : current->cwd;
	const char *p = path, *next;
	size_t len;

	if (!path[0])
		return -ENOENT;
	while (*p == '/')
		p++;
	for (;;) {
		len = component(p, &next);
		if (len > NAME_MAX)
			return -ENAMETOOLONG;
		if (!*next)
			break;
		if (!S_ISDIR(ino->mode))
			return -ENOTDIR;
		if (!(ino = fs_child(ino, p, len)))
			return -ENOENT;
		p = next;
	}
	if (!S_ISDIR(ino->mode))
		return -ENOTDIR;
	memcpy(last, p, len);	/* trailing slashes were skipped */
	last[len] = 0;
	*dir = ino;
	return 0;
}

/* Does the path end in a slash after a name ("dir/")? */
bool fs_trailing_slash(const char *path)
{
	size_t len = strlen(path);

	return len > 1 && path[len - 1] == '/';
}

int fs_lookup(const char *path, struct inode **out)
{
	char last[NAME_MAX + 1];
	struct inode *dir;
	int err = fs_lookup_parent(path, &dir, last);

	if (err)
		return err;
	if (!last[0]) {
		*out = dir;
		return 0;
	}
	*out = fs_child(dir, last, strlen(last));
	if (!*out)
		return -ENOENT;
	return fs_trailing_slash(path) && !S_ISDIR((*out)->mode) ? -ENOTDIR : 0;
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

/* A directory's link count is 2 + its subdirectories (their ".."). */
static uint32_t fs_subdirs(const struct inode *dir)
{
	const struct list_head *pos;
	uint32_t n = 0;

	for (pos = dir->children.next; pos != &dir->children; pos = pos->next)
		n += S_ISDIR(list_entry(pos, struct inode, sibling)->mode);
	return n;
}

void fs_fill_stat(const struct inode *ino, struct kstat *st)
{
	st->st_dev = ino->ro ? 1 : 2;
	st->st_ino = ino->ino;
	st->st_mode = ino->mode;
	st->st_nlink = S_ISDIR(ino->mode) && ino->nlink ? 2 + fs_subdirs(ino)
							: ino->nlink;
	st->st_rdev = ino->rdev;
	st->st_size = ino->size;
	st->st_blksize = PAGE_SIZE;
	st->st_blocks = (ino->size + 511) / 512;
	st->st_atime = st->st_mtime = st->st_ctime = ino->mtime;
}

/* Writes the absolute path of ino into buf; returns its length or -ERANGE. */
int fs_path_of(struct inode *ino, char *buf, size_t size)
{
	size_t len = 0;

	if (ino->nlink == 0)
		return -ENOENT;		/* the directory was removed */
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
