/*
 * stack_growth - the user stack grows on demand, far beyond its first
 * page, and keeps what is written to it.
 *
 * A child recurses DEPTH levels deep using a page-sized local array per
 * level (about 4 MiB in all, below Conduit's 8 MiB stack limit), filling
 * each array with a pattern and checking all of them on the way back up.
 * A second child touches one large local array from its far end first,
 * so the stack must grow by many pages in one go.
 */
#include <conduit/test.h>

#define CHUNK 4096
#define DEPTH 1000
#define BIG_ARRAY (2 * 1024 * 1024)

/* Returns the number of levels whose array still held its pattern. */
static int recurse(int depth)
{
	volatile char chunk[CHUNK];
	int good;

	for (int i = 0; i < CHUNK; i++)
		chunk[i] = (char)(depth + i);
	good = depth + 1 < DEPTH ? recurse(depth + 1) : 0;
	for (int i = 0; i < CHUNK; i++)
		if (chunk[i] != (char)(depth + i))
			return good;
	return good + 1;
}

static void deep_recursion(void)
{
	CHECK_EQ(recurse(0), DEPTH);
}

static void far_end_first(void)
{
	volatile char big[BIG_ARRAY];

	big[0] = 1;			/* lowest address: far from the top */
	big[BIG_ARRAY - 1] = 2;
	for (int i = 0; i < BIG_ARRAY; i += CHUNK)
		big[i] = (char)(i / CHUNK);
	for (int i = 0; i < BIG_ARRAY; i += CHUNK)
		CHECK_EQ(big[i], (char)(i / CHUNK));
	CHECK_EQ(big[BIG_ARRAY - 1], 2);
}

static void run_in_child(void (*body)(void))
{
	pid_t pid = fork();

	CHECK(pid >= 0);
	if (pid == 0) {
		body();
		_exit(0);
	}
	CHECK_EQ(wait_for_child(pid), 0);
}

int main(void)
{
	run_in_child(deep_recursion);
	run_in_child(far_end_first);
	return 0;
}
