/*
 * procfs.c - /proc, where the kernel shows its own state as text, for ps,
 * pipeinfo and curious students, and takes a few settings.
 *
 *   /proc/ps     PID PPID PGID STATE WCHAN CPU NAME, one line per process;
 *                STATE is R (runnable), S (sleeping), T (stopped) or
 *                Z (zombie); WCHAN says what a sleeper waits for, e.g.
 *                pipe-read:3 (reading pipe 3) or wait (in wait4).
 *   /proc/pipes  PIPE USED SIZE READERS WRITERS RWAIT WWAIT, one line per
 *                pipe; RWAIT/WWAIT list the pids asleep in read/write.
 *   /proc/meminfo  free and total pages, and how many processes, open
 *                files, pipes and kmalloc objects exist (for leak checks);
 *                what /tmp holds and may hold, in pages and inodes.
 *   /proc/kmsg   the kernel's messages, the last 16 KiB of them (printk.c),
 *                like `dmesg`.  (Linux's /proc/kmsg is read once and
 *                waits for more; this one is a snapshot like the others.)
 *   /proc/locks  CLASS RANK ACQUIRED CONTENDED SPIN_CYCLES, one line per
 *                lock class (spinlock.c): how often its locks were taken,
 *                how often a CPU found one held, and the TSC cycles spent
 *                spinning; the order of the lines is the lock order.
 *   /proc/sys/fs/pipe-max-size  the largest capacity F_SETPIPE_SZ may
 *                grow a pipe to; writable (pipe.c rounds it as Linux).
 *   /proc/sys/kernel/pid_max  one more than the largest pid (read-only).
 *
 * Each file is an entry of entries[]: where it is, the function that
 * writes its text, and for a setting the function that takes a write.
 * A file's text is generated in full by the first read (a snapshot, so
 * one ps sees one consistent moment) into an sbuf of kernel pages that
 * the open file keeps until it is closed.  A write hands the entry's
 * handler the written text as one string (at most PROCFS_WRITE_MAX - 1
 * characters, else EINVAL), wherever the file position is; the handler
 * returns 0 or -errno.  A file is 0644 if it has a handler and 0444 if
 * not, and sys_fs.c lets the mode decide who may open it for writing
 * (even root may not write a 0444 file, as with Linux's /proc/sys).
 */
#include "fs/procfs.h"
#include "pipe/ring.h"
#include "lib/errno.h"
#include "fs/file.h"
#include "fs/fs.h"
#include "mm/kmalloc.h"
#include "lib/lib.h"
#include "lib/spinlock.h"
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

	sbuf_printf(b, "PID PPID PGID STATE WCHAN CPU NAME\n");
	spin_lock(&procs_lock);		/* the list, and each parent, stay */
	for (pos = all_procs.next; pos != &all_procs; pos = pos->next) {
		struct proc *p = list_entry(pos, struct proc, all_link);
		char wchan[32];
		sched_describe_wait(p, wchan, sizeof(wchan));
		/* last_cpu: a lock-free read of a word, for display only */
		sbuf_printf(b, "%d %d %d %c %s %d %s\n", p->pid,
			    p->parent ? p->parent->pid : 0, p->pgid,
			    proc_state_letter(p), wchan, p->last_cpu, p->name);
	}
	spin_unlock(&procs_lock);
}

/* The kernel's object counts, for leak checks (tests, fuzz, stress). */
static void meminfo_report(struct sbuf *b)
{
	sbuf_printf(b, "pages_free %u\npages_total %u\n", pmm_free_pages(),
		    pmm_total_pages());
	sbuf_printf(b, "processes %u\nfiles %u\npipes %u\ninodes %u\n",
		    nr_procs, nr_files, nr_pipes, nr_inodes);
	tmpfs_report(b);
	sbuf_printf(b, "kmalloc_slab_pages %u\npipe_pages %u\n", kmalloc_slab_pages,
		    __atomic_load_n(&ring_pages, __ATOMIC_RELAXED));
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

/* CLASS ACQUIRED CONTENDED SPIN_CYCLES: one line per lock class. */
static void locks_report(struct sbuf *b)
{
	struct lock_stats st;

	sbuf_printf(b, "CLASS RANK ACQUIRED CONTENDED SPIN_CYCLES\n");
	for (int c = LOCK_NONE + 1; c < LOCK_NCLASSES; c++) {
		lock_stats_get(c, &st);
		sbuf_printf(b, "%s %d %llu %llu %llu\n", lock_class_name(c), c,
			    st.acquired, st.contended, st.spin_cycles);
	}
}

static void pid_max_report(struct sbuf *b)
{
	sbuf_printf(b, "%u\n", PID_MAX);
}

/* A /proc file: kept in its inode's rdev as an index of entries[]. */
struct procfs_entry {
	const char *dir;		/* under /proc: "" or e.g. "sys/fs" */
	const char *name;
	void (*report)(struct sbuf *b);	/* writes what a read shows */
	int (*write)(const char *text);	/* takes a write; NULL: read-only */
};

static const struct procfs_entry entries[] = {
	{ "", "ps", ps_report, NULL },
	{ "", "pipes", pipe_report, NULL },
	{ "", "meminfo", meminfo_report, NULL },
	{ "", "kmsg", kmsg_report, NULL },
	{ "", "locks", locks_report, NULL },
	{ "sys/fs", "pipe-max-size", pipe_max_size_report, pipe_max_size_write },
	{ "sys/kernel", "pid_max", pid_max_report, NULL },
};

/*
 * A decimal number as a /proc/sys file takes it: blanks around it are
 * allowed, nothing else (no sign), and it must fit in 32 bits.
 */
int procfs_parse_u32(const char *text, uint32_t *out)
{
	uint32_t v = 0;

	while (*text == ' ' || *text == '\t' || *text == '\n')
		text++;
	if (*text < '0' || *text > '9')
		return -EINVAL;
	for (; *text >= '0' && *text <= '9'; text++) {
		uint32_t digit = *text - '0';
		if (v > (0xFFFFFFFFu - digit) / 10)
			return -EINVAL;
		v = v * 10 + digit;
	}
	while (*text == ' ' || *text == '\t' || *text == '\n')
		text++;
	if (*text)
		return -EINVAL;
	*out = v;
	return 0;
}

static ssize_t procfs_read(struct file *f, uaddr_t buf, size_t n)
{
	struct sbuf *b = f->priv;
	size_t done = 0;

	if (!b) {
		if (!(b = f->priv = kzalloc(sizeof(*b))))
			return -ENOMEM;
		entries[f->inode->rdev].report(b);
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

static ssize_t procfs_write(struct file *f, uaddr_t buf, size_t n)
{
	const struct procfs_entry *e = &entries[f->inode->rdev];
	char text[PROCFS_WRITE_MAX];
	int err;

	if (!e->write)
		return -EINVAL;		/* not reached: open refuses (0444) */
	if (n == 0)
		return 0;		/* as Linux: nothing written, no change */
	if (n >= sizeof(text))
		return -EINVAL;
	if (copy_from_user(text, buf, n))
		return -EFAULT;
	text[n] = 0;
	err = e->write(text);
	return err ? err : (ssize_t)n;
}

static void procfs_release(struct file *f)
{
	if (f->priv)
		sbuf_free(f->priv);
}

static const struct file_ops procfs_ops = {
	.read = procfs_read,
	.write = procfs_write,
	.release = procfs_release,
};

/* The directory /proc/PATH ("" is /proc), made if it is not there yet. */
static struct inode *procfs_dir(struct inode *dir, const char *path)
{
	while (*path) {
		const char *slash = strchr(path, '/');
		size_t len = slash ? (size_t)(slash - path) : strlen(path);
		struct inode *child = fs_child(dir, path, len);
		char name[NAME_MAX + 1];

		if (!child) {
			strlcpy(name, path, len + 1);
			child = fs_add_node(dir, name, S_IFDIR | 0555, NULL, 0);
		}
		dir = child;
		path += slash ? len + 1 : len;
	}
	return dir;
}

void procfs_init(void)
{
	struct inode *proc = fs_add_node(fs_root, "proc", S_IFDIR | 0555, NULL, 0);

	for (uint32_t i = 0; i < ARRAY_SIZE(entries); i++) {
		struct inode *ino = fs_add_node(procfs_dir(proc, entries[i].dir),
						entries[i].name, S_IFREG |
						(entries[i].write ? 0644 : 0444),
						NULL, 0);
		ino->fops = &procfs_ops;
		ino->rdev = i;
	}
}
