/*
 * fork_tree - build a tree of exactly 500 processes, count them on the
 * way back up, and check that every page comes back afterwards.
 *
 * build_tree(n) makes the calling process the root of a binary tree of n
 * processes: it forks two children, which build subtrees of the remaining
 * n - 1 processes split in half, waits for both, and returns how many
 * processes really ran: 1 (itself) plus what each child reported.
 *
 * A child reports its subtree count as its exit status.  Every subtree
 * below the top has fewer than 256 processes, so the count fits in the
 * 8-bit status.  0 can never be a real count, so a child exits 0 to
 * report that something went wrong (a failed fork, a child killed by a
 * signal, a child left unreaped); the parent then passes the 0 upward.
 *
 * Every process waits for its own children before exiting, so when the
 * top returns, all 499 others have been reaped.  Free pages must then be
 * exactly what they were before.  The baseline is taken after a small
 * warm-up tree so that growth of this process's own stack or heap is not
 * mistaken for a leak.
 */
#include <conduit/test.h>

#define TREE_SIZE 500

static int build_tree(int n);

/* Fork a child that builds a subtree of n processes; -1 if fork failed. */
static pid_t spawn_subtree(int n)
{
	pid_t pid = fork();

	if (pid == 0) {
		int count = build_tree(n);

		_exit(count == n ? count : 0);
	}
	if (pid < 0)
		fprintf(stderr, "fork_tree: fork: %s\n", strerror(errno));
	return pid;
}

/* Wait for a subtree child and return the count it reported (0 = bad). */
static int reap_subtree(pid_t pid)
{
	int status = 0;

	if (pid < 0)
		return 0;
	if (waitpid(pid, &status, 0) != pid) {
		fprintf(stderr, "fork_tree: waitpid: %s\n", strerror(errno));
		return 0;
	}
	if (!WIFEXITED(status)) {
		fprintf(stderr, "fork_tree: child %d died, status 0x%x\n",
			(int)pid, status);
		return 0;
	}
	return WEXITSTATUS(status);
}

static int build_tree(int n)
{
	int left_size = (n - 1) / 2;
	int right_size = n - 1 - left_size;
	pid_t left = -1, right = -1;
	int left_count = 0, right_count = 0;
	int ok = 1;

	if (left_size > 0)
		left = spawn_subtree(left_size);
	if (right_size > 0)
		right = spawn_subtree(right_size);

	if (left_size > 0) {
		left_count = reap_subtree(left);
		ok = ok && left_count == left_size;
	}
	if (right_size > 0) {
		right_count = reap_subtree(right);
		ok = ok && right_count == right_size;
	}

	/* Nothing else may be left to reap. */
	if (waitpid(-1, NULL, WNOHANG) != -1 || errno != ECHILD) {
		fprintf(stderr, "fork_tree: unexpected extra child\n");
		ok = 0;
	}
	if (!ok)
		return 0;
	return 1 + left_count + right_count;
}

int main(void)
{
	long pages_before, pages_after;

	CHECK_EQ(build_tree(3), 3);		/* warm-up */
	pages_before = free_pages();

	CHECK_EQ(build_tree(TREE_SIZE), TREE_SIZE);

	pages_after = free_pages();
	CHECK_EQ(pages_after, pages_before);
	return 0;
}
