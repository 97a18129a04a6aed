/*
 * fs.c - the file tree: nodes, names and path lookup.
 *
 * Conduit keeps its whole file system in memory as one tree of inodes.
 * At boot the initramfs is unpacked into it (initrd.c) read-only: its
 * files point straight at their bytes inside the archive.  /tmp is a
 * writable directory (tmpfs-like): whatever is created below it is
 * writable and keeps its contents in pages (fsdata.c, tmpfs.c).  Each
 * node made under /tmp counts against /tmp's inode limit (tmpfs.c):
 * fs_add_node returns NULL when it is reached, and the callers say
 * ENOSPC.
 *
 * Lookup (fs_walk) walks a path one component at a time from the root
 * (absolute paths) or the process's current directory (or the directory
 * a *at call named: lookup.start), handling "." and "..", and stops at
 * the last component: the calls that create or remove a name want its
 * directory, the others the node itself (fs_lookup, fs_lookup_user).  Errors: ENOENT (a missing component, or an empty
 * path), ENOTDIR (a non-directory used as one), ENAMETOOLONG (a component
 * over NAME_MAX, or no NUL within PATH_MAX bytes), EFAULT for a bad user
 * pointer.
 *
 * Why the path is never copied whole.  A path may be PATH_MAX (4096)
 * bytes, and the obvious home for a copy, a page from kmalloc, is just
 * what is missing when memory runs out: then unlink and rmdir, the very
 * calls that would give memory back, failed with ENOMEM.  The kernel
 * stack (4 KiB in all) cannot hold 4096 bytes either; one global buffer
 * would need a lock and serialise every path call once there are several
 * CPUs; a page kept per process costs memory all the time (and rename
 * needs two).  So fs_walk reads the path where it is, one character at a
 * time (path_getc), and keeps only the component it is at, at most
 * NAME_MAX + 1 bytes, in struct lookup on the caller's stack.  A lookup
 * thus needs no memory at all.  Each character is read once, so a
 * process changing its path meanwhile cannot make the kernel see two
 * different paths.  Linux copies the whole path before it looks at it,
 * so a bad pointer or an unterminated path is EFAULT or ENAMETOOLONG even
 * where the walk would stop at a missing directory first: when the walk
 * fails, the rest of the path is still read, and its error wins.
 *
 * Lifetime: see struct inode in fs.h.  fs_unlink_node takes a node's
 * name away; inode_put frees a node that has neither name nor users.
 *
 * Locks.  One spinlock, fs_tree_lock (class FS), guards the whole tree:
 * every node's name, links, children, size, data and times, the tmpfs
 * counters, and the offsets of files on nodes with data.  Calls on names
 * hold it from the first step of their walk to their last (the system call
 * table marks them FS_LOCKED, syscall.c); open holds it up to the point
 * where it has the node and a reference, and opens it after letting go,
 * since a FIFO's open may sleep and a /proc file's takes procs_lock, which
 * ranks before FS.  Reads and writes of a file's data take it in fsdata.c.
 * None of these sleeps; the copies from and to user memory do not either
 * (vm.c).  A reference (refs) keeps a node alive without the lock:
 * inode_get is an atomic increment, and inode_put takes the lock, because
 * the last put may free the node and drop its parent (inode_put_locked,
 * for callers that hold it).  One lock for the tree is the simple choice;
 * docs/locking.md says what splitting it would take.
 */
#include "fs/fs.h"
#include "lib/errno.h"
#include "fs/file.h"
#include "mm/kmalloc.h"
#include "lib/lib.h"
#include "lib/panic.h"
#include "proc/proc.h"
#include "time/clock.h"

static SPINLOCK(fs_tree_lock, LOCK_FS);
struct inode *fs_root;
uint32_t nr_inodes;		/* fs_tree_lock; nodes, for /proc/meminfo */
static uint32_t next_ino = 1;	/* fs_tree_lock */

void fs_lock(void)
{
	spin_lock(&fs_tree_lock);
}

void fs_unlock(void)
{
	spin_unlock(&fs_tree_lock);
}

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
	bool tmpfs = dir && !dir->ro;
	struct inode *ino;

	if (tmpfs && !tmpfs_inode_charge())
		return NULL;		/* /tmp has no inode left */
	ino = kzalloc(sizeof(*ino));
	if (!ino) {
		if (tmpfs)
			tmpfs_inode_uncharge();
		return NULL;
	}
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
	tmpfs_inode_charge();	/* /tmp itself, as a tmpfs root counts */
}

/* A new reference; the caller holds one already, or the lock. */
struct inode *inode_get(struct inode *ino)
{
	__atomic_add_fetch(&ino->refs, 1, __ATOMIC_RELAXED);
	return ino;
}

static void inode_free(struct inode *ino)
{
	struct inode *parent = ino->holds_parent ? ino->parent : NULL;

	fs_free_data(ino);
	if (!ino->ro)
		tmpfs_inode_uncharge();
	kfree(ino);
	nr_inodes--;
	if (parent)
		inode_put_locked(parent);
}

void inode_put_locked(struct inode *ino)
{
	assert(spin_holding(&fs_tree_lock));
	assert(ino->refs > 0);
	if (__atomic_sub_fetch(&ino->refs, 1, __ATOMIC_ACQ_REL) == 0 &&
	    ino->nlink == 0)
		inode_free(ino);
}

void inode_put(struct inode *ino)
{
	fs_lock();
	inode_put_locked(ino);
	fs_unlock();
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
	/* Lock-free read of refs: it drops to 0 only under our lock. */
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

/*
 * The next character of the path: 0 at its end, or -EFAULT, or
 * -ENAMETOOLONG when PATH_MAX characters came without a NUL (as Linux).
 * After an error it gives the same error again.
 */
static int path_getc(struct lookup *lk)
{
	char c;

	if (lk->pos >= PATH_MAX)
		return -ENAMETOOLONG;
	if (lk->kpath)
		c = lk->kpath[lk->pos];
	else if (copy_from_user(&c, lk->upath + lk->pos, 1))
		return -EFAULT;
	lk->pos++;
	lk->ended = c == 0;
	return (unsigned char)c;
}

/* Past a run of slashes: the character after them (c is the first). */
static int skip_slashes(struct lookup *lk, int c)
{
	while (c == '/')
		c = path_getc(lk);
	return c;
}

/*
 * Read one component into lk->last, starting with character c; returns
 * the character that ended it ('/' or 0) or an error.
 */
static int read_component(struct lookup *lk, int c)
{
	size_t len = 0;

	while (c > 0 && c != '/') {
		if (len == NAME_MAX)
			return -ENAMETOOLONG;
		lk->last[len++] = c;
		c = path_getc(lk);
	}
	lk->last[len] = 0;
	return c;
}

/* The walk itself; fs_walk adds the errors of the path's unread rest. */
static int walk(struct lookup *lk)
{
	int c = path_getc(lk);
	struct inode *dir = fs_root;	/* absolute (and at boot, no current yet) */

	if (c != '/')
		dir = lk->start ? lk->start : current->cwd ? current->cwd : fs_root;

	if (c == 0)
		return -ENOENT;		/* the empty path */
	for (c = skip_slashes(lk, c);; c = skip_slashes(lk, c)) {
		bool slash;

		c = read_component(lk, c);	/* "" if the path is all '/' */
		slash = c == '/';
		c = skip_slashes(lk, c);
		if (c < 0)
			return c;
		if (!S_ISDIR(dir->mode))
			return -ENOTDIR;
		if (c == 0) {			/* lk->last was the last name */
			lk->slash = slash;
			break;
		}
		dir = fs_child(dir, lk->last, strlen(lk->last));
		if (!dir)
			return -ENOENT;
	}
	lk->dir = dir;
	lk->ino = lk->last[0] ? fs_child(dir, lk->last, strlen(lk->last)) : dir;
	return 0;
}

/*
 * Resolve lk's path up to its last component (see struct lookup).  A
 * node that is missing is no error here (lk->ino is NULL): the caller
 * decides, since creating calls want just that.
 */
int fs_walk(struct lookup *lk)
{
	int err = walk(lk);

	while (err && !lk->ended) {
		int c = path_getc(lk);
		if (c < 0)
			return c;
	}
	return err;
}

/* The node a walk found: ENOENT if none, ENOTDIR for "file/". */
static int walk_to_node(struct lookup *lk, struct inode **out)
{
	int err = fs_walk(lk);

	if (!err && !lk->ino)
		err = -ENOENT;
	if (!err && lk->slash && !S_ISDIR(lk->ino->mode))
		err = -ENOTDIR;
	*out = err ? NULL : lk->ino;
	return err;
}

int fs_lookup(const char *path, struct inode **out)
{
	struct lookup lk = { .kpath = path };

	return walk_to_node(&lk, out);
}

int fs_lookup_user(uaddr_t upath, struct inode **out)
{
	struct lookup lk = { .upath = upath };

	return walk_to_node(&lk, out);
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
