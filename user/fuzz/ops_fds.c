/*
 * ops_fds.c - operations on descriptors: dup, dup2, dup3, pipe, pipe2,
 * ioctl, fcntl, select, poll, ppoll; ioctls on the console; and the pipe
 * check, which sends random bytes through a fresh pipe and must get them
 * back unchanged.
 */
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "rng.h"

#define PIPE_FDS_OFFSET 256	/* where pipe() writes its two descriptors */

/* A dup of any kind gave a descriptor: it is what the original was. */
static void track_dup(long old_fd, long new_fd)
{
	if (new_fd >= 0)
		fd_track(new_fd, fd_kind_of(old_fd) < 0 ? FK_OTHER : fd_kind_of(old_fd));
}

void op_dup(struct call *call)
{
	call->arg[0] = gen_fd();
	call->nr = SYS_dup;
	track_dup(call->arg[0], call_make(call));
}

void op_dup2(struct call *call)
{
	call->arg[0] = gen_fd();
	call->arg[1] = gen_target_fd();
	call->nr = SYS_dup2;
	track_dup(call->arg[0], call_make(call));
}

void op_dup3(struct call *call)
{
	call->arg[0] = gen_fd();
	call->arg[1] = gen_target_fd();
	call->arg[2] = chance(70) ? (chance(50) ? 0 : O_CLOEXEC) : (long)gen_int();
	call->nr = SYS_dup3;
	track_dup(call->arg[0], call_make(call));
}

/*
 * After pipe or pipe2: remember the new ends, and sometimes make them the
 * pipe that blocking children read from and fill.
 */
static void pipe_made(struct call *call)
{
	int *fds = (int *)(scratch + PIPE_FDS_OFFSET);

	if (call->ret != 0 || call->arg[0] != (long)fds)
		return;
	fd_track(fds[0], FK_PIPE_R);
	fd_track(fds[1], FK_PIPE_W);
	if (pipe_rd < 0 || chance(30)) {
		pipe_rd = fds[0];
		pipe_wr = fds[1];
	}
}

void op_pipe(struct call *call)
{
	call->arg[0] = chance(85) ? (long)(scratch + PIPE_FDS_OFFSET) : (long)out_ptr(8);
	call->nr = SYS_pipe;
	call_make(call);
	pipe_made(call);
}

void op_pipe2(struct call *call)
{
	static const uint32_t flags[] = { 0, O_NONBLOCK, O_CLOEXEC, O_NONBLOCK | O_CLOEXEC };

	call->arg[0] = chance(85) ? (long)(scratch + PIPE_FDS_OFFSET) : (long)out_ptr(8);
	call->arg[1] = chance(70) ? (long)PICK(flags) : (long)gen_int();
	call->nr = SYS_pipe2;
	call_make(call);
	pipe_made(call);
}

/*
 * Commands that change the console for everyone: TIOCSTI (typing into
 * it), TIOCSPGRP (its foreground group) and TCSETS* (its modes: TOSTOP
 * would stop every background job that writes).  Never sent.
 */
static int console_changing(uint32_t cmd)
{
	return cmd == 0x5410 || cmd == 0x5412 || (cmd >= 0x5402 && cmd <= 0x5404);
}

void op_ioctl(struct call *call)
{
	static const uint32_t cmds[] = { 0x541B, 0x5401, 0x5413,
					 0x540F, 0x5421, 0x5451, 0 };

	call->arg[0] = gen_fd();
	call->arg[1] = chance(80) ? (long)PICK(cmds) : (long)rnd();
	if (console_changing((uint32_t)call->arg[1]))
		call->arg[1] = 0x541B;
	call->arg[2] = (long)out_ptr(64);
	call->nr = SYS_ioctl;
	call_make(call);
}

/* fcntl or fcntl64 (221), every command; F_DUPFD(_CLOEXEC) make fds. */
void op_fcntl(struct call *call)
{
	static const int32_t cmds[] = { 0, 1, 2, 3, 4, 1030, 1031, 1032,
					5, 6, 7, -1, 1024 };
	long cmd;

	call->arg[0] = gen_fd();
	cmd = chance(85) ? PICK(cmds) : (long)gen_int();
	call->arg[1] = cmd;
	call->arg[2] = cmd == 0 || cmd == 1030 ? gen_target_fd() : (long)gen_int();
	if (cmd == 4 && chance(70))
		call->arg[2] = chance(50) ? O_NONBLOCK : O_APPEND | O_NONBLOCK;
	call->nr = ON_CONDUIT && chance(30) ? 221 : SYS_fcntl;
	call_make(call);
	if ((cmd == 0 || cmd == 1030) && call->ret >= 0) {
		if (fd_protected(call->ret))
			sys5(SYS_close, call->ret, 0, 0, 0, 0);
		else
			fd_track(call->ret, FK_OTHER);
	}
}

/* Three fd_sets of 1024 bits and a timeval in the scratch buffer. */
void op_select(struct call *call)
{
	uint32_t *sets = (uint32_t *)(scratch + 1024);
	long *tv = (long *)(scratch + 1024 + 3 * 128);

	for (int i = 0; i < 96; i++)
		sets[i] = chance(50) ? rnd() : 0;
	tv[0] = 0;
	tv[1] = chance(70) ? (long)below(20000) : (long)gen_int();
	if (chance(10))
		tv[0] = -1;
	call->arg[0] = chance(80) ? (long)below(260) : (long)gen_int();
	call->arg[1] = chance(80) ? (long)sets : (long)out_ptr(128);
	call->arg[2] = chance(50) ? (long)(sets + 32) : 0;
	call->arg[3] = chance(30) ? (long)(sets + 64) : 0;
	call->arg[4] = chance(90) ? (long)tv : (long)bad_pointer();
	timeout_arm();
	call->nr = SYS_select_nr;
	call_make(call);
}

/* What poll and ppoll share: pollfds, their count, and a timespec. */
static void poll_args(struct call *call, long **ts)
{
	struct pollfd *p = (struct pollfd *)(scratch + 2048);
	uint32_t n = chance(80) ? below(12) : gen_int();

	*ts = (long *)(scratch + 4096);
	for (uint32_t i = 0; i < 64; i++) {
		p[i].fd = (int)gen_fd();
		p[i].events = (short)(chance(70) ? (POLLIN | POLLOUT) : rnd());
		p[i].revents = (short)rnd();
	}
	call->arg[0] = chance(85) ? (long)p : (long)out_ptr(n * 8);
	call->arg[1] = n;
	(*ts)[0] = 0;
	(*ts)[1] = chance(80) ? (long)below(30000000) : (long)gen_int();
}

void op_poll(struct call *call)
{
	long *ts;

	poll_args(call, &ts);
	call->arg[2] = chance(80) ? (long)below(30) : (long)(int32_t)gen_int();
	call->nr = SYS_poll;
	timeout_arm();
	call_make(call);
}

void op_ppoll(struct call *call)
{
	long *ts;

	poll_args(call, &ts);
	call->arg[2] = chance(85) ? (long)ts : (long)bad_pointer();
	call->arg[3] = chance(50) ? 0 : (long)gen_sigset();
	call->arg[4] = chance(95) ? 8 : (long)gen_int();
	call->nr = SYS_ppoll;
	timeout_arm();
	call_make(call);
}

/*
 * The console through /dev/console: safe ioctls (none that changes it:
 * console_changing), and writes from bad pointers only, so nothing comes
 * out.
 */
void op_console(struct call *call)
{
	static const uint32_t cmds[] = { 0x5401, 0x540F, 0x5413, 0x541B,
					 0x5409, 0 };
	long fd = sys5(SYS_open, (long)"/dev/console", O_RDWR | O_NONBLOCK, 0, 0, 0);
	uint32_t cmd = chance(80) ? PICK(cmds) : rnd();
	long arg;

	(void)call;
	if (fd < 0)
		return;
	if (console_changing(cmd))
		cmd = 0x5401;
	snprintf(last_op, sizeof(last_op), "console ioctl(%ld, %#x)", fd, cmd);
	/* One draw per statement: argument order is unspecified in C, and
	 * a replay must draw the same numbers in the same order. */
	arg = (long)out_ptr(64);
	raw_call(SYS_ioctl, fd, cmd, arg, 0, 0, use_df && chance(5));
	arg = (long)bad_pointer();
	raw_call(SYS_write, fd, arg, 1 + below(64), 0, 0, 0);
	sys5(SYS_close, fd, 0, 0, 0, 0);
}

/* Bytes through a fresh pipe come back unchanged, and no more. */
void op_pipe_check(struct call *call)
{
	int fds[2];
	uint32_t n = 1 + below(chance(50) ? 4096 : 60000);
	unsigned char *src = scratch, *dst = scratch + SCRATCH_SIZE / 2;
	int df = use_df && chance(20);
	long w, r;

	(void)call;
	if (n > SCRATCH_SIZE / 2 - 64)
		n = SCRATCH_SIZE / 2 - 64;
	if (sys5(SYS_pipe, (long)fds, 0, 0, 0, 0) != 0)
		return;
	for (uint32_t i = 0; i < n; i++)
		src[i] = (unsigned char)(rnd() >> 7);
	memset(dst, 0xEE, n + 16);
	snprintf(last_op, sizeof(last_op), "pipe check: write(%d, scratch, %u)%s",
		 fds[1], n, df ? " with DF set" : "");
	w = raw_call(SYS_write, fds[1], (long)src, n, 0, 0, df);
	snprintf(last_op, sizeof(last_op), "pipe check: read(%d, scratch+32K, %u)%s",
		 fds[0], n, df ? " with DF set" : "");
	r = raw_call(SYS_read, fds[0], (long)dst, n + 16, 0, 0, df);
	if (w != (long)n || r != (long)n)
		bug("pipe check: wrote %ld of %u, read %ld", w, n, r);
	else if (memcmp(src, dst, n) != 0)
		bug("pipe check: %u bytes came back changed", n);
	else if (dst[n] != 0xEE)
		bug("pipe check: read wrote past the bytes it returned");
	sys5(SYS_close, fds[0], 0, 0, 0, 0);
	sys5(SYS_close, fds[1], 0, 0, 0, 0);
}
