/*
 * ops_misc.c - the other operations: umask, sysinfo, uname, nanosleep,
 * time, gettimeofday, clock_gettime, sched_yield, brk (fresh heap must
 * read zero), and call numbers that must fail: unknown ones (ENOSYS) and
 * obsolete or hardware-granting ones.
 */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "fuzz.h"
#include "rng.h"

void op_umask(struct call *call)
{
	call->arg[0] = (long)gen_int();
	call->nr = SYS_umask;
	call_make(call);
}

void op_sysinfo(struct call *call)
{
	call->arg[0] = (long)out_ptr(64);
	call->nr = SYS_sysinfo;
	call_make(call);
}

void op_uname(struct call *call)
{
	call->arg[0] = (long)out_ptr(390);
	call->nr = SYS_uname;
	call_make(call);
}

/* Up to 20 ms, or nonsense: a negative or a huge time. */
void op_nanosleep(struct call *call)
{
	long *ts = (long *)(scratch + 4096);

	ts[0] = chance(90) ? 0 : (long)gen_int();
	ts[1] = chance(80) ? (long)below(20000000) : (long)gen_int();
	if (ts[0] > 1 || ts[0] < 0)
		ts[0] = chance(50) ? -1 : 0;
	call->arg[0] = chance(85) ? (long)ts : (long)bad_pointer();
	call->arg[1] = chance(50) ? 0 : (long)out_ptr(8);
	timeout_arm();
	call->nr = SYS_nanosleep;
	call_make(call);
}

/* time, gettimeofday or clock_gettime. */
void op_time(struct call *call)
{
	switch (below(3)) {
	case 0:
		call->arg[0] = chance(50) ? 0 : (long)out_ptr(8);
		call->nr = SYS_time;
		break;
	case 1:
		call->arg[0] = (long)out_ptr(16);
		call->arg[1] = chance(50) ? 0 : (long)out_ptr(8);
		call->nr = SYS_gettimeofday;
		break;
	default:
		call->arg[0] = chance(70) ? (long)below(2) : (long)gen_int();
		call->arg[1] = (long)out_ptr(16);
		call->nr = SYS_clock_gettime;
		break;
	}
	call_make(call);
}

void op_yield(struct call *call)
{
	call->nr = SYS_sched_yield;
	call_make(call);
}

/*
 * Call numbers that no version of Conduit can have: past the end of its
 * table (400), negative, huge.  These must give ENOSYS.
 */
static long gen_nosys_number(void)
{
	static const int32_t edges[] = { 400, 401, 511, 512, 1023, 1024, 65535,
					 0x7fffffff, (int32_t)0x80000000 };

	if (!ON_CONDUIT)
		return 1000 + below(100000);
	switch (below(4)) {
	case 0: return 400 + below(600);
	case 1: return -(long)below(1000) - 1;
	case 2: return PICK(edges);
	default: return (long)(gen_int() | 0x400);
	}
}

/*
 * Obsolete or hardware-granting calls (Linux i386 numbers) that must fail
 * whatever Conduit grows: break, stty, gtty, ftime, prof, lock, mpx,
 * profil, ioperm, iopl, vm86old, vm86.  Port I/O or vm86 for a user
 * program would be the end of isolation.
 */
static long gen_must_fail_number(void)
{
	static const int32_t numbers[] = { 17, 31, 32, 35, 44, 53, 56, 98, 101,
					   110, 113, 166 };

	return PICK(numbers);
}

void op_nosys(struct call *call)
{
	int must_fail = ON_CONDUIT && chance(30);
	long nr = must_fail ? gen_must_fail_number() : gen_nosys_number();
	long a = chance(30) ? 3 : (long)gen_int();
	long b = (long)gen_int();
	long c = chance(30) ? 1 : (long)gen_int();
	long ret;

	snprintf(last_op, sizeof(last_op), "syscall(%ld, %#lx, %#lx, %#lx)", nr, a, b, c);
	ret = raw_call(nr, a, b, c, 0, 0, call->df);
	if (must_fail ? ret >= 0 : ret != -ENOSYS)
		bug("call %ld returned %ld: it must %s", nr, ret,
		    must_fail ? "fail" : "give -ENOSYS");
}

/* Grow the heap past the scratch buffer: fresh pages are zero; shrink back. */
void op_brk(struct call *call)
{
	static const uint32_t wild[] = { 0xbf800000u, 0xc0000000u, 0xffffffffu,
					 0x1000u, 0 };
	long cur = sys5(SYS_brk, 0, 0, 0, 0, 0);
	long want = cur + (long)below(4 << 20) + 1;
	long got;

	(void)call;
	snprintf(last_op, sizeof(last_op), "brk(%#lx) from %#lx", want, cur);
	if (chance(20))
		want = (long)(ON_CONDUIT ? PICK(wild) : 0);
	got = raw_call(SYS_brk, want, 0, 0, 0, 0, use_df && chance(10));
	if (got == want && got > cur) {
		for (long a = (cur + 4095) & ~4095L; a < want; a += 4096)
			if (*(volatile uint32_t *)a != 0) {
				bug("fresh heap page at %#lx is not zero", a);
				break;
			}
	}
	if (sys5(SYS_brk, cur, 0, 0, 0, 0) != cur)
		bug("could not move the break back to %#lx", cur);
}
