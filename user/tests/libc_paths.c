/*
 * libc_paths - the path-name functions of the C library, against what
 * glibc gives: realpath() (".", "..", repeated slashes, relative paths,
 * and its errors), POSIX dirname()/basename() from <libgen.h> (with
 * glibc's results for the corner cases), the GNU basename() of
 * <string.h>, and pathconf()/fpathconf().  The symbolic-link cases of
 * realpath run only where symlink() works (Linux; Conduit has none yet).
 * The same file built with i686-linux-gnu-gcc -static passes on Linux.
 */
#define _GNU_SOURCE		/* the GNU basename, tested at the end */
#include <string.h>
#include <conduit/test.h>
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static char base[64];		/* this test's directory under /tmp */

/* base + suffix, in one of two static buffers (for two in one call). */
static const char *at(const char *suffix)
{
	static char buf[2][256];
	static int turn;

	turn = !turn;
	snprintf(buf[turn], sizeof(buf[turn]), "%s%s", base, suffix);
	return buf[turn];
}

/* realpath(path) must give base + want. */
static void check_realpath(const char *path, const char *want_suffix)
{
	char got[PATH_MAX];
	char want[256];

	snprintf(want, sizeof(want), "%s%s", base, want_suffix);
	errno = 0;
	if (realpath(path, got) == NULL || strcmp(got, want) != 0) {
		fprintf(stderr, "realpath(\"%s\"): got \"%s\", want \"%s\"\n",
			path, errno ? strerror(errno) : got, want);
		exit(1);
	}
}

/* realpath(path) must fail with error. */
static void check_realpath_fails(const char *path, int error)
{
	char got[PATH_MAX];

	errno = 0;
	CHECK(realpath(path, got) == NULL);
	CHECK_EQ(errno, error);
}

static void make_tree(void)
{
	snprintf(base, sizeof(base), "/tmp/libc_paths.%d", (int)getpid());
	CHECK_EQ(mkdir(base, 0755), 0);
	CHECK_EQ(mkdir(at("/a"), 0755), 0);
	CHECK_EQ(mkdir(at("/a/b"), 0755), 0);
	int fd = open(at("/f"), O_CREAT | O_WRONLY, 0644);
	CHECK(fd >= 0);
	close(fd);
}

static void test_realpath_absolute(void)
{
	char buf[PATH_MAX], *p;

	check_realpath(at("/a/b/../b/./"), "/a/b");
	check_realpath(at("//a///b//"), "/a/b");
	check_realpath(at("/a/./b/../../f"), "/f");
	check_realpath(at("/f"), "/f");
	CHECK(realpath("/", buf) && strcmp(buf, "/") == 0);
	CHECK(realpath("/..", buf) && strcmp(buf, "/") == 0);
	CHECK(realpath("//./../", buf) && strcmp(buf, "/") == 0);
	/* no buffer: the result comes from malloc */
	p = realpath(at("/a/b/.."), NULL);
	CHECK(p != NULL);
	CHECK(strcmp(p, at("/a")) == 0);
	free(p);
}

static void test_realpath_relative(void)
{
	char buf[PATH_MAX];
	static char long_path[PATH_MAX + 2000];

	CHECK_EQ(chdir(at("/a")), 0);
	check_realpath(".", "/a");
	check_realpath("b", "/a/b");
	check_realpath("b/..", "/a");
	check_realpath("..", "");
	check_realpath("./b/../../f", "/f");
	CHECK(realpath("../../../../../../..", buf) && strcmp(buf, "/") == 0);
	/* the path may be longer than PATH_MAX if the result is not */
	strcpy(long_path, "b");
	while (strlen(long_path) < PATH_MAX + 100)
		strcat(long_path, "/.");
	check_realpath(long_path, "/a/b");
	CHECK_EQ(chdir("/"), 0);
}

static void test_realpath_errors(void)
{
	char name[NAME_MAX + 50];
	char path[sizeof(name) + 10];

	check_realpath_fails(at("/missing"), ENOENT);
	check_realpath_fails(at("/missing/x"), ENOENT);
	check_realpath_fails(at("/missing/.."), ENOENT);
	check_realpath_fails(at("/f/x"), ENOTDIR);
	check_realpath_fails(at("/f/"), ENOTDIR);
	check_realpath_fails(at("/f/."), ENOTDIR);
	check_realpath_fails(at("/f/.."), ENOTDIR);
	check_realpath_fails("", ENOENT);
	check_realpath_fails(NULL, EINVAL);
	memset(name, 'n', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	snprintf(path, sizeof(path), "/tmp/%s", name);
	check_realpath_fails(path, ENAMETOOLONG);
}

/* Only where the kernel has symbolic links. */
static void test_realpath_symlinks(void)
{
	if (symlink("a/b", at("/to_b")) < 0) {
		CHECK_EQ(errno, ENOSYS);
		return;
	}
	check_realpath(at("/to_b"), "/a/b");
	check_realpath(at("/to_b/.."), "/a");	/* .. of the real directory */
	CHECK_EQ(symlink(at("/f"), at("/abs_f")), 0);
	check_realpath(at("/abs_f"), "/f");
	check_realpath_fails(at("/abs_f/"), ENOTDIR);
	CHECK_EQ(symlink("nowhere", at("/dangling")), 0);
	check_realpath_fails(at("/dangling"), ENOENT);
	CHECK_EQ(symlink("loop", at("/loop")), 0);
	check_realpath_fails(at("/loop"), ELOOP);
	unlink(at("/to_b"));
	unlink(at("/abs_f"));
	unlink(at("/dangling"));
	unlink(at("/loop"));
}

struct split_case {
	const char *path, *dir, *base;
};

/* What glibc 2.36 gives. */
static const struct split_case split_cases[] = {
	{ "/usr/lib", "/usr", "lib" },
	{ "/usr/lib/", "/usr", "lib" },
	{ "/usr/", "/", "usr" },
	{ "usr", ".", "usr" },
	{ "/", "/", "/" },
	{ "//", "//", "/" },
	{ "///", "/", "/" },
	{ "", ".", "." },
	{ ".", ".", "." },
	{ "..", ".", ".." },
	{ "a//b//", "a", "b" },
	{ "//a", "//", "a" },
	{ "a/b/c", "a/b", "c" },
	{ ".//", ".", "." },
	{ "//usr//lib//", "//usr", "lib" },
};

static void test_dirname_basename(void)
{
	for (size_t i = 0; i < sizeof(split_cases) / sizeof(split_cases[0]); i++) {
		const struct split_case *c = &split_cases[i];
		char d[32], b[32];
		const char *got_d, *got_b;

		strcpy(d, c->path);
		strcpy(b, c->path);
		got_d = dirname(d);
		got_b = basename(b);
		if (strcmp(got_d, c->dir) != 0 || strcmp(got_b, c->base) != 0) {
			fprintf(stderr, "\"%s\": dirname \"%s\" (want \"%s\"), basename \"%s\" (want \"%s\")\n",
				c->path, got_d, c->dir, got_b, c->base);
			exit(1);
		}
	}
	CHECK(strcmp(dirname(NULL), ".") == 0);
	CHECK(strcmp(basename(NULL), ".") == 0);
}

static void test_pathconf(void)
{
	int fds[2];

	CHECK_EQ(pathconf("/", _PC_NAME_MAX), NAME_MAX);
	CHECK_EQ(pathconf("/tmp", _PC_PATH_MAX), PATH_MAX);
	CHECK_EQ(pathconf(base, _PC_PIPE_BUF), PIPE_BUF);
	CHECK_EQ(PIPE_BUF, 4096);
	CHECK_EQ(pathconf("/", _PC_MAX_CANON), MAX_CANON);
	CHECK_EQ(pathconf("/", _PC_NO_TRUNC), 1);
	CHECK_EQ(pathconf("/", _PC_CHOWN_RESTRICTED), 1);
	CHECK_EQ(pathconf("/", _PC_VDISABLE), 0);
	CHECK(pathconf(base, _PC_LINK_MAX) >= 8);	/* _POSIX_LINK_MAX */
	CHECK(pathconf(base, _PC_FILESIZEBITS) >= 32);
	CHECK_EQ(pipe(fds), 0);
	CHECK_EQ(fpathconf(fds[0], _PC_PIPE_BUF), PIPE_BUF);
	CHECK_EQ(fpathconf(fds[1], _PC_NAME_MAX), NAME_MAX);
	close(fds[0]);
	close(fds[1]);

	/* -1 without an error: no limit / not supported */
	errno = 0;
	CHECK_EQ(pathconf("/", _PC_SYMLINK_MAX), -1);
	CHECK_EQ(errno, 0);

	errno = 0;
	CHECK_EQ(pathconf("/", 999), -1);
	CHECK_EQ(errno, EINVAL);
	errno = 0;
	CHECK_EQ(pathconf("/", -1), -1);
	CHECK_EQ(errno, EINVAL);
	errno = 0;
	CHECK_EQ(fpathconf(0, 999), -1);
	CHECK_EQ(errno, EINVAL);
	/* names that depend on the file check that it exists */
	errno = 0;
	CHECK_EQ(pathconf(at("/missing"), _PC_NAME_MAX), -1);
	CHECK_EQ(errno, ENOENT);
	errno = 0;
	CHECK_EQ(pathconf(at("/f/x"), _PC_LINK_MAX), -1);
	CHECK_EQ(errno, ENOTDIR);
	errno = 0;
	CHECK_EQ(fpathconf(99, _PC_NAME_MAX), -1);
	CHECK_EQ(errno, EBADF);
}

static void remove_test_tree(void)
{
	CHECK_EQ(unlink(at("/f")), 0);
	CHECK_EQ(rmdir(at("/a/b")), 0);
	CHECK_EQ(rmdir(at("/a")), 0);
	CHECK_EQ(rmdir(base), 0);
}

/* From here on, basename is the GNU one of <string.h>. */
#undef basename

static void test_gnu_basename(void)
{
	char path[] = "/usr/lib/";

	CHECK(strcmp(basename("/usr/lib"), "lib") == 0);
	CHECK(strcmp(basename("/usr/lib/"), "") == 0);
	CHECK(strcmp(basename("name"), "name") == 0);
	CHECK(strcmp(basename("/"), "") == 0);
	CHECK(strcmp(basename(""), "") == 0);
	basename(path);
	CHECK(strcmp(path, "/usr/lib/") == 0);	/* never written */
}

int main(void)
{
	make_tree();
	test_realpath_absolute();
	test_realpath_relative();
	test_realpath_errors();
	test_realpath_symlinks();
	test_dirname_basename();
	test_pathconf();
	remove_test_tree();
	test_gnu_basename();
	return 0;
}
