/*
 * types.h - the fixed-width types and small helpers every kernel file uses.
 *
 * The kernel is freestanding: no libc headers exist, so we define the few
 * types we need here.  Sizes are those of i386 (ILP32): int, long and
 * pointers are all 32 bits.
 */
#ifndef KERNEL_TYPES_H
#define KERNEL_TYPES_H

typedef unsigned char uint8_t;
typedef unsigned short uint16_t;
typedef unsigned int uint32_t;
typedef unsigned long long uint64_t;
typedef signed char int8_t;
typedef short int16_t;
typedef int int32_t;
typedef long long int64_t;
typedef unsigned int size_t;
typedef int ssize_t;
typedef unsigned int uintptr_t;
typedef long off_t;
typedef int pid_t;
typedef _Bool bool;

#define true 1
#define false 0
#define NULL ((void *)0)

#define PAGE_SIZE 4096u
#define PAGE_SHIFT 12

#define offsetof(type, member) __builtin_offsetof(type, member)
#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static inline uint32_t round_down(uint32_t x, uint32_t align)
{
	return x & ~(align - 1);
}

static inline uint32_t round_up(uint32_t x, uint32_t align)
{
	return (x + align - 1) & ~(align - 1);
}

static inline uint32_t min_u32(uint32_t a, uint32_t b)
{
	return a < b ? a : b;
}

#define __noreturn __attribute__((noreturn))
#define __packed __attribute__((packed))
/* The CPU tables (struct cpu with GDT and TSS, the IDT) share two pages: see linker.ld. */
#define __cpu_table __attribute__((section(".bss.cpu_tables")))
#define __printf(a, b) __attribute__((format(printf, a, b)))

#endif
