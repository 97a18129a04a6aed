/*
 * start.c - what happens between _start (crt0.S) and main().
 *
 * __libc_start_main() records the environment, sets up stdio, runs
 * main() and passes its return value to exit(), which flushes output.
 */
#include <stdlib.h>
#include <unistd.h>
#include "stdio_impl.h"

char **environ;

int main(int argc, char **argv, char **envp);
void __libc_start_main(int argc, char **argv, char **envp)
	__attribute__((noreturn));

void __libc_start_main(int argc, char **argv, char **envp)
{
	environ = envp;
	__stdio_init();
	exit(main(argc, argv, envp));
}
