/*
 * tty_line_discipline.c - the console's line discipline, driven by
 * "typing" with the TIOCSTI ioctl (it feeds bytes to the same code the
 * serial interrupt does):
 *   - a line is returned only once it is complete, newline included;
 *   - backspace (DEL or ^H) erases the last character, Ctrl-U the line;
 *   - Ctrl-D on an empty line reads as end of file (0), and Ctrl-D after
 *     some characters ends the line without a newline (and is consumed:
 *     the next read is not an end of file);
 *   - FIONREAD counts the complete lines waiting;
 *   - read() returns at most one line even when more are waiting.
 */
#include <conduit/test.h>
#include <sys/ioctl.h>

static void type(const char *s)
{
	for (; *s; s++)
		CHECK_EQ(ioctl(0, TIOCSTI, s), 0);
}

static void expect_read(const char *want)
{
	char buf[128];
	ssize_t n = read(0, buf, sizeof(buf));

	CHECK_EQ(n, (ssize_t)strlen(want));
	CHECK_EQ(memcmp(buf, want, n), 0);
}

int main(void)
{
	int waiting = -1;

	if (!isatty(0)) {
		printf("stdin is not the console: nothing to test\n");
		return 1;
	}
	type("hello\n");
	expect_read("hello\n");

	type("abc\x7f\x7fx\byz\n");		/* two DELs, one backspace */
	expect_read("ayz\n");

	type("junk\x15" "kept\n");		/* Ctrl-U kills the line */
	expect_read("kept\n");

	type("one\ntwo\n");
	CHECK_EQ(ioctl(0, FIONREAD, &waiting), 0);
	CHECK_EQ(waiting, 8);
	expect_read("one\n");
	expect_read("two\n");

	type("\x04");				/* Ctrl-D alone: end of file */
	expect_read("");
	type("part\x04");			/* Ctrl-D ends a partial line */
	expect_read("part");
	type("next\n");			/* ... and is consumed with it */
	expect_read("next\n");
	printf("\n");
	return 0;
}
