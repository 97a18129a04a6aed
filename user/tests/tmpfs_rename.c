/*
 * tmpfs_rename - rename() under /tmp, and its error cases.
 *
 *  1. Within a directory: the old name is gone, the new one has the
 *     contents, a listing shows only the new name; a descriptor opened
 *     before the rename still reads and writes the same file.
 *  2. Across directories, for a file and for a whole directory (whose
 *     contents come along).
 *  3. Replacing: a file renamed onto another file replaces it (the old
 *     target lives on only in a descriptor still open on it); a directory
 *     renamed onto an empty directory replaces it.  Renaming a name onto
 *     itself succeeds and changes nothing.
 *  4. Errors, each leaving both names as they were:
 *       ENOENT     the source is missing, or the target's directory is
 *       ENOTEMPTY  a directory onto a non-empty directory
 *       ENOTDIR    a directory onto a file
 *       EISDIR     a file onto a directory
 *       EINVAL     a directory into itself or its own subdirectory
 *       EBUSY      "." as the last component of either name
 *       EXDEV      between /tmp and /proc (another file system on Linux;
 *                  on Conduit the read-only tree, as seen from /tmp)
 *       EROFS      within the read-only tree (checked on Conduit only:
 *                  on the Linux host "/" is writable, and renaming files
 *                  in /bin there would be a bad idea)
 *  5. Free pages are the same after a warm-up round and after a second
 *     round (skipped when CONDUIT_HOST_RUN is set: Linux's count is
 *     noisy): a file replaced by rename is freed when its last
 *     descriptor closes.
 *
 * One process, no synchronisation needed.
 */
#include <conduit/test.h>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/utsname.h>

#define TOP "/tmp/tmpfs_rename-d"
#define D1 TOP "/d1"
#define D2 TOP "/d2"

static void make_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);

	CHECK(fd >= 0);
	CHECK_EQ(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	CHECK_EQ(close(fd), 0);
}

/* The file at path holds exactly `text`. */
static void check_file(const char *path, const char *text)
{
	char buf[128];
	ssize_t n;
	int fd = open(path, O_RDONLY);

	CHECK(fd >= 0);
	n = read(fd, buf, sizeof buf);
	CHECK_EQ(n, (ssize_t)strlen(text));
	CHECK_EQ(memcmp(buf, text, (size_t)n), 0);
	CHECK_EQ(close(fd), 0);
}

static void check_missing(const char *path)
{
	struct stat st;

	errno = 0;
	CHECK_EQ(stat(path, &st), -1);
	CHECK_EQ(errno, ENOENT);
}

static int is_dir(const char *path)
{
	struct stat st;

	CHECK_EQ(stat(path, &st), 0);
	return S_ISDIR(st.st_mode);
}

/* Number of entries in dir other than "." and "..". */
static int entries(const char *dir, const char *must_have)
{
	struct dirent *e;
	int n = 0, found = must_have == NULL;
	DIR *d = opendir(dir);

	CHECK(d != NULL);
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		n++;
		if (must_have && strcmp(e->d_name, must_have) == 0)
			found = 1;
	}
	CHECK_EQ(closedir(d), 0);
	CHECK(found);
	return n;
}

static void rename_fails(const char *from, const char *to, int err)
{
	errno = 0;
	CHECK_EQ(rename(from, to), -1);
	if (errno != err) {
		fprintf(stderr, "FAIL rename(%s, %s): errno %d (%s), expected %d (%s)\n",
			from, to, errno, strerror(errno), err, strerror(err));
		exit(1);
	}
}

static void simple_renames(void)
{
	char buf[16];
	int fd;

	make_file(D1 "/a", "alpha");
	fd = open(D1 "/a", O_RDWR);
	CHECK(fd >= 0);

	/* 1 */
	CHECK_EQ(rename(D1 "/a", D1 "/b"), 0);
	check_missing(D1 "/a");
	check_file(D1 "/b", "alpha");
	CHECK_EQ(entries(D1, "b"), 1);
	CHECK_EQ(read(fd, buf, sizeof buf), 5);		/* the same file */
	CHECK_EQ(write(fd, "+", 1), 1);
	check_file(D1 "/b", "alpha+");

	/* 2: a file across directories, then a directory */
	CHECK_EQ(rename(D1 "/b", D2 "/c"), 0);
	check_missing(D1 "/b");
	check_file(D2 "/c", "alpha+");
	CHECK_EQ(entries(D1, NULL), 0);
	CHECK_EQ(entries(D2, "c"), 1);
	CHECK_EQ(rename(D2, D1 "/moved"), 0);
	check_missing(D2);
	check_file(D1 "/moved/c", "alpha+");
	CHECK(is_dir(D1 "/moved"));
	CHECK_EQ(write(fd, "!", 1), 1);			/* still the same file */
	check_file(D1 "/moved/c", "alpha+!");
	CHECK_EQ(rename(D1 "/moved", D2), 0);
	check_file(D2 "/c", "alpha+!");
	CHECK_EQ(close(fd), 0);
	CHECK_EQ(unlink(D2 "/c"), 0);
}

static void replacing(void)
{
	char buf[16];
	int old_target;

	/* a file onto a file; the old target survives in its descriptor */
	make_file(D1 "/x", "new contents");
	make_file(D1 "/y", "old");
	old_target = open(D1 "/y", O_RDONLY);
	CHECK(old_target >= 0);
	CHECK_EQ(rename(D1 "/x", D1 "/y"), 0);
	check_missing(D1 "/x");
	check_file(D1 "/y", "new contents");
	CHECK_EQ(entries(D1, "y"), 1);
	CHECK_EQ(read(old_target, buf, sizeof buf), 3);
	CHECK_EQ(memcmp(buf, "old", 3), 0);
	CHECK_EQ(close(old_target), 0);

	/* onto itself: nothing happens */
	CHECK_EQ(rename(D1 "/y", D1 "/y"), 0);
	check_file(D1 "/y", "new contents");
	CHECK_EQ(rename(D2, D2), 0);
	CHECK(is_dir(D2));

	/* a directory onto an empty directory */
	CHECK_EQ(mkdir(D1 "/full", 0755), 0);
	make_file(D1 "/full/inside", "in");
	CHECK_EQ(mkdir(D1 "/empty", 0755), 0);
	CHECK_EQ(rename(D1 "/full", D1 "/empty"), 0);
	check_missing(D1 "/full");
	check_file(D1 "/empty/inside", "in");
	CHECK_EQ(unlink(D1 "/empty/inside"), 0);
	CHECK_EQ(rmdir(D1 "/empty"), 0);
	CHECK_EQ(unlink(D1 "/y"), 0);
}

static void errors(void)
{
	struct utsname u;

	CHECK_EQ(mkdir(D1 "/dir", 0755), 0);
	CHECK_EQ(mkdir(D1 "/dir/sub", 0755), 0);
	CHECK_EQ(mkdir(D1 "/busy", 0755), 0);
	make_file(D1 "/busy/thing", "t");
	make_file(D1 "/file", "f");

	rename_fails(D1 "/nothing", D1 "/other", ENOENT);
	rename_fails(D1 "/file", D1 "/no-dir/file", ENOENT);
	rename_fails(D1 "/dir", D1 "/busy", ENOTEMPTY);
	rename_fails(D1 "/dir", D1 "/file", ENOTDIR);
	rename_fails(D1 "/file", D1 "/dir", EISDIR);
	rename_fails(D1 "/dir", D1 "/dir/sub/dir", EINVAL);
	rename_fails(D1 "/dir", D1 "/dir/new", EINVAL);
	rename_fails(D1 "/dir/.", D1 "/new", EBUSY);
	rename_fails(D1 "/dir", D1 "/dir/.", EBUSY);
	rename_fails(D1 "/file", "/proc/tmpfs_rename-file", EXDEV);
	rename_fails("/proc/meminfo", D1 "/meminfo", EXDEV);
	CHECK_EQ(uname(&u), 0);
	if (strcmp(u.sysname, "Conduit") == 0) {
		rename_fails("/bin/cat", "/bin/tmpfs_rename-cat", EROFS);
		rename_fails("/bin", "/tmpfs_rename-bin", EROFS);
		CHECK_EQ(access("/bin/cat", X_OK), 0);
	}

	/* nothing moved */
	CHECK(is_dir(D1 "/dir/sub"));
	check_file(D1 "/busy/thing", "t");
	check_file(D1 "/file", "f");
	check_missing(D1 "/other");
	check_missing(D1 "/new");
	check_missing(D1 "/meminfo");
	CHECK_EQ(entries(D1, "file"), 3);

	CHECK_EQ(rmdir(D1 "/dir/sub"), 0);
	CHECK_EQ(rmdir(D1 "/dir"), 0);
	CHECK_EQ(unlink(D1 "/busy/thing"), 0);
	CHECK_EQ(rmdir(D1 "/busy"), 0);
	CHECK_EQ(unlink(D1 "/file"), 0);
}

static void one_round(void)
{
	CHECK_EQ(mkdir(TOP, 0755), 0);
	CHECK_EQ(mkdir(D1, 0755), 0);
	CHECK_EQ(mkdir(D2, 0755), 0);
	simple_renames();
	replacing();
	errors();
	CHECK_EQ(entries(D1, NULL), 0);
	CHECK_EQ(entries(D2, NULL), 0);
	CHECK_EQ(rmdir(D1), 0);
	CHECK_EQ(rmdir(D2), 0);
	CHECK_EQ(rmdir(TOP), 0);
}

int main(void)
{
	remove_tree(TOP);	/* leftovers of an interrupted run (Linux) */
	run_leak_checked(one_round);
	return 0;
}
