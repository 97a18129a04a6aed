/*
 * util_filters.c - the text filters, driven through pipes: grep (with
 * its regular-expression subset), tr, sort, uniq and cut, plus the
 * classic pipeline "seq 100000 | grep 7 | wc -l".
 *
 * Each check runs a command line such as "sort -n | uniq -c" with some
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

#include <conduit/pipeline.h>

/* ---- the checks ---- */

/* The lines grep is tried on. */
static const char grep_input[] =
	"apple\n"
	"Banana\n"
	"cherry pie\n"
	"\n"
	"foo.bar\n"
	"fooXbar\n"
	"a*b\n"
	"ab\n"
	"aab\n"
	"[x]\n"
	"abc123def\n";

static void test_grep_regex(void)
{
	const char *in = grep_input;

	EXPECT("grep an", in, "Banana\n");
	EXPECT("grep ^a", in, "apple\na*b\nab\naab\nabc123def\n");
	EXPECT("grep e$", in, "apple\ncherry pie\n");
	EXPECT("grep foo.bar", in, "foo.bar\nfooXbar\n");
	EXPECT("grep foo\\.bar", in, "foo.bar\n");
	EXPECT("grep ^a*b$", in, "ab\naab\n");		/* "b" would match too */
	EXPECT("grep a\\*b", in, "a*b\n");
	EXPECT("grep '^$'", in, "\n");
	EXPECT("grep '[0-9][0-9]*'", in, "abc123def\n");
	EXPECT("grep '^[^a-z]'", in, "Banana\n[x]\n");
	EXPECT("grep '[[:digit:]]'", in, "abc123def\n");
	EXPECT("grep '[]x[]'", in, "[x]\n");
	EXPECT("grep 'c.*e'", in, "cherry pie\nabc123def\n");
	EXPECT("grep '*b'", in, "a*b\n");		/* a leading * is literal */
	EXPECT("grep 'a[*X]b'", in, "a*b\n");
	EXPECT("grep 'o*X'", in, "fooXbar\n");
}

static void test_grep_options(void)
{
	const char *in = grep_input;

	EXPECT("grep -F a*b", in, "a*b\n");
	EXPECT("grep -F .", in, "foo.bar\n");
	EXPECT("grep -v a", in, "cherry pie\n\n[x]\n");
	EXPECT("grep -c a", in, "8\n");
	EXPECT("grep -n rr", in, "3:cherry pie\n");
	EXPECT("grep -i banana", in, "Banana\n");
	EXPECT("grep -i '^B'", in, "Banana\n");
	EXPECT("grep -q pie", in, "");
	/* Exit status: 0 some line selected, 1 none, 2 trouble. */
	EXPECT_CODE("grep -q zzz", in, "", 1);
	EXPECT_CODE("grep zzz", in, "", 1);
	EXPECT_CODE("grep -c zzz", in, "0\n", 1);
	EXPECT_ERROR("grep '[abc'", in, "grep: Unmatched [\n", 2);
	EXPECT_CODE("grep a /no/such/file", in, "", 2);
	EXPECT_CODE("grep", in, "", 2);
}

static void test_tr(void)
{
	EXPECT("tr a-z A-Z", "Hello, World!\n", "HELLO, WORLD!\n");
	EXPECT("tr '[:lower:]' '[:upper:]'", "abc\n", "ABC\n");
	EXPECT("tr -d aeiou", "education\n", "dctn\n");
	EXPECT("tr -s ' '", "a   b  c\n", "a b c\n");
	EXPECT("tr a-c x", "abcd\n", "xxxd\n");
	EXPECT("tr abc xy", "abcd\n", "xyyd\n");
	EXPECT("tr '\\n' ,", "1\n2\n3\n", "1,2,3,");
	EXPECT("tr -s a-z A-Z", "aabbcc dd\n", "ABC D\n");
	EXPECT("tr -d '\\t'", "a\tb\t\n", "ab\n");
	EXPECT_CODE("tr a", "x", "", 2);
	EXPECT_CODE("tr z-a x", "x", "", 2);
}

static void test_sort(void)
{
	const char *nums = "10\n9\n-3\n100\n0\n2.5\n";

	EXPECT("sort", "pear\napple\nfig\nBanana\n", "Banana\napple\nfig\npear\n");
	EXPECT("sort -r", "pear\napple\nfig\n", "pear\nfig\napple\n");
	EXPECT("sort", nums, "-3\n0\n10\n100\n2.5\n9\n");
	EXPECT("sort -n", nums, "-3\n0\n2.5\n9\n10\n100\n");
	EXPECT("sort -nr", nums, "100\n10\n9\n2.5\n0\n-3\n");
	EXPECT("sort -u", "b\na\nb\nc\na\n", "a\nb\nc\n");
	EXPECT("sort -nu", "2\n1\n02\n3\n1\n", "1\n2\n3\n");
	/* Stable: equal keys keep their input order, also reversed. */
	EXPECT("sort -n", "2 b\n1 z\n2 a\n1 y\n", "1 z\n1 y\n2 b\n2 a\n");
	EXPECT("sort -nr", "1 z\n2 b\n1 y\n2 a\n", "2 b\n2 a\n1 z\n1 y\n");
	EXPECT("sort", "no newline\nat end", "at end\nno newline\n");
	EXPECT("seq 1000 | sort -nr | head -n 2", NULL, "1000\n999\n");
	EXPECT("seq 1000 | sort | tail -n 1", NULL, "999\n");
}

static void test_uniq(void)
{
	const char *in = "a\na\nb\nc\nc\nc\na\n";

	EXPECT("uniq", in, "a\nb\nc\na\n");
	EXPECT("uniq -c", in, "      2 a\n      1 b\n      3 c\n      1 a\n");
	EXPECT("uniq -d", in, "a\nc\n");
	EXPECT("uniq -u", in, "b\na\n");
	EXPECT("sort | uniq -c", in, "      3 a\n      1 b\n      3 c\n");
	EXPECT("sort | uniq -c | sort -nr | head -n 1", "x\ny\ny\nz\ny\n", "      3 y\n");
}

static void test_cut(void)
{
	const char *in = "a:b:c:d\nno delim\n1:2\n";

	EXPECT("cut -d : -f 1", in, "a\nno delim\n1\n");
	EXPECT("cut -d : -f 1,3-", in, "a:c:d\nno delim\n1\n");
	EXPECT("cut -d : -f 3,1", in, "a:c\nno delim\n1\n");
	EXPECT("cut -d : -f -2", in, "a:b\nno delim\n1:2\n");
	EXPECT("cut -d : -s -f 2-", in, "b:c:d\n2\n");
	EXPECT("cut -f 2", "x\ty\tz\n", "y\n");
	EXPECT("cut -c 1-3", "abcdef\nxy\n", "abc\nxy\n");
	EXPECT("cut -c 2,4-", "abcdef\n", "bdef\n");
	EXPECT_CODE("cut -d : -f 0", in, "", 2);
	EXPECT_CODE("cut -d ab -f 1", in, "", 2);
}

static void test_pipelines(void)
{
	EXPECT("seq 100000 | grep 7 | wc -l", NULL, "40951\n");
	EXPECT("seq 30 | grep 1 | tr 1 x | sort -r | head -n 3", NULL, "xx\nx9\nx8\n");
}

int main(void)
{
	alarm(25);		/* a hung pipeline fails instead of blocking */
	test_grep_regex();
	test_grep_options();
	test_tr();
	test_sort();
	test_uniq();
	test_cut();
	test_pipelines();
	return 0;
}
