/*
 * sleep - wait for a while.
 *
 * Usage: sleep NUMBER[SUFFIX]...
 *
 * NUMBER is a number of seconds and may have a fraction: "sleep 0.25".
 * An optional SUFFIX changes the unit: s (seconds), m (minutes),
 * h (hours), d (days).  With several arguments, sleep waits for their sum.
 *
 * How: the time is read without floating point, as whole seconds plus
 * nanoseconds (digits after the point, up to nine), and handed to
 * nanosleep().  If a signal handler interrupts the sleep (EINTR),
 * nanosleep tells how much time is left and sleep simply goes on.  A
 * signal whose default action is to terminate, like SIGINT or SIGTERM,
 * of course ends sleep at once.
 *
 * Errors: "sleep: invalid time interval 'X'", exit status 2.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define NANO 1000000000L
#define MAX_SECONDS 100000000	/* about three years: surely a typo */

static void usage(void)
{
	fprintf(stderr, "usage: sleep NUMBER[smhd]...\n");
}

/*
 * Parse "12", "0.5", "1.5m" ... into *t.  Returns 0, or -1 if text is
 * not a valid interval.
 */
static int parse_interval(const char *text, struct timespec *t)
{
	const char *p = text;
	long long seconds = 0, nanos = 0, scale = NANO / 10;
	int digits = 0, multiplier = 1;

	for (; *p >= '0' && *p <= '9'; p++, digits++) {
		seconds = seconds * 10 + (*p - '0');
		if (seconds > MAX_SECONDS)
			return -1;
	}
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++, digits++) {
			nanos += (*p - '0') * scale;	/* digits past the ninth vanish */
			scale /= 10;
		}
	if (digits == 0)
		return -1;
	if (*p != '\0') {
		const char *units = "smhd";
		static const int unit_seconds[] = { 1, 60, 3600, 86400 };
		const char *u = strchr(units, *p);

		if (u == NULL || p[1] != '\0')
			return -1;
		multiplier = unit_seconds[u - units];
	}
	if (seconds * multiplier > MAX_SECONDS)
		return -1;
	/* (seconds + nanos / NANO) * multiplier, kept normalised. */
	nanos *= multiplier;
	t->tv_sec = seconds * multiplier + nanos / NANO;
	t->tv_nsec = nanos % NANO;
	return 0;
}

int main(int argc, char **argv)
{
	struct timespec total = { 0, 0 };

	if (argc < 2) {
		usage();
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		struct timespec t;

		if (parse_interval(argv[i], &t) < 0 || total.tv_sec + t.tv_sec > MAX_SECONDS) {
			fprintf(stderr, "sleep: invalid time interval '%s'\n", argv[i]);
			usage();
			return 2;
		}
		total.tv_sec += t.tv_sec;
		total.tv_nsec += t.tv_nsec;
		if (total.tv_nsec >= NANO) {
			total.tv_sec++;
			total.tv_nsec -= NANO;
		}
	}
	while (nanosleep(&total, &total) < 0) {
		if (errno != EINTR) {
			fprintf(stderr, "sleep: %s\n", strerror(errno));
			return 1;
		}
	}
	return 0;
}
