/*
 * df - how full the file systems are (as "df -k" or "df -i").
 *
 * Usage: df [-k | -i] [FILE...]
 *
 *   -k  sizes in 1024-byte blocks (the default)
 *   -i  nodes (inodes) instead of blocks
 *
 * Without FILE, every file system of Conduit's tree is shown: the
 * read-only initramfs at "/" and the tmpfs at "/tmp".  With FILEs, the
 * file system holding each one.  The figures come from statfs(2):
 *
 *   Filesystem  1K-blocks       Used  Available Use% Mounted on
 *   rootfs          21204      21204          0 100% /
 *   tmpfs          119640        132     119508   1% /tmp
 *
 * Used is f_blocks - f_bfree, Available f_bavail; Use% is Used over
 * Used + Available, rounded up as GNU df does, or "-" when both are 0.
 * With -i the columns are Inodes (f_files), IUsed, IFree (f_ffree) and
 * IUse%.  The name and the place a file system is mounted on follow from
 * its type (f_type): TMPFS_MAGIC is "tmpfs" on /tmp, RAMFS_MAGIC "rootfs"
 * on /; any other type (on another system) is shown as "-" on the FILE
 * given.  A FILE that cannot be looked at is reported as
 * "df: FILE: reason", and the exit status is then 1 (2 for bad usage).
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include <sys/statfs.h>

static int inodes;

/* Percentage used, rounded up; -1 if nothing is known. */
static int percent(unsigned long long used, unsigned long long avail)
{
	unsigned long long all = used + avail;

	if (all == 0)
		return -1;
	return (int)((used * 100 + all - 1) / all);
}

static void header(void)
{
	if (inodes)
		printf("%-10s %10s %10s %10s %5s %s\n", "Filesystem", "Inodes",
		       "IUsed", "IFree", "IUse%", "Mounted on");
	else
		printf("%-10s %10s %10s %10s %4s %s\n", "Filesystem", "1K-blocks",
		       "Used", "Available", "Use%", "Mounted on");
}

static void show(const char *path, const struct statfs *st)
{
	const char *name = "-", *mounted = path;
	unsigned long long all, used, avail;
	char use[8] = "-";
	int pct;

	if (st->f_type == TMPFS_MAGIC)
		name = "tmpfs", mounted = "/tmp";
	else if ((unsigned long)st->f_type == RAMFS_MAGIC)
		name = "rootfs", mounted = "/";
	if (inodes) {
		all = st->f_files;
		avail = st->f_ffree;
		used = all - avail;
	} else {
		unsigned long long kib = (unsigned long long)st->f_bsize / 1024;
		all = st->f_blocks * kib;
		used = (st->f_blocks - st->f_bfree) * kib;
		avail = st->f_bavail * kib;
	}
	pct = percent(used, avail);
	if (pct >= 0)
		snprintf(use, sizeof use, "%d%%", pct);
	printf("%-10s %10llu %10llu %10llu %*s %s\n", name, all, used, avail,
	       inodes ? 5 : 4, use, mounted);
}

/* Show the file system holding path; 0, or 1 if statfs failed. */
static int df(const char *path)
{
	struct statfs st;

	if (statfs(path, &st) != 0) {
		fprintf(stderr, "df: %s: %s\n", path, strerror(errno));
		return 1;
	}
	show(path, &st);
	return 0;
}

int main(int argc, char **argv)
{
	int opt, status = 0;

	while ((opt = getopt(argc, argv, "ki")) != -1) {
		if (opt == 'i')
			inodes = 1;
		else if (opt == 'k')
			inodes = 0;
		else {
			fprintf(stderr, "usage: df [-k | -i] [FILE...]\n");
			return 2;
		}
	}
	header();
	if (optind == argc) {
		status = df("/");
		return df("/tmp") | status;
	}
	for (int i = optind; i < argc; i++)
		status |= df(argv[i]);
	return status;
}
