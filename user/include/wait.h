/*
 * wait.h - the old name of <sys/wait.h>, kept by Linux and glibc.
 */
#include <sys/wait.h>
