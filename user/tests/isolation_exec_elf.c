/*
 * isolation_exec_elf - execve() of a crafted ELF file fails cleanly: no
 * segment may land on the kernel, page 0 or the stack region, and no
 * header may send the loader past the end of the file.
 *
 * Each case is a copy of /bin/true with one field changed, written to
 * /tmp with mode 0755, and exec'ed in a child.  The exec must fail (the
 * child is still there to exit 42 after it); it may not succeed, kill the
 * child or hurt the kernel.  The cases: a loadable segment at 0xC0000000,
 * at 0xBFFFF000 (the stack region), at 0 (page 0), one whose address plus
 * size wraps around, one with a size of 2 GiB, file bytes beyond the end of
 * the file (offset, and filesz > memsz), program headers beyond the end of
 * the file, 0 and 100 program headers, a wrong program-header size, a file
 * cut after 30 bytes, a 32-bit ELF for another machine, and a file without
 * execute permission.  Afterwards an exec of the real /bin/true works and
 * no page was lost.
 */
#include <conduit/test.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/stat.h>

static unsigned char image[256 * 1024];
static size_t image_size;
static char path[64];

static uint32_t get32(size_t off)
{
	uint32_t v;

	memcpy(&v, image + off, 4);
	return v;
}

static void put32(unsigned char *p, size_t off, uint32_t v)
{
	memcpy(p + off, &v, 4);
}

static void put16(unsigned char *p, size_t off, uint16_t v)
{
	memcpy(p + off, &v, 2);
}

/* Offset of the first PT_LOAD program header in the image. */
static size_t first_load(void)
{
	uint32_t phoff = get32(28);
	uint16_t phnum;

	memcpy(&phnum, image + 44, 2);
	for (uint16_t i = 0; i < phnum; i++)
		if (get32(phoff + i * 32u) == 1)
			return phoff + i * 32u;
	return 0;
}

static void try_exec(const char *name, int field, uint32_t value, size_t size, int mode)
{
	static unsigned char copy[sizeof(image)];
	size_t ph = first_load();
	pid_t pid;
	int fd, status;

	memcpy(copy, image, image_size);
	switch (field) {
	case 0: break;
	case 1: put32(copy, ph + 8, value); break;		/* p_vaddr */
	case 2: put32(copy, ph + 20, value); break;		/* p_memsz */
	case 3: put32(copy, ph + 4, value); break;		/* p_offset */
	case 4: put32(copy, ph + 16, value); break;		/* p_filesz */
	case 5: put32(copy, 28, value); break;			/* e_phoff */
	case 6: put16(copy, 44, (uint16_t)value); break;	/* e_phnum */
	case 7: put16(copy, 42, (uint16_t)value); break;	/* e_phentsize */
	case 8: put16(copy, 18, (uint16_t)value); break;	/* e_machine */
	case 9:	/* p_vaddr and p_memsz: wraps around */
		put32(copy, ph + 8, 0xFFFFF000u);
		put32(copy, ph + 20, 0x2000);
		break;
	}
	unlink(path);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
	CHECK(fd >= 0);
	CHECK_EQ(write(fd, copy, size), (long)size);
	CHECK_EQ(close(fd), 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		char *argv[] = { path, NULL };
		execve(path, argv, NULL);
		_exit(42);		/* the exec failed, as it must */
	}
	status = wait_for_child(pid);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 42)
		fprintf(stderr, "FAIL: exec of an ELF with %s: the child ended with "
			"status %#x (the exec must fail and return)\n", name, status);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 42);
}

int main(void)
{
	long pages;
	int fd, status;
	ssize_t n;
	pid_t pid;

	fd = open("/bin/true", O_RDONLY);
	CHECK(fd >= 0);
	while ((n = read(fd, image + image_size, sizeof(image) - image_size)) > 0)
		image_size += (size_t)n;
	close(fd);
	CHECK(image_size > 52 && image_size < sizeof(image));
	CHECK(first_load() != 0);
	snprintf(path, sizeof(path), "/tmp/isolation_elf.%d", (int)getpid());
	pages = free_pages();
	try_exec("nothing changed but no execute permission", 0, 0, image_size, 0644);

	try_exec("a segment at 0xC0000000", 1, 0xC0000000u, image_size, 0755);
	try_exec("a segment at 0xC0100000", 1, 0xC0100000u, image_size, 0755);
	try_exec("a segment in the stack region", 1, 0xBFFFF000u, image_size, 0755);
	try_exec("a segment at 0", 1, 0, image_size, 0755);
	try_exec("a segment that wraps around", 9, 0, image_size, 0755);
	try_exec("a 2 GiB segment", 2, 0x80000000u, image_size, 0755);
	try_exec("a 3 GiB segment", 2, 0xC0000000u, image_size, 0755);
	try_exec("file bytes past the end", 3, (uint32_t)image_size, image_size, 0755);
	try_exec("a segment offset of 0xFFFFFFF0", 3, 0xFFFFFFF0u, image_size, 0755);
	try_exec("filesz > memsz", 4, 0x100000, image_size, 0755);
	try_exec("program headers past the end", 5, (uint32_t)image_size - 8, image_size, 0755);
	try_exec("program headers at 0xFFFFFFF0", 5, 0xFFFFFFF0u, image_size, 0755);
	try_exec("no program headers", 6, 0, image_size, 0755);
	try_exec("100 program headers", 6, 100, image_size, 0755);
	try_exec("65535 program headers", 6, 65535, image_size, 0755);
	try_exec("a program header size of 16", 7, 16, image_size, 0755);
	try_exec("another machine", 8, 62, image_size, 0755);
	try_exec("the file cut after 30 bytes", 0, 0, 30, 0755);
	try_exec("the file cut after 100 bytes", 0, 0, 100, 0755);
	CHECK_EQ(unlink(path), 0);

	/* The real thing still works. */
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		char *argv[] = { "/bin/true", NULL };
		execve("/bin/true", argv, NULL);
		_exit(127);
	}
	status = wait_for_child(pid);
	CHECK_EQ(status, 0);
	CHECK_EQ(free_pages(), pages);
	return 0;
}
