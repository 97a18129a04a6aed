/*
 * terminal.c - terminals: isatty, termios settings and the foreground
 * process group, all done with ioctl() on the terminal's descriptor.
 */
#include <errno.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

/* A descriptor is a terminal if it answers the "get settings" ioctl. */
int isatty(int fd)
{
	struct termios t;

	return ioctl(fd, TCGETS, &t) == 0;
}

int tcgetattr(int fd, struct termios *t)
{
	return ioctl(fd, TCGETS, t);
}

/* TCSANOW, TCSADRAIN and TCSAFLUSH map onto TCSETS, TCSETSW, TCSETSF. */
int tcsetattr(int fd, int action, const struct termios *t)
{
	if (action < TCSANOW || action > TCSAFLUSH) {
		errno = EINVAL;
		return -1;
	}
	return ioctl(fd, TCSETS + action, t);
}

/* Raw mode: bytes arrive one at a time, unchanged and unechoed. */
void cfmakeraw(struct termios *t)
{
	t->c_iflag &= ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR |
			ICRNL | IXON);
	t->c_oflag &= ~OPOST;
	t->c_lflag &= ~(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
	t->c_cflag &= ~(CSIZE | PARENB);
	t->c_cflag |= CS8;
	t->c_cc[VMIN] = 1;
	t->c_cc[VTIME] = 0;
}

pid_t tcgetpgrp(int fd)
{
	pid_t pgrp;

	if (ioctl(fd, TIOCGPGRP, &pgrp) < 0)
		return -1;
	return pgrp;
}

int tcsetpgrp(int fd, pid_t pgrp)
{
	return ioctl(fd, TIOCSPGRP, &pgrp);
}
