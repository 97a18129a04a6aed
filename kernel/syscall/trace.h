/*
 * trace.h - the system-call tracer (trace.c).
 */
#ifndef KERNEL_TRACE_H
#define KERNEL_TRACE_H

#include "lib/types.h"

#define TRACE_LINE_MAX 200

void trace_enter(uint32_t nr, const char *name, const char *fmt,
		 const uint32_t *args, char *line, size_t size);
void trace_exit(const char *line, const char *fmt, long ret);

#endif
