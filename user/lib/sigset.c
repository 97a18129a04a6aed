/*
 * sigset.c - operations on sigset_t.  Signal sig is bit (sig - 1) of the
 * 64-bit set: word (sig - 1) / 32, bit (sig - 1) % 32.
 */
#include <errno.h>
#include <signal.h>

static int valid_signal(int sig)
{
	if (sig < 1 || sig >= NSIG) {
		errno = EINVAL;
		return 0;
	}
	return 1;
}

int sigemptyset(sigset_t *set)
{
	set->sig[0] = 0;
	set->sig[1] = 0;
	return 0;
}

int sigfillset(sigset_t *set)
{
	set->sig[0] = ~0UL;
	set->sig[1] = ~0UL;
	return 0;
}

int sigaddset(sigset_t *set, int sig)
{
	if (!valid_signal(sig))
		return -1;
	set->sig[(sig - 1) / 32] |= 1UL << ((sig - 1) % 32);
	return 0;
}

int sigdelset(sigset_t *set, int sig)
{
	if (!valid_signal(sig))
		return -1;
	set->sig[(sig - 1) / 32] &= ~(1UL << ((sig - 1) % 32));
	return 0;
}

int sigismember(const sigset_t *set, int sig)
{
	if (!valid_signal(sig))
		return -1;
	return (set->sig[(sig - 1) / 32] >> ((sig - 1) % 32)) & 1;
}
