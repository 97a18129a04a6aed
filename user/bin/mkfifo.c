/*
 * mkfifo - make named pipes (FIFOs).
 *
 * Usage: mkfifo [-m MODE] NAME...
 *
 * Each NAME becomes a FIFO: a name in the file tree behind which the
 * kernel keeps a pipe while anyone has it open, so that processes that
 * share no descriptors (for example two commands started from different
 * shells) can still talk through a pipe, just by opening the same name:
 *
 *     $ mkfifo /tmp/f
 *     $ cat /tmp/f &          (open for reading waits for a writer)
 *     $ echo hi > /tmp/f      (... which this open provides)
 *
 * MODE is an octal number such as 600 or 0644.  Without -m the FIFO gets
 * 0666 less the umask, as with any new file; with -m it gets exactly MODE
 * (as with GNU mkfifo), which we do by clearing the umask for the call.
 *
 * The work is one system call per name: mkfifo(3) is mknod(path,
 * S_IFIFO | mode, 0).  An existing name is an error (EEXIST), and so is
 * a name outside a writable directory (EROFS on Conduit, where only /tmp
 * is writable).
 *
 * Exit status: 0 if every FIFO was made; 1 if any failed (each failure is
 * reported and the remaining names are still tried); 2 for usage errors.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/types.h>

static void usage(void)
{
	fprintf(stderr, "usage: mkfifo [-m MODE] NAME...\n");
	exit(2);
}

/* An octal mode of at most 07777, or -1 if the text is not one. */
static long parse_mode(const char *text)
{
	char *end;
	long mode;

	if (*text < '0' || *text > '7')
		return -1;
	mode = strtol(text, &end, 8);
	if (*end != '\0' || mode < 0 || mode > 07777)
		return -1;
	return mode;
}

int main(int argc, char *argv[])
{
	long mode = -1;		/* -1: 0666 less the umask */
	int status = 0;
	int opt;

	while ((opt = getopt(argc, argv, "m:")) != -1) {
		switch (opt) {
		case 'm':
			mode = parse_mode(optarg);
			if (mode < 0) {
				fprintf(stderr, "mkfifo: invalid mode '%s'\n", optarg);
				return 2;
			}
			break;
		default:
			usage();
		}
	}
	if (optind >= argc)
		usage();

	for (int i = optind; i < argc; i++) {
		int ret;

		if (mode >= 0) {
			mode_t old = umask(0);	/* -m means exactly MODE */
			ret = mkfifo(argv[i], (mode_t)mode);
			umask(old);
		} else {
			ret = mkfifo(argv[i], 0666);
		}
		if (ret != 0) {
			fprintf(stderr, "mkfifo: cannot create fifo '%s': %s\n",
				argv[i], strerror(errno));
			status = 1;
		}
	}
	return status;
}
