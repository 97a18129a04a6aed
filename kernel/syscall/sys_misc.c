/*
 * sys_misc.c - the small system calls that belong to no subsystem: the
 * program break, sched_yield, and information about the system.  (The
 * clocks and sleeping are in time/sys_time.c.)
 *
 * sysinfo() is how user programs see kernel memory use: `freeram` counts
 * free physical pages (mem_unit is the page size) and `procs` counts the
 * processes that exist, zombies included; the tests use both to prove
 * that nothing leaks.
 */
#include "syscall/syscall.h"
#include "lib/errno.h"
#include "lib/lib.h"
#include "mm/memlayout.h"
#include "lib/panic.h"
#include "mm/pmm.h"
#include "proc/proc.h"
#include "time/clock.h"
#include "mm/vm.h"

/*
 * brk(addr): move the program break.  Linux's raw call returns the new
 * break, or the old one when the request fails; the C library turns that
 * into ENOMEM.  New heap pages are mapped (zeroed) right away.
 */
long sys_brk(uint32_t addr)
{
	struct mm *mm = current->mm;
	uint32_t old_end = round_up(mm->brk, PAGE_SIZE);
	uint32_t new_end = round_up(addr, PAGE_SIZE);

	if (addr < mm->brk_start || addr > USER_TOP - USER_STACK_MAX - PAGE_SIZE)
		return mm->brk;
	if (new_end > old_end &&
	    vm_alloc_range(mm, old_end, new_end, true)) {
		vm_free_range(mm, old_end, new_end);	/* undo a partial grow */
		return mm->brk;
	}
	if (new_end < old_end)
		vm_free_range(mm, new_end, old_end);
	mm->brk = addr;
	return addr;
}

long sys_sched_yield(void)
{
	schedule();
	return 0;
}

/* Linux's struct sysinfo (64 bytes on i386). */
struct ksysinfo {
	int32_t uptime;
	uint32_t loads[3];
	uint32_t totalram, freeram, sharedram, bufferram, totalswap, freeswap;
	uint16_t procs, pad;
	uint32_t totalhigh, freehigh, mem_unit;
	char reserved[8];
};

long sys_sysinfo(uaddr_t uinfo)
{
	struct ksysinfo si;

	memset(&si, 0, sizeof(si));
	si.uptime = time_now_ns() / NSEC_PER_SEC;
	si.totalram = pmm_total_pages();
	si.freeram = pmm_free_pages();
	si.procs = nr_procs;
	si.mem_unit = PAGE_SIZE;
	return copy_to_user(uinfo, &si, sizeof(si));
}

long sys_uname(uaddr_t ubuf)
{
	static const char *const fields[5] = {
		"Conduit", "conduit", "0.1", "#1", "i686" };
	char buf[6 * 65];

	memset(buf, 0, sizeof(buf));
	for (int i = 0; i < 5; i++)
		strlcpy(buf + i * 65, fields[i], 65);
	return copy_to_user(ubuf, buf, sizeof(buf));
}

long sys_exit_group(long code)
{
	proc_exit((code & 0xFF) << 8);
}

#define LINUX_REBOOT_MAGIC1 0xfee1dead
#define LINUX_REBOOT_MAGIC2 672274793
#define LINUX_REBOOT_CMD_POWER_OFF 0x4321FEDC

/* reboot(2): only power-off, and only for init. */
long sys_reboot(uint32_t magic1, uint32_t magic2, uint32_t cmd)
{
	if (magic1 != LINUX_REBOOT_MAGIC1 || magic2 != LINUX_REBOOT_MAGIC2)
		return -EINVAL;
	if (current != init_proc)
		return -EPERM;
	if (cmd != LINUX_REBOOT_CMD_POWER_OFF)
		return -EINVAL;
	power_off(0);
}

/*
 * Users: Conduit has one, root (uid 0, gid 0).  The calls exist so that
 * programs asking who they are get an answer; changing identity to
 * anything but root fails with EPERM.
 */
long sys_getuid(void)
{
	return 0;
}

long sys_setuid(uint32_t uid)
{
	return uid == 0 ? 0 : -EPERM;
}
