/*
 * sys/socket.h - the beginnings of sockets: address families, socket
 * types, struct sockaddr, and socket()/socketpair().  Values are Linux
 * i386's.
 *
 * The Conduit kernel has no sockets yet, so the calls fail with ENOSYS;
 * this header lets programs that create sockets compile.
 */
#ifndef _SYS_SOCKET_H
#define _SYS_SOCKET_H

#include <sys/types.h>

typedef unsigned int socklen_t;
typedef unsigned short sa_family_t;

struct sockaddr {
	sa_family_t sa_family;	/* AF_* */
	char sa_data[14];	/* the address, in the family's form */
};

#define AF_UNSPEC 0
#define AF_UNIX 1		/* local sockets, named by a path */
#define AF_LOCAL AF_UNIX
#define AF_INET 2		/* IPv4 */
#define AF_INET6 10		/* IPv6 */
#define PF_UNSPEC AF_UNSPEC
#define PF_UNIX AF_UNIX
#define PF_LOCAL AF_LOCAL
#define PF_INET AF_INET
#define PF_INET6 AF_INET6

#define SOCK_STREAM 1		/* a reliable byte stream, like a pipe */
#define SOCK_DGRAM 2		/* separate messages */
#define SOCK_RAW 3
#define SOCK_SEQPACKET 5	/* reliable messages */
#define SOCK_NONBLOCK 04000	/* or-ed into the type: O_NONBLOCK */
#define SOCK_CLOEXEC 02000000	/* or-ed into the type: O_CLOEXEC */

int socket(int domain, int type, int protocol);
int socketpair(int domain, int type, int protocol, int fds[2]);

#endif
