/*
 * brk - the program break: the heap grows and shrinks with sbrk()/brk(),
 * new heap memory reads as zero and is writable, malloc() works for a few
 * megabytes, and a child's heap is its own.
 *
 *   grow      sbrk(n) returns the old break, the break moves by n, the new
 *             bytes are zero and keep what is written to them.
 *   shrink    sbrk(-n) moves the break back; growing again gives zeroed
 *             pages (the old contents must not come back), and in a child,
 *             touching a whole page above the lowered break is SIGSEGV.
 *   refuse    brk() into kernel space fails and leaves the break alone.
 *   malloc    4 MiB in one block, and many small blocks, written, checked
 *             and freed; then 4 MiB again.
 *   fork      the child writes its copy of a heap buffer and grows its own
 *             heap; the parent's buffer and break are unchanged.
 */
#include <conduit/test.h>
#include <signal.h>

#define GROW (3 * PAGE_SIZE_BYTES + 100)
#define BIG (4 * 1024 * 1024)
#define SMALL_COUNT 1000
#define SHARED_SIZE (64 * 1024)

static unsigned long page_round_up(unsigned long address)
{
	return (address + PAGE_SIZE_BYTES - 1) / PAGE_SIZE_BYTES * PAGE_SIZE_BYTES;
}

static void check_bytes(const char *p, long n, char value)
{
	for (long i = 0; i < n; i++)
		if (p[i] != value)
			CHECK_EQ(p[i], value);	/* fails, showing both */
}

static void grow_and_shrink(void)
{
	char *start = sbrk(0);
	char *p;
	char *first_fresh_page;
	long fresh_bytes;

	CHECK(start != (void *)-1);
	p = sbrk(GROW);
	CHECK(p == start);
	CHECK(sbrk(0) == start + GROW);
	check_bytes(p, GROW, 0);
	memset(p, 0x5a, GROW);
	check_bytes(p, GROW, 0x5a);

	CHECK(sbrk(-GROW) == start + GROW);
	CHECK(sbrk(0) == start);

	/* Grow again: whole pages above the old break must be fresh zeros. */
	p = sbrk(GROW);
	CHECK(p == start);
	first_fresh_page = (char *)page_round_up((unsigned long)start);
	fresh_bytes = (start + GROW) - first_fresh_page;
	check_bytes(first_fresh_page, fresh_bytes, 0);
	CHECK(sbrk(-GROW) == start + GROW);
}

/* In a child: a page above the lowered break is gone (SIGSEGV). */
static void shrunk_page_is_unmapped(void)
{
	pid_t pid = fork();
	int status;

	CHECK(pid >= 0);
	if (pid == 0) {
		char *start = sbrk(0);
		volatile char *gone = (char *)page_round_up((unsigned long)start) +
				      PAGE_SIZE_BYTES;

		if (sbrk(GROW + 2 * PAGE_SIZE_BYTES) != start)
			_exit(2);
		*gone = 1;
		if (sbrk(-(GROW + 2 * PAGE_SIZE_BYTES)) == (void *)-1)
			_exit(3);
		*gone = 2;		/* must fault */
		_exit(4);
	}
	status = wait_for_child(pid);
	CHECK(WIFSIGNALED(status));
	CHECK_EQ(WTERMSIG(status), SIGSEGV);
}

static void refuse_kernel_break(void)
{
	char *start = sbrk(0);

	CHECK_EQ(brk(opaque_pointer(0xC0001000)), -1);
	CHECK_EQ(errno, ENOMEM);
	CHECK(sbrk(0) == start);
}

static void malloc_megabytes(void)
{
	char *big = malloc(BIG);
	char *small[SMALL_COUNT];

	CHECK(big != NULL);
	memset(big, 0x33, BIG);
	check_bytes(big, BIG, 0x33);
	free(big);

	for (int i = 0; i < SMALL_COUNT; i++) {
		small[i] = malloc(1 + i % 200);
		CHECK(small[i] != NULL);
		memset(small[i], i & 0x7f, 1 + i % 200);
	}
	for (int i = 0; i < SMALL_COUNT; i++) {
		check_bytes(small[i], 1 + i % 200, i & 0x7f);
		free(small[i]);
	}

	big = malloc(BIG);
	CHECK(big != NULL);
	memset(big, 0x44, BIG);
	check_bytes(big, BIG, 0x44);
	free(big);
}

static void child_heap_is_private(void)
{
	char *shared = malloc(SHARED_SIZE);
	char *parent_break;
	pid_t pid;

	CHECK(shared != NULL);
	memset(shared, 'P', SHARED_SIZE);
	parent_break = sbrk(0);

	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		char *more;

		check_bytes(shared, SHARED_SIZE, 'P');
		memset(shared, 'C', SHARED_SIZE);
		check_bytes(shared, SHARED_SIZE, 'C');
		more = sbrk(PAGE_SIZE_BYTES * 16);
		CHECK(more != (void *)-1);
		memset(more, 'C', PAGE_SIZE_BYTES * 16);
		_exit(0);
	}
	CHECK_EQ(wait_for_child(pid), 0);
	check_bytes(shared, SHARED_SIZE, 'P');
	CHECK(sbrk(0) == parent_break);
	free(shared);
}

int main(void)
{
	grow_and_shrink();
	shrunk_page_is_unmapped();
	refuse_kernel_break();
	malloc_megabytes();
	child_heap_is_private();
	return 0;
}
