/*
 * tty_background - POSIX job control on the terminal, as Linux does it: a
 * background job (a process of the terminal's session whose group is not
 * the foreground group) may not use the terminal.
 *
 *   read       sends SIGTTIN to the whole group, which stops; made the
 *              foreground and continued, the read runs again and gets
 *              the line.  SIGTTIN ignored or blocked: EIO.  Caught by a
 *              handler (no SA_RESTART): the read fails with EINTR.
 *   write      with TOSTOP set: SIGTTOU, the process stops; with SIGTTOU
 *              ignored it writes.  Without TOSTOP anyone may write.
 *   tcsetattr, tcsetpgrp   SIGTTOU (TOSTOP or not); ignored: allowed.
 *   orphaned   a group whose parents are all gone (its member's parent is
 *              init now) is never stopped: read and TOSTOP writes give
 *              EIO, tcsetpgrp ENOTTY.
 *   sessions   a process of another session (after setsid) is not
 *              subject to any of this: its TOSTOP write goes through.
 *
 * Each case runs in a child that puts itself in a new group (the parent
 * does too, so there is no race); the parent sees stops with waitpid
 * WUNTRACED.  Lines are "typed" with TIOCSTI.  The test ignores SIGTTOU
 * itself, like a shell, so that it can take the terminal back.  Passes on
 * Linux too (run as root under script(1)).
 */
#include <conduit/test.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/ioctl.h>
#include <termios.h>

#define OK 0
#define WRONG_ERRNO(e) (10 + (e))

static pid_t our_group;
static volatile sig_atomic_t handled;

static void on_signal(int sig)
{
	(void)sig;
	handled = 1;
}

static void type_line(const char *s)
{
	for (; *s; s++)
		CHECK_EQ(ioctl(0, TIOCSTI, s), 0);
}

/* Throw away any input left from before (nonblocking reads). */
static void drain_input(void)
{
	int fd = open("/dev/tty", O_RDONLY | O_NONBLOCK);
	char buf[256];

	CHECK(fd >= 0);
	while (read(fd, buf, sizeof(buf)) > 0)
		;
	close(fd);
}

/*
 * Fork a child in a new group (pgid = its pid, or group if nonzero).  It
 * keeps descriptors 0 to 3 only (3: a pipe some bodies read to its end).
 */
static pid_t start_bg(pid_t group, int (*body)(void))
{
	pid_t pid = fork();

	CHECK(pid >= 0);
	if (pid == 0) {
		for (int fd = 4; fd < 64; fd++)
			close(fd);
		setpgid(0, group);
		signal(SIGTTIN, SIG_DFL);
		signal(SIGTTOU, SIG_DFL);
		_exit(body());
	}
	setpgid(pid, group ? group : pid);
	return pid;
}

static void expect_stop(pid_t pid, int sig)
{
	int status;

	CHECK_EQ(waitpid(pid, &status, WUNTRACED), pid);
	if (!WIFSTOPPED(status))
		fprintf(stderr, "FAIL: pid %d: status %#x, expected a stop by %d\n",
			(int)pid, status, sig);
	CHECK(WIFSTOPPED(status));
	CHECK_EQ(WSTOPSIG(status), sig);
}

static void expect_exit(pid_t pid, int code)
{
	int status;

	CHECK_EQ(waitpid(pid, &status, WUNTRACED), pid);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != code)
		fprintf(stderr, "FAIL: pid %d: status %#x, expected exit %d\n",
			(int)pid, status, code);
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), code);
}

static void kill_stopped(pid_t pid)
{
	int status;

	CHECK_EQ(kill(pid, SIGKILL), 0);
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFSIGNALED(status));
}

static int read_line_ok(void)
{
	char buf[16];

	return read(0, buf, sizeof(buf)) == 3 && memcmp(buf, "ok\n", 3) == 0 ? OK : 1;
}

static int read_expect_errno(int err)
{
	char c;

	errno = 0;
	if (read(0, &c, 1) >= 0)
		return 1;
	return errno == err ? OK : WRONG_ERRNO(errno);
}

static int read_eio(void)
{
	return read_expect_errno(EIO);
}

static int read_ignoring(void)
{
	signal(SIGTTIN, SIG_IGN);
	return read_expect_errno(EIO);
}

static int read_blocking(void)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGTTIN);
	sigprocmask(SIG_BLOCK, &set, NULL);
	return read_expect_errno(EIO);
}

static int read_handled(void)
{
	struct sigaction act;
	int r;

	memset(&act, 0, sizeof(act));
	act.sa_handler = on_signal;
	sigaction(SIGTTIN, &act, NULL);		/* no SA_RESTART */
	r = read_expect_errno(EINTR);
	return r == OK && !handled ? 2 : r;
}

static int wait_on_pipe(void)
{
	char c;

	while (read(3, &c, 1) > 0)	/* fd 3: a pipe from the parent */
		;
	return OK;
}

static int write_one(void)
{
	return write(1, "\r", 1) == 1 ? OK : WRONG_ERRNO(errno);
}

static int write_ignoring(void)
{
	signal(SIGTTOU, SIG_IGN);
	return write_one();
}

static int set_modes(void)
{
	struct termios t;

	if (tcgetattr(0, &t) < 0)
		return 2;
	return tcsetattr(0, TCSANOW, &t) == 0 ? OK : WRONG_ERRNO(errno);
}

static int set_modes_ignoring(void)
{
	signal(SIGTTOU, SIG_IGN);
	return set_modes();
}

static int set_fg_self(void)
{
	return tcsetpgrp(0, getpgrp()) == 0 ? OK : WRONG_ERRNO(errno);
}

/*
 * SIGTTIN stops the whole group; in the foreground the read restarts.
 * b makes the group and a joins it, so b is in it before a can read: the
 * other way round, a on another CPU could read (and stop alone) before b
 * had even been forked.
 */
static void check_read_stops_group(void)
{
	int hold[2];
	pid_t a, b;

	CHECK_EQ(pipe(hold), 0);
	CHECK_EQ(hold[0], 3);		/* what b reads; nothing else is open */
	b = start_bg(0, wait_on_pipe);
	a = start_bg(b, read_line_ok);
	close(hold[0]);
	expect_stop(a, SIGTTIN);
	expect_stop(b, SIGTTIN);	/* a's read stopped b too */
	type_line("ok\n");
	CHECK_EQ(tcsetpgrp(0, b), 0);
	CHECK_EQ(kill(-b, SIGCONT), 0);
	expect_exit(a, OK);		/* the restarted read got the line */
	close(hold[1]);
	expect_exit(b, OK);
	CHECK_EQ(tcsetpgrp(0, our_group), 0);	/* SIGTTOU is ignored here */
	CHECK_EQ(tcgetpgrp(0), our_group);
}

static void check_read_exceptions(void)
{
	expect_exit(start_bg(0, read_ignoring), OK);
	expect_exit(start_bg(0, read_blocking), OK);
	expect_exit(start_bg(0, read_handled), OK);
}

static void set_tostop(bool on)
{
	struct termios t;

	CHECK_EQ(tcgetattr(0, &t), 0);
	t.c_lflag = on ? t.c_lflag | TOSTOP : t.c_lflag & ~TOSTOP;
	CHECK_EQ(tcsetattr(0, TCSANOW, &t), 0);
	CHECK_EQ(tcgetattr(0, &t), 0);
	CHECK_EQ(!!(t.c_lflag & TOSTOP), on);
}

/* A child in a session of its own (so not a group leader first). */
static pid_t start_new_session(int (*body)(void))
{
	pid_t pid = fork();

	CHECK(pid >= 0);
	if (pid == 0) {
		signal(SIGTTOU, SIG_DFL);
		_exit(setsid() < 0 ? 2 : body());
	}
	return pid;
}

static void check_writes_and_changes(void)
{
	pid_t pid;

	expect_exit(start_bg(0, write_one), OK);	/* TOSTOP is off */
	set_tostop(true);
	pid = start_bg(0, write_one);
	expect_stop(pid, SIGTTOU);
	kill_stopped(pid);
	expect_exit(start_bg(0, write_ignoring), OK);
	expect_exit(start_new_session(write_one), OK);
	set_tostop(false);

	pid = start_bg(0, set_modes);
	expect_stop(pid, SIGTTOU);
	kill_stopped(pid);
	pid = start_bg(0, set_fg_self);
	expect_stop(pid, SIGTTOU);
	kill_stopped(pid);
	CHECK_EQ(tcgetpgrp(0), our_group);
	expect_exit(start_bg(0, set_modes_ignoring), OK);
}

/* In an orphaned group (its parent gone): EIO, never a stop. */
static int orphan_checks(void)
{
	char c;
	int r;

	while (read(3, &c, 1) > 0)	/* until our parent has been reaped */
		;
	if ((r = read_eio()) != OK)
		return r;
	errno = 0;
	if (write(1, "\r", 1) >= 0 || errno != EIO)
		return 3;
	errno = 0;
	if (tcsetpgrp(0, getpgrp()) == 0 || errno != ENOTTY)
		return 4;
	return OK;
}

static int orphan_parent(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		/* It reports through the result pipe, fd 4: once we have
		 * exited it is init's child, and we cannot wait for it. */
		char code;
		setpgid(0, 0);
		code = (char)('0' + orphan_checks());
		_exit(write(4, &code, 1) == 1 ? 0 : 1);
	}
	return pid > 0 ? OK : 2;
}

static void check_orphaned(void)
{
	int hold[2], result[2];
	pid_t pid;
	char c = 0;

	set_tostop(true);
	CHECK_EQ(pipe(hold), 0);
	CHECK_EQ(hold[0], 3);		/* what the grandchild reads */
	CHECK_EQ(pipe(result), 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		signal(SIGTTIN, SIG_DFL);
		signal(SIGTTOU, SIG_DFL);
		close(hold[1]), close(result[0]);
		dup2(result[1], 4);
		_exit(orphan_parent());
	}
	close(hold[0]), close(result[1]);
	expect_exit(pid, OK);		/* reaped: the grandchild is an orphan */
	close(hold[1]);			/* go */
	CHECK_EQ(read(result[0], &c, 1), 1);
	if (c != '0')
		fprintf(stderr, "FAIL: orphaned group: check %c failed\n", c);
	CHECK_EQ(c, '0');
	close(result[0]);
	set_tostop(false);
}

int main(void)
{
	our_group = getpgrp();
	if (!isatty(0) || tcgetpgrp(0) != our_group) {
		fprintf(stderr, "FAIL: not in the terminal's foreground group\n");
		return 1;
	}
	signal(SIGTTOU, SIG_IGN);	/* to take the terminal back, as a shell */
	drain_input();
	check_read_stops_group();
	check_read_exceptions();
	check_writes_and_changes();
	check_orphaned();
	return 0;
}
