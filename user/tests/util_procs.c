/*
 * util_procs.c - the process and system utilities, driven through
 * pipes: compose (an N-command pipeline built with pipe/fork/dup2/execv),
 * kill (signals, process groups, -l), ps and pipeinfo (their table
 * layout, from made-up input through PS_FILE=- and PIPEINFO_FILE=-, and
 * the real /proc files when they exist), and ls.
 *
 * Each check runs a command line with some standard input: the harness
 * below forks one child per command, connects them with pipes, execs the
 * programs from /bin and collects the last command's standard output,
 * everybody's standard error and the exit statuses.
 *
 * To run this test on another system (say, Linux, against programs
 * built there), set UTIL_BIN_DIR to the directory holding the programs;
 * it defaults to /bin.  (compose itself always looks in /bin, so there
 * it runs the system's own seq, grep, ...)
 */
#include <conduit/test.h>
#include <dirent.h>
#include <signal.h>
#include <sys/stat.h>

#include <conduit/pipeline.h>

/* ---- the checks ---- */

static void test_compose(void)
{
	EXPECT("compose 'seq 10' 'grep 1' 'wc -l'", NULL, "2\n");
	EXPECT("compose 'seq 20' 'grep 1' 'sort -r' 'head -n 3'", NULL, "19\n18\n17\n");
	CHECK_EQ(r.err_len, 0);
	EXPECT("compose 'tr a-z A-Z' 'grep B' 'sort' 'uniq -c'", "abc\nxyz\nbb\nabc\n",
	       "      2 ABC\n      1 BB\n");
	EXPECT("compose cat", "just one\n", "just one\n");
	/* A producer killed by SIGPIPE is normal and not reported. */
	EXPECT("compose yes 'head -n 2'", NULL, "y\ny\n");
	CHECK_EQ(r.err_len, 0);
	/* The status is the last command's; failures are reported. */
	EXPECT_CODE("compose 'seq 3' 'grep 9' 'wc -l'", NULL, "0\n", 0);
	EXPECT_ERROR("compose 'seq 3' 'grep 9' 'wc -l'", NULL,
		     "compose: command 2 (grep): exit status 1\n", 0);
	EXPECT_ERROR("compose 'seq 3' false", NULL,
		     "compose: command 2 (false): exit status 1\n", 1);
	EXPECT_ERROR("compose no-such-program", NULL,
		     "compose: no-such-program: No such file or directory\n"
		     "compose: command 1 (no-such-program): exit status 127\n", 127);
	EXPECT_CODE("compose", NULL, "", 2);
}

/* Fork a child that waits for a signal; in process group pgid if > 0. */
static pid_t start_sleeper(pid_t pgid)
{
	pid_t pid = fork();

	CHECK(pid >= 0);
	if (pid == 0) {
		if (pgid >= 0)
			setpgid(0, pgid);
		for (;;)
			pause();
	}
	if (pgid >= 0)
		setpgid(pid, pgid ? pgid : pid);	/* also here: no race */
	return pid;
}

/* Run a kill command line on a fresh sleeper; check how it died. */
static void check_kill(const char *options, int sig)
{
	pid_t pid = start_sleeper(-1);
	char line[128];
	int status;

	snprintf(line, sizeof line, "kill %s %d", options, (int)pid);
	EXPECT(line, NULL, "");
	status = wait_for_child(pid);
	CHECK(WIFSIGNALED(status));
	CHECK_EQ(WTERMSIG(status), sig);
}

static void test_kill(void)
{
	pid_t leader, member, gone;
	char line[128];
	int status;

	EXPECT("kill -l 9", NULL, "KILL\n");
	EXPECT("kill -l term", NULL, "15\n");
	EXPECT("kill -l 143", NULL, "TERM\n");
	EXPECT("kill -l | head -n 2", NULL, "1 HUP\n2 INT\n");
	EXPECT("kill -l | wc -l", NULL, "31\n");

	check_kill("", SIGTERM);
	check_kill("-9", SIGKILL);
	check_kill("-s USR1", SIGUSR1);
	check_kill("-SIGINT", SIGINT);
	check_kill("-HUP --", SIGHUP);

	/* A negative pid is a process group: both members get the signal. */
	leader = start_sleeper(0);
	member = start_sleeper(leader);
	snprintf(line, sizeof line, "kill -s TERM -%d", (int)leader);
	EXPECT(line, NULL, "");
	status = wait_for_child(leader);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);
	status = wait_for_child(member);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);

	/* A process that is gone: reported, exit status 1. */
	gone = fork();
	CHECK(gone >= 0);
	if (gone == 0)
		_exit(0);
	wait_for_child(gone);
	snprintf(line, sizeof line, "kill %d", (int)gone);
	run(line, NULL);
	CHECK_EQ(r.code, 1);
	snprintf(line, sizeof line, "kill: %d: No such process\n", (int)gone);
	CHECK_EQ(strcmp(r.err, line), 0);

	EXPECT_CODE("kill -FOO 1", NULL, "", 2);
	EXPECT_CODE("kill -9 x", NULL, "", 2);
	EXPECT_CODE("kill", NULL, "", 2);
}

static void test_ps_layout(void)
{
	CHECK_EQ(setenv("PS_FILE", "-", 1), 0);
	EXPECT("ps",
	       "PID PPID PGID STATE WCHAN CPU NAME\n"
	       "1 0 1 S wait 0 init\n"
	       "7 1 7 S pipe-read:3 1 grep\n"
	       "12345 7 7 Z - 3 zombie\n",
	       "  PID   PPID   PGID  STATE  WCHAN        CPU  NAME\n"
	       "    1      0      1  S      wait         0    init\n"
	       "    7      1      7  S      pipe-read:3  1    grep\n"
	       "12345      7      7  Z      -            3    zombie\n");
	/* NAME is the rest of the line; blank lines are skipped, short ones
	 * reported (ps and pipeinfo share the reader: user/lib/table.c). */
	EXPECT("ps",
	       "PID PPID PGID STATE WCHAN CPU NAME\n"
	       "\n"
	       "2 1 2 R - 0 a  name  \n",
	       "  PID   PPID   PGID  STATE  WCHAN  CPU  NAME\n"
	       "    2      1      2  R      -      0    a  name\n");
	EXPECT_ERROR("ps", "PID PPID PGID STATE WCHAN CPU NAME\n1 0 1 S wait 0\n",
		     "ps: -: line 2: too few fields\n", 0);
	CHECK_EQ(unsetenv("PS_FILE"), 0);
}

static void test_pipeinfo_layout(void)
{
	CHECK_EQ(setenv("PIPEINFO_FILE", "-", 1), 0);
	EXPECT("pipeinfo",
	       "PIPE USED SIZE READERS WRITERS RWAIT WWAIT\n"
	       "3 32768 65536 1 1 - 12\n"
	       "4 0 65536 1 0 7,8 -\n"
	       "12 65536 65536 0 1 - 9,10\n",
	       "PIPE   USED   SIZE  READERS  WRITERS  RWAIT  WWAIT  FILL\n"
	       "   3  32768  65536        1        1  -      12     [#####.....]  50%\n"
	       "   4      0  65536        1        0  7,8    -      [..........]   0%\n"
	       "  12  65536  65536        0        1  -      9,10   [##########] 100%\n");
	/* Exactly seven fields; a size of 0 has no bar. */
	EXPECT("pipeinfo",
	       "PIPE USED SIZE READERS WRITERS RWAIT WWAIT\n"
	       " \t \n"
	       "5 1 0 1 1 - -\n",
	       "PIPE  USED  SIZE  READERS  WRITERS  RWAIT  WWAIT  FILL\n"
	       "   5     1     0        1        1  -      -      ?\n");
	EXPECT_ERROR("pipeinfo", "PIPE USED SIZE READERS WRITERS RWAIT WWAIT\n"
		     "1 2 3 4 5 6 7 8\n1 2 3\n",
		     "pipeinfo: -: line 2: expected 7 fields\n"
		     "pipeinfo: -: line 3: expected 7 fields\n", 0);
	CHECK_EQ(unsetenv("PIPEINFO_FILE"), 0);
}

/* Is there a line in text that starts with start and contains part? */
static int has_line(const char *text, const char *start, const char *part)
{
	for (const char *line = text; *line; ) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		char copy[256];

		if (len < sizeof copy) {
			memcpy(copy, line, len);
			copy[len] = '\0';
			if (strncmp(copy, start, strlen(start)) == 0 && strstr(copy, part))
				return 1;
		}
		line += len + (end != NULL);
	}
	return 0;
}

/* With the real /proc files (on Conduit): ps sees itself, pipeinfo a pipe. */
static void test_real_proc(void)
{
	static char data[32768];
	char start[32];
	int fds[2];

	if (access("/proc/ps", R_OK) == 0) {
		run("ps | cat", NULL);
		CHECK_EQ(r.code, 0);
		CHECK(strncmp(r.out, "  PID   PPID   PGID  STATE  WCHAN", 33) == 0);
		snprintf(start, sizeof start, "%5d ", (int)getpid());
		CHECK(has_line(r.out, start, "util_procs"));
	}
	if (access("/proc/pipes", R_OK) == 0) {
		CHECK_EQ(pipe(fds), 0);
		memset(data, 'x', sizeof data);
		CHECK_EQ(write(fds[1], data, sizeof data), (ssize_t)sizeof data);
		run("pipeinfo", NULL);
		CHECK_EQ(r.code, 0);
		/* PIPE is right-aligned to the widest pipe number, which grows
		 * with the pipes made before this test: skip the padding. */
		CHECK(strncmp(r.out + strspn(r.out, " "),
			      "PIPE   USED   SIZE  READERS  WRITERS", 36) == 0);
		CHECK(has_line(r.out, "", " 32768  65536 "));
		CHECK(has_line(r.out, "", "[#####.....]  50%"));
		close(fds[0]);
		close(fds[1]);
	}
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* What "ls [-a] dir" should print: the sorted names from readdir(). */
static void expected_listing(const char *dir, int all, char *out, size_t size)
{
	static char *names[512];
	int count = 0;
	DIR *d = opendir(dir);
	struct dirent *e;

	CHECK(d != NULL);
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' && !all)
			continue;
		CHECK(count < 512);
		names[count++] = strdup(e->d_name);
	}
	closedir(d);
	qsort(names, count, sizeof names[0], compare_names);
	out[0] = '\0';
	for (int i = 0; i < count; i++) {
		CHECK(strlen(out) + strlen(names[i]) + 2 < size);
		strcat(out, names[i]);
		strcat(out, "\n");
		free(names[i]);
	}
}

static void test_ls(void)
{
	static char want[16384];
	char line[600], path[512];
	struct stat st;

	snprintf(line, sizeof line, "ls %s", bin_dir());
	expected_listing(bin_dir(), 0, want, sizeof want);
	EXPECT(line, NULL, want);
	CHECK(strstr(r.out, "cat\n") && strstr(r.out, "ls\n"));

	snprintf(line, sizeof line, "ls -a %s", bin_dir());
	expected_listing(bin_dir(), 1, want, sizeof want);
	EXPECT(line, NULL, want);

	snprintf(line, sizeof line, "ls %s/yes %s/cat", bin_dir(), bin_dir());
	snprintf(want, sizeof want, "%s/cat\n%s/yes\n", bin_dir(), bin_dir());
	EXPECT(line, NULL, want);

	/* -l: "-rwxr-xr-x 1 0 0 SIZE PATH" */
	snprintf(path, sizeof path, "%s/cat", bin_dir());
	CHECK_EQ(stat(path, &st), 0);
	snprintf(line, sizeof line, "ls -l %s", path);
	run(line, NULL);
	CHECK_EQ(r.code, 0);
	CHECK(r.out[0] == '-' && r.out[1] == 'r');
	snprintf(want, sizeof want, " %lu %s\n", (unsigned long)st.st_size, path);
	CHECK(r.out_len > strlen(want) && strcmp(r.out + r.out_len - strlen(want), want) == 0);

	EXPECT_ERROR("ls /no/such/file", NULL, "ls: /no/such/file: No such file or directory\n", 1);
}

int main(void)
{
	alarm(25);		/* a hung pipeline fails instead of blocking */
	test_compose();
	test_kill();
	test_ps_layout();
	test_pipeinfo_layout();
	test_real_proc();
	test_ls();
	return 0;
}
