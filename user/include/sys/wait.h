/*
 * sys/wait.h - waiting for child processes and decoding their status.
 *
 * The status word is Linux's: for an exit, the code is in bits 8-15 and
 * the low 7 bits are 0; for a death by signal, the low 7 bits hold the
 * signal and bit 7 says "core dumped"; for a stop, the low byte is 0x7f
 * and the signal is in bits 8-15; a continue is the value 0xffff.
 */
#ifndef _SYS_WAIT_H
#define _SYS_WAIT_H

#include <sys/types.h>

#define WNOHANG 1
#define WUNTRACED 2
#define WSTOPPED WUNTRACED
#define WEXITED 4
#define WCONTINUED 8

#define WEXITSTATUS(status) (((status) >> 8) & 0xff)
#define WTERMSIG(status) ((status) & 0x7f)
#define WSTOPSIG(status) WEXITSTATUS(status)
#define WCOREDUMP(status) (((status) & 0x80) != 0)
#define WIFEXITED(status) (WTERMSIG(status) == 0)
#define WIFSTOPPED(status) (((status) & 0xff) == 0x7f)
#define WIFSIGNALED(status) (WTERMSIG(status) != 0 && WTERMSIG(status) != 0x7f)
#define WIFCONTINUED(status) ((status) == 0xffff)

struct rusage;

pid_t wait(int *status);
pid_t waitpid(pid_t pid, int *status, int options);
pid_t wait4(pid_t pid, int *status, int options, struct rusage *usage);

#endif
