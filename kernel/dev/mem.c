/*
 * mem.c - the memory devices: /dev/null, /dev/zero, /dev/full and
 * /dev/random = /dev/urandom, with Linux's behaviour:
 *
 *   null     read: end of file; write: takes everything (the full count)
 *   zero     read: as many zero bytes as asked; write: like null
 *   full     read: like zero; write: ENOSPC ("the disk is full")
 *   random   read: pseudo-random bytes; write: accepted and ignored
 *
 * Seeking any of them succeeds and leaves the position at 0, as Linux.
 * sys_read/sys_write have already checked the buffer's range; a fault
 * half way gives the bytes done so far (EFAULT if none).
 *
 * The generator is xoshiro128** (Blackman and Vigna), seeded at the first
 * read from the time-stamp counter and the RTC's clock, and stirred with
 * the time-stamp counter at every read.  Its bytes vary from boot to boot
 * and pass for random in programs and tests, but it is NOT cryptographic:
 * its state can be worked out from its output, so it must not make keys.
 * Its state is touched only by reads (process context, one CPU); several
 * CPUs will need a lock around prng_next().
 */
#include "dev/devices.h"
#include "arch/x86.h"
#include "fs/file.h"
#include "lib/errno.h"
#include "lib/lib.h"
#include "time/clock.h"

#define CHUNK 256		/* bytes generated per copy to user space */

static uint32_t prng_state[4];
static bool prng_seeded;

static uint32_t rotl(uint32_t x, int k)
{
	return (x << k) | (x >> (32 - k));
}

/* splitmix32: spreads a seed's bits, so that no state word is zero. */
static uint32_t splitmix32(uint32_t *x)
{
	uint32_t z = (*x += 0x9E3779B9u);

	z = (z ^ (z >> 16)) * 0x85EBCA6Bu;
	z = (z ^ (z >> 13)) * 0xC2B2AE35u;
	return z ^ (z >> 16);
}

/* xoshiro128**: the next 32 bits. */
static uint32_t prng_next(void)
{
	uint32_t *s = prng_state;
	uint32_t result = rotl(s[1] * 5, 7) * 9, t = s[1] << 9;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 11);
	return result;
}

/* Seed once from the clocks; then mix the time-stamp counter in each time. */
static void prng_stir(void)
{
	uint64_t tsc = rdtsc();
	uint32_t x = (uint32_t)tsc ^ (uint32_t)(tsc >> 32);

	if (!prng_seeded) {
		x ^= time_realtime_sec() * 0x27D4EB2Du;
		for (int i = 0; i < 4; i++)
			prng_state[i] = splitmix32(&x);
		prng_seeded = true;
		return;
	}
	prng_state[0] ^= splitmix32(&x);
	prng_next();
}

static ssize_t null_read(struct file *f, uaddr_t buf, size_t n)
{
	(void)f, (void)buf, (void)n;
	return 0;			/* end of file */
}

static ssize_t null_write(struct file *f, uaddr_t buf, size_t n)
{
	(void)f, (void)buf;
	return n;			/* the bytes are never even read */
}

static ssize_t full_write(struct file *f, uaddr_t buf, size_t n)
{
	(void)f, (void)buf, (void)n;
	return -ENOSPC;
}

/* Zeros, a page at a time, so that a fault half way keeps what was done. */
static ssize_t zero_read(struct file *f, uaddr_t buf, size_t n)
{
	size_t done = 0;

	(void)f;
	while (done < n) {
		size_t chunk = min_u32(n - done, PAGE_SIZE);
		int err = clear_user(buf + done, chunk);
		if (err)
			return done ? (ssize_t)done : err;
		done += chunk;
	}
	return done;
}

static ssize_t random_read(struct file *f, uaddr_t buf, size_t n)
{
	uint32_t words[CHUNK / 4];
	size_t done = 0;

	(void)f;
	prng_stir();
	while (done < n) {
		size_t chunk = min_u32(n - done, CHUNK);
		for (uint32_t i = 0; i < (chunk + 3) / 4; i++)
			words[i] = prng_next();
		if (copy_to_user(buf + done, words, chunk))
			return done ? (ssize_t)done : -EFAULT;
		done += chunk;
	}
	return done;
}

static off_t mem_lseek(struct file *f, off_t off, int whence)
{
	(void)off, (void)whence;
	f->pos = 0;
	return 0;
}

const struct file_ops mem_null_ops = {
	.read = null_read,
	.write = null_write,
	.lseek = mem_lseek,
};

const struct file_ops mem_zero_ops = {
	.read = zero_read,
	.write = null_write,
	.lseek = mem_lseek,
};

const struct file_ops mem_full_ops = {
	.read = zero_read,
	.write = full_write,
	.lseek = mem_lseek,
};

const struct file_ops mem_random_ops = {
	.read = random_read,
	.write = null_write,
	.lseek = mem_lseek,
};
