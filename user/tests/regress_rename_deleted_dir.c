/*
 * regress_rename_deleted_dir - renaming a directory into a removed
 * directory must fail, not hang the kernel.
 *
 * rename() refuses to move a directory below itself by walking up from the
 * target directory through its parents until it meets the directory being
 * moved or the root.  A removed directory is its own parent, so from a
 * removed current directory that walk never ended: the kernel looped in
 * rename() with no way out, and the whole machine hung (no preemption in
 * the kernel).  Found by reading fs code while writing the fuzzer; the
 * fuzzer's "rename into the current directory after rmdir" reaches it.
 *
 * A child makes /tmp/X/d its current directory, removes it, and renames
 * /tmp/X/e (a directory) to "e2", relative to the removed directory: that
 * must fail with ENOENT (as on Linux).  If the kernel hangs, the test
 * runner's timeout cannot help either: the whole run times out.
 */
#include <conduit/test.h>
#include <sys/stat.h>

int main(void)
{
	char top[64], d[80], e[80];
	pid_t pid;
	int status;

	snprintf(top, sizeof(top), "/tmp/regress_rename.%d", (int)getpid());
	snprintf(d, sizeof(d), "%s/d", top);
	snprintf(e, sizeof(e), "%s/e", top);
	CHECK_EQ(mkdir(top, 0755), 0);
	CHECK_EQ(mkdir(d, 0755), 0);
	CHECK_EQ(mkdir(e, 0755), 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		CHECK_EQ(chdir(d), 0);
		CHECK_EQ(rmdir(d), 0);
		CHECK_EQ(rename(e, "e2"), -1);
		CHECK_EQ(errno, ENOENT);
		_exit(0);
	}
	status = wait_for_child(pid);
	CHECK_EQ(status, 0);
	CHECK_EQ(rmdir(e), 0);
	CHECK_EQ(rmdir(top), 0);
	return 0;
}
