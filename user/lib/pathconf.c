/*
 * pathconf.c - limits that may depend on the file: pathconf(path, name)
 * and fpathconf(fd, name).
 *
 * Conduit has one file system (tmpfs), so every file gives the same
 * answers; they are the kernel's limits (kernel/fs/fs.h, pipe/pipe.h)
 * and otherwise what glibc says for a Linux tmpfs.  -1 with errno
 * unchanged means "no limit" or "not supported".
 *
 * As in glibc, the names whose answer depends on the file system first
 * check that the file exists (so a bad path fails with ENOENT/ENOTDIR,
 * a bad descriptor with EBADF); the others answer without looking.  An
 * unknown name fails with EINVAL.
 */
#include <errno.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

/*
 * Conduit has no link() yet, so a file has one name; 127 is Linux's
 * LINK_MAX, what glibc reports for tmpfs, kept so that programs that
 * size tests by it see the usual value.
 */
#define CONDUIT_LINK_MAX 127

struct pathconf_value {
	long value;
	int asks_file;		/* depends on the file system: check the file */
};

static const struct pathconf_value pathconf_values[] = {
	[_PC_LINK_MAX] = { CONDUIT_LINK_MAX, 1 },
	[_PC_MAX_CANON] = { MAX_CANON, 0 },
	[_PC_MAX_INPUT] = { MAX_INPUT, 0 },
	[_PC_NAME_MAX] = { NAME_MAX, 1 },
	[_PC_PATH_MAX] = { PATH_MAX, 0 },
	[_PC_PIPE_BUF] = { PIPE_BUF, 0 },
	[_PC_CHOWN_RESTRICTED] = { 1, 1 },	/* only root may chown */
	[_PC_NO_TRUNC] = { 1, 0 },		/* long names fail, not cut */
	[_PC_VDISABLE] = { 0, 0 },		/* '\0' turns a tty key off */
	[_PC_SYNC_IO] = { -1, 0 },
	[_PC_ASYNC_IO] = { -1, 1 },
	[_PC_PRIO_IO] = { -1, 0 },
	[_PC_SOCK_MAXBUF] = { -1, 0 },
	[_PC_FILESIZEBITS] = { 32, 1 },		/* off_t is 32 bits */
	[_PC_REC_INCR_XFER_SIZE] = { -1, 0 },
	[_PC_REC_MAX_XFER_SIZE] = { -1, 0 },
	[_PC_REC_MIN_XFER_SIZE] = { 4096, 1 },	/* one page (st_blksize) */
	[_PC_REC_XFER_ALIGN] = { 4096, 1 },
	[_PC_ALLOC_SIZE_MIN] = { 4096, 1 },
	[_PC_SYMLINK_MAX] = { -1, 0 },
	[_PC_2_SYMLINKS] = { 0, 1 },		/* no symbolic links (yet) */
};

#define PATHCONF_NAMES \
	(int)(sizeof(pathconf_values) / sizeof(pathconf_values[0]))

/* The table entry for name, or NULL (errno EINVAL) for an unknown one. */
static const struct pathconf_value *find_name(int name)
{
	if (name < 0 || name >= PATHCONF_NAMES) {
		errno = EINVAL;
		return NULL;
	}
	return &pathconf_values[name];
}

long pathconf(const char *path, int name)
{
	const struct pathconf_value *v = find_name(name);
	struct stat st;

	if (!v || (v->asks_file && stat(path, &st) < 0))
		return -1;
	return v->value;
}

long fpathconf(int fd, int name)
{
	const struct pathconf_value *v = find_name(name);
	struct stat st;

	if (!v || (v->asks_file && fstat(fd, &st) < 0))
		return -1;
	return v->value;
}
