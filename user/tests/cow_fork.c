/*
 * cow_fork.c - fork shares memory copy-on-write, and that is invisible.
 *
 *  1. A child's writes (global data, heap, stack) are not seen by the
 *     parent, and the parent's later writes are not seen by the child:
 *     the child reports what it saw through a pipe after the parent
 *     changed its own copy (ordering by pipes, never by time).
 *  2. Fork of a large heap (8 MiB, every page written) is cheap in memory:
 *     right after fork the free-page count has dropped by far less than
 *     the heap's size, and when the child writes the whole heap it gets
 *     its own copy, again invisible to the parent.  The child writes only
 *     after the parent has counted (a pipe says when): with several CPUs
 *     its copying would otherwise run during the parent's count.
 *  3. The kernel writing into a shared page (read() into a buffer the
 *     child shares with the parent) also copies it first.
 *  4. Free pages return to their starting count once everything is reaped.
 */
#include <conduit/test.h>

#define HEAP_BYTES (8 * 1024 * 1024)
#define HEAP_PAGES (HEAP_BYTES / 4096)

static int global_value = 1;

static void write_all(int fd, const void *buf, size_t n)
{
	CHECK_EQ(write(fd, buf, n), (ssize_t)n);
}

static void read_all(int fd, void *buf, size_t n)
{
	CHECK_EQ(read(fd, buf, n), (ssize_t)n);
}

/* Case 1: writes on both sides stay private. */
static void private_writes(void)
{
	int to_child[2], to_parent[2], stack_value = 10, seen[3];
	int *heap = malloc(sizeof(int));
	char token;
	pid_t pid;

	*heap = 100;
	global_value = 1;
	CHECK_EQ(pipe(to_child), 0);
	CHECK_EQ(pipe(to_parent), 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		global_value = 2, stack_value = 20, *heap = 200;
		write_all(to_parent[1], "w", 1);	/* "I have written" */
		read_all(to_child[0], &token, 1);	/* parent wrote too */
		seen[0] = global_value, seen[1] = stack_value, seen[2] = *heap;
		write_all(to_parent[1], seen, sizeof(seen));
		_exit(0);
	}
	read_all(to_parent[0], &token, 1);
	CHECK_EQ(global_value, 1);
	CHECK_EQ(stack_value, 10);
	CHECK_EQ(*heap, 100);
	global_value = 3, stack_value = 30, *heap = 300;
	write_all(to_child[1], "p", 1);
	read_all(to_parent[0], seen, sizeof(seen));
	CHECK_EQ(seen[0], 2);
	CHECK_EQ(seen[1], 20);
	CHECK_EQ(seen[2], 200);
	CHECK_EQ(wait_for_child(pid), 0);
	free(heap);
	close(to_child[0]), close(to_child[1]);
	close(to_parent[0]), close(to_parent[1]);
}

/* Case 2: a big heap is shared, not copied, until written. */
static void large_heap(void)
{
	unsigned char *heap = malloc(HEAP_BYTES);
	long before, after_fork;
	int go[2], done[2];
	char token;
	pid_t pid;

	CHECK(heap != NULL);
	memset(heap, 0xAB, HEAP_BYTES);
	CHECK_EQ(pipe(go), 0);
	CHECK_EQ(pipe(done), 0);
	before = free_pages();
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		long shared = before - free_pages();
		if (shared > HEAP_PAGES / 8)	/* a full copy would be ~2048 */
			_exit(2);
		/* Not before the parent has counted: on another CPU our copy
		 * would otherwise land in the parent's "after fork" figure. */
		read_all(go[0], &token, 1);
		memset(heap, 0xCD, HEAP_BYTES);	/* now it gets its own copy */
		write_all(done[1], "d", 1);
		_exit(heap[12345] == 0xCD ? 0 : 3);
	}
	after_fork = free_pages();
	CHECK(before - after_fork < HEAP_PAGES / 8);
	write_all(go[1], "g", 1);
	read_all(done[0], &token, 1);
	for (int i = 0; i < HEAP_BYTES; i += 4096)
		CHECK_EQ(heap[i], 0xAB);
	CHECK_EQ(wait_for_child(pid), 0);
	close(go[0]), close(go[1]);
	close(done[0]), close(done[1]);
	free(heap);
}

/* Case 3: read() into a shared page copies it before the kernel writes. */
static void kernel_write_copies(void)
{
	static char buffer[4096] = "parent";
	int fds[2];
	pid_t pid;

	CHECK_EQ(pipe(fds), 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		char msg[] = "child";
		write_all(fds[1], msg, sizeof(msg));
		read_all(fds[0], buffer, sizeof(msg));	/* kernel writes buffer */
		_exit(strcmp(buffer, "child") == 0 ? 0 : 4);
	}
	CHECK_EQ(wait_for_child(pid), 0);
	CHECK_EQ(strcmp(buffer, "parent"), 0);
	close(fds[0]), close(fds[1]);
}

int main(void)
{
	long base;

	/* Warm-up: grows our own stack and the C library's heap (free() keeps
	 * the 8 MiB for reuse), so that only leaks change the count below. */
	private_writes();
	large_heap();
	kernel_write_copies();
	base = free_pages();
	private_writes();
	large_heap();
	kernel_write_copies();
	CHECK_EQ(free_pages(), base);
	return 0;
}
