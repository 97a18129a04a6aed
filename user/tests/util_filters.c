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

/* ---- the harness: run a pipeline of programs and capture its output ---- */

#define OUT_MAX 65536
#define ERR_MAX 4096
#define MAX_COMMANDS 8
#define MAX_WORDS 32
#define LINE_MAX_CHARS 1024

/* What a pipeline did. */
struct result {
	int commands;
	int status[MAX_COMMANDS];	/* wait status of each command */
	int code;			/* exit code of the last one, or 128+signal */
	char out[OUT_MAX + 1];		/* standard output of the last command */
	size_t out_len;
	char err[ERR_MAX + 1];		/* standard error of all commands */
	size_t err_len;
};

static struct result r;

/* The directory of the programs: /bin, or $UTIL_BIN_DIR when testing elsewhere. */
static const char *bin_dir(void)
{
	const char *dir = getenv("UTIL_BIN_DIR");

	return dir && dir[0] ? dir : "/bin";
}

/*
 * Split a command line into commands and words.  Words are separated by
 * blanks, '...' quotes blanks and '|', and a '|' word separates two
 * commands.  words[c] becomes the NULL-terminated argv of command c.
 * The strings live in `storage`.  Returns the number of commands.
 */
static int parse_line(const char *line, char *words[][MAX_WORDS + 1], char *storage)
{
	int commands = 0, count = 0;
	const char *p = line;

	for (;;) {
		int quoted = 0, any = 0;

		while (*p == ' ')
			p++;
		if (*p == '\0' || (*p == '|' && (p[1] == ' ' || p[1] == '\0'))) {
			CHECK(count > 0 && commands < MAX_COMMANDS);
			words[commands++][count] = NULL;
			count = 0;
			if (*p == '\0')
				return commands;
			p++;
			continue;
		}
		CHECK(count < MAX_WORDS);
		words[commands][count++] = storage;
		while (*p && (quoted || *p != ' ')) {
			if (*p == '\'')
				quoted = !quoted;
			else
				*storage++ = *p;
			p++;
			any = 1;
		}
		CHECK(any && !quoted);
		*storage++ = '\0';
	}
}

/* Read everything from fd into buf (at most max bytes kept). */
static size_t read_all(int fd, char *buf, size_t max)
{
	static char scratch[4096];
	size_t len = 0;
	ssize_t n;

	for (;;) {
		char *to = len < max ? buf + len : scratch;
		size_t room = len < max ? max - len : sizeof scratch;

		n = read(fd, to, room);
		if (n < 0 && errno == EINTR)
			continue;
		CHECK(n >= 0);
		if (n == 0)
			break;
		if (len < max)
			len += n;
	}
	buf[len] = '\0';
	return len;
}

/* In a child: connect stdin/stdout/stderr, close the rest, exec. */
static void exec_child(char **argv, int in, int out, int err)
{
	char path[256];

	dup2(in, 0);
	dup2(out, 1);
	dup2(err, 2);
	for (int fd = 3; fd < 64; fd++)
		close(fd);
	snprintf(path, sizeof path, "%s/%s", bin_dir(), argv[0]);
	execv(path, argv);
	fprintf(stderr, "cannot run %s: %s\n", path, strerror(errno));
	_exit(127);
}

/* Start a child that writes input into a new pipe; returns the read end. */
static int feed_input(const char *input, size_t len, pid_t *writer)
{
	int fds[2];

	CHECK_EQ(pipe(fds), 0);
	*writer = fork();
	CHECK(*writer >= 0);
	if (*writer == 0) {
		close(fds[0]);
		while (len > 0) {
			ssize_t n = write(fds[1], input, len);

			if (n <= 0)
				_exit(1);
			input += n;
			len -= n;
		}
		_exit(0);
	}
	close(fds[1]);
	return fds[0];
}

/*
 * Run a command line like "seq 10 | grep 1" with the given standard
 * input (NULL: empty) and fill in r.  The programs are found in bin_dir().
 */
static struct result *run(const char *line, const char *input)
{
	static char *words[MAX_COMMANDS][MAX_WORDS + 1];
	static char storage[LINE_MAX_CHARS * 2];
	pid_t pids[MAX_COMMANDS], writer;
	int out_pipe[2], err_pipe[2], in;

	CHECK(strlen(line) < LINE_MAX_CHARS);
	memset(&r, 0, sizeof r);
	r.commands = parse_line(line, words, storage);
	fflush(stdout);
	in = feed_input(input ? input : "", input ? strlen(input) : 0, &writer);
	CHECK_EQ(pipe(out_pipe), 0);
	CHECK_EQ(pipe(err_pipe), 0);
	for (int i = 0; i < r.commands; i++) {
		int next[2] = { -1, -1 };

		if (i < r.commands - 1)
			CHECK_EQ(pipe(next), 0);
		pids[i] = fork();
		CHECK(pids[i] >= 0);
		if (pids[i] == 0)
			exec_child(words[i], in, next[1] >= 0 ? next[1] : out_pipe[1],
				   err_pipe[1]);
		close(in);
		if (next[1] >= 0)
			close(next[1]);
		in = next[0];
	}
	close(out_pipe[1]);
	close(err_pipe[1]);
	r.out_len = read_all(out_pipe[0], r.out, OUT_MAX);
	r.err_len = read_all(err_pipe[0], r.err, ERR_MAX);
	close(out_pipe[0]);
	close(err_pipe[0]);
	for (int i = 0; i < r.commands; i++)
		r.status[i] = wait_for_child(pids[i]);
	wait_for_child(writer);
	r.code = WIFEXITED(r.status[r.commands - 1]) ? WEXITSTATUS(r.status[r.commands - 1])
		 : 128 + WTERMSIG(r.status[r.commands - 1]);
	return &r;
}

/* Print s with newlines and tabs made visible. */
static void print_visible(const char *s)
{
	fputc('"', stderr);
	for (; *s; s++) {
		if (*s == '\n')
			fputs("\\n", stderr);
		else if (*s == '\t')
			fputs("\\t", stderr);
		else
			fputc(*s, stderr);
	}
	fputc('"', stderr);
}

static void fail_text(int line, const char *cmd, const char *what,
		      const char *want, const char *got)
{
	fprintf(stderr, "FAIL %s:%d: %s: %s: expected ", __FILE__, line, cmd, what);
	print_visible(want);
	fputs(", got ", stderr);
	print_visible(got);
	fputc('\n', stderr);
	exit(1);
}

/* Run cmd on input; check its output and exit code exactly. */
static void expect(int line, const char *cmd, const char *input,
		   const char *want_out, int want_code)
{
	run(cmd, input);
	if (strcmp(r.out, want_out) != 0 || r.out_len != strlen(want_out))
		fail_text(line, cmd, "output", want_out, r.out);
	if (r.code != want_code) {
		fprintf(stderr, "FAIL %s:%d: %s: exit code %d, expected %d; stderr ",
			__FILE__, line, cmd, r.code, want_code);
		print_visible(r.err);
		fputc('\n', stderr);
		exit(1);
	}
}

/* Run cmd on input; check standard error and the exit code exactly. */
static void expect_error(int line, const char *cmd, const char *input,
			 const char *want_err, int want_code)
{
	run(cmd, input);
	if (strcmp(r.err, want_err) != 0)
		fail_text(line, cmd, "standard error", want_err, r.err);
	if (r.code != want_code) {
		fprintf(stderr, "FAIL %s:%d: %s: exit code %d, expected %d\n",
			__FILE__, line, cmd, r.code, want_code);
		exit(1);
	}
}

/* The output must be want_out and the exit status 0. */
#define EXPECT(cmd, input, want_out) expect(__LINE__, cmd, input, want_out, 0)
/* The output must be want_out and the exit status code. */
#define EXPECT_CODE(cmd, input, want_out, code) expect(__LINE__, cmd, input, want_out, code)
/* Standard error must be want_err and the exit status code. */
#define EXPECT_ERROR(cmd, input, want_err, code) expect_error(__LINE__, cmd, input, want_err, code)

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
