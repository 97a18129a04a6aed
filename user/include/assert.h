/*
 * assert.h - assert(expr) prints the failed expression with its file and
 * line, then aborts.  Defining NDEBUG turns assertions off.
 *
 * No include guard on purpose: C lets a program include this again
 * after changing NDEBUG.
 */
#undef assert

#ifdef NDEBUG
#define assert(expr) ((void)0)
#else
#define assert(expr) \
	((expr) ? (void)0 : __assert_fail(#expr, __FILE__, __LINE__, __func__))
#endif

void __assert_fail(const char *expr, const char *file, int line,
		   const char *func) __attribute__((noreturn));
