/*
 * trace.h - the system-call tracer (trace.c).
 */
#ifndef KERNEL_TRACE_H
#define KERNEL_TRACE_H

#include "types.h"

void trace_enter(uint32_t nr, const char *name, const char *fmt,
		 const uint32_t *args);
void trace_exit(const char *name, long ret);

#endif
