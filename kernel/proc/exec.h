/*
 * exec.h - replacing a process's program (exec.c).
 */
#ifndef KERNEL_EXEC_H
#define KERNEL_EXEC_H

#include "mm/uaccess.h"

struct proc;

int exec_kernel(struct proc *p, const char *const *argv);
long sys_execve(uaddr_t path, uaddr_t argv, uaddr_t envp);

#endif
