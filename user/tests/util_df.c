/*
 * util_df - /bin/df shows statfs's figures as "df -k" (and "df -i") do.
 *
 *  1. "df /tmp": a header line, then "tmpfs", f_blocks * 4 KiB, the KiB
 *     used ((f_blocks - f_bfree) * 4), available (f_bavail * 4), Use%
 *     (used over used + available, rounded up) and "/tmp".  After 1 MiB
 *     is written into a file, Used has grown by at least 1024.
 *  2. "df" alone: "/" (rootfs, 100% used, nothing available) and then
 *     "/tmp"; "df -i /tmp/." gives the inode figures.
 *  3. "df /no/such" says why on standard error and exits 1; "df -x" is
 *     a usage error (2).
 * The words of each line are compared, not the spacing.
 */
#include <conduit/pipeline.h>
#include <sys/statfs.h>

#define F "/tmp/util_df-file"

/* The words of line `n` (from 0) of r.out, in w (at most 8). */
static int words_of(int n, char w[8][32])
{
	const char *p = r.out;
	int count = 0;

	for (; n > 0 && p; n--)
		if ((p = strchr(p, '\n')) != NULL)
			p++;
	CHECK(p != NULL);
	while (*p && *p != '\n' && count < 8) {
		int len = 0;
		while (*p == ' ')
			p++;
		while (*p && *p != ' ' && *p != '\n' && len < 31)
			w[count][len++] = *p++;
		w[count++][len] = 0;
		while (*p == ' ')
			p++;
	}
	return count;
}

static int lines(void)
{
	int n = 0;

	for (size_t i = 0; i < r.out_len; i++)
		n += r.out[i] == '\n';
	return n;
}

static void check_header(int inodes)
{
	static const char *const blocks[] = { "Filesystem", "1K-blocks", "Used",
					      "Available", "Use%", "Mounted", "on" };
	static const char *const nodes[] = { "Filesystem", "Inodes", "IUsed",
					     "IFree", "IUse%", "Mounted", "on" };
	char w[8][32];

	CHECK_EQ(words_of(0, w), 7);
	for (int i = 0; i < 7; i++)
		CHECK_EQ(strcmp(w[i], inodes ? nodes[i] : blocks[i]), 0);
}

static long use_percent(unsigned long used, unsigned long avail)
{
	return (long)((used * 100ull + used + avail - 1) / (used + avail));
}

/* Line n shows name, all, used, available, their Use% and mount point. */
static void check_line(int n, const char *name, unsigned long all,
		       unsigned long used, unsigned long avail, const char *mount)
{
	char w[8][32], pct[8];

	CHECK_EQ(words_of(n, w), 6);
	CHECK_EQ(strcmp(w[0], name), 0);
	CHECK_EQ(strtoul(w[1], NULL, 10), all);
	CHECK_EQ(strtoul(w[2], NULL, 10), used);
	CHECK_EQ(strtoul(w[3], NULL, 10), avail);
	snprintf(pct, sizeof pct, "%ld%%", use_percent(used, avail));
	CHECK_EQ(strcmp(w[4], pct), 0);
	CHECK_EQ(strcmp(w[5], mount), 0);
}

static struct statfs get(const char *path)
{
	struct statfs st;

	CHECK_EQ(statfs(path, &st), 0);
	return st;
}

static void check_tmp_line(int n)
{
	struct statfs st = get("/tmp");

	check_line(n, "tmpfs", st.f_blocks * 4, (st.f_blocks - st.f_bfree) * 4,
		   st.f_bavail * 4, "/tmp");
}

static unsigned long used_kib(int n)
{
	char w[8][32];

	CHECK_EQ(words_of(n, w), 6);
	return strtoul(w[2], NULL, 10);
}

static void blocks(void)
{
	static char mib[1024 * 1024];
	unsigned long before;
	int fd;

	run("df /tmp", NULL);
	CHECK_EQ(r.code, 0);
	CHECK_EQ(lines(), 2);
	check_header(0);
	check_tmp_line(1);
	before = used_kib(1);

	fd = open(F, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	CHECK(fd >= 0);
	CHECK_EQ(write(fd, mib, sizeof mib), (ssize_t)sizeof mib);
	CHECK_EQ(close(fd), 0);
	run("df -k " F, NULL);
	CHECK_EQ(r.code, 0);
	check_tmp_line(1);
	CHECK(used_kib(1) >= before + 1024);
	CHECK_EQ(unlink(F), 0);
}

static void all_and_inodes(void)
{
	struct statfs root = get("/"), tmp = get("/tmp");
	char w[8][32];

	run("df", NULL);
	CHECK_EQ(r.code, 0);
	CHECK_EQ(lines(), 3);
	check_header(0);
	check_line(1, "rootfs", root.f_blocks * 4, root.f_blocks * 4, 0, "/");
	CHECK_EQ(words_of(1, w), 6);
	CHECK_EQ(strcmp(w[4], "100%"), 0);
	check_tmp_line(2);

	run("df -i /tmp/.", NULL);
	CHECK_EQ(r.code, 0);
	CHECK_EQ(lines(), 2);
	check_header(1);
	tmp = get("/tmp");
	check_line(1, "tmpfs", tmp.f_files, tmp.f_files - tmp.f_ffree,
		   tmp.f_ffree, "/tmp");
}

static void errors(void)
{
	EXPECT_ERROR("df /no/such", NULL, "df: /no/such: No such file or directory\n", 1);
	EXPECT_ERROR("df -x", NULL, "df: invalid option -- 'x'\nusage: df [-k | -i] [FILE...]\n", 2);
}

int main(void)
{
	if (getenv("CONDUIT_HOST_RUN")) {
		printf("util_df: Conduit's file systems only: skipped\n");
		return 0;
	}
	unlink(F);
	blocks();
	all_and_inodes();
	errors();
	return 0;
}
