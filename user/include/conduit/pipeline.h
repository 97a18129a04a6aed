/*
 * conduit/pipeline.h - run a command line such as "seq 100 | tail -n 3"
 * from a test and check what it printed, for the tests of the programs in
 * /bin (user/tests/util_*.c).
 *
 * run() forks one child per command, connects them with pipes, execs the
 * programs from /bin (or from $UTIL_BIN_DIR, to run the same test against
 * programs built on another system) and collects the last command's
 * standard output, everybody's standard error and the exit statuses.
 * EXPECT(), EXPECT_CODE() and EXPECT_ERROR() compare them exactly and end
 * the test with a message on the first difference.
 *
 * Everything is static (inline) so that each test, a single .c file, can
 * include it; a test uses one `struct result` at a time.
 */
#ifndef CONDUIT_PIPELINE_H
#define CONDUIT_PIPELINE_H

#include <conduit/test.h>
#include <signal.h>
#include <sys/stat.h>

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
static inline const char *bin_dir(void)
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
static inline int parse_line(const char *line, char *words[][MAX_WORDS + 1], char *storage)
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
static inline size_t read_all(int fd, char *buf, size_t max)
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
static inline void exec_child(char **argv, int in, int out, int err)
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
static inline int feed_input(const char *input, size_t len, pid_t *writer)
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
static inline struct result *run(const char *line, const char *input)
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
static inline void print_visible(const char *s)
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

static inline void fail_text(int line, const char *cmd, const char *what,
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
static inline void expect(int line, const char *cmd, const char *input,
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
static inline void expect_error(int line, const char *cmd, const char *input,
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

#endif
