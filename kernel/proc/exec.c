/*
 * exec.c - execve: replace the calling process's program with a new one
 * from the file system.
 *
 * The new address space is built completely on the side while the old one
 * stays intact: load the ELF segments, then build the initial stack the
 * as the Linux i386 ABI describes it, from the top of user space down:
 *
 *      16 random bytes (AT_RANDOM)
 *      the string area: the program path (AT_EXECFN), the argument
 *      strings, then the environment strings, written upwards from
 *      USER_TOP - 16 - ARG_STRINGS_MAX (pages it does not reach are never
 *      allocated)
 *      ... padding so that esp ends up 16-byte aligned ...
 *      auxv: (type, value) pairs ending with AT_NULL
 *      envp[0..n-1], NULL
 *      argv[0..n-1], NULL
 *      argc                       <- esp at the program's first instruction
 *
 * An empty argv is given one empty string, argv[0] = "", as Linux does
 * since 5.18: programs assume argc >= 1.
 *
 * Only when all of that has worked do we commit: switch to the new address
 * space and free the old one, close close-on-exec descriptors, reset caught
 * signals to their defaults, and point the trap frame at the entry point.
 * Any error before the commit frees the new space and returns to the
 * unchanged old program, as POSIX requires.
 *
 * The argument strings are copied straight from the old address space to
 * the new one through a one-page bounce buffer, each byte fetched once;
 * that is why the string area is filled upwards: a string's length is not
 * known until its last chunk has been copied.
 */
#include "proc/exec.h"
#include "lib/errno.h"
#include "fs/fd.h"
#include "arch/fpu.h"
#include "fs/fs.h"
#include "arch/cpu.h"
#include "mm/kmalloc.h"
#include "lib/lib.h"
#include "mm/memlayout.h"
#include "mm/pmm.h"
#include "proc/proc.h"
#include "time/clock.h"
#include "arch/trap.h"
#include "mm/vm.h"
#include "arch/x86.h"

#define ARG_STRINGS_MAX (128 * 1024)	/* bytes of argument + env strings */
#define ARG_COUNT_MAX 1000		/* argv + envp entries (E2BIG) */
#define STRING_AREA_END (USER_TOP - 16)

struct elf_header {
	uint8_t ident[16];
	uint16_t type, machine;
	uint32_t version, entry, phoff, shoff, flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct elf_phdr {
	uint32_t type, offset, vaddr, paddr, filesz, memsz, flags, align;
};

#define PT_LOAD 1
#define PF_W 2
#define ELF_MAX_PHDRS 16

/* Everything exec builds before it commits. */
struct exec_image {
	struct mm *mm;
	struct elf_header eh;
	struct elf_phdr ph[ELF_MAX_PHDRS];
	uint32_t phdr_va;	/* where the program headers are in memory */
	uint32_t sp;		/* the new stack pointer, going down */
	uint32_t str_pos;	/* next free byte of the string area, going up */
	uint32_t *ptrs;		/* user addresses of the strings pushed */
	uint32_t nptrs;
	char *bounce;		/* one page for copying */
};

static int elf_check(const struct elf_header *eh)
{
	if (memcmp(eh->ident, "\177ELF", 4) || eh->ident[4] != 1 ||
	    eh->ident[5] != 1 || eh->machine != 3 || eh->type != 2 ||
	    eh->phentsize != sizeof(struct elf_phdr) || eh->phnum == 0 ||
	    eh->phnum > ELF_MAX_PHDRS)
		return -ENOEXEC;
	return 0;
}

static bool segment_ok(const struct elf_phdr *ph, uint32_t file_size)
{
	uint32_t end = ph->vaddr + ph->memsz;

	return ph->filesz <= ph->memsz && end >= ph->vaddr &&
	       ph->vaddr >= USER_LOW && end <= USER_TOP - USER_STACK_MAX &&
	       ph->offset + ph->filesz >= ph->offset &&
	       ph->offset + ph->filesz <= file_size;
}

/* Copy a file range into the new address space, a page at a time. */
/* fs_read under the tree lock: a writer on another CPU may be changing it. */
static ssize_t exec_read(struct inode *ino, uint32_t off, void *buf, size_t n)
{
	ssize_t got;

	fs_lock();
	got = fs_read(ino, off, buf, n);
	fs_unlock();
	return got;
}

static int load_bytes(struct exec_image *im, struct inode *ino, uint32_t off,
		      uint32_t va, uint32_t n)
{
	while (n > 0) {
		uint32_t chunk = min_u32(n, PAGE_SIZE);
		if (exec_read(ino, off, im->bounce, chunk) != (ssize_t)chunk)
			return -EIO;
		if (vm_copy_to(im->mm, va, im->bounce, chunk))
			return -EFAULT;
		off += chunk, va += chunk, n -= chunk;
	}
	return 0;
}

/* Write-protect pages of read-only segments that no writable one shares. */
static void protect_text(struct exec_image *im)
{
	for (int i = 0; i < im->eh.phnum; i++) {
		struct elf_phdr *ph = &im->ph[i];
		if (ph->type != PT_LOAD || (ph->flags & PF_W))
			continue;
		for (uint32_t va = round_down(ph->vaddr, PAGE_SIZE);
		     va < ph->vaddr + ph->memsz; va += PAGE_SIZE) {
			bool shared = false;
			for (int j = 0; j < im->eh.phnum; j++)
				shared |= im->ph[j].type == PT_LOAD &&
					  (im->ph[j].flags & PF_W) &&
					  va < im->ph[j].vaddr + im->ph[j].memsz &&
					  va + PAGE_SIZE > im->ph[j].vaddr;
			if (!shared)
				vm_protect_page(im->mm, va);
		}
	}
}

static int load_elf(struct exec_image *im, struct inode *ino)
{
	uint32_t end = 0;
	int err;

	if (exec_read(ino, 0, &im->eh, sizeof(im->eh)) != sizeof(im->eh))
		return -ENOEXEC;
	if ((err = elf_check(&im->eh)))
		return err;
	if (exec_read(ino, im->eh.phoff, im->ph, im->eh.phnum * sizeof(im->ph[0])) !=
	    (ssize_t)(im->eh.phnum * sizeof(im->ph[0])))
		return -ENOEXEC;
	for (int i = 0; i < im->eh.phnum; i++) {
		struct elf_phdr *ph = &im->ph[i];
		if (ph->type != PT_LOAD)
			continue;
		if (!segment_ok(ph, ino->size))
			return -ENOEXEC;
		err = vm_alloc_range(im->mm, ph->vaddr, ph->vaddr + ph->memsz, true);
		if (!err)
			err = load_bytes(im, ino, ph->offset, ph->vaddr, ph->filesz);
		if (err)
			return err;
		if (im->eh.phoff >= ph->offset &&
		    im->eh.phoff < ph->offset + ph->filesz)
			im->phdr_va = ph->vaddr + (im->eh.phoff - ph->offset);
		if (ph->vaddr + ph->memsz > end)
			end = ph->vaddr + ph->memsz;
	}
	protect_text(im);
	im->mm->brk_start = im->mm->brk = round_up(end, PAGE_SIZE);
	return 0;
}

/* Push raw bytes onto the new stack; returns their user address or 0. */
static uint32_t stack_push(struct exec_image *im, const void *data, uint32_t n)
{
	if (im->sp - n < USER_TOP - USER_STACK_MAX / 2)
		return 0;
	im->sp -= n;
	if (vm_copy_to(im->mm, im->sp, data, n))
		return 0;
	return im->sp;
}

/* Append bytes to the string area. */
static int str_append(struct exec_image *im, const void *data, uint32_t n)
{
	if (n > STRING_AREA_END - im->str_pos)
		return -E2BIG;
	if (vm_copy_to(im->mm, im->str_pos, data, n))
		return -ENOMEM;
	im->str_pos += n;
	return 0;
}

/* Remember where the next string starts, for argv/envp. */
static int str_begin(struct exec_image *im)
{
	if (im->nptrs >= ARG_COUNT_MAX)
		return -E2BIG;
	im->ptrs[im->nptrs++] = im->str_pos;
	return 0;
}

static int push_kernel_string(struct exec_image *im, const char *s)
{
	int err = str_begin(im);

	return err ? err : str_append(im, s, strlen(s) + 1);
}

/* Copy one user string, a page at a time, however long it is. */
static int push_user_string(struct exec_image *im, uaddr_t src)
{
	int len, err = str_begin(im);

	for (; !err; src += PAGE_SIZE) {
		len = strncpy_from_user(im->bounce, src, PAGE_SIZE);
		if (len >= 0)
			return str_append(im, im->bounce, len + 1);
		if (len != -ENAMETOOLONG)
			return len;
		err = str_append(im, im->bounce, PAGE_SIZE);
	}
	return err;
}

/* Push the strings of a user vector (argv or envp); returns the count. */
static int push_user_strings(struct exec_image *im, uaddr_t vec)
{
	int count = 0;
	uint32_t uptr;
	int err;

	for (;; count++) {
		if (!vec)
			return count;
		if (copy_from_user(&uptr, vec + count * 4, 4))
			return -EFAULT;
		if (!uptr)
			return count;
		if ((err = push_user_string(im, uptr)))
			return err;
	}
}

static int push_vector(struct exec_image *im, uint32_t first, uint32_t n)
{
	uint32_t zero = 0;

	if (!stack_push(im, &zero, 4) || !stack_push(im, &im->ptrs[first], n * 4))
		return -E2BIG;
	return 0;
}

/* Lay out auxv, envp, argv and argc below the strings (see the top). */
static int push_tables(struct exec_image *im, int argc, int envc,
		       uint32_t random_va, uint32_t execfn_va)
{
	uint32_t auxv[] = {
		3, im->phdr_va, 4, sizeof(struct elf_phdr), 5, im->eh.phnum,
		6, PAGE_SIZE, 7, 0, 8, 0, 9, im->eh.entry, 11, 0, 12, 0,
		13, 0, 14, 0, 23, 0, 25, random_va, 31, execfn_va, 0, 0,
	};
	uint32_t words = ARRAY_SIZE(auxv) + (envc + 1) + (argc + 1) + 1;
	int err;

	im->sp = round_down(im->sp - words * 4, 16) + words * 4;
	if (!stack_push(im, auxv, sizeof(auxv)))
		return -E2BIG;
	if ((err = push_vector(im, argc + 1, envc)) ||
	    (err = push_vector(im, 1, argc)))
		return err;
	if (!stack_push(im, &argc, 4))
		return -E2BIG;
	return 0;
}

/*
 * Build the stack.  uargv/uenvp are user vectors; when they are 0 the
 * kernel's own kargv/kenvp are used (for starting init).
 */
static int build_stack(struct exec_image *im, const char *path, uaddr_t uargv,
		       uaddr_t uenvp, const char *const *kargv,
		       const char *const *kenvp)
{
	uint64_t seed[2] = { rdtsc(), rdtsc() ^ (time_realtime_ns() << 16) };
	uint32_t random_va, execfn_va;
	int argc = 0, envc = 0, err;

	im->sp = USER_TOP;
	random_va = stack_push(im, seed, sizeof(seed));
	im->str_pos = STRING_AREA_END - ARG_STRINGS_MAX;
	im->sp = im->str_pos;
	if (!random_va || push_kernel_string(im, path))
		return -E2BIG;
	execfn_va = im->ptrs[0];
	if (kargv) {
		for (; kargv[argc]; argc++)
			if ((err = push_kernel_string(im, kargv[argc])))
				return err;
		for (; kenvp[envc]; envc++)
			if ((err = push_kernel_string(im, kenvp[envc])))
				return err;
	} else {
		if ((argc = push_user_strings(im, uargv)) < 0)
			return argc;
		/* As Linux (since 5.18): an empty argv becomes { "" }, so that
		 * no program finds argv[0] == NULL and takes envp for argv. */
		if (argc == 0) {
			if ((err = push_kernel_string(im, "")))
				return err;
			argc = 1;
		}
		if ((envc = push_user_strings(im, uenvp)) < 0)
			return envc;
	}
	return push_tables(im, argc, envc, random_va, execfn_va);
}

/* Point the user registers at the new program's first instruction. */
static void exec_set_registers(struct trapframe *tf, uint32_t entry, uint32_t sp)
{
	memset(tf, 0, sizeof(*tf));
	tf->cs = SEG_UCODE;
	tf->ds = tf->es = tf->fs = tf->gs = tf->ss = SEG_UDATA;
	tf->eflags = EFLAGS_IF;
	tf->eip = entry;
	tf->esp = sp;
}

static void exec_commit(struct proc *p, struct exec_image *im, const char *path)
{
	struct mm *old = p->mm;
	const char *base = path;

	p->mm = im->mm;
	im->mm = NULL;
	p->mm->stack_start = round_down(im->sp, PAGE_SIZE);	/* RLIMIT_STACK from here */
	if (p == current)
		vm_activate(p->mm);
	if (old)
		vm_destroy(old);
	for (const char *s = path; *s; s++)
		if (*s == '/')
			base = s + 1;
	strlcpy(p->name, base, sizeof(p->name));
	p->did_exec = true;		/* its parent may no longer setpgid it */
	fd_close_on_exec(&p->fds);
	signal_exec(p);
	fpu_reset(p);
	exec_set_registers(p->tf, im->eh.entry, im->sp);
}

/* Load the program ino into a new address space and switch p to it. */
static int exec_load(struct proc *p, struct inode *ino, const char *path,
		     uaddr_t uargv, uaddr_t uenvp, const char *const *kargv,
		     const char *const *kenvp)
{
	struct exec_image im = { 0 };
	int err = -ENOMEM;

	im.bounce = page_alloc();
	im.ptrs = page_alloc();
	im.mm = vm_create();
	if (im.bounce && im.ptrs && im.mm) {
		err = load_elf(&im, ino);
		if (!err)
			err = build_stack(&im, path, uargv, uenvp, kargv, kenvp);
		if (!err)
			exec_commit(p, &im, path);
	}
	if (im.mm)
		vm_destroy(im.mm);
	if (im.bounce)
		page_free(im.bounce);
	if (im.ptrs)
		page_free(im.ptrs);
	return err;
}

static int exec_common(struct proc *p, const char *path, uaddr_t uargv,
		       uaddr_t uenvp, const char *const *kargv,
		       const char *const *kenvp)
{
	struct inode *ino;
	int err;

	fs_lock();
	err = fs_lookup(path, &ino);
	if (!err && (!S_ISREG(ino->mode) || !(ino->mode & 0111)))
		err = -EACCES;
	if (!err)
		inode_get(ino);	/* the file stays while we load it */
	fs_unlock();
	if (err)
		return err;
	err = exec_load(p, ino, path, uargv, uenvp, kargv, kenvp);
	inode_put(ino);
	return err;
}

/* Start a program from the kernel (init), with a default environment. */
int exec_kernel(struct proc *p, const char *const *argv)
{
	const char *envp[] = { "PATH=/bin", "HOME=/", "TERM=vt100", NULL };

	return exec_common(p, argv[0], 0, 0, argv, envp);
}

long sys_execve(uaddr_t upath, uaddr_t uargv, uaddr_t uenvp)
{
	char *path = kmalloc(PATH_MAX);
	int err;

	if (!path)
		return -ENOMEM;
	err = strncpy_from_user(path, upath, PATH_MAX);
	if (err >= 0)
		err = exec_common(current, path, uargv, uenvp, NULL, NULL);
	kfree(path);
	return err;	/* on success the return value is never seen */
}
