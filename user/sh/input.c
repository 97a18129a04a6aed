/*
 * input.c - read the shell's input one line at a time.
 *
 * The shell reads either a script file that it opened itself, or its
 * standard input.  The two need different care:
 *
 *   - A script file belongs to the shell alone, so it is read in large
 *     blocks into a buffer, and lines are taken out of the buffer.
 *
 *   - Standard input is shared with the commands the shell runs.  In
 *         printf 'cat\nhello\n' | sh
 *     the shell must read only "cat\n" and leave "hello\n" in the pipe
 *     for cat.  If it read a whole block, it would swallow input that
 *     belongs to its commands.  So stdin is read one byte at a time and
 *     nothing past the newline is ever consumed.  (On a terminal, a read
 *     returns at most what was typed anyway.)
 *
 * A line is returned without its '\n', in a new malloc'd string.  A last
 * line without '\n' at end of file is still a line.
 *
 * If a signal handler interrupts read (only SIGINT in an interactive
 * shell: Ctrl-C at the prompt), the partial line is thrown away and
 * LINE_INTERRUPTED is returned, so the caller can print a fresh prompt.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"

#define BLOCK_SIZE 4096

void input_open(struct input *in, int fd, bool one_byte_at_a_time)
{
	in->fd = fd;
	in->one_byte_at_a_time = one_byte_at_a_time;
	in->buf = xmalloc(BLOCK_SIZE);
	in->len = in->pos = 0;
}

/*
 * Refill the buffer.  Returns 1 if there are bytes, 0 at end of file,
 * -1 if a signal interrupted the read.
 */
static int fill(struct input *in)
{
	size_t want = in->one_byte_at_a_time ? 1 : BLOCK_SIZE;
	ssize_t n;

	for (;;) {
		n = read(in->fd, in->buf, want);
		if (n >= 0)
			break;
		if (errno == EINTR && got_sigint) {
			got_sigint = 0;
			return -1;
		}
		if (errno != EINTR) {
			sh_error("read error: %s", strerror(errno));
			return 0;
		}
	}
	in->len = n;
	in->pos = 0;
	return n > 0;
}

enum line_result input_read_line(struct input *in, char **line)
{
	struct strbuf sb;
	int r = 1;

	sb_init(&sb);
	for (;;) {
		if (in->pos == in->len && (r = fill(in)) <= 0)
			break;
		if (in->buf[in->pos] == '\n') {
			in->pos++;
			*line = sb.data;
			return LINE_OK;
		}
		sb_add_char(&sb, in->buf[in->pos++]);
	}
	if (r == 0 && sb.len > 0) {	/* the last line had no '\n' */
		*line = sb.data;
		return LINE_OK;
	}
	sb_free(&sb);
	return r < 0 ? LINE_INTERRUPTED : LINE_EOF;
}
