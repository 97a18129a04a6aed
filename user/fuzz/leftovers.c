/*
 * leftovers.c - at the end of a run, what is left of ours must go before
 * the leak check: orphans that outlived their worker, stopped children,
 * anything a hung worker left.  On Conduit they are found by name in
 * /proc/ps (every process of ours is named "fuzz"); on a Linux host, as
 * our children (the main process is their subreaper).
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#include "fuzz.h"
#include "longrun.h"

#if !ON_CONDUIT
#include <dirent.h>
#endif

#define MAX_PS_ROWS 4096
#define PS_WORDS 7		/* PID PPID PGID STATE WCHAN CPU NAME */
#define REAP_TRIES 200		/* of 50 ms: 10 seconds */

struct ps_row {
	int pid, ppid;
	char name[16];
};

static struct ps_row rows[MAX_PS_ROWS];

/* One line of /proc/ps into *row; 0 if it is not one. */
static int ps_parse_line(char *p, struct ps_row *row)
{
	char *word[PS_WORDS], *end;
	int words = 0;

	while (words < PS_WORDS) {
		while (*p == ' ')
			p++;
		if (!*p || *p == '\n')
			break;
		word[words++] = p;
		while (*p && *p != ' ' && *p != '\n')
			p++;
	}
	if (words != PS_WORDS)
		return 0;
	row->pid = (int)strtol(word[0], &end, 10);
	row->ppid = (int)strtol(word[1], &end, 10);
	end = word[6];
	while (*end && *end != ' ' && *end != '\n')
		end++;
	snprintf(row->name, sizeof(row->name), "%.*s", (int)(end - word[6]), word[6]);
	return 1;
}

/* Read /proc/ps into rows[]; returns how many. */
static int ps_read(void)
{
	static char text[65536];
	int n = 0;

	if (file_read("/proc/ps", text, sizeof(text)) <= 0)
		return 0;
	/* The first line is the heading. */
	for (char *line = strchr(text, '\n'); line && line[1] && n < MAX_PS_ROWS;
	     line = strchr(line + 1, '\n'))
		n += ps_parse_line(line + 1, &rows[n]);
	return n;
}

/* Is pid our parent, or its parent, ...?  Those must live. */
static int is_ancestor(int pid, int n)
{
	pid_t p = getppid();

	for (int guard = 0; p > 0 && guard < 64; guard++) {
		int j;

		if (p == pid)
			return 1;
		for (j = 0; j < n && rows[j].pid != p; j++)
			;
		p = j < n ? rows[j].ppid : 0;
	}
	return 0;
}

/* SIGKILL every other process named fuzz that is not an ancestor. */
int kill_leftovers(void)
{
	int n = ps_read(), killed = 0;
	pid_t self = getpid();

	for (int i = 0; i < n; i++) {
		if (rows[i].pid == self || strcmp(rows[i].name, "fuzz") != 0)
			continue;
		if (is_ancestor(rows[i].pid, n))
			continue;
		kill(rows[i].pid, SIGKILL);
		killed++;
	}
	return killed;
}

#if !ON_CONDUIT
/* Linux: kill our remaining children (we are their subreaper). */
static void host_kill_children(void)
{
	char path[300], text[512];
	DIR *d = opendir("/proc");
	struct dirent *e;

	while (d && (e = readdir(d)) != NULL) {
		int pid = atoi(e->d_name);
		char *rp;

		if (pid <= 1)
			continue;
		snprintf(path, sizeof(path), "/proc/%d/stat", pid);
		if (file_read(path, text, sizeof(text)) <= 0)
			continue;
		rp = strrchr(text, ')');	/* "pid (name) S ppid ..." */
		if (rp && rp[1] && rp[2] && rp[3] && atoi(rp + 4) == getpid())
			kill(pid, SIGKILL);
	}
	if (d)
		closedir(d);
}
#endif

/*
 * Kill what is left and reap it.  As pid 1 the orphans are ours to reap
 * too, so keep at it until there are no children left; otherwise init
 * reaps them and one pass is all we can do.
 */
void reap_leftovers(void)
{
	kill_leftovers();
#if !ON_CONDUIT
	host_kill_children();
#endif
	for (int i = 0; i < REAP_TRIES; i++) {
		pid_t pid;
		int status;

		while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
			;
		if (pid < 0 && (getpid() == 1 || !ON_CONDUIT))
			break;
		if (getpid() != 1 && ON_CONDUIT)
			break;
		sleep_ms(50);
		kill_leftovers();
	}
}
