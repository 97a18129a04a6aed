/*
 * tmpfs_readonly - outside /tmp the tree is the read-only initramfs:
 * everything that would change it fails with EROFS, and nothing else
 * does.
 *
 * Everywhere (Conduit and the Linux host, where none of this modifies
 * anything):
 *   - /bin/cat opens read-only and reads as an ELF file (ftruncate through
 *     that descriptor is EINVAL: not open for writing); O_RDONLY|O_CREAT
 *     of it succeeds (it exists: nothing to create);
 *   - creating an existing name is EEXIST before anything else:
 *     mkdir("/bin"), mkfifo("/bin/cat"), O_CREAT|O_EXCL of /bin/cat;
 *   - /tmp is writable (access W_OK), and chdir to a read-only directory
 *     works with relative opens there.
 * On Conduit only (uname says "Conduit"; the host's root file system is
 * writable, and changing it is not this test's business):
 *   - EROFS from open for writing (O_WRONLY, O_RDWR), from O_CREAT of a
 *     new name, mkdir, mkfifo, unlink, rmdir, truncate and access(W_OK)
 *     in the read-only tree; for unlink and rmdir before any other
 *     check (rmdir of a non-empty directory, unlink of a directory or of
 *     a missing name: all EROFS, as on Linux); afterwards /bin/cat is
 *     still there and unchanged in size, and nothing new exists.
 * (These Conduit-only expectations were checked against Linux on a
 * read-only tmpfs mount.)
 *
 * One process, no synchronisation needed.
 */
#include <conduit/test.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/utsname.h>

static void fails(int ret, int err, const char *what)
{
	if (ret != -1 || errno != err) {
		fprintf(stderr, "FAIL %s: returned %d, errno %d (%s), expected errno %d (%s)\n",
			what, ret, errno, strerror(errno), err, strerror(err));
		exit(1);
	}
}
#define FAILS(call, err) do { errno = 0; fails((call), (err), #call); } while (0)

static void everywhere(void)
{
	char buf[4];
	int fd;

	fd = open("/bin/cat", O_RDONLY);
	CHECK(fd >= 0);
	CHECK_EQ(read(fd, buf, 4), 4);
	CHECK_EQ(memcmp(buf, "\177ELF", 4), 0);
	FAILS(ftruncate(fd, 0), EINVAL);
	CHECK_EQ(close(fd), 0);
	fd = open("/bin/cat", O_RDONLY | O_CREAT, 0600);
	CHECK(fd >= 0);
	CHECK_EQ(close(fd), 0);

	FAILS(mkdir("/bin", 0755), EEXIST);
	FAILS(mkfifo("/bin/cat", 0600), EEXIST);
	FAILS(open("/bin/cat", O_WRONLY | O_CREAT | O_EXCL, 0600), EEXIST);

	CHECK_EQ(access("/tmp", W_OK), 0);
	CHECK_EQ(access("/bin/cat", R_OK | X_OK), 0);
	CHECK_EQ(chdir("/bin"), 0);
	fd = open("cat", O_RDONLY);
	CHECK(fd >= 0);
	CHECK_EQ(close(fd), 0);
	CHECK_EQ(chdir("/"), 0);
}

static void conduit_only(void)
{
	struct stat before, after;

	CHECK_EQ(stat("/bin/cat", &before), 0);
	FAILS(open("/bin/cat", O_WRONLY), EROFS);
	FAILS(open("/bin/cat", O_RDWR), EROFS);
	FAILS(open("/bin/tmpfs_readonly-new", O_WRONLY | O_CREAT, 0600), EROFS);
	FAILS(open("/tmpfs_readonly-new", O_RDONLY | O_CREAT, 0600), EROFS);
	FAILS(mkdir("/tmpfs_readonly-dir", 0755), EROFS);
	FAILS(mkdir("/bin/tmpfs_readonly-dir", 0755), EROFS);
	FAILS(mkfifo("/tmpfs_readonly-fifo", 0600), EROFS);
	FAILS(unlink("/bin/cat"), EROFS);
	/* Linux checks for a read-only file system before it looks at the
	 * name: EROFS, not ENOTEMPTY, EISDIR or ENOENT */
	FAILS(rmdir("/bin"), EROFS);
	FAILS(unlink("/bin"), EROFS);
	FAILS(unlink("/bin/tmpfs_readonly-missing"), EROFS);
	FAILS(rmdir("/tmpfs_readonly-missing"), EROFS);
	FAILS(truncate("/bin/cat", 0), EROFS);
	FAILS(access("/bin/cat", W_OK), EROFS);
	FAILS(access("/bin", W_OK), EROFS);

	CHECK_EQ(stat("/bin/cat", &after), 0);
	CHECK_EQ(after.st_size, before.st_size);
	CHECK_EQ(access("/tmpfs_readonly-new", F_OK), -1);
	CHECK_EQ(access("/tmpfs_readonly-dir", F_OK), -1);
}

int main(void)
{
	struct utsname u;

	everywhere();
	CHECK_EQ(uname(&u), 0);
	if (strcmp(u.sysname, "Conduit") == 0)
		conduit_only();
	return 0;
}
