/*
 * sig_eintr_restart - which blocking calls a handled signal interrupts,
 * and which SA_RESTART restarts (besides pipes: see pipe_eintr_restart).
 *
 *   waitpid: without SA_RESTART -1 EINTR; with SA_RESTART it is
 *     restarted and returns the child's pid and status;
 *   nanosleep: -1 EINTR with or without SA_RESTART (never restarted),
 *     and the remaining time it stores is the requested time minus at
 *     least the time that went by (within 100 ms) and not more than was
 *     requested;
 *   pause: always -1 EINTR, with or without SA_RESTART;
 *   an ignored signal interrupts nothing: a 200 ms nanosleep under a
 *     stream of ignored SIGUSR2 returns 0 after the full time.
 *
 * The signals come from a "bomber" child sending a signal to the parent
 * every millisecond until the parent closes its stop pipe, so a blocked
 * call is sure to be hit whatever the order of events.  For the
 * restarted waitpid the child being waited for is itself the sender: it
 * sends SIGUSR1 ten times, each time waiting until the handler has run
 * (the handler writes to an ack pipe), then exits with status 42; the
 * parent's waitpid must return its pid and status 42, never EINTR.
 */
#define _GNU_SOURCE
#include <conduit/test.h>
#include <fcntl.h>
#include <signal.h>

#define TIMER_SLACK_NS 1000000LL

static volatile sig_atomic_t handler_count;
static int ack_fd = -1;

static void on_usr1(int sig)
{
	int saved = errno;

	(void)sig;
	handler_count++;
	if (ack_fd >= 0)
		write(ack_fd, "a", 1);
	errno = saved;
}

static void install(int sig, void (*handler)(int), int flags)
{
	struct sigaction act;

	memset(&act, 0, sizeof act);
	act.sa_handler = handler;
	act.sa_flags = flags;
	sigemptyset(&act.sa_mask);
	CHECK_EQ(sigaction(sig, &act, NULL), 0);
}

static long long now_ns(void)
{
	struct timespec t;

	CHECK_EQ(clock_gettime(CLOCK_MONOTONIC, &t), 0);
	return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

static pid_t start_bomber(int sig, int *stop_fd)
{
	pid_t parent = getpid();
	int stop[2];
	pid_t pid;
	char c;

	CHECK_EQ(pipe2(stop, O_NONBLOCK), 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		close(stop[1]);
		while (read(stop[0], &c, 1) != 0) {
			kill(parent, sig);
			sleep_ms(1);
		}
		_exit(0);
	}
	close(stop[0]);
	*stop_fd = stop[1];
	return pid;
}

static void stop_bomber(pid_t pid, int stop_fd)
{
	CHECK_EQ(close(stop_fd), 0);
	CHECK_EQ(wait_for_child(pid), 0);
}

static void waitpid_interrupted(void)
{
	int stop, status;
	pid_t bomber;

	install(SIGUSR1, on_usr1, 0);
	handler_count = 0;
	bomber = start_bomber(SIGUSR1, &stop);
	/* The bomber runs until told to stop, so this can only end by EINTR. */
	CHECK_EQ(waitpid(bomber, &status, 0), -1);
	CHECK_EQ(errno, EINTR);
	CHECK(handler_count >= 1);
	stop_bomber(bomber, stop);
}

static void waitpid_restarted(void)
{
	pid_t parent = getpid();
	int ack[2], status = 0;
	pid_t pid;
	char c;

	install(SIGUSR1, on_usr1, SA_RESTART);
	CHECK_EQ(pipe(ack), 0);
	ack_fd = ack[1];
	handler_count = 0;
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		close(ack[1]);
		sleep_ms(10);	/* the parent is most likely in waitpid */
		for (int i = 0; i < 10; i++) {
			CHECK_EQ(kill(parent, SIGUSR1), 0);
			CHECK_EQ(read(ack[0], &c, 1), 1);
		}
		_exit(42);
	}
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 42);
	CHECK_EQ(handler_count, 10);
	ack_fd = -1;
	close(ack[0]);
	close(ack[1]);
}

static void nanosleep_interrupted(int flags)
{
	struct timespec req = { 5, 0 }, rem = { -1, -1 };
	long long start, elapsed, req_ns, rem_ns;
	int stop, result;
	pid_t bomber;

	install(SIGUSR1, on_usr1, flags);
	handler_count = 0;
	start = now_ns();
	bomber = start_bomber(SIGUSR1, &stop);
	result = nanosleep(&req, &rem);
	CHECK_EQ(errno, EINTR);
	elapsed = now_ns() - start;
	stop_bomber(bomber, stop);
	CHECK_EQ(result, -1);
	CHECK(handler_count >= 1);

	req_ns = (long long)req.tv_sec * 1000000000LL + req.tv_nsec;
	rem_ns = (long long)rem.tv_sec * 1000000000LL + rem.tv_nsec;
	CHECK(rem.tv_nsec >= 0 && rem.tv_nsec < 1000000000L);
	CHECK(rem_ns <= req_ns + TIMER_SLACK_NS);
	CHECK(rem_ns >= req_ns - elapsed - 100000000LL);
}

static void pause_interrupted(int flags)
{
	int stop, result;
	pid_t bomber;

	install(SIGUSR1, on_usr1, flags);
	handler_count = 0;
	bomber = start_bomber(SIGUSR1, &stop);
	result = pause();
	CHECK_EQ(errno, EINTR);
	stop_bomber(bomber, stop);
	CHECK_EQ(result, -1);
	CHECK(handler_count >= 1);
}

static void ignored_does_not_interrupt(void)
{
	struct timespec req = { 0, 200000000L };
	long long start, elapsed;
	int stop, result;
	pid_t bomber;

	install(SIGUSR2, SIG_IGN, 0);
	bomber = start_bomber(SIGUSR2, &stop);
	start = now_ns();
	result = nanosleep(&req, NULL);
	elapsed = now_ns() - start;
	stop_bomber(bomber, stop);
	CHECK_EQ(result, 0);
	CHECK(elapsed >= 200000000LL);
	install(SIGUSR2, SIG_DFL, 0);
}

int main(void)
{
	waitpid_interrupted();
	waitpid_restarted();
	nanosleep_interrupted(0);
	nanosleep_interrupted(SA_RESTART);
	pause_interrupted(0);
	pause_interrupted(SA_RESTART);
	ignored_does_not_interrupt();
	install(SIGUSR1, SIG_DFL, 0);
	return 0;
}
