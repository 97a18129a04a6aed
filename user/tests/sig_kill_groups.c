/*
 * sig_kill_groups - process groups and sessions, and kill() to a group.
 *
 *   kill(-pgid, SIGTERM) and killpg(pgid, SIGUSR1) reach every member of
 *     a group of three (leader plus two members, all blocked in read) and
 *     nobody else: an "outsider" child in our own group, with a counting
 *     SIGTERM handler, is then asked for its count and must report 0.  It
 *     is asked only after kill() returned, so a signal wrongly sent to it
 *     would already be pending and would have run its handler before its
 *     read of the question returns.  Afterwards kill(-pgid, 0) fails with
 *     ESRCH, the group having no members left;
 *   kill(0, SIGUSR1) from a child that made itself a group leader reaches
 *     its own group: its two children die of SIGUSR1 and its own handler
 *     has run before kill returns; our handler (we are in another group)
 *     never runs;
 *   kill(-1, 0) succeeds (a real broadcast is not tried);
 *   setpgid/getpgid/getpgrp: members report the group we put them in
 *     (parent and child both call setpgid, so it is set whichever runs
 *     first); setpgid(0, -1) is EINVAL, on a process that is neither us
 *     nor our child ESRCH; getpgid of a reaped pid is ESRCH;
 *   setsid: returns the caller's pid, which becomes its process group;
 *     a second setsid, or one by a group leader, is EPERM; moving into a
 *     group of another session is EPERM, from either side.
 */
#define _GNU_SOURCE
#include <conduit/test.h>
#include <signal.h>

#define MEMBERS 3

static volatile sig_atomic_t handler_count;
static int hold[2];		/* never written: members block reading it */
static int ready[2];

static void count_signal(int sig)
{
	(void)sig;
	handler_count++;
}

static void install(int sig, void (*handler)(int))
{
	struct sigaction act;

	memset(&act, 0, sizeof act);
	act.sa_handler = handler;
	act.sa_flags = SA_RESTART;
	sigemptyset(&act.sa_mask);
	CHECK_EQ(sigaction(sig, &act, NULL), 0);
}

static void wait_ready(int count)
{
	char c;

	for (int i = 0; i < count; i++)
		CHECK_EQ(read(ready[0], &c, 1), 1);
}

/* Child body: join group pgid (0 = own), say ready, block forever. */
static void member(pid_t pgid)
{
	char c;

	CHECK_EQ(setpgid(0, pgid), 0);
	close(hold[1]);		/* so that read ends if the parent dies */
	CHECK_EQ(write(ready[1], "r", 1), 1);
	read(hold[0], &c, 1);
	_exit(1);
}

static void make_group(pid_t *pids)
{
	for (int i = 0; i < MEMBERS; i++) {
		pid_t pgid = i == 0 ? 0 : pids[0];

		pids[i] = fork();
		CHECK(pids[i] >= 0);
		if (pids[i] == 0)
			member(pgid);
		CHECK_EQ(setpgid(pids[i], i == 0 ? pids[i] : pids[0]), 0);
	}
	wait_ready(MEMBERS);
	for (int i = 0; i < MEMBERS; i++)
		CHECK_EQ(getpgid(pids[i]), pids[0]);
}

static void expect_killed(const pid_t *pids, int sig)
{
	for (int i = 0; i < MEMBERS; i++) {
		int status = wait_for_child(pids[i]);

		CHECK(WIFSIGNALED(status));
		CHECK_EQ(WTERMSIG(status), sig);
	}
}

static void group_kill(void)
{
	pid_t pids[MEMBERS], outsider;
	int question[2];
	char c;

	CHECK_EQ(pipe(question), 0);
	outsider = fork();
	CHECK(outsider >= 0);
	if (outsider == 0) {
		close(question[1]);
		handler_count = 0;
		install(SIGTERM, count_signal);
		install(SIGUSR1, count_signal);
		CHECK_EQ(write(ready[1], "r", 1), 1);
		CHECK_EQ(read(question[0], &c, 1), 1);
		_exit(handler_count);
	}
	wait_ready(1);
	CHECK_EQ(getpgid(outsider), getpgrp());

	make_group(pids);
	CHECK_EQ(kill(-pids[0], SIGTERM), 0);
	expect_killed(pids, SIGTERM);
	CHECK_EQ(kill(-pids[0], 0), -1);
	CHECK_EQ(errno, ESRCH);

	make_group(pids);
	CHECK_EQ(killpg(pids[0], SIGUSR1), 0);
	expect_killed(pids, SIGUSR1);

	CHECK_EQ(write(question[1], "?", 1), 1);
	CHECK_EQ(wait_for_child(outsider), 0);
	close(question[0]);
	close(question[1]);
}

/* Runs in a child that leads its own group. */
static void kill_own_group(void)
{
	pid_t kids[2];

	CHECK_EQ(setpgid(0, 0), 0);
	CHECK_EQ(getpgrp(), getpid());
	CHECK_EQ(setsid(), -1);			/* a group leader may not */
	CHECK_EQ(errno, EPERM);
	install(SIGUSR1, count_signal);
	for (int i = 0; i < 2; i++) {
		kids[i] = fork();
		CHECK(kids[i] >= 0);
		if (kids[i] == 0) {
			char c;

			signal(SIGUSR1, SIG_DFL);
			close(hold[1]);
			CHECK_EQ(getpgrp(), getpgid(getppid()));
			CHECK_EQ(write(ready[1], "r", 1), 1);
			read(hold[0], &c, 1);
			_exit(1);
		}
	}
	wait_ready(2);
	handler_count = 0;
	CHECK_EQ(kill(0, SIGUSR1), 0);
	CHECK_EQ(handler_count, 1);
	for (int i = 0; i < 2; i++) {
		int status = wait_for_child(kids[i]);

		CHECK(WIFSIGNALED(status));
		CHECK_EQ(WTERMSIG(status), SIGUSR1);
	}
	_exit(0);
}

static void pid_zero(void)
{
	pid_t pid;

	install(SIGUSR1, count_signal);
	handler_count = 0;
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0)
		kill_own_group();
	CHECK_EQ(wait_for_child(pid), 0);
	CHECK_EQ(handler_count, 0);
	signal(SIGUSR1, SIG_DFL);
}

static void sessions(void)
{
	pid_t our_group = getpgrp(), pid;
	int token[2];
	char c;

	CHECK_EQ(pipe(token), 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		close(token[1]);
		CHECK_EQ(setsid(), getpid());
		CHECK_EQ(getpgrp(), getpid());
		CHECK_EQ(getpgid(0), getpid());
		CHECK_EQ(setsid(), -1);
		CHECK_EQ(errno, EPERM);
		CHECK_EQ(setpgid(0, our_group), -1);
		CHECK_EQ(errno, EPERM);
		CHECK_EQ(write(ready[1], "r", 1), 1);
		CHECK_EQ(read(token[0], &c, 1), 1);
		_exit(0);
	}
	wait_ready(1);
	CHECK_EQ(getpgid(pid), pid);
	CHECK_EQ(setpgid(pid, our_group), -1);
	CHECK_EQ(errno, EPERM);
	CHECK_EQ(write(token[1], "t", 1), 1);
	CHECK_EQ(wait_for_child(pid), 0);
	close(token[0]);
	close(token[1]);

	/* pid is reaped now. */
	CHECK_EQ(getpgid(pid), -1);
	CHECK_EQ(errno, ESRCH);
}

static void misc(void)
{
	CHECK_EQ(getpgrp(), getpgid(0));
	CHECK_EQ(getpgrp(), getpgid(getpid()));
	CHECK_EQ(setpgid(0, -1), -1);
	CHECK_EQ(errno, EINVAL);
	CHECK_EQ(setpgid(getppid(), 0), -1);
	CHECK_EQ(errno, ESRCH);
	CHECK_EQ(kill(-1, 0), 0);
	CHECK_EQ(kill(0, 0), 0);
}

int main(void)
{
	CHECK_EQ(pipe(hold), 0);
	CHECK_EQ(pipe(ready), 0);
	misc();
	group_kill();
	pid_zero();
	sessions();
	return 0;
}
