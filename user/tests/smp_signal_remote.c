/*
 * smp_signal_remote - signals reach a process that spins in user mode,
 * making no system call, on another CPU.
 *
 * The parent runs on the first available CPU and each child on the
 * second (with only one CPU all share it, and a note says so).  A child
 * tells the parent with one byte on a pipe that it is about to spin, then
 * loops in user mode without system calls, so it enters the kernel only
 * through interrupts: a kernel that marks the signal pending but never
 * interrupts (IPI) or otherwise makes that CPU look at it leaves the
 * child spinning.
 *
 *   Child 1, a plain loop: STOP_ROUNDS times SIGSTOP, then
 *     waitpid(WUNTRACED) must report it stopped by SIGSTOP, and SIGCONT,
 *     then waitpid(WCONTINUED) must report it continued; then SIGKILL,
 *     and waitpid must report it killed by SIGKILL.
 *   Child 2, with a SIGUSR1 handler that sets a flag, spins until the
 *     flag is set, answers with a byte and spins again; after USR1_ROUNDS
 *     signals it exits 7.  Each kill(SIGUSR1) must be answered, and the
 *     child must exit 7: the handler ran while it spun on its CPU.
 *
 * The stop, continue and kill reports come from the child's side (it
 * stops itself when it notices SIGSTOP), so each wait proves the child
 * noticed the signal.  If the kernel never delivers one, a wait or read
 * would block forever: alarm(ALARM_SECONDS) in the parent then reports
 * "signal not delivered within N s", kills the children and fails, before
 * runtests' 30-second timeout.  Synchronisation: pipes and waitpid.
 */
#define _GNU_SOURCE
#include <conduit/test.h>
#include <conduit/smp_test.h>
#include <sched.h>
#include <signal.h>

#define STOP_ROUNDS 10
#define USR1_ROUNDS 10
#define ALARM_SECONDS 20
#define TEXT(x) #x
#define NUMBER_TEXT(x) TEXT(x)

static volatile pid_t children[2];
static volatile sig_atomic_t got_usr1;
static volatile unsigned long spins;

static void on_alarm(int sig)
{
	static const char msg[] = "smp_signal_remote: signal not delivered within "
		NUMBER_TEXT(ALARM_SECONDS) " s\n";

	(void)sig;
	write(2, msg, sizeof(msg) - 1);
	for (int i = 0; i < 2; i++)
		if (children[i] > 0)
			kill(children[i], SIGKILL);
	for (int i = 0; i < 2; i++)
		if (children[i] > 0)
			waitpid(children[i], NULL, 0);
	_exit(1);
}

static void on_usr1(int sig)
{
	(void)sig;
	got_usr1 = 1;
}

static void set_handler(int sig, void (*handler)(int))
{
	struct sigaction act;

	memset(&act, 0, sizeof(act));
	act.sa_handler = handler;
	sigemptyset(&act.sa_mask);
	CHECK_EQ(sigaction(sig, &act, NULL), 0);
}

/* Child 1: say so, then spin in user mode for ever. */
static void spinner(int ready)
{
	smp_pin_slot(1);
	CHECK_EQ(write(ready, "s", 1), 1);
	for (;;)
		spins++;
}

/* Child 2: spin until SIGUSR1, answer, spin again; exit 7 at the end. */
static void usr1_spinner(int ready)
{
	smp_pin_slot(1);
	set_handler(SIGUSR1, on_usr1);
	for (int round = 0; round < USR1_ROUNDS; round++) {
		CHECK_EQ(write(ready, "u", 1), 1);
		while (!got_usr1)
			spins++;
		got_usr1 = 0;
	}
	_exit(7);
}

static pid_t start_child(void (*body)(int), int *ready_r)
{
	int ready[2];
	pid_t pid;

	CHECK_EQ(pipe(ready), 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		close(ready[0]);
		body(ready[1]);
	}
	CHECK_EQ(close(ready[1]), 0);
	*ready_r = ready[0];
	return pid;
}

static void wait_ready(int fd, char expect)
{
	char c;

	CHECK_EQ(read(fd, &c, 1), 1);
	CHECK_EQ(c, expect);
}

static int wait_status(pid_t pid, int options)
{
	int status;

	CHECK_EQ(waitpid(pid, &status, options), pid);
	return status;
}

static void stop_cont_kill(void)
{
	int ready, status;
	pid_t pid = start_child(spinner, &ready);

	children[0] = pid;
	wait_ready(ready, 's');
	for (int round = 0; round < STOP_ROUNDS; round++) {
		CHECK_EQ(kill(pid, SIGSTOP), 0);
		status = wait_status(pid, WUNTRACED);
		CHECK(WIFSTOPPED(status));
		CHECK_EQ(WSTOPSIG(status), SIGSTOP);
		CHECK_EQ(kill(pid, SIGCONT), 0);
		status = wait_status(pid, WCONTINUED);
		CHECK(WIFCONTINUED(status));
	}
	CHECK_EQ(kill(pid, SIGKILL), 0);
	status = wait_status(pid, 0);
	CHECK(WIFSIGNALED(status));
	CHECK_EQ(WTERMSIG(status), SIGKILL);
	children[0] = 0;
	CHECK_EQ(close(ready), 0);
}

static void usr1_exit_7(void)
{
	int ready, status;
	pid_t pid = start_child(usr1_spinner, &ready);

	children[1] = pid;
	for (int round = 0; round < USR1_ROUNDS; round++) {
		wait_ready(ready, 'u');		/* it spins, or is about to */
		CHECK_EQ(kill(pid, SIGUSR1), 0);
	}
	status = wait_status(pid, 0);
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 7);
	children[1] = 0;
	CHECK_EQ(close(ready), 0);
}

int main(void)
{
	smp_find_cpus("smp_signal_remote", "the children spin on the parent's CPU");
	smp_pin_slot(0);
	set_handler(SIGALRM, on_alarm);
	alarm(ALARM_SECONDS);
	stop_cont_kill();
	usr1_exit_7();
	alarm(0);
	return 0;
}
