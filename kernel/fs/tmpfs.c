/*
 * tmpfs.c - where /tmp keeps its files' bytes, how much it may hold, and
 * statfs(2), which tells how full it is.
 *
 * Limits.  Pages for /tmp come from the same pool as every other kernel
 * allocation.  Without a limit, filling /tmp filled memory, and then
 * processes could not start and nothing else worked either.  So /tmp
 * holds at most tmpfs.pages_max pages and tmpfs.inodes_max nodes, by
 * default half of RAM for each count, as Linux's tmpfs: half of the pages
 * for contents, and as many nodes as half the number of pages (an inode
 * is a 512-byte kmalloc object, so that many cost 1/16 of RAM).  The
 * boot options tmpfs_size= and tmpfs_inodes= (main.c) change them;
 * 0 means no limit, as on Linux.
 *   - tmpfs.pages counts every page a /tmp file holds: its data pages
 *     and the index pages that list them.  Counting the index too keeps
 *     the promise even for files with pages far apart, which need an
 *     index page each.
 *   - tmpfs.inodes counts the nodes under /tmp, /tmp itself included (as
 *     a tmpfs root), unlinked ones that are still open too.  Directories
 *     and FIFOs take an inode and no pages.
 * When /tmp is full, a write that needs a new page fails with ENOSPC, or
 * stops short if some bytes went in (fsdata.c); making a node fails with
 * ENOSPC when no inode is left.  Truncating never allocates: a file made
 * longer is a hole, so ftruncate beyond the free space succeeds, as on
 * Linux.
 *
 * The page index.  A file's page i is found through a small radix tree
 * of index pages, each an array of 1024 pointers.  inode->index is the
 * root, and inode->index_levels says how many levels of index pages lie
 * above the data:
 *   0 levels: index is the data page itself (files of one page);
 *   1 level:  index is an index page listing up to 1024 data pages (4 MiB);
 *   2 levels: index is a page of index pages (4 GiB, more than any file).
 * A NULL pointer anywhere is a hole: pages nobody wrote read as zeros.
 * A write beyond what the tree can hold adds a level on top, whose entry
 * 0 is the old root; a truncate frees what lies past the new end and
 * takes away levels that are no longer needed, so an emptied file holds
 * no page at all.  A small file thus costs no index page, and finding a
 * page costs at most two pointer steps.
 *
 * Invariant: an index page is in the tree only if some data page lies
 * below it; tmpfs_page_make that cannot get all the pages it needs takes
 * out again what it added, so a failed write leaves /tmp as it was.
 *
 * Concurrency: the counters and the trees are changed only by system
 * calls (process context, never from interrupts), and a check of a limit
 * and the charge that follows do not sleep in between; kernel code is
 * not preempted, so on one CPU no other process can come between.  With
 * several CPUs they belong under the lock that will guard the file tree.
 */
#include "fs/fs.h"
#include "fs/fd.h"
#include "fs/file.h"
#include "fs/procfs.h"
#include "lib/errno.h"
#include "lib/lib.h"
#include "lib/panic.h"
#include "mm/pmm.h"
#include "proc/proc.h"
#include "syscall/syscall.h"

#define INDEX_SHIFT 10				/* 1024 pointers in a page */
#define INDEX_ENTRIES (1u << INDEX_SHIFT)
#define INDEX_LEVELS_MAX 2

/* statfs figures, Linux values */
#define TMPFS_MAGIC 0x01021994u
#define RAMFS_MAGIC 0x858458f6u		/* the initramfs part of the tree */
#define PIPEFS_MAGIC 0x50495045u
#define ST_RDONLY 0x0001u
#define ST_VALID 0x0020u		/* f_flags is filled in */

static struct {
	uint32_t pages, pages_max;	/* pages held; the limit (0: none) */
	uint32_t inodes, inodes_max;	/* nodes under /tmp; the limit */
} tmpfs;

void tmpfs_set_limits(uint32_t pages, uint32_t inodes)
{
	tmpfs.pages_max = pages;
	tmpfs.inodes_max = inodes;
	printk("tmpfs: /tmp holds at most %u pages (%u KiB) and %u inodes%s\n",
	       pages, pages * (PAGE_SIZE / 1024), inodes,
	       pages && inodes ? "" : " (0: no limit)");
}

/* One more node under /tmp, if the limit allows. */
bool tmpfs_inode_charge(void)
{
	if (tmpfs.inodes_max && tmpfs.inodes >= tmpfs.inodes_max)
		return false;
	tmpfs.inodes++;
	return true;
}

void tmpfs_inode_uncharge(void)
{
	tmpfs.inodes--;
}

/* A zeroed page for a /tmp file; NULL when /tmp is full or memory is out. */
static void *tmpfs_page_new(void)
{
	void *page;

	if (tmpfs.pages_max && tmpfs.pages >= tmpfs.pages_max)
		return NULL;
	page = page_alloc_zeroed();
	if (page)
		tmpfs.pages++;
	return page;
}

static void tmpfs_page_free(void *page)
{
	page_free(page);
	tmpfs.pages--;
}

/* Pages an index of `levels` levels can hold: 1, 1024 or 1024 * 1024. */
static uint32_t index_capacity(uint32_t levels)
{
	return 1u << (INDEX_SHIFT * levels);
}

/* The entry of an index page at `level` (1: just above the data) on the
 * way to page i. */
static uint32_t index_slot(uint32_t i, uint32_t level)
{
	return (i >> (INDEX_SHIFT * (level - 1))) & (INDEX_ENTRIES - 1);
}

/* Page i of a /tmp file, or NULL for a hole. */
uint8_t *tmpfs_page(const struct inode *ino, uint32_t i)
{
	void *node = ino->index;

	if (i >= index_capacity(ino->index_levels))
		return NULL;
	for (uint32_t level = ino->index_levels; node && level > 0; level--)
		node = ((void **)node)[index_slot(i, level)];
	return node;
}

/*
 * Put `page` into ino's index as page i: add levels on top while the tree
 * is too small, then index pages on the way down where they are missing.
 * If an index page cannot be had, everything added is taken out again.
 */
static int index_link(struct inode *ino, uint32_t i, void *page)
{
	void *old_root = ino->index, **slot, **first = NULL;
	void *added[2 * INDEX_LEVELS_MAX];
	uint32_t old_levels = ino->index_levels, n = 0;

	for (; i >= index_capacity(ino->index_levels); ino->index_levels++) {
		void **top;
		if (!ino->index)
			continue;	/* an empty tree grows for free */
		if (!(top = tmpfs_page_new()))
			goto undo;
		top[0] = ino->index;
		ino->index = added[n++] = top;
	}
	slot = &ino->index;
	for (uint32_t level = ino->index_levels; level > 0; level--) {
		if (!*slot) {
			if (!(*slot = tmpfs_page_new()))
				goto undo;
			added[n++] = *slot;
			if (!first)
				first = slot;	/* where the new pages hang */
		}
		slot = (void **)*slot + index_slot(i, level);
	}
	*slot = page;
	return 0;
undo:
	if (first)
		*first = NULL;
	ino->index = old_root;
	ino->index_levels = old_levels;
	while (n > 0)
		tmpfs_page_free(added[--n]);
	return -ENOSPC;
}

/* Page i of a /tmp file, made (zeroed) if it is a hole; NULL if /tmp is
 * full or memory is out (nothing changed then). */
uint8_t *tmpfs_page_make(struct inode *ino, uint32_t i)
{
	uint8_t *page = tmpfs_page(ino, i);

	assert(i < index_capacity(INDEX_LEVELS_MAX));	/* FILE_SIZE_MAX */
	if (page)
		return page;
	page = tmpfs_page_new();
	if (page && index_link(ino, i, page)) {
		tmpfs_page_free(page);
		page = NULL;
	}
	return page;
}

/*
 * Free the pages from page `from` on (counted from the start of this
 * subtree) below `node`, which is at `level`; true if nothing is left of
 * it (then node itself is freed too).
 */
static bool index_cut(void *node, uint32_t level, uint32_t from)
{
	void **slots = node;
	uint32_t span;
	bool empty = true;

	if (level == 0) {		/* a data page */
		if (from == 0)
			tmpfs_page_free(node);
		return from == 0;
	}
	span = index_capacity(level - 1);	/* pages below each entry */
	for (uint32_t s = 0; s < INDEX_ENTRIES; s++) {
		uint32_t start = s * span;	/* the first page below slots[s] */
		if (!slots[s])
			continue;
		if (start + span <= from)
			empty = false;		/* wholly kept */
		else if (index_cut(slots[s], level - 1, from > start ? from - start : 0))
			slots[s] = NULL;
		else
			empty = false;
	}
	if (empty)
		tmpfs_page_free(node);
	return empty;
}

/* Keep only pages [0, keep) of a /tmp file, and no more levels than those need. */
void tmpfs_cut(struct inode *ino, uint32_t keep)
{
	if (ino->index && index_cut(ino->index, ino->index_levels, keep))
		ino->index = NULL;
	if (!ino->index)
		ino->index_levels = 0;
	/* The top's entries past 0 are gone: its entry 0 can be the root. */
	while (ino->index_levels > 0 && keep <= index_capacity(ino->index_levels - 1)) {
		void **top = ino->index;
		ino->index = top[0];
		tmpfs_page_free(top);
		ino->index_levels--;
	}
}

/* The figures of statfs(2), before they are fitted to a user layout. */
struct kstatfs {
	uint32_t type, bsize;
	uint64_t blocks, bfree, bavail, files, ffree;
	uint32_t fsid[2];
	uint32_t namelen, frsize, flags;
};

/*
 * What statfs says about the part of the tree that holds ino: /tmp, the
 * read-only initramfs (blocks: the archive, nothing free, as Linux's
 * ramfs has nothing to say about free space), or, for NULL, a pipe.
 * f_fsid is the st_dev that stat gives.
 */
static void statfs_fill(const struct inode *ino, struct kstatfs *st)
{
	memset(st, 0, sizeof(*st));
	st->bsize = st->frsize = PAGE_SIZE;
	st->namelen = NAME_MAX;
	st->flags = ST_VALID;
	if (!ino) {
		st->type = PIPEFS_MAGIC;
		return;
	}
	st->fsid[0] = ino->ro ? 1 : 2;
	if (ino->ro) {
		st->type = RAMFS_MAGIC;
		st->flags |= ST_RDONLY;
		st->blocks = round_up(initrd_bytes, PAGE_SIZE) / PAGE_SIZE;
		st->files = nr_inodes - tmpfs.inodes;
		return;
	}
	st->type = TMPFS_MAGIC;
	if (tmpfs.pages_max) {
		st->blocks = tmpfs.pages_max;
		st->bfree = st->bavail = tmpfs.pages_max - tmpfs.pages;
	}
	if (tmpfs.inodes_max) {
		st->files = tmpfs.inodes_max;
		st->ffree = tmpfs.inodes_max - tmpfs.inodes;
	}
}

/* Linux's struct statfs on i386 (statfs, fstatfs: 99, 100). */
struct statfs32 {
	uint32_t f_type, f_bsize, f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	uint32_t f_fsid[2];
	uint32_t f_namelen, f_frsize, f_flags, f_spare[4];
};

/* Linux's struct statfs64 on i386 (statfs64, fstatfs64: 268, 269); 84
 * bytes, since i386 aligns 64-bit fields to 4 bytes. */
struct statfs64 {
	uint32_t f_type, f_bsize;
	uint64_t f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	uint32_t f_fsid[2];
	uint32_t f_namelen, f_frsize, f_flags, f_spare[4];
} __packed;

_Static_assert(sizeof(struct statfs32) == 64, "struct statfs is 64 bytes");
_Static_assert(sizeof(struct statfs64) == 84, "struct statfs64 is 84 bytes");

/* Every figure fits in 32 bits here, so no EOVERFLOW as Linux may give. */
static int statfs_put32(const struct kstatfs *k, uaddr_t ubuf)
{
	struct statfs32 st = {
		k->type, k->bsize, k->blocks, k->bfree, k->bavail, k->files,
		k->ffree, { k->fsid[0], k->fsid[1] }, k->namelen, k->frsize,
		k->flags, { 0 },
	};

	return copy_to_user(ubuf, &st, sizeof(st));
}

static int statfs_put64(const struct kstatfs *k, uaddr_t ubuf)
{
	struct statfs64 st = {
		k->type, k->bsize, k->blocks, k->bfree, k->bavail, k->files,
		k->ffree, { k->fsid[0], k->fsid[1] }, k->namelen, k->frsize,
		k->flags, { 0 },
	};

	return copy_to_user(ubuf, &st, sizeof(st));
}

static int statfs_path(uaddr_t upath, struct kstatfs *k)
{
	struct inode *ino;
	int err = fs_lookup_user(upath, &ino);

	if (!err)
		statfs_fill(ino, k);
	return err;
}

static int statfs_fd(int fd, struct kstatfs *k)
{
	struct file *f = fd_get(&current->fds, fd);

	if (!f)
		return -EBADF;
	statfs_fill(f->inode, k);
	return 0;
}

long sys_statfs(uaddr_t upath, uaddr_t ubuf)
{
	struct kstatfs k;
	int err = statfs_path(upath, &k);

	return err ? err : statfs_put32(&k, ubuf);
}

long sys_fstatfs(int fd, uaddr_t ubuf)
{
	struct kstatfs k;
	int err = statfs_fd(fd, &k);

	return err ? err : statfs_put32(&k, ubuf);
}

/* The 64-bit calls name the size of the caller's struct: it must be ours. */
long sys_statfs64(uaddr_t upath, size_t size, uaddr_t ubuf)
{
	struct kstatfs k;
	int err = size == sizeof(struct statfs64) ? statfs_path(upath, &k) : -EINVAL;

	return err ? err : statfs_put64(&k, ubuf);
}

long sys_fstatfs64(int fd, size_t size, uaddr_t ubuf)
{
	struct kstatfs k;
	int err = size == sizeof(struct statfs64) ? statfs_fd(fd, &k) : -EINVAL;

	return err ? err : statfs_put64(&k, ubuf);
}

/* /proc/meminfo's lines on /tmp: what it holds and its limits. */
void tmpfs_report(struct sbuf *b)
{
	sbuf_printf(b, "tmpfs_pages %u\ntmpfs_pages_max %u\n", tmpfs.pages,
		    tmpfs.pages_max);
	sbuf_printf(b, "tmpfs_inodes %u\ntmpfs_inodes_max %u\n", tmpfs.inodes,
		    tmpfs.inodes_max);
}
