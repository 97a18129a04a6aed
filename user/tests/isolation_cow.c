/*
 * isolation_cow - after fork, parent and child each see only their own
 * writes (copy-on-write), in every kind of memory: initialised data, bss,
 * the heap, the stack, and a page neither had touched before the fork.
 *
 * The parent writes a secret after the fork, then lets the child look: the
 * child must still see the old values.  Then the child writes its own
 * values, and the parent must not see them.  Both sides also check a page
 * of bss that was never touched before the fork (it must read as zero in
 * the child even after the parent wrote it).
 */
#include <conduit/test.h>
#include <stdint.h>

static int data_word = 1111;		/* .data */
static int bss_word;			/* .bss */
static char untouched[8192];		/* bss pages nobody touched before fork */

static void wait_byte(int fd)
{
	char c;

	while (read(fd, &c, 1) < 0 && errno == EINTR)
		;
}

int main(void)
{
	int to_child[2], to_parent[2], status;
	volatile int stack_word = 3333;
	int *heap_word = malloc(sizeof(int));
	volatile char *fresh = untouched + 4096;
	pid_t pid;

	CHECK(heap_word != NULL);
	*heap_word = 4444;
	bss_word = 2222;
	CHECK_EQ(pipe(to_child), 0);
	CHECK_EQ(pipe(to_parent), 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		wait_byte(to_child[0]);
		/* The parent has written its secrets: we must not see them. */
		if (data_word != 1111 || bss_word != 2222 || stack_word != 3333 ||
		    *heap_word != 4444 || fresh[0] != 0 || fresh[100] != 0) {
			fprintf(stderr, "FAIL: child sees %d %d %d %d %d\n", data_word,
				bss_word, stack_word, *heap_word, fresh[0]);
			_exit(1);
		}
		data_word = -1;
		bss_word = -2;
		stack_word = -3;
		*heap_word = -4;
		fresh[0] = 'c';
		CHECK_EQ(write(to_parent[1], "k", 1), 1);
		_exit(0);
	}
	data_word = 0x5EC12E7;
	bss_word = 0x5EC12E7;
	stack_word = 0x5EC12E7;
	*heap_word = 0x5EC12E7;
	fresh[0] = 'p';
	fresh[100] = 'p';
	CHECK_EQ(write(to_child[1], "g", 1), 1);
	wait_byte(to_parent[0]);
	status = wait_for_child(pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	/* The child's writes stayed in the child. */
	CHECK_EQ(data_word, 0x5EC12E7);
	CHECK_EQ(bss_word, 0x5EC12E7);
	CHECK_EQ(stack_word, 0x5EC12E7);
	CHECK_EQ(*heap_word, 0x5EC12E7);
	CHECK_EQ(fresh[0], 'p');
	free(heap_word);
	return 0;
}
