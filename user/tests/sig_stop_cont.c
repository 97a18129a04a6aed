/*
 * sig_stop_cont - SIGSTOP and SIGTSTP stop a process, SIGCONT continues
 * it, and waitpid reports both with WUNTRACED / WCONTINUED.
 *
 * The child is an echo server: it reads a byte from one pipe and writes
 * it back on another, so the parent can tell whether it is running.  It
 * moves into its own process group first (so it is never in an orphaned
 * group, where Linux discards SIGTSTP); the parent calls setpgid too, so
 * that the group exists whichever runs first.
 *
 *   SIGSTOP: waitpid(WUNTRACED) gives WIFSTOPPED, WSTOPSIG == SIGSTOP,
 *     reported once (a second WNOHANG|WUNTRACED call gives 0); plain
 *     waitpid(WNOHANG) does not report a stop; a byte sent while stopped
 *     is not echoed (checked after 50 ms: a child that was wrongly still
 *     running would have echoed by then; if it were merely slow the test
 *     could miss the bug, never fail wrongly);
 *   SIGCONT: waitpid(WCONTINUED) gives WIFCONTINUED, once; the pending
 *     byte is echoed now;
 *   SIGTSTP (default action) stops too, WSTOPSIG == SIGTSTP;
 *   SIGKILL ends a stopped child;
 *   a SIGCONT handler runs when the process is continued (and on a
 *     SIGCONT sent while it is running): it writes 'C' into the echo pipe.
 */
#define _GNU_SOURCE
#include <conduit/test.h>
#include <fcntl.h>
#include <signal.h>

static int to_child[2], from_child[2];

static void on_cont(int sig)
{
	(void)sig;
	write(from_child[1], "C", 1);
}

static void echo_server(int cont_handler)
{
	char c;
	ssize_t n;

	CHECK_EQ(setpgid(0, 0), 0);
	if (cont_handler) {
		struct sigaction act;

		memset(&act, 0, sizeof act);
		act.sa_handler = on_cont;
		act.sa_flags = SA_RESTART;
		sigemptyset(&act.sa_mask);
		CHECK_EQ(sigaction(SIGCONT, &act, NULL), 0);
	}
	CHECK_EQ(write(from_child[1], "R", 1), 1);	/* ready */
	for (;;) {
		n = read(to_child[0], &c, 1);
		if (n == 0)
			_exit(0);
		if (n < 0 && errno == EINTR)
			continue;
		CHECK_EQ(n, 1);
		CHECK_EQ(write(from_child[1], &c, 1), 1);
	}
}

static pid_t start_server(int cont_handler)
{
	pid_t pid;
	char c;

	CHECK_EQ(pipe(to_child), 0);
	CHECK_EQ(pipe(from_child), 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		close(to_child[1]);
		close(from_child[0]);
		echo_server(cont_handler);
	}
	close(to_child[0]);
	close(from_child[1]);
	CHECK_EQ(setpgid(pid, pid), 0);
	CHECK_EQ(read(from_child[0], &c, 1), 1);
	CHECK_EQ(c, 'R');
	return pid;
}

static void close_pipes(void)
{
	close(to_child[1]);
	close(from_child[0]);
}

static void echo_round_trip(char c)
{
	char back;

	CHECK_EQ(write(to_child[1], &c, 1), 1);
	CHECK_EQ(read(from_child[0], &back, 1), 1);
	CHECK_EQ(back, c);
}

static void stop(pid_t pid, int sig)
{
	int status = 0;

	CHECK_EQ(kill(pid, sig), 0);
	CHECK_EQ(waitpid(pid, &status, WUNTRACED), pid);
	CHECK(WIFSTOPPED(status));
	CHECK_EQ(WSTOPSIG(status), sig);
	CHECK_EQ(waitpid(pid, &status, WNOHANG | WUNTRACED), 0);
}

static void cont(pid_t pid)
{
	int status = 0;

	CHECK_EQ(kill(pid, SIGCONT), 0);
	CHECK_EQ(waitpid(pid, &status, WCONTINUED), pid);
	CHECK(WIFCONTINUED(status));
	CHECK_EQ(waitpid(pid, &status, WNOHANG | WCONTINUED), 0);
}

static void stop_and_continue(void)
{
	pid_t pid = start_server(0);
	int flags, status;
	char c;

	echo_round_trip('a');

	stop(pid, SIGSTOP);
	CHECK_EQ(waitpid(pid, &status, WNOHANG), 0);
	CHECK_EQ(write(to_child[1], "b", 1), 1);
	sleep_ms(50);
	flags = fcntl(from_child[0], F_GETFL);
	CHECK_EQ(fcntl(from_child[0], F_SETFL, flags | O_NONBLOCK), 0);
	CHECK_EQ(read(from_child[0], &c, 1), -1);
	CHECK_EQ(errno, EAGAIN);
	CHECK_EQ(fcntl(from_child[0], F_SETFL, flags), 0);

	cont(pid);
	CHECK_EQ(read(from_child[0], &c, 1), 1);
	CHECK_EQ(c, 'b');
	echo_round_trip('c');

	stop(pid, SIGTSTP);
	cont(pid);
	echo_round_trip('d');

	stop(pid, SIGSTOP);
	CHECK_EQ(kill(pid, SIGKILL), 0);
	status = wait_for_child(pid);
	CHECK(WIFSIGNALED(status));
	CHECK_EQ(WTERMSIG(status), SIGKILL);
	close_pipes();
}

static void cont_handler(void)
{
	pid_t pid = start_server(1);
	char c;

	stop(pid, SIGSTOP);
	cont(pid);
	CHECK_EQ(read(from_child[0], &c, 1), 1);
	CHECK_EQ(c, 'C');
	echo_round_trip('e');

	/* SIGCONT to a running process: only the handler runs. */
	CHECK_EQ(kill(pid, SIGCONT), 0);
	CHECK_EQ(read(from_child[0], &c, 1), 1);
	CHECK_EQ(c, 'C');
	echo_round_trip('f');

	CHECK_EQ(close(to_child[1]), 0);		/* server exits */
	CHECK_EQ(wait_for_child(pid), 0);
	close(from_child[0]);
}

int main(void)
{
	stop_and_continue();
	cont_handler();
	return 0;
}
