/*
 * sigjmp.c - siglongjmp(): put back the signal mask if sigsetjmp saved
 * it (setjmp.S), then jump like longjmp.
 */
#include <setjmp.h>
#include <signal.h>

void siglongjmp(sigjmp_buf env, int value)
{
	if (env->mask_saved)
		sigprocmask(SIG_SETMASK, (const sigset_t *)env->mask, NULL);
	longjmp(env, value);
}
