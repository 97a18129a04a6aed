/*
 * ls - list directory contents.
 *
 * Usage: ls [-al] [FILE...]
 *
 *   -a   also show names that start with '.' (including . and ..)
 *   -l   long format: type and permissions, link count, owner and group
 *        (as numbers), size in bytes, name; a symbolic link also shows
 *        "-> target", and a device shows "major, minor" for its size, as
 *        GNU ls does.  (No dates: Conduit's libc has no calendar code.)
 *
 * Without FILE, ls lists the current directory.  A FILE that is not a
 * directory is listed by its own name; a directory is listed by its
 * contents.  As in GNU ls, the plain files come first, then each
 * directory, which gets a "NAME:" heading when there is more than one
 * FILE.  Names are sorted by strcmp(), and printed one per line.
 *
 * How: a directory is read with opendir()/readdir(), which the C library
 * implements with the getdents64 system call; each entry's details come
 * from lstat().
 *
 * Errors: "ls: NAME: reason" on standard error, exit status 1.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#define TARGET_MAX 256

/* One name to print, with its details (for -l) */
struct entry {
	char *name;		/* as printed */
	char *path;		/* for lstat() and readlink() */
	struct stat st;
};

/* A list of entries being collected. */
struct list {
	struct entry *items;
	int count, cap;
};

static int show_all, long_format;
static int status;

static void out_of_memory(void)
{
	fprintf(stderr, "ls: out of memory\n");
	exit(1);
}

static char *copy(const char *s)
{
	char *c = strdup(s);

	if (c == NULL)
		out_of_memory();
	return c;
}

static char *join_path(const char *dir, const char *name)
{
	size_t len = strlen(dir);
	char *path = malloc(len + strlen(name) + 2);

	if (path == NULL)
		out_of_memory();
	strcpy(path, dir);
	if (len > 0 && dir[len - 1] != '/')
		strcat(path, "/");
	strcat(path, name);
	return path;
}

/* Add an entry; lstat()s it if the long format needs the details. */
static void list_add(struct list *l, const char *name, char *path)
{
	struct entry *e;

	if (l->count == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 32;
		l->items = realloc(l->items, l->cap * sizeof *l->items);
		if (l->items == NULL)
			out_of_memory();
	}
	e = &l->items[l->count++];
	e->name = copy(name);
	e->path = path;
	memset(&e->st, 0, sizeof e->st);
	if (long_format && lstat(path, &e->st) < 0) {
		fprintf(stderr, "ls: %s: %s\n", path, strerror(errno));
		status = 1;
	}
}

static void list_free(struct list *l)
{
	for (int i = 0; i < l->count; i++) {
		free(l->items[i].name);
		free(l->items[i].path);
	}
	free(l->items);
	l->items = NULL;
	l->count = l->cap = 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->name, ((const struct entry *)b)->name);
}

/* ---- printing ---- */

/* "drwxr-xr-x" for a mode. */
static void mode_string(unsigned mode, char *s)
{
	const char *rwx = "rwxrwxrwx";

	if (S_ISDIR(mode))
		s[0] = 'd';
	else if (S_ISLNK(mode))
		s[0] = 'l';
	else if (S_ISFIFO(mode))
		s[0] = 'p';
	else if (S_ISCHR(mode))
		s[0] = 'c';
	else if (S_ISBLK(mode))
		s[0] = 'b';
	else if (S_ISSOCK(mode))
		s[0] = 's';
	else
		s[0] = '-';
	for (int i = 0; i < 9; i++)
		s[1 + i] = (mode & (0400 >> i)) ? rwx[i] : '-';
	if (mode & S_ISUID)
		s[3] = s[3] == 'x' ? 's' : 'S';
	if (mode & S_ISGID)
		s[6] = s[6] == 'x' ? 's' : 'S';
	if (mode & S_ISVTX)
		s[9] = s[9] == 'x' ? 't' : 'T';
	s[10] = '\0';
}

static int digits(unsigned long n)
{
	int d = 1;

	while (n >= 10) {
		n /= 10;
		d++;
	}
	return d;
}

/*
 * The size column: bytes, or a device's "major, minor" (Linux's encoding
 * of st_rdev: the minor's low byte, then 12 bits of major).
 */
static int size_text(const struct stat *st, char *buf, size_t size)
{
	unsigned long rdev = (unsigned long)st->st_rdev;

	if (S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode))
		return snprintf(buf, size, "%lu, %lu", (rdev >> 8) & 0xFFF,
				(rdev & 0xFF) | ((rdev >> 12) & 0xFFF00));
	return snprintf(buf, size, "%lu", (unsigned long)st->st_size);
}

static void print_long(const struct entry *e, int links_width, int size_width)
{
	char mode[11], target[TARGET_MAX], size[32];
	ssize_t n;

	mode_string(e->st.st_mode, mode);
	size_text(&e->st, size, sizeof size);
	printf("%s %*lu %u %u %*s %s", mode, links_width, (unsigned long)e->st.st_nlink,
	       (unsigned)e->st.st_uid, (unsigned)e->st.st_gid,
	       size_width, size, e->name);
	if (S_ISLNK(e->st.st_mode) &&
	    (n = readlink(e->path, target, sizeof target - 1)) >= 0) {
		target[n] = '\0';
		printf(" -> %s", target);
	}
	putchar('\n');
}

/* Sort and print the entries of a list. */
static void print_list(struct list *l)
{
	int links_width = 1, size_width = 1;
	char size[32];

	if (l->count > 1)
		qsort(l->items, l->count, sizeof *l->items, by_name);
	for (int i = 0; i < l->count; i++) {
		int w = size_text(&l->items[i].st, size, sizeof size);

		if (digits(l->items[i].st.st_nlink) > links_width)
			links_width = digits(l->items[i].st.st_nlink);
		if (w > size_width)
			size_width = w;
	}
	for (int i = 0; i < l->count; i++) {
		if (long_format)
			print_long(&l->items[i], links_width, size_width);
		else
			printf("%s\n", l->items[i].name);
	}
}

/* List the contents of one directory. */
static void list_directory(const char *dir)
{
	struct list entries = { NULL, 0, 0 };
	DIR *d = opendir(dir);
	struct dirent *de;

	if (d == NULL) {
		fprintf(stderr, "ls: %s: %s\n", dir, strerror(errno));
		status = 1;
		return;
	}
	errno = 0;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.' && !show_all)
			continue;
		list_add(&entries, de->d_name, join_path(dir, de->d_name));
		errno = 0;
	}
	if (errno != 0) {
		fprintf(stderr, "ls: %s: %s\n", dir, strerror(errno));
		status = 1;
	}
	closedir(d);
	print_list(&entries);
	list_free(&entries);
}

/* ---- the command line ---- */

int main(int argc, char **argv)
{
	struct list files = { NULL, 0, 0 }, dirs = { NULL, 0, 0 };
	int c, operands;

	opterr = 0;
	while ((c = getopt(argc, argv, "al")) != -1) {
		if (c == 'a')
			show_all = 1;
		else if (c == 'l')
			long_format = 1;
		else {
			fprintf(stderr, "ls: invalid option -- '%c'\n"
				"usage: ls [-al] [FILE...]\n", optopt);
			return 2;
		}
	}
	operands = argc - optind;
	if (operands == 0)
		list_directory(".");

	/* Sort the operands into plain files and directories. */
	for (int i = optind; i < argc; i++) {
		struct stat st;

		if (stat(argv[i], &st) < 0 && lstat(argv[i], &st) < 0) {
			fprintf(stderr, "ls: %s: %s\n", argv[i], strerror(errno));
			status = 1;
		} else if (S_ISDIR(st.st_mode)) {
			list_add(&dirs, argv[i], copy(argv[i]));
		} else {
			list_add(&files, argv[i], copy(argv[i]));
		}
	}
	print_list(&files);
	if (dirs.count > 1)
		qsort(dirs.items, dirs.count, sizeof *dirs.items, by_name);
	for (int i = 0; i < dirs.count; i++) {
		if (files.count > 0 || i > 0)
			putchar('\n');
		if (operands > 1)
			printf("%s:\n", dirs.items[i].name);
		list_directory(dirs.items[i].name);
	}
	list_free(&files);
	list_free(&dirs);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "ls: write error: %s\n", strerror(errno));
		return 1;
	}
	return status;
}
