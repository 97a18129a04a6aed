/*
 * socket.c - creating sockets.
 *
 * As glibc does on i386, these go through socketcall (102), the one
 * system call that carries every socket operation: its first argument
 * says which (1 socket, 8 socketpair, ...), its second points to an
 * array holding that operation's arguments.
 */
#include <sys/socket.h>
#include "syscall_internal.h"

#define SOCKETCALL_SOCKET 1
#define SOCKETCALL_SOCKETPAIR 8

int socket(int domain, int type, int protocol)
{
	long args[3] = { domain, type, protocol };

	return __syscall_ret(__syscall2(SYS_socketcall, SOCKETCALL_SOCKET,
					(long)args));
}

int socketpair(int domain, int type, int protocol, int fds[2])
{
	long args[4] = { domain, type, protocol, (long)fds };

	return __syscall_ret(__syscall2(SYS_socketcall, SOCKETCALL_SOCKETPAIR,
					(long)args));
}
