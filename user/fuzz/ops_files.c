/*
 * ops_files.c - operations on paths and files: read, write, open, creat,
 * close, unlink, chdir, mknod, lseek, access, rename, mkdir, rmdir,
 * truncate, ftruncate, stat, lstat, fstat, getdents64, getcwd.  Calls that
 * create or remove things get paths inside the worker's sandbox only.
 */
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "fuzz.h"
#include "rng.h"

/*
 * A read into buf (or a write from it) of len bytes returned ret: if any
 * of it is kernel memory, the count must not cover it.  And a read into
 * our read-only code must not succeed at all.
 */
static void check_kernel_buffer(const char *what, long ret, uintptr_t buf, uint32_t len)
{
	uint32_t user_part;

	if (ret > 0 && len > 0 && what[0] == 'r' && buf >= text_target_addr &&
	    buf < text_target_addr + 64)
		bug("%s into read-only code at %#lx returned %ld", what,
		    (unsigned long)buf, ret);
	if (!ON_CONDUIT || ret <= 0 || len == 0)
		return;
	user_part = buf >= 0xc0000000u ? 0 : 0xc0000000u - (uint32_t)buf;
	if (buf < 0x1000)
		user_part = 0;
	if ((uint32_t)ret > user_part && (uint32_t)ret <= len)
		bug("%s with buffer %#lx, length %u returned %ld: kernel memory "
		    "was %s", what, (unsigned long)buf, len, ret,
		    what[0] == 'r' ? "written" : "read");
}

static void read_or_write(struct call *call, int is_read)
{
	const char *what = is_read ? "read" : "write";
	uint32_t len;
	int kind;

	call->arg[0] = gen_fd();
	len = gen_len();
	kind = fd_kind_of(call->arg[0]);
	call->arg[1] = is_read ? (long)out_ptr(len) : (long)in_ptr(len);
	call->arg[2] = len;
	call->nr = is_read ? SYS_read : SYS_write;
	if (kind == FK_PIPE_R || kind == FK_PIPE_W || kind == FK_FIFO || kind < 0)
		timeout_arm();
	call_make(call);
	check_kernel_buffer(what, call->ret, (uintptr_t)call->arg[1], len);
	if (call->ret > (long)len && len < 0x80000000u)
		bug("%s returned %ld for %u bytes", what, call->ret, len);
}

void op_read(struct call *call)
{
	read_or_write(call, 1);
}

void op_write(struct call *call)
{
	read_or_write(call, 0);
}

/* open or creat gave a descriptor: remember it. */
static void track_opened(long fd)
{
	if (fd < 0)
		return;
	if (fd_protected(fd) || fd > 255)
		bug("open returned descriptor %ld", fd);
	fd_track(fd, FK_FILE);
	if (fd_protected(fd))
		sys5(SYS_close, fd, 0, 0, 0, 0);
}

static uint32_t gen_open_flags(void)
{
	static const uint32_t flag_bits[] = {
		O_RDONLY, O_WRONLY, O_RDWR, 3, O_CREAT, O_EXCL, O_TRUNC,
		O_APPEND, O_NONBLOCK, O_DIRECTORY, O_CLOEXEC, O_NOCTTY,
		0x80000000u, 0x400000,
	};
	uint32_t flags = 0;
	int n = (int)below(4);

	for (int i = 0; i < n; i++)
		flags |= PICK(flag_bits);
	if (chance(5))
		flags = rnd();
	return flags;
}

void op_open(struct call *call)
{
	uint32_t flags = gen_open_flags();

	call->arg[0] = (long)gen_path(1);
	if (chance(30))
		call->arg[0] = (long)other_path();
	call->arg[1] = flags;
	if (chance(80)) {
		call->arg[2] = (long)below(01000);
		if (chance(30))
			call->arg[2] |= 0700;
	} else {
		call->arg[2] = (long)gen_int();
	}
	call->nr = SYS_open;
	timeout_arm();	/* a FIFO open waits for its partner */
	track_opened(call_make(call));
}

void op_creat(struct call *call)
{
	call->arg[0] = (long)gen_path(1);
	call->arg[1] = (long)(chance(80) ? below(01000) : gen_int());
	call->nr = SYS_creat;
	track_opened(call_make(call));
}

void op_close(struct call *call)
{
	long fd = gen_fd();

	call->arg[0] = fd;
	call->nr = SYS_close;
	if (call_make(call) != 0)
		return;
	fd_forget((int)fd);
	if (fd_protected(fd))
		bug("closed a protected descriptor");
}

void op_unlink(struct call *call)
{
	call->arg[0] = (long)gen_path(1);
	call->nr = SYS_unlink;
	call_make(call);
}

/* Wherever chdir went, the worker stays inside its sandbox. */
void op_chdir(struct call *call)
{
	static const char *const dirs[] = { "d", "d/e", "..", ".", "a", "", "nonexistent" };
	char *cwd = (char *)(scratch + 8192);
	size_t len = strlen(base_dir);

	call->arg[0] = chance(80) ? (long)PICK(dirs) : (long)gen_path(0);
	if (chance(20))
		call->arg[0] = (long)base_dir;
	call->nr = SYS_chdir;
	if (call_make(call) != 0)
		return;
	/* Out of base (".." from base, or from a base that was removed)? */
	if (sys5(SYS_getcwd, (long)cwd, 4096, 0, 0, 0) <= 0 ||
	    strncmp(cwd, base_dir, len) != 0 || (cwd[len] && cwd[len] != '/'))
		sandbox_enter();
}

/* FIFOs, files, device and socket nodes (on a host: FIFOs and files only). */
void op_mknod(struct call *call)
{
	static const uint32_t types[] = { S_IFIFO, S_IFIFO, S_IFREG, 0,
					  S_IFCHR, S_IFBLK, S_IFDIR, S_IFSOCK, S_IFLNK };
	long mode;

	call->arg[0] = (long)gen_path(1);
	mode = (long)PICK(types);
	mode |= (long)below(01000);	/* a separate draw: | has no order */
	if (chance(5))
		mode = (long)gen_int();
	if (!ON_CONDUIT && (mode & S_IFMT) != S_IFIFO && (mode & S_IFMT) != S_IFREG)
		mode = S_IFIFO | 0644;
	call->arg[1] = mode;
	call->arg[2] = (long)gen_int();
	call->nr = SYS_mknod;
	call_make(call);
}

void op_lseek(struct call *call)
{
	call->arg[0] = gen_fd();
	call->arg[1] = (long)gen_int();
	call->arg[2] = chance(85) ? (long)below(3) : (long)gen_int();
	call->nr = SYS_lseek;
	call_make(call);
}

void op_access(struct call *call)
{
	call->arg[0] = (long)gen_path(0);
	call->arg[1] = chance(80) ? (long)below(8) : (long)gen_int();
	call->nr = SYS_access;
	call_make(call);
}

void op_rename(struct call *call)
{
	call->arg[0] = (long)gen_path(1);
	call->arg[1] = (long)gen_path(1);
	call->nr = SYS_rename;
	call_make(call);
}

void op_mkdir(struct call *call)
{
	call->arg[0] = (long)gen_path(1);
	call->arg[1] = (long)(chance(80) ? 0755 : gen_int());
	call->nr = SYS_mkdir;
	call_make(call);
}

void op_rmdir(struct call *call)
{
	call->arg[0] = (long)gen_path(1);
	call->nr = SYS_rmdir;
	call_make(call);
}

void op_truncate(struct call *call)
{
	call->arg[0] = (long)gen_path(1);
	call->arg[1] = chance(60) ? (long)below(20000) : (long)gen_int();
	call->nr = SYS_truncate;
	call_make(call);
}

void op_ftruncate(struct call *call)
{
	call->arg[0] = gen_fd();
	call->arg[1] = chance(60) ? (long)below(20000) : (long)gen_int();
	call->nr = SYS_ftruncate;
	call_make(call);
}

/* stat or lstat; 144 bytes is Linux i386's struct stat. */
void op_stat(struct call *call)
{
	call->arg[0] = (long)gen_path(0);
	call->arg[1] = (long)out_ptr(144);
	call->nr = chance(50) ? SYS_stat : SYS_lstat;
	call_make(call);
}

void op_fstat(struct call *call)
{
	call->arg[0] = gen_fd();
	call->arg[1] = (long)out_ptr(144);
	call->nr = SYS_fstat;
	call_make(call);
}

void op_getdents(struct call *call)
{
	uint32_t len;

	call->arg[0] = gen_fd();
	len = gen_len();
	call->arg[1] = (long)out_ptr(len);
	call->arg[2] = len;
	call->nr = SYS_getdents64;
	call_make(call);
	check_kernel_buffer("read(getdents)", call->ret, (uintptr_t)call->arg[1], len);
}

void op_getcwd(struct call *call)
{
	uint32_t len = chance(50) ? below(200) : gen_len();

	call->arg[0] = (long)out_ptr(len);
	call->arg[1] = len;
	call->nr = SYS_getcwd;
	call_make(call);
}
