/*
 * tmpfs_dirs - directories under /tmp: mkdir, rmdir, readdir, chdir,
 * getcwd, access, stat, and the errors of each.
 *
 *  1. mkdir makes an empty directory (stat: S_IFDIR, st_nlink 2, one more
 *     for each subdirectory's ".."); EEXIST for an existing directory or
 *     file, ENOENT when a parent is missing, ENOTDIR when a parent is a
 *     file.  A trailing slash is allowed.
 *  2. readdir lists exactly the names there, each once, "." and ".."
 *     included, with d_type DT_DIR/DT_REG/DT_FIFO; after unlink and rmdir
 *     they are gone; rewinddir starts over.  A directory of 40 entries
 *     lists them all.  Removing each entry as readdir returns it (what
 *     "rm -r" does), in a directory of 150 entries with long names
 *     (several getdents64 buffers' worth), still returns every entry
 *     exactly once.
 *  3. rmdir: ENOTEMPTY while something is inside, ENOENT for a missing
 *     name, ENOTDIR for a file, EINVAL for "." as the last component; it
 *     works once the directory is empty.  unlink of a directory is EISDIR.
 *  4. chdir/getcwd: getcwd names the directory we are in; relative paths
 *     (open, mkdir, stat, rmdir, unlink, "..") work from there; a too
 *     small buffer is ERANGE; chdir to a file is ENOTDIR and to a missing
 *     name ENOENT, and neither moves us.
 *  5. access: F_OK/R_OK/W_OK on an existing file and directory succeed,
 *     ENOENT for a missing name, ENOTDIR through a file.
 *  6. stat sizes: a file's st_size is what was written (relative and
 *     absolute names alike).
 *  7. Free pages are the same after a warm-up round and after a second
 *     round (skipped when CONDUIT_HOST_RUN is set: Linux's count is
 *     noisy).
 *
 * One process, no synchronisation needed.
 */
#include <conduit/test.h>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

#define TOP "/tmp/tmpfs_dirs-d"
#define MANY 40
#define MANY_RM 150

static void make_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);

	CHECK(fd >= 0);
	CHECK_EQ(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	CHECK_EQ(close(fd), 0);
}

static void expect_error(int ret, int err)
{
	CHECK_EQ(ret, -1);
	CHECK_EQ(errno, err);
}

/*
 * The directory holds exactly the n names given (plus "." and "..").
 * types[i] is the expected d_type for names[i].
 */
static void check_listing(const char *dir, const char *const *names,
			  const unsigned char *types, int n)
{
	int seen[MANY + 8] = { 0 }, dots = 0, dotdots = 0;
	struct dirent *e;
	DIR *d = opendir(dir);

	CHECK(d != NULL);
	CHECK(n <= MANY + 8);
	for (int pass = 0; pass < 2; pass++) {
		memset(seen, 0, sizeof seen);
		dots = dotdots = 0;
		errno = 0;
		while ((e = readdir(d)) != NULL) {
			int found = 0;
			if (strcmp(e->d_name, ".") == 0) {
				dots++;
				CHECK_EQ(e->d_type, DT_DIR);
				continue;
			}
			if (strcmp(e->d_name, "..") == 0) {
				dotdots++;
				CHECK_EQ(e->d_type, DT_DIR);
				continue;
			}
			for (int i = 0; i < n; i++) {
				if (strcmp(e->d_name, names[i]) == 0) {
					seen[i]++;
					CHECK_EQ(e->d_type, types[i]);
					found = 1;
				}
			}
			if (!found) {
				fprintf(stderr, "FAIL %s: unexpected entry '%s'\n",
					dir, e->d_name);
				exit(1);
			}
		}
		CHECK_EQ(errno, 0);
		CHECK_EQ(dots, 1);
		CHECK_EQ(dotdots, 1);
		for (int i = 0; i < n; i++)
			CHECK_EQ(seen[i], 1);
		rewinddir(d);		/* the second pass sees the same */
	}
	CHECK_EQ(closedir(d), 0);
}

static void mkdir_and_listing(void)
{
	static const char *const names[] = { "sub", "file", "fifo" };
	static const unsigned char types[] = { DT_DIR, DT_REG, DT_FIFO };
	char name[64], *many[MANY];
	unsigned char many_types[MANY];
	struct stat st;

	CHECK_EQ(mkdir(TOP, 0755), 0);
	CHECK_EQ(stat(TOP, &st), 0);
	CHECK(S_ISDIR(st.st_mode));
	CHECK_EQ(st.st_nlink, 2);		/* its name, and its "." */
	check_listing(TOP, NULL, NULL, 0);

	CHECK_EQ(mkdir(TOP "/sub/", 0755), 0);	/* trailing slash */
	make_file(TOP "/file", "hello");
	CHECK_EQ(mkfifo(TOP "/fifo", 0600), 0);
	check_listing(TOP, names, types, 3);
	CHECK_EQ(stat(TOP, &st), 0);
	CHECK_EQ(st.st_nlink, 3);		/* and sub's ".." */
	CHECK_EQ(stat(TOP "/sub", &st), 0);
	CHECK_EQ(st.st_nlink, 2);
	CHECK_EQ(stat(TOP "/file", &st), 0);
	CHECK_EQ(st.st_nlink, 1);
	CHECK_EQ(st.st_size, 5);

	errno = 0;
	expect_error(mkdir(TOP "/sub", 0755), EEXIST);
	errno = 0;
	expect_error(mkdir(TOP "/file", 0755), EEXIST);
	errno = 0;
	expect_error(mkdir(TOP "/fifo", 0755), EEXIST);
	errno = 0;
	expect_error(mkdir(TOP "/missing/sub", 0755), ENOENT);
	errno = 0;
	expect_error(mkdir(TOP "/file/sub", 0755), ENOTDIR);
	check_listing(TOP, names, types, 3);

	/* many entries */
	for (int i = 0; i < MANY; i++) {
		snprintf(name, sizeof name, TOP "/sub/entry-with-a-longish-name-%02d", i);
		if (i % 2)
			make_file(name, "x");
		else
			CHECK_EQ(mkdir(name, 0700), 0);
		many[i] = strdup(strrchr(name, '/') + 1);
		many_types[i] = i % 2 ? DT_REG : DT_DIR;
	}
	check_listing(TOP "/sub", (const char *const *)many, many_types, MANY);
	for (int i = 0; i < MANY; i += 2) {		/* half of them go */
		snprintf(name, sizeof name, TOP "/sub/%s", many[i]);
		CHECK_EQ(rmdir(name), 0);
		free(many[i]);
	}
	for (int i = 0; i < MANY / 2; i++) {
		many[i] = many[2 * i + 1];
		many_types[i] = DT_REG;
	}
	check_listing(TOP "/sub", (const char *const *)many, many_types, MANY / 2);
	for (int i = 0; i < MANY / 2; i++) {
		snprintf(name, sizeof name, TOP "/sub/%s", many[i]);
		CHECK_EQ(unlink(name), 0);
		free(many[i]);
	}
	check_listing(TOP "/sub", NULL, NULL, 0);
}

static void rmdir_rules(void)
{
	static const char *const names[] = { "file" };
	static const unsigned char types[] = { DT_REG };
	struct stat st;

	CHECK_EQ(mkdir(TOP "/sub/inner", 0755), 0);
	CHECK_EQ(stat(TOP "/sub", &st), 0);
	CHECK_EQ(st.st_nlink, 3);
	errno = 0;
	expect_error(rmdir(TOP "/sub"), ENOTEMPTY);
	errno = 0;
	expect_error(rmdir(TOP "/nothing"), ENOENT);
	errno = 0;
	expect_error(rmdir(TOP "/file"), ENOTDIR);
	errno = 0;
	expect_error(rmdir(TOP "/sub/inner/."), EINVAL);
	errno = 0;
	expect_error(unlink(TOP "/sub"), EISDIR);
	CHECK_EQ(rmdir(TOP "/sub/inner/"), 0);		/* trailing slash */
	CHECK_EQ(stat(TOP "/sub", &st), 0);
	CHECK_EQ(st.st_nlink, 2);
	CHECK_EQ(rmdir(TOP "/sub"), 0);
	CHECK_EQ(unlink(TOP "/fifo"), 0);
	check_listing(TOP, names, types, 1);
	errno = 0;
	expect_error(rmdir(TOP "/sub"), ENOENT);
}

/*
 * The "rm -r" loop: remove each entry as readdir returns it.  Entries not
 * yet removed must still come, exactly once (each unlink must succeed),
 * however the removals move the others around.  MANY_RM entries with long
 * names fill several getdents64 buffers.
 */
static void remove_while_listing(void)
{
	char name[320];
	struct dirent *e;
	int removed = 0;
	DIR *d;

	CHECK_EQ(mkdir(TOP "/rm", 0755), 0);
	for (int i = 0; i < MANY_RM; i++) {
		snprintf(name, sizeof name,
			 TOP "/rm/a-rather-long-file-name-to-fill-buffers-%03d", i);
		make_file(name, "");
	}
	d = opendir(TOP "/rm");
	CHECK(d != NULL);
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(name, sizeof name, TOP "/rm/%s", e->d_name);
		CHECK_EQ(unlink(name), 0);
		removed++;
	}
	CHECK_EQ(closedir(d), 0);
	CHECK_EQ(removed, MANY_RM);
	check_listing(TOP "/rm", NULL, NULL, 0);
	CHECK_EQ(rmdir(TOP "/rm"), 0);
}

static void cwd_and_relative_paths(void)
{
	char buf[256], small[8], *start = getcwd(NULL, 0);
	struct stat st;
	int fd;

	CHECK(start != NULL);
	CHECK_EQ(chdir(TOP), 0);
	CHECK(getcwd(buf, sizeof buf) == buf);
	CHECK_EQ(strcmp(buf, TOP), 0);
	errno = 0;
	CHECK(getcwd(small, sizeof small) == NULL);
	CHECK_EQ(errno, ERANGE);

	/* relative names */
	CHECK_EQ(stat("file", &st), 0);
	CHECK_EQ(st.st_size, 5);
	CHECK_EQ(mkdir("rel", 0755), 0);
	make_file("rel/inside", "abc");
	CHECK_EQ(stat(TOP "/rel/inside", &st), 0);
	CHECK_EQ(st.st_size, 3);
	CHECK_EQ(chdir("rel"), 0);
	CHECK(getcwd(buf, sizeof buf) == buf);
	CHECK_EQ(strcmp(buf, TOP "/rel"), 0);
	fd = open("../file", O_RDONLY);
	CHECK(fd >= 0);
	CHECK_EQ(read(fd, buf, sizeof buf), 5);
	CHECK_EQ(memcmp(buf, "hello", 5), 0);
	CHECK_EQ(close(fd), 0);
	CHECK_EQ(stat("./inside", &st), 0);
	CHECK_EQ(stat(".", &st), 0);
	CHECK(S_ISDIR(st.st_mode));

	/* failed chdirs leave us where we are */
	errno = 0;
	expect_error(chdir("inside"), ENOTDIR);
	errno = 0;
	expect_error(chdir("missing"), ENOENT);
	CHECK(getcwd(buf, sizeof buf) == buf);
	CHECK_EQ(strcmp(buf, TOP "/rel"), 0);

	CHECK_EQ(unlink("inside"), 0);
	CHECK_EQ(chdir(".."), 0);
	CHECK(getcwd(buf, sizeof buf) == buf);
	CHECK_EQ(strcmp(buf, TOP), 0);
	CHECK_EQ(rmdir("rel"), 0);
	CHECK_EQ(chdir(start), 0);
	free(start);
}

static void access_rules(void)
{
	CHECK_EQ(access(TOP "/file", F_OK), 0);
	CHECK_EQ(access(TOP "/file", R_OK), 0);
	CHECK_EQ(access(TOP "/file", R_OK | W_OK), 0);
	CHECK_EQ(access(TOP, R_OK | W_OK | X_OK), 0);
	errno = 0;
	expect_error(access(TOP "/nothing", F_OK), ENOENT);
	errno = 0;
	expect_error(access(TOP "/file/x", F_OK), ENOTDIR);
}

static void one_round(void)
{
	mkdir_and_listing();
	rmdir_rules();
	remove_while_listing();
	cwd_and_relative_paths();
	access_rules();
	CHECK_EQ(unlink(TOP "/file"), 0);
	CHECK_EQ(rmdir(TOP), 0);
	errno = 0;
	expect_error(access(TOP, F_OK), ENOENT);
}

int main(void)
{
	remove_tree(TOP);	/* leftovers of an interrupted run (Linux) */
	run_leak_checked(one_round);
	return 0;
}
