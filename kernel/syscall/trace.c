/*
 * trace.c - prints system calls as they happen, strace style:
 *
 *     [5] write(1, "hello\n", 6) = 6
 *
 * Switched on from the kernel command line (trace=all, or trace=read,write).
 * The call is formatted before it runs, since execve replaces the
 * caller's memory, into a buffer on the kernel stack, and the whole line
 * is printed when the call returns, so lines never tear: a call that
 * sleeps shows up when it ends, after the lines of whatever ran
 * meanwhile.  exit and exit_group never return; they are printed at once,
 * with "= ?" as strace does.  Strings and buffers are read through the
 * checked copy path, so a bad pointer prints as its address, never faults.
 */
#include "syscall/trace.h"
#include "lib/errno.h"
#include "lib/lib.h"
#include "proc/proc.h"
#include "mm/uaccess.h"

#define TRACE_STR_MAX 32

/* Appends a user string or buffer, escaped, or its address if bad. */
static int trace_bytes(char *out, size_t size, uint32_t addr, uint32_t len,
		       bool is_string)
{
	char raw[TRACE_STR_MAX + 1];
	uint32_t n = min_u32(len, TRACE_STR_MAX), i, used = 0;

	if (is_string) {
		int r = strncpy_from_user(raw, addr, sizeof(raw));
		n = r == -ENAMETOOLONG ? TRACE_STR_MAX : (uint32_t)r;
		if (r < 0 && r != -ENAMETOOLONG)
			return snprintf(out, size, "%p", (void *)addr);
	} else if (copy_from_user(raw, addr, n)) {
		return snprintf(out, size, "%p", (void *)addr);
	}
	used += snprintf(out + used, size - used, "\"");
	for (i = 0; i < n && used < size; i++) {
		char c = raw[i];
		if (c == '\n')
			used += snprintf(out + used, size - used, "\\n");
		else if (c >= 32 && c < 127 && c != '"' && c != '\\')
			used += snprintf(out + used, size - used, "%c", c);
		else
			used += snprintf(out + used, size - used, "\\x%02x",
					 (uint8_t)c);
	}
	if (used < size)
		used += snprintf(out + used, size - used, "\"%s",
				 (is_string ? n == TRACE_STR_MAX : len > n) ? "..." : "");
	return used;
}

/* Appends argument i, formatted as its letter in fmt says. */
static int trace_arg(char *out, size_t size, const char *fmt,
		     const uint32_t *args, int i)
{
	switch (fmt[i]) {
	case 'd':
		return snprintf(out, size, "%d", (int)args[i]);
	case 'u':
		return snprintf(out, size, "%u", args[i]);
	case 'o':
		return snprintf(out, size, "0%o", args[i]);
	case 's':
		return trace_bytes(out, size, args[i], 0, true);
	case 'b':
		return trace_bytes(out, size, args[i], args[i + 1], false);
	default:
		return snprintf(out, size, "0x%x", args[i]);
	}
}

void trace_enter(uint32_t nr, const char *name, const char *fmt,
		 const uint32_t *args, char *line, size_t size)
{
	size_t used;

	if (name)
		used = snprintf(line, size, "[%d] %s(", current->pid, name);
	else
		used = snprintf(line, size, "[%d] syscall_%u(", current->pid, nr);
	for (int i = 0; fmt[i] && used < size; i++) {
		if (i)
			used += snprintf(line + used, size - used, ", ");
		if (used < size)
			used += trace_arg(line + used, size - used, fmt, args, i);
	}
	if (used < size)
		snprintf(line + used, size - used, ")");
	if (nr == 1 || nr == 252)		/* exit, exit_group: no return */
		printk("%s = ?\n", line);
}

void trace_exit(const char *line, long ret)
{
	if (ret < 0 && ret >= -4095)
		printk("%s = -1 (errno %ld)\n", line, -ret);
	else if (ret > 0xFFFF || ret < -4095)
		printk("%s = 0x%x\n", line, (uint32_t)ret);
	else
		printk("%s = %ld\n", line, ret);
}
