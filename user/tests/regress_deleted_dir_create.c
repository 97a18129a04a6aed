/*
 * regress_deleted_dir_create - nothing can be created in a directory that
 * has been removed.
 *
 * A process whose current directory is removed (rmdir by path from
 * elsewhere) still holds it; it used to be able to create files, FIFOs
 * and directories in it, and to move things into it.  Those nodes hung
 * under a directory that no path reaches and that is freed when its last
 * user lets go: their memory leaked (one kmalloc object and a page per
 * node in /proc/meminfo), and a directory made there kept a pointer to its
 * freed parent.  Found by fuzz (a leak of 1 kmalloc object and 1 page).
 *
 * Linux answers ENOENT for each: open(O_CREAT), creat, mkdir, mknod,
 * rename into it.  Afterwards nothing may be left over.
 */
#include <conduit/test.h>
#include <fcntl.h>
#include <sys/stat.h>

int main(void)
{
	char top[64], dir[80], other[80];
	long objects, pages;
	pid_t pid;
	int status;

	snprintf(top, sizeof(top), "/tmp/regress_deleted.%d", (int)getpid());
	snprintf(dir, sizeof(dir), "%s/gone", top);
	snprintf(other, sizeof(other), "%s/other", top);
	CHECK_EQ(mkdir(top, 0755), 0);
	CHECK_EQ(chdir("/"), 0);
	objects = meminfo("kmalloc_objects");
	pages = meminfo("pages_free");

	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		int fd, bad = 0;
		CHECK_EQ(mkdir(dir, 0755), 0);
		CHECK_EQ(mkdir(other, 0755), 0);
		CHECK_EQ(chdir(dir), 0);
		CHECK_EQ(rmdir(dir), 0);
		fd = open("file", O_CREAT | O_WRONLY, 0644);
		if (fd >= 0 || errno != ENOENT) {
			fprintf(stderr, "FAIL: open(O_CREAT) in a removed directory: %d (errno %d)\n",
				fd, errno);
			bad = 1;
			if (fd >= 0)
				close(fd);
		}
		fd = creat("file2", 0644);
		if (fd >= 0 || errno != ENOENT) {
			fprintf(stderr, "FAIL: creat in a removed directory: %d (errno %d)\n", fd, errno);
			bad = 1;
			if (fd >= 0)
				close(fd);
		}
		if (mkdir("sub", 0755) == 0 || errno != ENOENT) {
			fprintf(stderr, "FAIL: mkdir in a removed directory (errno %d)\n", errno);
			bad = 1;
		}
		if (mkfifo("fifo", 0600) == 0 || errno != ENOENT) {
			fprintf(stderr, "FAIL: mkfifo in a removed directory (errno %d)\n", errno);
			bad = 1;
		}
		if (rename(other, "moved") == 0 || errno != ENOENT) {
			fprintf(stderr, "FAIL: rename into a removed directory (errno %d)\n", errno);
			bad = 1;
		}
		_exit(bad);
	}
	status = wait_for_child(pid);
	CHECK_EQ(status, 0);
	rmdir(other);
	if (meminfo("kmalloc_objects") != objects || meminfo("pages_free") != pages)
		fprintf(stderr, "FAIL: kmalloc_objects %ld -> %ld, pages_free %ld -> %ld\n",
			objects, meminfo("kmalloc_objects"), pages, meminfo("pages_free"));
	CHECK_EQ(meminfo("kmalloc_objects"), objects);
	CHECK_EQ(meminfo("pages_free"), pages);
	CHECK_EQ(rmdir(top), 0);
	return 0;
}
