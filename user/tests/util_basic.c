/*
 * util_basic.c - the simple utilities, driven through pipes: echo,
 * printf, cat, rev, true, false, env, yes, seq, wc, head, tail, tee and
 * sleep.
 *
 * Each check runs a command line such as "seq 100 | tail -n 3" with some
 * standard input: the harness below forks one child per command,
 * connects them with pipes, execs the programs from /bin and collects
 * the last command's standard output, everybody's standard error and
 * the exit statuses.  The output is compared exactly.
 *
 * To run this test on another system (say, Linux, against programs
 * built there), set UTIL_BIN_DIR to the directory holding the programs;
 * it defaults to /bin.
 */
#include <conduit/test.h>
#include <signal.h>
#include <sys/stat.h>

#include <conduit/pipeline.h>

/* ---- the checks ---- */

static void test_echo(void)
{
	EXPECT("echo hello   world", NULL, "hello world\n");
	EXPECT("echo", NULL, "\n");
	EXPECT("echo -n a b", NULL, "a b");
	EXPECT("echo -e 'a\\tb\\\\c\\n'", NULL, "a\tb\\c\n\n");
	EXPECT("echo -e 'x\\cy' z", NULL, "x");
	EXPECT("echo 'a\\tb' -n", NULL, "a\\tb -n\n");
}

static void test_printf(void)
{
	EXPECT("printf '%s=%d\\n' a 1 b 2", NULL, "a=1\nb=2\n");
	EXPECT("printf '%5s|%-5s|%05d|%x|%o|%X|%c|%%|%u|%i\\n' ab cd 42 255 8 255 hello 7 -3",
	       NULL, "   ab|cd   |00042|ff|10|FF|h|%|7|-3\n");
	EXPECT("printf '%s-%d|' x", NULL, "x-0|");
	EXPECT("printf 'a\\tb\\\\c\\101\\n'", NULL, "a\tb\\cA\n");
	EXPECT("printf '%d %d\\n' 0x10 -010", NULL, "16 -8\n");
	EXPECT("printf '%.2s|%+d\\n' abc 5", NULL, "ab|+5\n");
	EXPECT("printf no-args-used x y", NULL, "no-args-used");
	EXPECT_CODE("printf '%d\\n' abc", NULL, "0\n", 1);
	EXPECT_ERROR("printf '%d\\n' abc", NULL, "printf: 'abc': expected a numeric value\n", 1);
	EXPECT_ERROR("printf", NULL, "usage: printf FORMAT [ARGUMENT...]\n", 2);
}

static void test_cat_rev(void)
{
	EXPECT("cat", "abc\ndef", "abc\ndef");
	EXPECT("cat - -", "x\n", "x\n");
	EXPECT_ERROR("cat /no/such/file", NULL, "cat: /no/such/file: No such file or directory\n", 1);
	EXPECT("seq 100000 | cat | wc -c", NULL, "588895\n");
	EXPECT("rev", "abc\nhello world\n\nx", "cba\ndlrow olleh\n\nx");
}

/* cat a whole program file: the byte count must match stat(). */
static void test_cat_big_file(void)
{
	char path[256], line[512];
	struct stat st;

	snprintf(path, sizeof path, "%s/sort", bin_dir());
	CHECK_EQ(stat(path, &st), 0);
	snprintf(line, sizeof line, "cat %s | wc -c", path);
	run(line, NULL);
	CHECK_EQ(r.code, 0);
	CHECK_EQ(strtol(r.out, NULL, 10), st.st_size);
}

static void test_true_false_env(void)
{
	char line[512], want[512];

	EXPECT_CODE("true ignored args", NULL, "", 0);
	EXPECT_CODE("false", NULL, "", 1);
	EXPECT("env -i A=1 B=2", NULL, "A=1\nB=2\n");
	EXPECT("env -i A=1 B=2 A=3", NULL, "A=3\nB=2\n");
	/* env runs a command (here env itself) with the changed environment. */
	snprintf(line, sizeof line, "env -i PATH=%s X=5 env -u PATH Y=6", bin_dir());
	EXPECT(line, NULL, "X=5\nY=6\n");
	snprintf(line, sizeof line, "env -i PATH=%s X=5 env", bin_dir());
	snprintf(want, sizeof want, "PATH=%s\nX=5\n", bin_dir());
	EXPECT(line, NULL, want);
	EXPECT_ERROR("env -i no-such-program", NULL, "env: no-such-program: No such file or directory\n", 127);
}

static void test_yes(void)
{
	EXPECT("yes | head -n 3", NULL, "y\ny\ny\n");
	/* yes must have died of SIGPIPE once head was gone. */
	CHECK(WIFSIGNALED(r.status[0]));
	CHECK_EQ(WTERMSIG(r.status[0]), SIGPIPE);
	EXPECT("yes a b | head -n 2", NULL, "a b\na b\n");
	EXPECT("yes | head -c 100000 | wc -c", NULL, "100000\n");
}

static void test_seq(void)
{
	EXPECT("seq 5", NULL, "1\n2\n3\n4\n5\n");
	EXPECT("seq 3 5", NULL, "3\n4\n5\n");
	EXPECT("seq 1 3 10", NULL, "1\n4\n7\n10\n");
	EXPECT("seq 5 -2 0", NULL, "5\n3\n1\n");
	EXPECT("seq -2 0", NULL, "-2\n-1\n0\n");
	EXPECT("seq -s , 4", NULL, "1,2,3,4\n");
	EXPECT("seq -s ': ' 3", NULL, "1: 2: 3\n");
	EXPECT("seq -w 8 10", NULL, "08\n09\n10\n");
	EXPECT("seq 0 0.5 2", NULL, "0.0\n0.5\n1.0\n1.5\n2.0\n");
	EXPECT("seq 2 1", NULL, "");
	EXPECT("seq 100000 | tail -n 1", NULL, "100000\n");
	EXPECT_CODE("seq x", NULL, "", 2);
	EXPECT_CODE("seq 1 0 5", NULL, "", 2);
}

static void test_wc(void)
{
	const char *text = "hello world\nfoo  bar baz\n\n  x";

	EXPECT("wc", text, "      3       6      29\n");
	EXPECT("wc -l", text, "3\n");
	EXPECT("wc -w", text, "6\n");
	EXPECT("wc -c", text, "29\n");
	EXPECT("wc -lc", text, "      3      29\n");
	EXPECT("seq 1000 | wc", NULL, "   1000    1000    3893\n");
	EXPECT("wc -l", "", "0\n");
	EXPECT_CODE("wc -l /no/such/file", NULL, "", 1);
}

static void test_head_tail(void)
{
	EXPECT("seq 100 | head", NULL, "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n");
	EXPECT("seq 100 | head -n 3", NULL, "1\n2\n3\n");
	EXPECT("seq 100 | head -2", NULL, "1\n2\n");
	EXPECT("head -c 5", "hello world", "hello");
	EXPECT("head -n 0", "a\n", "");
	EXPECT("head -n 5", "a\nb", "a\nb");
	EXPECT("seq 100 | tail", NULL, "91\n92\n93\n94\n95\n96\n97\n98\n99\n100\n");
	EXPECT("seq 100 | tail -n 3", NULL, "98\n99\n100\n");
	EXPECT("seq 100 | tail -2", NULL, "99\n100\n");
	EXPECT("seq 100 | tail -n +98", NULL, "98\n99\n100\n");
	EXPECT("seq 100 | tail -c 4", NULL, "100\n");
	EXPECT("tail -c +7", "hello world", "world");
	EXPECT("tail -n 2", "a\nb\nc", "b\nc");
	EXPECT("tail -n 5", "a\nb\n", "a\nb\n");
	EXPECT("seq 20000 | tail -n 1000 | head -n 1", NULL, "19001\n");
	EXPECT_CODE("head -n x", NULL, "", 2);
	EXPECT_CODE("tail -n", NULL, "", 2);
}

static void test_tee(void)
{
	EXPECT("tee", "abc\n", "abc\n");
	EXPECT("seq 3 | tee | tee | wc -l", NULL, "3\n");
	/* A file that cannot be created: reported, but stdout still gets it all. */
	EXPECT_CODE("tee /no/such/dir/file", "data\n", "data\n", 1);
}

static void test_sleep(void)
{
	struct timespec start, end;
	long elapsed_ms;

	clock_gettime(CLOCK_MONOTONIC, &start);
	EXPECT("sleep 0.2", NULL, "");
	clock_gettime(CLOCK_MONOTONIC, &end);
	elapsed_ms = (end.tv_sec - start.tv_sec) * 1000 +
		     (end.tv_nsec - start.tv_nsec) / 1000000;
	CHECK(elapsed_ms >= 180);	/* 200, less a clock tick or two */
	EXPECT_CODE("sleep 1x", NULL, "", 2);
	EXPECT_CODE("sleep", NULL, "", 2);
}

int main(void)
{
	alarm(25);		/* a hung pipeline fails instead of blocking */
	test_echo();
	test_printf();
	test_cat_rev();
	test_cat_big_file();
	test_true_false_env();
	test_yes();
	test_seq();
	test_wc();
	test_head_tail();
	test_tee();
	test_sleep();
	return 0;
}
