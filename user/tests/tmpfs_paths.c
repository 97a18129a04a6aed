/*
 * tmpfs_paths - how path names resolve under /tmp: trailing slashes,
 * repeated slashes, "." and "..", long names, the empty path, and a
 * current directory that has been removed.
 *
 *  1. A trailing slash means "this must be a directory".  On directories
 *     it changes nothing (stat, open, chdir, mkdir, rmdir, rename).  On a
 *     regular file it is ENOTDIR (stat, open, access, unlink, rename from
 *     or onto it, "file/." too); for a name that does not exist yet,
 *     open(O_CREAT) is EISDIR, rename onto it ENOTDIR and mkfifo ENOENT,
 *     and nothing is created or moved.
 *  2. "//tmp//x///y", "/tmp/./x/../x/y" and "/../tmp/x/y" all name /tmp/x/y.
 *  3. A name of 255 bytes (NAME_MAX) works: create, stat, list, unlink; one
 *     of 256 bytes is ENAMETOOLONG.  The empty path is ENOENT.
 *  4. A removed current directory: after chdir(D) and rmdir(D), getcwd
 *     fails with ENOENT, and nothing can be created in it (mkdir, open
 *     with O_CREAT and mkfifo of relative names are ENOENT); stat(".")
 *     still works and says it is a directory with no links; chdir("..")
 *     gets back to its old parent.
 *  5. When a directory above the current one is renamed, getcwd reports
 *     the new path, and relative names keep working.
 *
 * Every expected result here is what Linux gives on tmpfs.  One process,
 * no synchronisation needed; free pages are compared after a warm-up
 * round and a second round (not with CONDUIT_HOST_RUN, Linux's count
 * being noisy), which also catches anything created inside a removed
 * directory and then lost.
 */
#include <conduit/test.h>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

#define TOP "/tmp/tmpfs_paths-d"

static void fails(long ret, int err, const char *what, int line)
{
	if (ret != -1 || errno != err) {
		fprintf(stderr, "FAIL line %d: %s: returned %ld, errno %d (%s), expected errno %d (%s)\n",
			line, what, ret, errno, strerror(errno), err, strerror(err));
		exit(1);
	}
}
#define FAILS(call, err) \
	do { errno = 0; fails((long)(call), (err), #call, __LINE__); } while (0)

static void make_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);

	CHECK(fd >= 0);
	CHECK_EQ(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	CHECK_EQ(close(fd), 0);
}

static int exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

static void trailing_slashes(void)
{
	struct stat st;
	int fd;

	/* directories: no difference */
	CHECK_EQ(mkdir(TOP "/dir/", 0755), 0);
	CHECK_EQ(stat(TOP "/dir/", &st), 0);
	CHECK(S_ISDIR(st.st_mode));
	fd = open(TOP "/dir/", O_RDONLY);
	CHECK(fd >= 0);
	CHECK_EQ(close(fd), 0);
	CHECK_EQ(chdir(TOP "/dir/"), 0);
	CHECK_EQ(chdir("/"), 0);
	CHECK_EQ(rename(TOP "/dir/", TOP "/dir2/"), 0);
	CHECK(!exists(TOP "/dir"));
	CHECK_EQ(rename(TOP "/dir2", TOP "/dir/"), 0);
	CHECK_EQ(stat(TOP "/dir/./", &st), 0);

	/* a regular file: it is not a directory */
	make_file(TOP "/file", "data");
	FAILS(stat(TOP "/file/", &st), ENOTDIR);
	FAILS(stat(TOP "/file/.", &st), ENOTDIR);
	FAILS(open(TOP "/file/", O_RDONLY), ENOTDIR);
	FAILS(open(TOP "/file/", O_WRONLY | O_CREAT, 0600), EISDIR);
	FAILS(access(TOP "/file/", F_OK), ENOTDIR);
	FAILS(unlink(TOP "/file/"), ENOTDIR);
	FAILS(rename(TOP "/file/", TOP "/moved"), ENOTDIR);
	FAILS(rename(TOP "/file", TOP "/file/"), ENOTDIR);
	FAILS(rename(TOP "/file", TOP "/moved/"), ENOTDIR);
	FAILS(open(TOP "/new/", O_WRONLY | O_CREAT, 0600), EISDIR);
	FAILS(mkfifo(TOP "/fifo/", 0600), ENOENT);
	CHECK(exists(TOP "/file"));
	CHECK(!exists(TOP "/moved"));
	CHECK(!exists(TOP "/new"));
	CHECK(!exists(TOP "/fifo"));

	CHECK_EQ(unlink(TOP "/file"), 0);
	CHECK_EQ(rmdir(TOP "/dir/"), 0);
}

static void odd_spellings(void)
{
	static const char *const names[] = {
		"//tmp//tmpfs_paths-d///x////y",
		"/tmp/./tmpfs_paths-d/x/../x/./y",
		"/../tmp/tmpfs_paths-d/x/y",
		"/tmp/tmpfs_paths-d/x/../../tmpfs_paths-d/x/y",
	};
	char buf[8];
	int fd;

	CHECK_EQ(mkdir(TOP "/x", 0755), 0);
	make_file(TOP "/x/y", "why");
	for (unsigned i = 0; i < sizeof names / sizeof names[0]; i++) {
		fd = open(names[i], O_RDONLY);
		CHECK(fd >= 0);
		CHECK_EQ(read(fd, buf, sizeof buf), 3);
		CHECK_EQ(memcmp(buf, "why", 3), 0);
		CHECK_EQ(close(fd), 0);
	}
	CHECK_EQ(unlink("//tmp/tmpfs_paths-d/x/../x/y"), 0);
	CHECK_EQ(rmdir(TOP "//x//"), 0);
}

static void long_names(void)
{
	char name[300], path[400];
	struct dirent *e;
	struct stat st;
	int found = 0;
	DIR *d;

	memset(name, 'n', 255);
	name[255] = '\0';
	snprintf(path, sizeof path, TOP "/%s", name);
	make_file(path, "long");
	CHECK_EQ(stat(path, &st), 0);
	CHECK_EQ(st.st_size, 4);
	d = opendir(TOP);
	CHECK(d != NULL);
	while ((e = readdir(d)) != NULL)
		found += strcmp(e->d_name, name) == 0;
	CHECK_EQ(closedir(d), 0);
	CHECK_EQ(found, 1);
	CHECK_EQ(unlink(path), 0);

	memset(name, 'n', 256);
	name[256] = '\0';
	snprintf(path, sizeof path, TOP "/%s", name);
	FAILS(open(path, O_WRONLY | O_CREAT, 0600), ENAMETOOLONG);
	FAILS(mkdir(path, 0700), ENAMETOOLONG);
	FAILS(stat(path, &st), ENAMETOOLONG);

	FAILS(open("", O_RDONLY), ENOENT);
	FAILS(open("", O_WRONLY | O_CREAT, 0600), ENOENT);
	FAILS(stat("", &st), ENOENT);
	FAILS(mkdir("", 0700), ENOENT);
	FAILS(chdir(""), ENOENT);
}

static void removed_cwd(void)
{
	char buf[256];
	struct stat st;

	CHECK_EQ(mkdir(TOP "/gone", 0755), 0);
	CHECK_EQ(chdir(TOP "/gone"), 0);
	CHECK_EQ(rmdir(TOP "/gone"), 0);

	errno = 0;
	CHECK(getcwd(buf, sizeof buf) == NULL);
	CHECK_EQ(errno, ENOENT);
	FAILS(mkdir("sub", 0755), ENOENT);
	FAILS(open("file", O_WRONLY | O_CREAT, 0600), ENOENT);
	FAILS(mkfifo("fifo", 0600), ENOENT);
	CHECK_EQ(stat(".", &st), 0);
	CHECK(S_ISDIR(st.st_mode));
	CHECK_EQ(st.st_nlink, 0);

	CHECK_EQ(chdir(".."), 0);
	CHECK(getcwd(buf, sizeof buf) == buf);
	CHECK_EQ(strcmp(buf, TOP), 0);
	CHECK(!exists(TOP "/gone"));
	CHECK_EQ(chdir("/"), 0);
}

static void renamed_above(void)
{
	char buf[256];
	int fd;

	CHECK_EQ(mkdir(TOP "/a", 0755), 0);
	CHECK_EQ(mkdir(TOP "/a/b", 0755), 0);
	CHECK_EQ(chdir(TOP "/a/b"), 0);
	CHECK_EQ(rename(TOP "/a", TOP "/c"), 0);
	CHECK(getcwd(buf, sizeof buf) == buf);
	CHECK_EQ(strcmp(buf, TOP "/c/b"), 0);
	make_file("here", "h");
	fd = open(TOP "/c/b/here", O_RDONLY);
	CHECK(fd >= 0);
	CHECK_EQ(close(fd), 0);
	CHECK_EQ(unlink("here"), 0);
	CHECK_EQ(chdir("../.."), 0);
	CHECK(getcwd(buf, sizeof buf) == buf);
	CHECK_EQ(strcmp(buf, TOP), 0);
	CHECK_EQ(rmdir("c/b"), 0);
	CHECK_EQ(rmdir("c"), 0);
	CHECK_EQ(chdir("/"), 0);
}

static void one_round(void)
{
	CHECK_EQ(mkdir(TOP, 0755), 0);
	trailing_slashes();
	odd_spellings();
	long_names();
	removed_cwd();
	renamed_above();
	CHECK_EQ(rmdir(TOP), 0);
}

int main(void)
{
	remove_tree(TOP);	/* leftovers of an interrupted run (Linux) */
	run_leak_checked(one_round);
	return 0;
}
