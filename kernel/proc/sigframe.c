/*
 * sigframe.c - the frame a signal handler runs on, and rt_sigreturn.
 *
 * To run a handler, the kernel saves the interrupted user state on the
 * user's own stack and makes the handler look as if it had been called:
 *
 *     higher addresses
 *     | ...interrupted program's stack...       |  <- old esp
 *     | fpstate: the x87 state (fnsave image)    |
 *     | retcode: mov $173,%eax; int $0x80        |  (used without SA_RESTORER)
 *     | uc: struct ucontext, with uc_mcontext =  |
 *     |     all registers, uc_sigmask = old mask |
 *     | info: siginfo_t (128 bytes)              |
 *     | puc   -> uc                              |  handler's 3rd argument
 *     | pinfo -> info                            |  handler's 2nd argument
 *     | sig                                      |  handler's 1st argument
 *     | pretcode: return address = restorer      |  <- esp at handler entry
 *     lower addresses
 *
 * The layout is Linux's struct rt_sigframe on i386, so SA_SIGINFO handlers
 * find siginfo_t and ucontext_t where they expect them.  When the handler
 * returns it "returns" into the restorer, which calls rt_sigreturn; that
 * reads the frame back and restores every register and the signal mask
 * exactly.  The frame is user memory, so rt_sigreturn trusts none of it:
 * segment registers are forced to the user segments and only the
 * arithmetic, direction, trap and alignment-check flags may change in
 * eflags.
 */
#include "lib/errno.h"
#include "arch/fpu.h"
#include "arch/cpu.h"
#include "lib/lib.h"
#include "proc/proc.h"
#include "proc/signal.h"
#include "syscall/syscall.h"
#include "arch/trap.h"
#include "arch/x86.h"

struct k_siginfo {
	int32_t si_signo, si_errno, si_code;
	int32_t fields[29];	/* pid, uid, status... or addr, by signal */
};

struct k_sigcontext {
	uint16_t gs, gsh, fs, fsh, es, esh, ds, dsh;
	uint32_t edi, esi, ebp, esp, ebx, edx, ecx, eax;
	uint32_t trapno, err, eip;
	uint16_t cs, csh;
	uint32_t eflags, esp_at_signal;
	uint16_t ss, ssh;
	uint32_t fpstate, oldmask, cr2;
};

struct k_ucontext {
	uint32_t uc_flags, uc_link;
	uint32_t ss_sp, ss_flags, ss_size;	/* uc_stack: not used */
	struct k_sigcontext uc_mcontext;
	sigset_t uc_sigmask;
};

struct rt_sigframe {
	uint32_t pretcode;
	int32_t sig;
	uint32_t pinfo, puc;
	struct k_siginfo info;
	struct k_ucontext uc;
	uint8_t retcode[8];
	uint8_t fpstate[108];
};

#define EFLAGS_USER_MASK 0x00040DD5	/* AC OF DF TF SF ZF AF PF CF */

static void save_registers(struct k_sigcontext *sc, const struct trapframe *tf)
{
	sc->gs = tf->gs, sc->fs = tf->fs, sc->es = tf->es, sc->ds = tf->ds;
	sc->edi = tf->edi, sc->esi = tf->esi, sc->ebp = tf->ebp;
	sc->esp = tf->esp, sc->ebx = tf->ebx, sc->edx = tf->edx;
	sc->ecx = tf->ecx, sc->eax = tf->eax;
	sc->trapno = tf->trapno, sc->err = tf->err, sc->eip = tf->eip;
	sc->cs = tf->cs, sc->eflags = tf->eflags;
	sc->esp_at_signal = tf->esp, sc->ss = tf->ss;
}

static void fill_siginfo(struct k_siginfo *si, int sig, const struct sig_info *info)
{
	memset(si, 0, sizeof(*si));
	si->si_signo = sig;
	si->si_code = info->code;
	if (sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE) {
		si->fields[0] = info->pid_or_addr;	/* si_addr */
	} else {
		si->fields[0] = info->pid_or_addr;	/* si_pid */
		si->fields[1] = 0;			/* si_uid */
		si->fields[2] = info->status;		/* si_status (SIGCHLD) */
	}
}

bool sigframe_push(struct trapframe *tf, int sig, const struct k_sigaction *act,
		   const struct sig_info *info, sigset_t old_mask)
{
	static const uint8_t retcode[8] = { 0xB8, 173, 0, 0, 0, 0xCD, 0x80, 0 };
	struct rt_sigframe f;
	uint32_t addr = ((tf->esp - sizeof(f) + 4) & ~15u) - 4;

	memset(&f, 0, sizeof(f));
	f.sig = sig;
	f.pinfo = addr + offsetof(struct rt_sigframe, info);
	f.puc = addr + offsetof(struct rt_sigframe, uc);
	f.pretcode = (act->flags & SA_RESTORER) ? act->restorer :
		     addr + offsetof(struct rt_sigframe, retcode);
	fill_siginfo(&f.info, sig, info);
	save_registers(&f.uc.uc_mcontext, tf);
	f.uc.uc_mcontext.fpstate = addr + offsetof(struct rt_sigframe, fpstate);
	f.uc.uc_mcontext.oldmask = (uint32_t)old_mask;
	f.uc.uc_sigmask = old_mask;
	memcpy(f.retcode, retcode, sizeof(retcode));
	/* Save the x87 state; the handler starts with a clean unit. */
	memcpy(f.fpstate, fpu_state(current), sizeof(f.fpstate));
	if (copy_to_user(addr, &f, sizeof(f)))
		return false;
	fpu_reset(current);
	tf->esp = addr;
	tf->eip = act->handler;
	tf->eax = sig;			/* for handlers built with regparm(3) */
	tf->edx = f.pinfo;
	tf->ecx = f.puc;
	tf->cs = SEG_UCODE;
	tf->ds = tf->es = tf->ss = SEG_UDATA;
	tf->eflags &= ~0x500u;		/* clear TF and DF, as the ABI wants */
	return true;
}

long sys_rt_sigreturn(void)
{
	struct trapframe *tf = current->tf;
	uint32_t addr = tf->esp - 4;	/* the handler's ret popped pretcode */
	struct rt_sigframe f;
	struct k_sigcontext *sc = &f.uc.uc_mcontext;

	if (copy_from_user(&f, addr, sizeof(f))) {
		proc_exit(SIGSEGV);	/* a broken frame: nothing to return to */
	}
	tf->edi = sc->edi, tf->esi = sc->esi, tf->ebp = sc->ebp;
	tf->ebx = sc->ebx, tf->edx = sc->edx, tf->ecx = sc->ecx;
	tf->eax = sc->eax, tf->eip = sc->eip, tf->esp = sc->esp;
	tf->eflags = (tf->eflags & ~EFLAGS_USER_MASK) |
		     (sc->eflags & EFLAGS_USER_MASK) | EFLAGS_IF;
	tf->cs = SEG_UCODE;
	tf->ds = tf->es = tf->fs = tf->gs = tf->ss = SEG_UDATA;
	signal_set_blocked(f.uc.uc_sigmask);
	if (!fpu_set_state(current, f.fpstate))
		proc_exit(SIGKILL);	/* no memory for it: like an OOM kill */
	return tf->eax;		/* the dispatcher stores this back into eax */
}
