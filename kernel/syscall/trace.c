/*
 * trace.c - prints system calls as they happen, strace style:
 *
 *     [5] write(1, "hello\n", 6) = 6
 *     [5] read(7, 0x0804c000, 4096) = -1 EBADF (Bad file descriptor)
 *     [5] unknown(403)(0x1, 0x0, 0x0, 0x0, 0x0, 0x0) = -1 ENOSYS (Function not implemented)
 *
 * Switched on from the kernel command line (trace=all, or trace=read,write).
 * The call is formatted before it runs, since execve replaces the
 * caller's memory, into a buffer on the kernel stack, and the whole line
 * is printed when the call returns, so lines never tear: a call that
 * sleeps shows up when it ends, after the lines of whatever ran
 * meanwhile.  exit and exit_group never return; they are printed at once,
 * with "= ?" as strace does.  Strings and buffers are read through the
 * checked copy path, so a bad pointer prints as its address, never faults.
 *
 * The format string of a call (syscall.c) has one letter per argument,
 * optionally followed by '=' and the letter of the result: results are
 * decimal unless it says otherwise (brk's "x=p" prints a pointer).  Errors
 * print as strace prints them, "-1 ENAME (message)"; a call with no table
 * entry prints as unknown(NUMBER) with all six registers in hex.
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

/* The errors the kernel returns, by name, worded as Linux's strerror(). */
static const struct trace_errno {
	int nr;
	const char *name, *msg;
} trace_errnos[] = {
	{ EPERM, "EPERM", "Operation not permitted" },
	{ ENOENT, "ENOENT", "No such file or directory" },
	{ ESRCH, "ESRCH", "No such process" },
	{ EINTR, "EINTR", "Interrupted system call" },
	{ EIO, "EIO", "Input/output error" },
	{ ENXIO, "ENXIO", "No such device or address" },
	{ E2BIG, "E2BIG", "Argument list too long" },
	{ ENOEXEC, "ENOEXEC", "Exec format error" },
	{ EBADF, "EBADF", "Bad file descriptor" },
	{ ECHILD, "ECHILD", "No child processes" },
	{ EAGAIN, "EAGAIN", "Resource temporarily unavailable" },
	{ ENOMEM, "ENOMEM", "Cannot allocate memory" },
	{ EACCES, "EACCES", "Permission denied" },
	{ EFAULT, "EFAULT", "Bad address" },
	{ EBUSY, "EBUSY", "Device or resource busy" },
	{ EEXIST, "EEXIST", "File exists" },
	{ EXDEV, "EXDEV", "Invalid cross-device link" },
	{ ENODEV, "ENODEV", "No such device" },
	{ ENOTDIR, "ENOTDIR", "Not a directory" },
	{ EISDIR, "EISDIR", "Is a directory" },
	{ EINVAL, "EINVAL", "Invalid argument" },
	{ ENFILE, "ENFILE", "Too many open files in system" },
	{ EMFILE, "EMFILE", "Too many open files" },
	{ ENOTTY, "ENOTTY", "Inappropriate ioctl for device" },
	{ EFBIG, "EFBIG", "File too large" },
	{ ENOSPC, "ENOSPC", "No space left on device" },
	{ ESPIPE, "ESPIPE", "Illegal seek" },
	{ EROFS, "EROFS", "Read-only file system" },
	{ EMLINK, "EMLINK", "Too many links" },
	{ EPIPE, "EPIPE", "Broken pipe" },
	{ ERANGE, "ERANGE", "Numerical result out of range" },
	{ ENAMETOOLONG, "ENAMETOOLONG", "File name too long" },
	{ ENOSYS, "ENOSYS", "Function not implemented" },
	{ ENOTEMPTY, "ENOTEMPTY", "Directory not empty" },
	{ ELOOP, "ELOOP", "Too many levels of symbolic links" },
	{ ETIMEDOUT, "ETIMEDOUT", "Connection timed out" },
	/* Never seen by user space: signal.c turns them into EINTR or a restart. */
	{ ERESTARTSYS, "ERESTARTSYS", "To be restarted if SA_RESTART is set" },
};

/* The six registers of a call with no table entry, all shown raw. */
static const char trace_raw_fmt[] = "xxxxxx";

void trace_enter(uint32_t nr, const char *name, const char *fmt,
		 const uint32_t *args, char *line, size_t size)
{
	size_t used;

	if (name) {
		used = snprintf(line, size, "[%d] %s(", current->pid, name);
	} else {
		used = snprintf(line, size, "[%d] unknown(%u)(", current->pid, nr);
		fmt = trace_raw_fmt;
	}
	for (int i = 0; fmt[i] && fmt[i] != '=' && used < size; i++) {
		if (i)
			used += snprintf(line + used, size - used, ", ");
		if (used < size)
			used += trace_arg(line + used, size - used, fmt, args, i);
	}
	if (used < size)
		snprintf(line + used, size - used, ")");
	if (name && (nr == 1 || nr == 252))	/* exit, exit_group: no return */
		printk("%s = ?\n", line);
}

/* Prints an error result: "-1 ENAME (message)", or "?" for a restart. */
static void trace_error(const char *line, int err)
{
	for (size_t i = 0; i < sizeof(trace_errnos) / sizeof(trace_errnos[0]); i++) {
		const struct trace_errno *e = &trace_errnos[i];
		if (e->nr == err) {
			printk("%s = %s %s (%s)\n", line, err >= ERESTARTSYS ? "?" : "-1",
			       e->name, e->msg);
			return;
		}
	}
	printk("%s = -1 (errno %d)\n", line, err);
}

void trace_exit(const char *line, const char *fmt, long ret)
{
	const char *res = fmt ? strchr(fmt, '=') : NULL;

	if (ret < 0 && ret >= -4095) {
		trace_error(line, (int)-ret);
		return;
	}
	switch (res ? res[1] : 'd') {
	case 'p':
	case 'x':
		printk("%s = 0x%x\n", line, (uint32_t)ret);
		break;
	case 'o':
		printk("%s = 0%o\n", line, (uint32_t)ret);
		break;
	case 'u':
		printk("%s = %u\n", line, (uint32_t)ret);
		break;
	default:
		printk("%s = %ld\n", line, ret);
	}
}
