/*
 * sys/poll.h - the old name of <poll.h>, kept by Linux and glibc.
 */
#include <poll.h>
