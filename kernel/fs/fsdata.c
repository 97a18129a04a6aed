/*
 * fsdata.c - what is inside files and directories: reading, writing and
 * seeking regular files, and listing directories with getdents64.
 *
 * An initramfs file's bytes are in the archive (inode->data) and never
 * change.  A tmpfs file keeps its bytes in pages found through its page
 * index (tmpfs.c: tmpfs_page), allocated as writes reach them; a page
 * never written reads as zeros (a hole), so a write past the end leaves
 * zeros in between.
 * Invariant: every byte at offset >= size reads as nothing (EOF), and
 * page i is a hole or holds bytes [i * PAGE_SIZE, ...).
 *
 * Regular files are read and written at the open file's position
 * (O_APPEND moves it to the end before every write).  Directories list
 * their entries as Linux's struct linux_dirent64 records, "." and ".."
 * first, and the position counts entries.  (A linear walk to the
 * position: simple, and directories here are small.)
 * Errors: ENOSPC when /tmp is full (or memory is out): a write that got
 * some bytes in returns their count, as on Linux, and the next one
 * ENOSPC.  EFBIG for a write at FILE_SIZE_MAX (a write that would cross
 * it stops there), EINVAL for a negative seek, EFAULT for a bad buffer.
 * The writer's RLIMIT_FSIZE (rlimit.c) is a lower ceiling of the same
 * kind, as on Linux: a write that starts at or beyond it, or a truncate
 * that would grow the file past it, also sends the writer SIGXFSZ (whose
 * default action kills it) and fails with EFBIG.
 */
#include "fs/fs.h"
#include "lib/errno.h"
#include "fs/file.h"
#include "lib/lib.h"
#include "mm/pmm.h"
#include "proc/proc.h"
#include "proc/rlimit.h"
#include "time/clock.h"

/* The page holding byte `off` of a tmpfs file, or NULL for a hole. */
static uint8_t *data_page(const struct inode *ino, uint32_t off)
{
	return tmpfs_page(ino, off / PAGE_SIZE);
}

/* Bytes of a file into a kernel buffer (exec); fs_lock held. */
ssize_t fs_read(struct inode *ino, off_t off, void *buf, size_t n)
{
	uint8_t *dst = buf;
	size_t done = 0;

	if (off < 0 || (uint32_t)off >= ino->size)
		return 0;
	n = min_u32(n, ino->size - off);
	if (ino->data) {
		memcpy(buf, ino->data + off, n);
		return n;
	}
	while (done < n) {
		uint32_t pos = off + done, chunk = min_u32(n - done, PAGE_SIZE - pos % PAGE_SIZE);
		uint8_t *page = data_page(ino, pos);
		if (page)
			memcpy(dst + done, page + pos % PAGE_SIZE, chunk);
		else
			memset(dst + done, 0, chunk);
		done += chunk;
	}
	return n;
}

/* Cut or extend a tmpfs file to `size` bytes (extending makes a hole,
 * which takes no page, so it works on a full /tmp too). */
int fs_truncate(struct inode *ino, uint32_t size)
{
	if (ino->ro)
		return -EROFS;
	if (size > ino->size && size > rlimit_cur(RLIMIT_FSIZE)) {
		signal_send(current, SIGXFSZ);
		return -EFBIG;
	}
	if (size > FILE_SIZE_MAX)
		return -EFBIG;
	tmpfs_cut(ino, (size + PAGE_SIZE - 1) / PAGE_SIZE);
	if (size % PAGE_SIZE && data_page(ino, size))	/* zero the cut tail */
		memset(data_page(ino, size) + size % PAGE_SIZE, 0,
		       PAGE_SIZE - size % PAGE_SIZE);
	ino->size = size;
	return 0;
}

void fs_free_data(struct inode *ino)
{
	if (!ino->ro)
		tmpfs_cut(ino, 0);
}

static ssize_t reg_read_locked(struct file *f, uaddr_t buf, size_t n)
{
	struct inode *ino = f->inode;
	size_t done = 0;

	if (f->pos < 0 || (uint32_t)f->pos >= ino->size)
		return 0;
	n = min_u32(n, ino->size - f->pos);
	while (done < n) {
		uint32_t pos = f->pos, chunk = min_u32(n - done, PAGE_SIZE - pos % PAGE_SIZE);
		const uint8_t *src = ino->data ? ino->data + pos : data_page(ino, pos);
		int err = src ? copy_to_user(buf + done, ino->data ? src :
					     src + pos % PAGE_SIZE, chunk)
			      : clear_user(buf + done, chunk);
		if (err)
			return done ? (ssize_t)done : err;
		f->pos += chunk;
		done += chunk;
	}
	return done;
}

/* Copy one piece (within one page) of a write into the file. */
static int write_piece(struct inode *ino, uint32_t pos, uaddr_t buf, uint32_t n)
{
	uint8_t *page = tmpfs_page_make(ino, pos / PAGE_SIZE);

	if (!page)
		return -ENOSPC;
	return copy_from_user(page + pos % PAGE_SIZE, buf, n);
}

/*
 * How many of n bytes a write at pos may put in the file, or -EFBIG:
 * first the writer's RLIMIT_FSIZE (SIGXFSZ too), then FILE_SIZE_MAX.
 */
static ssize_t write_room(uint32_t pos, size_t n)
{
	uint32_t limit = rlimit_cur(RLIMIT_FSIZE);

	if (n == 0)
		return 0;
	if (pos >= limit) {
		signal_send(current, SIGXFSZ);
		return -EFBIG;
	}
	if (pos >= FILE_SIZE_MAX)
		return -EFBIG;
	return min_u32(n, min_u32(limit, FILE_SIZE_MAX) - pos);
}

static ssize_t reg_write_locked(struct file *f, uaddr_t buf, size_t n)
{
	struct inode *ino = f->inode;
	size_t done = 0;
	ssize_t room;

	if (ino->ro)
		return -EROFS;
	if (f->flags & O_APPEND)
		f->pos = ino->size;
	room = write_room(f->pos, n);
	if (room < 0)
		return room;
	n = room;
	while (done < n) {
		uint32_t pos = f->pos, chunk = min_u32(n - done, PAGE_SIZE - pos % PAGE_SIZE);
		int err = write_piece(ino, pos, buf + done, chunk);
		if (err)
			return done ? (ssize_t)done : err;
		f->pos += chunk;
		done += chunk;
		if ((uint32_t)f->pos > ino->size)
			ino->size = f->pos;
	}
	ino->mtime = time_realtime_sec();
	return done;
}

/*
 * The data calls hold the tree lock throughout: it guards the bytes, the
 * size and f->pos, which a file shared by fork or dup moves for all.
 */
static ssize_t reg_read(struct file *f, uaddr_t buf, size_t n)
{
	ssize_t ret;

	fs_lock();
	ret = reg_read_locked(f, buf, n);
	fs_unlock();
	return ret;
}

static ssize_t reg_write(struct file *f, uaddr_t buf, size_t n)
{
	ssize_t ret;

	fs_lock();
	ret = reg_write_locked(f, buf, n);
	fs_unlock();
	return ret;
}

static off_t reg_lseek(struct file *f, off_t off, int whence)
{
	off_t base, ret = -EINVAL;

	fs_lock();
	base = whence == SEEK_SET ? 0 :
	       whence == SEEK_CUR ? f->pos : (off_t)f->inode->size;
	if (base + off >= 0)
		ret = f->pos = base + off;
	fs_unlock();
	return ret;
}

/* Linux's struct linux_dirent64, without the name that follows. */
struct dirent64_head {
	uint64_t d_ino;
	int64_t d_off;
	uint16_t d_reclen;
	uint8_t d_type;
} __packed;

static int dir_emit(uaddr_t buf, size_t room, struct inode *c, const char *name,
		    off_t next_pos)
{
	size_t namelen = strlen(name) + 1;
	size_t reclen = round_up(sizeof(struct dirent64_head) + namelen, 8);
	struct dirent64_head h = { c->ino, next_pos, reclen, (c->mode >> 12) & 0xF };
	int err;

	if (reclen > room)
		return 0;
	err = copy_to_user(buf, &h, sizeof(h));
	if (!err)
		err = copy_to_user(buf + sizeof(h), name, namelen);
	if (!err)
		err = clear_user(buf + sizeof(h) + namelen,
				 reclen - sizeof(h) - namelen);
	return err ? err : (int)reclen;
}

/*
 * The first entry of a directory at position >= pos: "." is 0, ".." is 1,
 * and children have the growing positions fs_link_child gave them.
 */
static struct inode *dir_entry(struct inode *dir, off_t pos, const char **name)
{
	struct list_head *it;

	*name = pos == 0 ? "." : "..";
	if (pos < 2)
		return pos == 0 ? dir : dir->parent;
	for (it = dir->children.next; it != &dir->children; it = it->next) {
		struct inode *c = list_entry(it, struct inode, sibling);
		if (c->dir_pos >= (uint32_t)pos) {
			*name = c->name;
			return c;
		}
	}
	return NULL;
}



static int dir_getdents_locked(struct file *f, uaddr_t buf, size_t n)
{
	const char *name;
	struct inode *c;
	size_t used = 0;

	while ((c = dir_entry(f->inode, f->pos, &name)) != NULL) {
		off_t next = (f->pos < 2 ? f->pos : (off_t)c->dir_pos) + 1;
		int r = dir_emit(buf + used, n - used, c, name, next);
		if (r < 0)
			return used ? (int)used : r;
		if (r == 0)
			return used ? (int)used : -EINVAL;	/* buffer too small */
		used += r;
		f->pos = next;
	}
	return used;
}

/* read() on a directory: its entries come from getdents64, not read. */
static int dir_getdents(struct file *f, uaddr_t buf, size_t n)
{
	int ret;

	fs_lock();
	ret = dir_getdents_locked(f, buf, n);
	fs_unlock();
	return ret;
}

static ssize_t dir_read(struct file *f, uaddr_t buf, size_t n)
{
	(void)f, (void)buf, (void)n;
	return -EISDIR;
}

const struct file_ops fs_reg_ops = {
	.read = reg_read,
	.write = reg_write,
	.lseek = reg_lseek,
};

const struct file_ops fs_dir_ops = {
	.read = dir_read,
	.lseek = reg_lseek,
	.getdents = dir_getdents,
};
