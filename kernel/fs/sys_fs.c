/*
 * sys_fs.c - the system calls on names: open, mkdir, rmdir, unlink,
 * rename, mknod, stat/lstat, access, chdir, getcwd, truncate, umask, and
 * the owner and permission calls chmod, fchmod, fchmodat and chown,
 * fchown, lchown (16- and 32-bit ids).  Opening a character device goes
 * through the device table by its number (dev/devices.c); a number
 * nothing drives, a block device or a socket node gives ENXIO, as on
 * Linux.
 *
 * Each call resolves its path with fs_walk (fs.c), which reads it from
 * user memory as it goes and needs no memory of its own (so that unlink
 * and rmdir work even when memory is exhausted), and then works on the
 * directory and the last name.  Only writable directories (under /tmp)
 * can gain or lose names, and only nodes under /tmp can change their
 * permissions: elsewhere the answer is EROFS (a /proc file may be opened
 * for writing if its mode says so, else EACCES); a new name where /tmp
 * has no inode left is ENOSPC.  (statfs is in tmpfs.c.)  Errors follow
 * POSIX/Linux: EEXIST, ENOENT, ENOTDIR, EISDIR, ENOTEMPTY, EBUSY (the
 * root), EINVAL (moving a directory into itself, removing "."), EXDEV
 * (renaming across the read-only boundary).
 *
 * Owners: every file belongs to root (uid 0, gid 0), the only user, so
 * chown may only "change" an owner to 0 or keep it (-1); any other id is
 * EPERM, since Conduit could not record it.  As on Linux, chown of a
 * non-directory still clears its set-user-ID bit (and set-group-ID if
 * the group may execute it).
 */
#include "lib/errno.h"
#include "dev/devices.h"
#include "fs/fd.h"
#include "fs/file.h"
#include "fs/fs.h"
#include "mm/kmalloc.h"
#include "lib/lib.h"
#include "pipe/pipe.h"
#include "proc/proc.h"
#include "syscall/syscall.h"

/*
 * A path resolved to its directory and last name (struct lookup); the
 * checks that all name calls share are done here.
 */
static int name_get(struct lookup *nm, uaddr_t upath)
{
	int err;

	nm->upath = upath;
	err = fs_walk(nm);
	if (!err && nm->ino && nm->slash && !S_ISDIR(nm->ino->mode))
		err = -ENOTDIR;		/* "file/" names a directory that is not */
	return err;
}

/* The operations an open of ino gets; NULL: nothing drives it (ENXIO). */
static const struct file_ops *open_ops(const struct inode *ino)
{
	if (S_ISCHR(ino->mode))
		return dev_open_ops(ino->rdev);	/* the device table */
	if (S_ISBLK(ino->mode) || S_ISSOCK(ino->mode))
		return NULL;		/* no block devices or sockets here */
	return ino->fops;
}

/* A new file on ino, holding a reference to it. */
static int open_inode(struct inode *ino, uint32_t flags, struct file **out)
{
	const struct file_ops *ops = open_ops(ino);
	struct file *f;

	if (S_ISFIFO(ino->mode))
		return fifo_open(ino, flags, out);
	if (!ops)
		return -ENXIO;
	f = file_alloc(ops, flags & (O_ACCMODE | O_NONBLOCK | O_APPEND));
	if (!f)
		return file_alloc_error();
	f->inode = inode_get(ino);
	*out = f;
	return 0;
}

/* A regular file whose bytes the file system keeps (not a /proc file). */
static bool holds_data(const struct inode *ino)
{
	return S_ISREG(ino->mode) && ino->fops == &fs_reg_ops;
}

/*
 * May this open go ahead on this node?  A /proc file's mode decides
 * whether it may be written, even for root, as on Linux's /proc/sys.
 */
static int open_check(struct inode *ino, uint32_t flags)
{
	bool writing = (flags & O_ACCMODE) != O_RDONLY || (flags & O_TRUNC);

	if ((flags & O_DIRECTORY) && !S_ISDIR(ino->mode))
		return -ENOTDIR;
	if (S_ISDIR(ino->mode) && writing)
		return -EISDIR;
	if (S_ISREG(ino->mode) && !holds_data(ino) && writing)
		return ino->mode & 0200 ? 0 : -EACCES;
	if (holds_data(ino) && writing && ino->ro)
		return -EROFS;
	return 0;
}

static int open_name(struct lookup *nm, uint32_t flags, uint32_t mode)
{
	if (nm->ino)
		return (flags & O_CREAT) && (flags & O_EXCL) ? -EEXIST : 0;
	if (!(flags & O_CREAT) || nm->dir->nlink == 0)
		return -ENOENT;		/* a removed directory takes no new names */
	if (nm->dir->ro)
		return -EROFS;
	nm->ino = fs_add_node(nm->dir, nm->last,
			      S_IFREG | (mode & 07777 & ~current->umask), NULL, 0);
	return nm->ino ? 0 : -ENOSPC;
}

/* open's work on the name, under the tree lock: the node, referenced. */
static int open_lookup(uaddr_t upath, uint32_t flags, uint32_t mode,
		       struct inode **out)
{
	struct lookup nm = { 0 };
	int err = name_get(&nm, upath);

	if ((err == -ENOTDIR || !err) && (flags & O_CREAT) &&
	    nm.slash && (!nm.ino || !S_ISDIR(nm.ino->mode)))
		err = -EISDIR;		/* "name/" cannot be created as a file */
	if (!err)
		err = open_name(&nm, flags, mode);
	if (!err)
		err = open_check(nm.ino, flags);
	if (!err && (flags & O_TRUNC) && holds_data(nm.ino))
		err = fs_truncate(nm.ino, 0);	/* a /proc file ignores it */
	if (!err)
		*out = inode_get(nm.ino);
	return err;
}

long sys_open(uaddr_t upath, uint32_t flags, uint32_t mode)
{
	struct inode *ino;
	struct file *f;
	int err, fd = 0;

	fs_lock();
	err = open_lookup(upath, flags, mode, &ino);
	fs_unlock();
	if (err)
		return err;
	err = open_inode(ino, flags, &f);	/* may sleep: a FIFO */
	inode_put(ino);
	if (!err && (fd = fd_install(&current->fds, f, 0, flags & O_CLOEXEC)) < 0)
		file_put(f);
	return err ? err : fd;
}

long sys_creat(uaddr_t upath, uint32_t mode)
{
	return sys_open(upath, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

/* Make a new node of `mode` (a device: number rdev) under a writable directory. */
static long make_node(uaddr_t upath, uint32_t mode, uint32_t rdev)
{
	struct lookup nm = { 0 };
	struct inode *ino;
	int err = name_get(&nm, upath);

	if (!err && nm.ino)
		err = -EEXIST;
	if (!err && !S_ISDIR(mode) && nm.slash)
		err = -ENOENT;		/* as Linux: only mkdir takes "name/" */
	if (!err && nm.dir->nlink == 0)
		err = -ENOENT;		/* a removed directory takes no new names */
	if (!err && nm.dir->ro)
		err = -EROFS;
	if (!err && !(ino = fs_add_node(nm.dir, nm.last, mode, NULL, 0)))
		err = -ENOSPC;
	if (!err)
		ino->rdev = rdev;
	return err;
}

long sys_mkdir(uaddr_t upath, uint32_t mode)
{
	return make_node(upath, S_IFDIR | (mode & 07777 & ~current->umask), 0);
}

/*
 * Any file type but a directory (EPERM: that is mkdir) and non-types
 * (EINVAL, checked first as on Linux).  Everyone may make device nodes:
 * there are no users, so all are root, whom Linux lets.  The number of a
 * char device says what opening it does (dev/devices.c).
 */
long sys_mknod(uaddr_t upath, uint32_t mode, uint32_t dev)
{
	uint32_t type = mode & S_IFMT;
	bool device = type == S_IFCHR || type == S_IFBLK;

	if (type == S_IFDIR)
		return -EPERM;
	if (type != S_IFIFO && type != S_IFREG && type != 0 && !device &&
	    type != S_IFSOCK)
		return -EINVAL;		/* not a file type */
	return make_node(upath, (type ? type : S_IFREG) |
				(mode & 07777 & ~current->umask), device ? dev : 0);
}

/* The checks shared by unlink and rmdir, in the order Linux makes them. */
static int remove_check(struct lookup *nm, bool want_dir)
{
	if (want_dir && strcmp(nm->last, ".") == 0)
		return -EINVAL;
	if (want_dir && strcmp(nm->last, "..") == 0)
		return -ENOTEMPTY;
	if (nm->ino == fs_root)
		return -EBUSY;
	if (nm->dir->ro || (nm->ino && nm->ino->ro))
		return -EROFS;		/* before even looking for the name */
	if (!nm->ino)
		return -ENOENT;
	if (want_dir && !S_ISDIR(nm->ino->mode))
		return -ENOTDIR;
	if (!want_dir && S_ISDIR(nm->ino->mode))
		return -EISDIR;
	if (want_dir && !list_empty(&nm->ino->children))
		return -ENOTEMPTY;
	return 0;
}

static long remove_name(uaddr_t upath, bool want_dir)
{
	struct lookup nm = { 0 };
	int err = name_get(&nm, upath);

	if (!err)
		err = remove_check(&nm, want_dir);
	if (!err)
		fs_unlink_node(nm.ino);
	return err;
}

long sys_unlink(uaddr_t upath)
{
	return remove_name(upath, false);
}

long sys_rmdir(uaddr_t upath)
{
	return remove_name(upath, true);
}

/* Is `dir` the node `ino` or somewhere below it? */
static bool is_below(struct inode *dir, struct inode *ino)
{
	for (;; dir = dir->parent) {
		if (dir == ino)
			return true;
		if (dir == fs_root)
			return false;
	}
}

static bool is_dot_or_dotdot(const char *name)
{
	return !name[0] || strcmp(name, ".") == 0 || strcmp(name, "..") == 0;
}

static int rename_check(struct lookup *from, struct lookup *to)
{
	if (is_dot_or_dotdot(from->last) || is_dot_or_dotdot(to->last))
		return -EBUSY;
	if (!from->ino || to->dir->nlink == 0)
		return -ENOENT;
	if (to->slash && !S_ISDIR(from->ino->mode))
		return -ENOTDIR;	/* "name/" can only be a directory */
	if (from->ino->ro || from->dir->ro || to->dir->ro)
		return from->dir->ro == to->dir->ro ? -EROFS : -EXDEV;
	if (S_ISDIR(from->ino->mode) && is_below(to->dir, from->ino))
		return -EINVAL;		/* a directory into itself */
	if (!to->ino || to->ino == from->ino)
		return 0;
	if (S_ISDIR(from->ino->mode) && !S_ISDIR(to->ino->mode))
		return -ENOTDIR;
	if (!S_ISDIR(from->ino->mode) && S_ISDIR(to->ino->mode))
		return -EISDIR;
	if (!list_empty(&to->ino->children))
		return -ENOTEMPTY;
	return 0;
}

long sys_rename(uaddr_t uold, uaddr_t unew)
{
	struct lookup from = { 0 }, to = { 0 };
	int err = name_get(&from, uold);

	if (!err)
		err = name_get(&to, unew);
	if (!err)
		err = rename_check(&from, &to);
	if (!err && to.ino != from.ino) {
		if (to.ino)
			fs_unlink_node(to.ino);	/* rename replaces the target */
		list_del(&from.ino->sibling);
		strlcpy(from.ino->name, to.last, sizeof(from.ino->name));
		fs_link_child(to.dir, from.ino);
	}
	return err;
}

static long stat_path(uaddr_t upath, uaddr_t ust)
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
	return stat_path(upath, ust);
}

long sys_lstat(uaddr_t upath, uaddr_t ust)
{
	return stat_path(upath, ust);		/* there are no symbolic links */
}

long sys_access(uaddr_t upath, int mode)
{
	struct inode *ino;
	int err = fs_lookup_user(upath, &ino);

	if (err)
		return err;
	if ((mode & 2) && ino->ro && !S_ISCHR(ino->mode))
		return -EROFS;
	if ((mode & 1) && !(ino->mode & 0111))
		return -EACCES;
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
	inode_get(ino);
	if (current->cwd)
		inode_put_locked(current->cwd);	/* FS_LOCKED: we hold the lock */
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

long sys_truncate(uaddr_t upath, off_t len)
{
	struct inode *ino;
	int err = fs_lookup_user(upath, &ino);

	if (err)
		return err;
	if (S_ISDIR(ino->mode))
		return -EISDIR;
	if (!S_ISREG(ino->mode) || len < 0)
		return -EINVAL;
	return fs_truncate(ino, len);
}

long sys_ftruncate(int fd, off_t len)
{
	struct file *f = fd_get(&current->fds, fd);

	if (!f)
		return -EBADF;
	if (!f->inode || !S_ISREG(f->inode->mode) || !file_open_for_write(f) || len < 0)
		return -EINVAL;
	return fs_truncate(f->inode, len);
}

long sys_umask(uint32_t mask)
{
	uint32_t old = current->umask;

	current->umask = mask & 0777;
	return old;
}

/* fchmodat's and friends' "relative to the current directory". */
#define AT_FDCWD (-100)

/*
 * name_get for the *at calls: a relative path starts at the directory
 * open on dirfd (EBADF if none is open there, ENOTDIR if it is no
 * directory); an absolute or empty path never looks at dirfd, as Linux.
 */
static int name_get_at(struct lookup *nm, int dirfd, uaddr_t upath)
{
	struct file *f;
	char c;

	if (dirfd != AT_FDCWD && !copy_from_user(&c, upath, 1) &&
	    c != '/' && c != 0) {
		f = fd_get(&current->fds, dirfd);
		if (!f)
			return -EBADF;
		if (!f->inode || !S_ISDIR(f->inode->mode))
			return -ENOTDIR;
		nm->start = f->inode;
	}
	return name_get(nm, upath);
}

/* The permission bits (07777) of a writable node become mode's. */
static int chmod_inode(struct inode *ino, uint32_t mode)
{
	if (ino->ro)
		return -EROFS;
	ino->mode = (ino->mode & S_IFMT) | (mode & 07777);
	return 0;
}

long sys_fchmodat(int dirfd, uaddr_t upath, uint32_t mode)
{
	struct lookup nm = { 0 };
	int err = name_get_at(&nm, dirfd, upath);

	if (!err && !nm.ino)
		err = -ENOENT;
	return err ? err : chmod_inode(nm.ino, mode);
}

long sys_chmod(uaddr_t upath, uint32_t mode)
{
	return sys_fchmodat(AT_FDCWD, upath, mode);
}

long sys_fchmod(int fd, uint32_t mode)
{
	struct file *f = fd_get(&current->fds, fd);

	if (!f)
		return -EBADF;
	if (!f->inode)
		return 0;	/* an anonymous pipe: no inode to keep a mode in */
	return chmod_inode(f->inode, mode);
}

/* chown: see the header.  uid/gid are 32-bit ids, -1 meaning "keep". */
static int chown_inode(struct inode *ino, uint32_t uid, uint32_t gid)
{
	if (ino->ro)
		return -EROFS;
	if ((uid != 0 && uid != 0xFFFFFFFFu) || (gid != 0 && gid != 0xFFFFFFFFu))
		return -EPERM;
	if (!S_ISDIR(ino->mode)) {
		ino->mode &= ~S_ISUID;
		if (ino->mode & S_IXGRP)
			ino->mode &= ~S_ISGID;
	}
	return 0;
}

long sys_chown32(uaddr_t upath, uint32_t uid, uint32_t gid)
{
	struct inode *ino;
	int err = fs_lookup_user(upath, &ino);

	return err ? err : chown_inode(ino, uid, gid);
}

long sys_fchown32(int fd, uint32_t uid, uint32_t gid)
{
	struct file *f = fd_get(&current->fds, fd);

	if (!f)
		return -EBADF;
	return f->inode ? chown_inode(f->inode, uid, gid) : 0;
}

/* The old calls take 16-bit ids, where 0xFFFF is the "keep" value. */
static uint32_t id_from16(uint32_t id)
{
	return (uint16_t)id == 0xFFFF ? 0xFFFFFFFFu : (uint16_t)id;
}

long sys_chown16(uaddr_t upath, uint32_t uid, uint32_t gid)
{
	return sys_chown32(upath, id_from16(uid), id_from16(gid));
}

long sys_fchown16(int fd, uint32_t uid, uint32_t gid)
{
	return sys_fchown32(fd, id_from16(uid), id_from16(gid));
}
