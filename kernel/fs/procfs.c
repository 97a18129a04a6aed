/*
 * procfs.c - /proc, where the kernel shows its own state as text, for ps,
 * pipeinfo and curious students.
 *
 *   /proc/ps     PID PPID PGID STATE WCHAN NAME, one line per process;
 *                STATE is R (runnable), S (sleeping), T (stopped) or
 *                Z (zombie); WCHAN says what a sleeper waits for, e.g.
 *                pipe-read:3 (reading pipe 3) or wait (in wait4).
 *   /proc/pipes  PIPE USED SIZE READERS WRITERS RWAIT WWAIT, one line per
 *                pipe; RWAIT/WWAIT list the pids asleep in read/write.
 *   /proc/meminfo  free and total pages, and how many processes, open
 *                files, pipes and kmalloc objects exist (for leak checks).
 *   /proc/kmsg   the kernel's messages, the last 16 KiB of them (printk.c),
 *                like `dmesg`.  (Linux's /proc/kmsg is read once and
 *                waits for more; this one is a snapshot like the others.)
 *
 * A file's text is generated in full by the first read (a snapshot, so
 * one ps sees one consistent moment) into an sbuf of kernel pages that
 * the open file keeps until it is closed.
 */
#include "fs/procfs.h"
#include "lib/errno.h"
#include "fs/file.h"
#include "fs/fs.h"
#include "mm/kmalloc.h"
#include "lib/lib.h"
#include "pipe/pipe.h"
#include "mm/pmm.h"
#include "proc/proc.h"

void sbuf_printf(struct sbuf *b, const char *fmt, ...)
{
	char line[160];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	n = min_u32(n, sizeof(line) - 1);
	for (int i = 0; i < n; i++, b->len++) {
		char **page = &b->page[b->len / PAGE_SIZE];
		if (b->len / PAGE_SIZE >= SBUF_MAX_PAGES)
			return;		/* full: the snapshot is cut short */
		if (!*page && !(*page = page_alloc()))
			return;
		(*page)[b->len % PAGE_SIZE] = line[i];
	}
}

static void sbuf_free(struct sbuf *b)
{
	for (int i = 0; i < SBUF_MAX_PAGES; i++)
		if (b->page[i])
			page_free(b->page[i]);
	kfree(b);
}

static char proc_state_letter(const struct proc *p)
{
	switch (p->state) {
	case PROC_SLEEPING: return 'S';
	case PROC_STOPPED: return 'T';
	case PROC_ZOMBIE: return 'Z';
	default: return 'R';
	}
}

static void ps_report(struct sbuf *b)
{
	struct list_head *pos;

	sbuf_printf(b, "PID PPID PGID STATE WCHAN NAME\n");
	for (pos = all_procs.next; pos != &all_procs; pos = pos->next) {
		struct proc *p = list_entry(pos, struct proc, all_link);
		char wchan[32] = "-";
		if (p->state == PROC_SLEEPING && p->wchan)
			snprintf(wchan, sizeof(wchan), p->wchan->id ? "%s:%u" : "%s",
				 p->wchan->name, p->wchan->id);
		sbuf_printf(b, "%d %d %d %c %s %s\n", p->pid,
			    p->parent ? p->parent->pid : 0, p->pgid,
			    proc_state_letter(p), wchan, p->name);
	}
}

/* The kernel's object counts, for leak checks (tests, fuzz, stress). */
static void meminfo_report(struct sbuf *b)
{
	sbuf_printf(b, "pages_free %u\npages_total %u\n", pmm_free_pages(),
		    pmm_total_pages());
	sbuf_printf(b, "processes %u\nfiles %u\npipes %u\ninodes %u\n",
		    nr_procs, nr_files, nr_pipes, nr_inodes);
	sbuf_printf(b, "kmalloc_objects %u\nkmalloc_by_size", kmalloc_objects);
	for (int c = 0; c < NR_CLASSES; c++)
		sbuf_printf(b, " %u:%u", kmalloc_class_size[c],
			    kmalloc_class_objects[c]);
	sbuf_printf(b, " page:%u\n", kmalloc_class_objects[NR_CLASSES]);
}

/* The kernel log, copied a piece at a time (it may hold any bytes but NUL). */
static void kmsg_report(struct sbuf *b)
{
	char piece[128];
	uint32_t pos = 0;
	size_t n;

	while ((n = kmsg_read(&pos, piece, sizeof(piece))) > 0)
		sbuf_printf(b, "%.*s", (int)n, piece);
}

/* Which report each /proc file shows: kept in the inode's rdev. */
static void (*const reports[])(struct sbuf *) = {
	ps_report, pipe_report, meminfo_report, kmsg_report,
};

static ssize_t procfs_read(struct file *f, uaddr_t buf, size_t n)
{
	struct sbuf *b = f->priv;
	size_t done = 0;

	if (!b) {
		if (!(b = f->priv = kzalloc(sizeof(*b))))
			return -ENOMEM;
		reports[f->inode->rdev](b);
	}
	while (done < n && (uint32_t)f->pos < b->len) {
		uint32_t chunk = min_u32(n - done, b->len - f->pos);
		chunk = min_u32(chunk, PAGE_SIZE - f->pos % PAGE_SIZE);
		if (copy_to_user(buf + done, b->page[f->pos / PAGE_SIZE] +
				 f->pos % PAGE_SIZE, chunk))
			return done ? (ssize_t)done : -EFAULT;
		f->pos += chunk;
		done += chunk;
	}
	return done;
}

static void procfs_release(struct file *f)
{
	if (f->priv)
		sbuf_free(f->priv);
}

static const struct file_ops procfs_ops = {
	.read = procfs_read,
	.release = procfs_release,
};

void procfs_init(void)
{
	static const char *const names[] = { "ps", "pipes", "meminfo", "kmsg" };
	struct inode *dir = fs_add_node(fs_root, "proc", S_IFDIR | 0555, NULL, 0);

	for (uint32_t i = 0; i < ARRAY_SIZE(names); i++) {
		struct inode *ino = fs_add_node(dir, names[i], S_IFREG | 0444, NULL, 0);
		ino->fops = &procfs_ops;
		ino->rdev = i;
	}
}
