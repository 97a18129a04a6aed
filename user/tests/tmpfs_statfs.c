/*
 * tmpfs_statfs - statfs, fstatfs, statfs64 and fstatfs64 describe /tmp
 * as Linux describes a tmpfs, and their figures follow what /tmp holds.
 *
 *  1. /tmp: f_type TMPFS_MAGIC, f_bsize and f_frsize 4096, f_namelen
 *     255, f_blocks > 0, f_bavail == f_bfree <= f_blocks, f_ffree <
 *     f_files (the root counts), not ST_RDONLY.  statfs64 and fstatfs /
 *     fstatfs64 on a file inside give the same figures.
 *  2. A new file takes exactly one inode (f_ffree - 1), and so do a
 *     directory and a FIFO; 10 pages written take at least 10 blocks.  An
 *     unlinked file still open keeps both; its close gives them back, and
 *     every figure is as before.
 *  3. Errors: ENOENT (a missing name, the empty path), ENOTDIR,
 *     ENAMETOOLONG (a 256-byte name), EFAULT (bad path or buffer), EBADF;
 *     statfs64/fstatfs64 with a size other than 84 are EINVAL.
 *  4. A pipe is PIPEFS_MAGIC with 4096-byte blocks and no figures.
 *  5. Conduit only: its figures match /proc/meminfo's tmpfs lines, f_fsid
 *     is the st_dev of stat; the read-only rest of the tree ("/", "/bin")
 *     is RAMFS_MAGIC, ST_RDONLY, with blocks and nothing free.
 *
 * On a Linux host (CONDUIT_HOST_RUN) the tmpfs used is /dev/shm; the
 * block counts there can move under other processes, so exact block
 * checks are skipped (inode counts too).  One process.
 */
#include <conduit/test.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>

static const char *dir;
static char file[64], sub[64], fifo[64];
static int host;

static struct statfs get(const char *path)
{
	struct statfs st;

	memset(&st, 0x55, sizeof st);
	CHECK_EQ(statfs(path, &st), 0);
	return st;
}

static void same_figures(const struct statfs *a, const struct statfs64 *b)
{
	CHECK_EQ(a->f_type, (long)b->f_type);
	CHECK_EQ(a->f_bsize, (long)b->f_bsize);
	CHECK_EQ(a->f_blocks, (unsigned long)b->f_blocks);
	CHECK_EQ(a->f_files, (unsigned long)b->f_files);
	CHECK_EQ(a->f_namelen, (long)b->f_namelen);
	CHECK_EQ(a->f_frsize, (long)b->f_frsize);
	CHECK_EQ(a->f_flags, (long)b->f_flags);
	CHECK_EQ(a->f_fsid.__val[0], b->f_fsid.__val[0]);
	CHECK_EQ(a->f_fsid.__val[1], b->f_fsid.__val[1]);
	if (!host) {
		CHECK_EQ(a->f_bfree, (unsigned long)b->f_bfree);
		CHECK_EQ(a->f_bavail, (unsigned long)b->f_bavail);
		CHECK_EQ(a->f_ffree, (unsigned long)b->f_ffree);
	}
}

static void tmpfs_fields(void)
{
	struct statfs st = get(dir), fst;
	struct statfs64 st64;
	int fd;

	CHECK_EQ(st.f_type, TMPFS_MAGIC);
	CHECK_EQ(st.f_bsize, 4096);
	CHECK_EQ(st.f_frsize, 4096);
	CHECK_EQ(st.f_namelen, 255);
	CHECK(st.f_blocks > 0);
	CHECK(st.f_bfree <= st.f_blocks);
	CHECK_EQ(st.f_bavail, st.f_bfree);
	CHECK(st.f_files > 0);
	CHECK(st.f_ffree < st.f_files);
	CHECK_EQ(st.f_flags & ST_RDONLY, 0);
	for (int i = 0; i < 4; i++)
		CHECK_EQ(st.f_spare[i], 0);

	memset(&st64, 0x55, sizeof st64);
	CHECK_EQ(statfs64(dir, &st64), 0);
	same_figures(&st, &st64);

	fd = open(file, O_RDWR | O_CREAT | O_EXCL, 0600);
	CHECK(fd >= 0);
	memset(&fst, 0x55, sizeof fst);
	CHECK_EQ(fstatfs(fd, &fst), 0);
	st = get(dir);
	CHECK_EQ(fst.f_type, TMPFS_MAGIC);
	CHECK_EQ(fst.f_blocks, st.f_blocks);
	if (!host)
		CHECK_EQ(fst.f_bfree, st.f_bfree);
	CHECK_EQ(fst.f_ffree, st.f_ffree);
	memset(&st64, 0x55, sizeof st64);
	CHECK_EQ(fstatfs64(fd, &st64), 0);
	same_figures(&fst, &st64);
	CHECK_EQ(close(fd), 0);
	CHECK_EQ(unlink(file), 0);
}

static void figures_follow(void)
{
	static char page[4096];
	struct statfs before = get(dir), now;
	int fd;

	fd = open(file, O_RDWR | O_CREAT | O_EXCL, 0600);
	CHECK(fd >= 0);
	now = get(dir);
	CHECK_EQ(now.f_ffree, before.f_ffree - 1);
	CHECK_EQ(mkdir(sub, 0700), 0);
	CHECK_EQ(mkfifo(fifo, 0600), 0);
	CHECK_EQ(get(dir).f_ffree, before.f_ffree - 3);

	for (int i = 0; i < 10; i++)
		CHECK_EQ(write(fd, page, sizeof page), (ssize_t)sizeof page);
	now = get(dir);
	if (!host)
		CHECK(before.f_bfree - now.f_bfree >= 10);
	CHECK_EQ(unlink(file), 0);		/* still open: still there */
	CHECK_EQ(get(dir).f_ffree, before.f_ffree - 3);
	if (!host)
		CHECK_EQ(get(dir).f_bfree, now.f_bfree);
	CHECK_EQ(close(fd), 0);
	CHECK_EQ(rmdir(sub), 0);
	CHECK_EQ(unlink(fifo), 0);
	now = get(dir);
	CHECK_EQ(now.f_ffree, before.f_ffree);
	if (!host)
		CHECK_EQ(now.f_bfree, before.f_bfree);
}

static void errors(void)
{
	struct statfs st;
	struct statfs64 st64;
	char name[300];

	errno = 0;
	CHECK_EQ(statfs("/no/such/dir", &st), -1);
	CHECK_EQ(errno, ENOENT);
	errno = 0;
	CHECK_EQ(statfs("", &st), -1);
	CHECK_EQ(errno, ENOENT);
	errno = 0;
	CHECK_EQ(statfs("/proc/meminfo/x", &st), -1);
	CHECK_EQ(errno, ENOTDIR);
	memset(name, 'n', sizeof name);
	memcpy(name, "/tmp/", 5);
	name[5 + 256] = 0;
	errno = 0;
	CHECK_EQ(statfs(name, &st), -1);
	CHECK_EQ(errno, ENAMETOOLONG);
	errno = 0;
	CHECK_EQ(statfs(opaque_pointer(1), &st), -1);
	CHECK_EQ(errno, EFAULT);
	errno = 0;
	CHECK_EQ(statfs(dir, opaque_pointer(1)), -1);
	CHECK_EQ(errno, EFAULT);
	errno = 0;
	CHECK_EQ(fstatfs(0, opaque_pointer(0xc0000000ul)), -1);
	CHECK_EQ(errno, EFAULT);
	errno = 0;
	CHECK_EQ(fstatfs(99, &st), -1);
	CHECK_EQ(errno, EBADF);
	errno = 0;
	CHECK_EQ(fstatfs(-1, &st), -1);
	CHECK_EQ(errno, EBADF);
	errno = 0;
	CHECK_EQ(fstatfs64(99, &st64), -1);
	CHECK_EQ(errno, EBADF);

	errno = 0;
	CHECK_EQ(syscall(SYS_statfs64, dir, 80, &st64), -1);
	CHECK_EQ(errno, EINVAL);
	errno = 0;
	CHECK_EQ(syscall(SYS_statfs64, dir, 88, &st64), -1);
	CHECK_EQ(errno, EINVAL);
	errno = 0;
	CHECK_EQ(syscall(SYS_fstatfs64, 0, 64, &st64), -1);
	CHECK_EQ(errno, EINVAL);
	CHECK_EQ(syscall(SYS_statfs64, dir, 84, &st64), 0);
}

static void pipes(void)
{
	struct statfs st;
	int fds[2];

	CHECK_EQ(pipe(fds), 0);
	memset(&st, 0x55, sizeof st);
	CHECK_EQ(fstatfs(fds[0], &st), 0);
	CHECK_EQ(st.f_type, PIPEFS_MAGIC);
	CHECK_EQ(st.f_bsize, 4096);
	CHECK_EQ(st.f_blocks, 0);
	CHECK_EQ(st.f_bfree, 0);
	CHECK_EQ(st.f_files, 0);
	CHECK_EQ(st.f_namelen, 255);
	CHECK_EQ(close(fds[0]), 0);
	CHECK_EQ(close(fds[1]), 0);
}

/* What only Conduit can promise: /proc/meminfo, st_dev, the initramfs. */
static void conduit_only(void)
{
	struct statfs st = get("/tmp"), root = get("/"), bin = get("/bin");
	struct stat sb;

	CHECK_EQ(st.f_blocks, meminfo("tmpfs_pages_max"));
	CHECK_EQ(st.f_bfree, meminfo("tmpfs_pages_max") - meminfo("tmpfs_pages"));
	CHECK_EQ(st.f_files, meminfo("tmpfs_inodes_max"));
	CHECK_EQ(st.f_ffree, meminfo("tmpfs_inodes_max") - meminfo("tmpfs_inodes"));
	CHECK_EQ(stat("/tmp", &sb), 0);
	CHECK_EQ(st.f_fsid.__val[0], (int)sb.st_dev);

	CHECK_EQ(root.f_type, (long)RAMFS_MAGIC);
	CHECK_EQ(root.f_flags & ST_RDONLY, ST_RDONLY);
	CHECK(root.f_blocks > 0);
	CHECK_EQ(root.f_bfree, 0);
	CHECK_EQ(root.f_bavail, 0);
	CHECK(root.f_files > 0);
	CHECK_EQ(root.f_ffree, 0);
	CHECK_EQ(root.f_bsize, 4096);
	CHECK_EQ(root.f_namelen, 255);
	CHECK_EQ(stat("/", &sb), 0);
	CHECK_EQ(root.f_fsid.__val[0], (int)sb.st_dev);
	CHECK(root.f_fsid.__val[0] != st.f_fsid.__val[0]);
	CHECK_EQ(memcmp(&root, &bin, sizeof root), 0);
}

int main(void)
{
	host = getenv("CONDUIT_HOST_RUN") != NULL;
	dir = host ? "/dev/shm" : "/tmp";
	snprintf(file, sizeof file, "%s/tmpfs_statfs-f", dir);
	snprintf(sub, sizeof sub, "%s/tmpfs_statfs-d", dir);
	snprintf(fifo, sizeof fifo, "%s/tmpfs_statfs-p", dir);
	unlink(file), rmdir(sub), unlink(fifo);		/* leftovers (Linux) */
	tmpfs_fields();
	figures_follow();
	errors();
	pipes();
	if (!host)
		conduit_only();
	return 0;
}
