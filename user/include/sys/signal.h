/*
 * sys/signal.h - the old name of <signal.h>, kept by Linux and glibc.
 */
#include <signal.h>
