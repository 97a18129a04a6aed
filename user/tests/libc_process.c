/*
 * libc_process - small process and descriptor calls of the C library,
 * against glibc: setpgrp() (a new group led by the caller), getsid(),
 * getdtablesize() (the highest usable descriptor is one below it),
 * getpwuid()/getpwnam() (root), and ppoll() (the caller's timeout is left
 * unchanged; the mask is in force only while it waits).
 * The same file built with i686-linux-gnu-gcc -static passes on Linux.
 */
#define _GNU_SOURCE		/* ppoll in glibc */
#include <conduit/test.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* A pid no process has. */
static pid_t unused_pid(void)
{
	for (pid_t pid = 30000; pid > 1; pid--)
		if (kill(pid, 0) < 0 && errno == ESRCH)
			return pid;
	CHECK(!"no unused pid");
	return -1;
}

/* Run body in a child and check that it exits 0. */
static void in_child(void (*body)(void))
{
	pid_t pid = fork();
	int status;

	CHECK(pid >= 0);
	if (pid == 0) {
		body();
		_exit(0);
	}
	status = wait_for_child(pid);
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 0);
}

static void new_group(void)
{
	pid_t parent_group = getpgrp();

	CHECK(parent_group != getpid());	/* fork: the parent's group */
	CHECK_EQ(setpgrp(), 0);
	CHECK_EQ(getpgrp(), getpid());
	CHECK_EQ(getpgid(0), getpid());
}

static void new_session(void)
{
	pid_t old = getsid(0);

	CHECK(old > 0);
	CHECK_EQ(getsid(getppid()), old);	/* the parent's session */
	CHECK_EQ(setsid(), getpid());
	CHECK_EQ(getsid(0), getpid());
	CHECK_EQ(getsid(getpid()), getpid());
	CHECK_EQ(getsid(getppid()), old);
}

static void test_groups_and_sessions(void)
{
	CHECK_EQ(getsid(0), getsid(getpid()));
	errno = 0;
	CHECK_EQ(getsid(unused_pid()), -1);
	CHECK_EQ(errno, ESRCH);
	in_child(new_group);
	in_child(new_session);
}

static void test_dtablesize(void)
{
	int n = getdtablesize();

	CHECK(n >= 20);
	CHECK_EQ(dup2(0, n - 1), n - 1);
	CHECK_EQ(close(n - 1), 0);
	errno = 0;
	CHECK_EQ(dup2(0, n), -1);
	CHECK_EQ(errno, EBADF);
}

static void test_passwd(void)
{
	struct passwd *pw = getpwuid(0);

	CHECK(pw != NULL);
	CHECK(strcmp(pw->pw_name, "root") == 0);
	CHECK_EQ(pw->pw_uid, 0);
	CHECK_EQ(pw->pw_gid, 0);
	CHECK(pw->pw_dir != NULL && pw->pw_dir[0] == '/');
	CHECK(pw->pw_shell != NULL && pw->pw_shell[0] == '/');
	pw->pw_name = "changed";		/* the next lookup is fresh */
	pw = getpwnam("root");
	CHECK(pw != NULL);
	CHECK_EQ(pw->pw_uid, 0);
	CHECK(strcmp(pw->pw_name, "root") == 0);
	CHECK(getpwnam("no-such-user-here") == NULL);
	CHECK(getpwuid(54321) == NULL);
}

static volatile sig_atomic_t caught;

static void on_usr1(int sig)
{
	(void)sig;
	caught++;
}

static void test_ppoll(void)
{
	struct timespec t = { 0, 20 * 1000 * 1000 };	/* 20 ms */
	struct pollfd p;
	sigset_t block, empty, now;
	int fds[2];

	CHECK_EQ(ppoll(NULL, 0, &t, NULL), 0);		/* times out */
	CHECK_EQ(t.tv_sec, 0);				/* not written back */
	CHECK_EQ(t.tv_nsec, 20 * 1000 * 1000);

	CHECK_EQ(pipe(fds), 0);
	CHECK_EQ(write(fds[1], "x", 1), 1);
	p.fd = fds[0];
	p.events = POLLIN;
	p.revents = 0;
	CHECK_EQ(ppoll(&p, 1, NULL, NULL), 1);
	CHECK_EQ(p.revents, POLLIN);

	/* a pending blocked signal gets in while ppoll waits with an empty mask */
	CHECK(signal(SIGUSR1, on_usr1) != SIG_ERR);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigemptyset(&empty);
	CHECK_EQ(sigprocmask(SIG_BLOCK, &block, NULL), 0);
	CHECK_EQ(raise(SIGUSR1), 0);
	CHECK_EQ(caught, 0);
	CHECK_EQ(read(fds[0], &p.revents, 1), 1);	/* empty the pipe */
	errno = 0;
	CHECK_EQ(ppoll(&p, 1, &t, &empty), -1);
	CHECK_EQ(errno, EINTR);
	CHECK_EQ(caught, 1);
	CHECK_EQ(sigprocmask(SIG_SETMASK, NULL, &now), 0);
	CHECK(sigismember(&now, SIGUSR1));		/* blocked again */
	CHECK_EQ(sigprocmask(SIG_UNBLOCK, &block, NULL), 0);
	close(fds[0]);
	close(fds[1]);
}

int main(void)
{
	test_groups_and_sessions();
	test_dtablesize();
	test_passwd();
	test_ppoll();
	return 0;
}
