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
