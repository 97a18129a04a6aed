/*
 * tty.c - the console terminal: kernel output, and the line discipline
 * that turns the bytes typed on the serial port into lines for read().
 *
 * Input arrives in the serial interrupt (tty_input).  The line being typed
 * is edited in place: backspace erases a character, Ctrl-U the whole line,
 * and every character is echoed.  Enter (CR or LF) or Ctrl-D completes the
 * line and makes it readable; Ctrl-D on an empty line reads as end of file.
 * Its nodes are /dev/console and /dev/tty (dev/devices.c), both opened
 * with tty_file_ops; console_open_std gives init /dev/console as fds 0-2.
 *
 * Job control: Ctrl-C, Ctrl-Z and Ctrl-\ throw away the line being typed
 * and send SIGINT, SIGTSTP and SIGQUIT to the foreground process group
 * (set by the shell with tcsetpgrp, i.e. the TIOCSPGRP ioctl), so they
 * reach the running job and not the shell.
 *
 * The console is the controlling terminal of one session (tty.sid, init's)
 * and all its processes.  In it, a process outside the foreground group
 * is a background job, and POSIX keeps it off the terminal
 * (tty_job_check, Linux's rules): reading sends SIGTTIN to its whole
 * group, and so do, with SIGTTOU, writing while TOSTOP is set (the one
 * mode bit TCSETS changes) and changing the terminal (TCSETS*,
 * TIOCSPGRP).  By default the group stops; the call returns -ERESTARTSYS
 * and runs again once the group is continued (in the foreground, by
 * then, or it stops again).  Exceptions: a process that ignores or
 * blocks the signal gets EIO for a read, and its write or change goes
 * ahead (that is how a shell takes the terminal back); an orphaned group
 * (pgrp.c), which nobody would continue, gets EIO.  A read checks again
 * after every wakeup, so a reader that was moved to the background does
 * not take the foreground's line.
 *
 * The input buffer is a ring with three free-running indices:
 *     r <= w <= e,   e - r <= TTY_BUF
 *   [r, w)  completed lines, waiting for read()
 *   [w, e)  the line being edited
 * The interrupt handler moves e and w; read() moves r.  read() sleeps on
 * `readers` until w != r (tty_readable); tty_input wakes it when a line
 * completes (with O_NONBLOCK it fails with EAGAIN instead of sleeping).
 *
 * Locks.  tty_lock (class TTY) guards the buffer, its indices, fg_pgrp
 * and tostop; the serial interrupt takes it too, which every spinlock
 * allows (interrupts are off while one is held).  A reader checks
 * tty_readable and sleeps under it (wq_sleep_locked).  Signalling a
 * process group needs procs_lock, which ranks before TTY, so the
 * interrupt keys send their signal after tty_lock is let go, and job
 * control checks (tty_job_check) run without it.
 */
#include "dev/console.h"
#include "lib/spinlock.h"
#include "lib/errno.h"
#include "fs/fd.h"
#include "fs/file.h"
#include "fs/fs.h"
#include "lib/lib.h"
#include "fs/poll.h"
#include "proc/proc.h"
#include "proc/wait.h"
#include "arch/x86.h"

#define TTY_BUF 1024
#define CTRL(c) ((c) & 0x1F)
#define TCGETS 0x5401
#define TCSETS 0x5402
#define TCSETSW 0x5403
#define TCSETSF 0x5404
#define TIOCGPGRP 0x540F
#define TIOCSPGRP 0x5410
#define TIOCGWINSZ 0x5413
#define FIONREAD 0x541B
#define TIOCSTI 0x5412
#define TOSTOP 0400		/* c_lflag: background writes get SIGTTOU */
#define LFLAG_FIXED 0x8A3B	/* ISIG ICANON ECHO ECHOE ECHOK ECHOCTL ECHOKE IEXTEN */

static struct {
	char buf[TTY_BUF];
	uint32_t r, w, e;		/* see the header; irqs off to change */
	struct wait_queue readers;	/* readers waiting for a whole line */
	pid_t fg_pgrp;			/* the foreground process group */
	pid_t sid;			/* the session it is the controlling terminal of */
	bool tostop;			/* TOSTOP is set */
} tty;				/* every field: tty_lock */

static SPINLOCK(tty_lock, LOCK_TTY);

/* Serial and VGA output, from every CPU and from the serial interrupt. */
static SPINLOCK(console_lock, LOCK_CONSOLE);

void console_write_kernel(const char *s, size_t n)
{
	bool locking = printk_locking();	/* not after a panic began */

	if (locking)
		spin_lock(&console_lock);
	for (size_t i = 0; i < n; i++) {
		serial_putc(s[i]);
		vga_putc(s[i]);
	}
	if (locking)
		spin_unlock(&console_lock);
}

static void tty_echo(const char *s)
{
	console_write_kernel(s, strlen(s));
}

/* The line is complete: let readers have it. */
static void tty_commit(void)
{
	tty.w = tty.e;
	wq_wake_all(&tty.readers);	/* a line is ready */
}

/* Interrupt keys: drop the line being typed, signal the foreground job. */
static int tty_signal_key(char c)
{
	if (c == CTRL('C'))
		return SIGINT;
	if (c == CTRL('Z'))
		return SIGTSTP;
	if (c == CTRL('\\'))
		return SIGQUIT;
	return 0;
}

/* One typed character, tty_lock held; returns a signal to send, or 0. */
static int tty_input_locked(char c)
{
	char s[2] = { c, 0 };
	int sig = tty_signal_key(c);

	if (c == '\r')
		c = s[0] = '\n';
	if (sig) {
		tty.e = tty.w;
		tty_echo(c == CTRL('C') ? "^C\n" : c == CTRL('Z') ? "^Z\n" : "^\\\n");
		return sig;
	} else if (c == 0x7F || c == '\b') {
		if (tty.e != tty.w) {
			tty.e--;
			tty_echo("\b \b");
		}
	} else if (c == CTRL('U')) {
		for (; tty.e != tty.w; tty.e--)
			tty_echo("\b \b");
	} else {
		bool ends_line = c == '\n' || c == CTRL('D');
		/* The last free slot is kept for the character that ends a line. */
		if (tty.e - tty.r >= TTY_BUF - (ends_line ? 0 : 1))
			return 0;
		tty.buf[tty.e++ % TTY_BUF] = c;
		if (c != CTRL('D'))
			tty_echo(s);
		if (ends_line)
			tty_commit();
	}
	return 0;
}

/* A character typed (the serial interrupt) or pushed in (TIOCSTI). */
void tty_input(char c)
{
	pid_t fg;
	int sig;

	spin_lock(&tty_lock);
	sig = tty_input_locked(c);
	fg = tty.fg_pgrp;
	spin_unlock(&tty_lock);
	if (sig)
		pgrp_signal(fg, sig);	/* procs_lock: not under tty_lock */
}

static pid_t tty_fg(void)
{
	pid_t fg;

	spin_lock(&tty_lock);
	fg = tty.fg_pgrp;
	spin_unlock(&tty_lock);
	return fg;
}

/* A completed line (or Ctrl-D) to read.  tty_lock held. */
static bool tty_readable(void)
{
	return tty.w != tty.r;
}

/*
 * Does the current process ignore or block sig (tty_job_check's
 * exceptions)?  Our own signal state: only we change it, no lock to read.
 */
static bool sig_ignored_or_blocked(int sig)
{
	return current->sig.action[sig - 1].handler == SIG_IGN ||
	       (current->sig.blocked & sig_bit(sig));
}

/*
 * May the current process use the terminal, or is it a background job
 * that must not (see the top)?  0: go ahead; else the call's error.
 */
static int tty_job_check(int sig)
{
	if (!tty_is_controlling(current) || current->pgid == tty_fg())
		return 0;
	if (sig_ignored_or_blocked(sig))
		return sig == SIGTTIN ? -EIO : 0;
	if (pgrp_orphaned(current->pgid))
		return -EIO;
	pgrp_signal(current->pgid, sig);	/* us too: we stop, or run a handler */
	return -ERESTARTSYS;
}

/*
 * Wait for a line, as a foreground process: 0 with tty_lock held, or an
 * error without it.  The job check runs again after every wake-up.
 */
static int tty_wait_line(bool nonblock)
{
	int err;

	for (;;) {
		if ((err = tty_job_check(SIGTTIN)))
			return err;
		spin_lock(&tty_lock);
		if (tty_readable())
			return 0;
		err = nonblock ? -EAGAIN :
		      wq_sleep_locked(&tty.readers, &tty_lock, WAIT_INTERRUPTIBLE,
				      WAIT_NO_DEADLINE);	/* until a line */
		spin_unlock(&tty_lock);
		if (err)
			return err;
	}
}

/* Copies at most one line; Ctrl-D ends it without being returned. */
static ssize_t tty_read(struct file *f, uaddr_t buf, size_t n)
{
	char kbuf[128];
	uint32_t i = 0, r;
	int err;

	if (n == 0)
		return 0;
	err = tty_wait_line(f->flags & O_NONBLOCK);
	if (err)
		return err;	/* EAGAIN, EIO, or a signal: EINTR or a restart */
	/* tty_lock held from here: the copy cannot sleep (vm.c) */
	for (r = tty.r; r != tty.w && i < n && i < sizeof(kbuf); r++) {
		char c = tty.buf[r % TTY_BUF];
		if (c == CTRL('D')) {
			r++;	/* it ends the line and is not returned */
			break;
		}
		kbuf[i++] = c;
		if (c == '\n') {
			r++;
			break;
		}
	}
	err = copy_to_user(buf, kbuf, i);
	if (!err)
		tty.r = r;	/* else nothing consumed */
	spin_unlock(&tty_lock);
	return err ? err : (ssize_t)i;
}

static ssize_t tty_write(struct file *f, uaddr_t buf, size_t n)
{
	char kbuf[128];
	size_t done = 0;
	/* Lock-free read: a mode bit; a write racing with TCSETS may see
	 * either value, as it could have come before or after it. */
	int err = tty.tostop ? tty_job_check(SIGTTOU) : 0;

	(void)f;
	if (err)
		return err;
	while (done < n) {
		size_t chunk = min_u32(n - done, sizeof(kbuf));
		if (copy_from_user(kbuf, buf + done, chunk))
			return done ? (ssize_t)done : -EFAULT;
		console_write_kernel(kbuf, chunk);
		done += chunk;
	}
	return done;
}

/* Linux's struct termios, so isatty() and stty-like programs work. */
struct ktermios {
	uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
	uint8_t c_line, c_cc[19];
};

/* TCSETS*: of all the modes only TOSTOP can change (the rest are fixed). */
static int tty_set_modes(uaddr_t arg)
{
	struct ktermios t;
	int err = tty_job_check(SIGTTOU);

	if (err)
		return err;
	if (copy_from_user(&t, arg, sizeof(t)))
		return -EFAULT;
	spin_lock(&tty_lock);
	tty.tostop = t.c_lflag & TOSTOP;
	spin_unlock(&tty_lock);
	return 0;
}

/* tcsetpgrp: a group of the caller's session becomes the foreground. */
static int tty_set_fg_pgrp(uaddr_t arg)
{
	int32_t v;
	int err = tty_job_check(SIGTTOU);

	if (err)
		return err == -EIO ? -ENOTTY : err;	/* as Linux */
	if (copy_from_user(&v, arg, sizeof(v)))
		return -EFAULT;
	if (v <= 0)
		return -EINVAL;
	if (!tty_is_controlling(current))
		return -ENOTTY;
	spin_lock(&procs_lock);		/* the group cannot vanish meanwhile */
	err = pgrp_exists(v, current->sid) ? 0 : -EPERM;
	if (!err) {
		spin_lock(&tty_lock);
		tty.fg_pgrp = v;
		spin_unlock(&tty_lock);
	}
	spin_unlock(&procs_lock);
	return err;
}

static int tty_ioctl(struct file *f, uint32_t cmd, uaddr_t arg)
{
	struct ktermios t = { 0x500, 0x5, 0xBF, LFLAG_FIXED, 0, { 3, 28, 127, 21, 4 } };
	uint16_t winsize[4] = { 25, 80, 0, 0 };
	int32_t v;

	(void)f;
	switch (cmd) {
	case TCGETS:
		t.c_lflag |= tty.tostop ? TOSTOP : 0;	/* a hint, as in tty_write */
		return copy_to_user(arg, &t, sizeof(t));
	case TCSETS: case TCSETSW: case TCSETSF:
		return tty_set_modes(arg);
	case TIOCGWINSZ:
		return copy_to_user(arg, winsize, sizeof(winsize));
	case TIOCGPGRP:
		v = tty_fg();
		return copy_to_user(arg, &v, sizeof(v));
	case TIOCSPGRP:
		return tty_set_fg_pgrp(arg);
	case FIONREAD:
		spin_lock(&tty_lock);
		v = tty.w - tty.r;
		spin_unlock(&tty_lock);
		return copy_to_user(arg, &v, sizeof(v));
	case TIOCSTI:		/* "type" a character, as if from the keyboard */
		if (copy_from_user(&t.c_line, arg, 1))
			return -EFAULT;
		tty_input(t.c_line);
		return 0;
	}
	return -ENOTTY;
}

/* A line to read is POLLIN; output never blocks. */
static uint32_t tty_poll(struct file *f, struct poll_table *pt)
{
	bool readable;

	(void)f;
	spin_lock(&tty_lock);
	poll_wait(pt, &tty.readers);
	readable = tty_readable();
	spin_unlock(&tty_lock);
	return POLLOUT | POLLWRNORM | (readable ? POLLIN | POLLRDNORM : 0);
}

const struct file_ops tty_file_ops = {
	.read = tty_read,
	.poll = tty_poll,
	.write = tty_write,
	.ioctl = tty_ioctl,
};

/* The console is init's session's terminal, its group the foreground. */
void tty_init(void)
{
	wq_init(&tty.readers, "tty", 0);
	tty.fg_pgrp = 1;
	tty.sid = 1;
}

/* Is the console p's controlling terminal (what /dev/tty opens)? */
bool tty_is_controlling(const struct proc *p)
{
	return p->sid == tty.sid;
}

/* Open the console (/dev/console, dev_init) as descriptors 0, 1 and 2. */
int console_open_std(struct fd_table *fds)
{
	struct inode *console;
	struct file *f;

	if (fs_lookup("/dev/console", &console))
		return -ENOENT;
	f = file_alloc(&tty_file_ops, O_RDWR);
	if (!f)
		return -ENOMEM;
	f->inode = inode_get(console);
	fd_install(fds, f, 0, false);
	fd_install(fds, file_get(f), 0, false);
	fd_install(fds, file_get(f), 0, false);
	return 0;
}
