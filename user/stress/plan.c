/*
 * plan.c - the shape of a scenario, all from its key: the topology, its
 * processes and pipes, and each process's quirks (early exits and closes,
 * SA_RESTART or not, SIGTERM handled or deadly, non-blocking ends), and
 * which processes the main process may kill.
 *
 * Killing is allowed only where the checks can account for it: a dead
 * writer leaves a prefix of its records, a dead chain relay or fan-in
 * reader makes the writers upstream see EPIPE.  Fan-out readers and a
 * FIFO's reader are never killed (the FIFO's: see plan_fan_in).
 */
#include <stdio.h>
#include <string.h>

#include "rng.h"
#include "stress.h"

const char *const topology_names[] = { "fan-in", "fan-out", "chain", "fifo" };
const char *const role_names[] = { "writer", "reader", "relay" };

static struct sproc *add_proc(int role, int in, int out)
{
	struct sproc *p = &sc.procs[sc.nprocs++];

	memset(p, 0, sizeof(*p));
	p->role = role;
	p->in = in;
	p->out = out;
	p->writer_id = -1;
	p->early = -1;
	p->restart = chance(50);
	p->term_handled = chance(20);
	p->nonblock = chance(15);
	return p;
}

static struct sproc *add_writer(int out)
{
	struct sproc *p = add_proc(R_WRITER, -1, out);

	p->writer_id = sc.nwriters++;
	p->records = 1 + (int)below(chance(25) ? 400 : 60);
	if (chance(10))
		p->early = (int)below((uint32_t)p->records);
	p->killable = 1;
	return p;
}

/* Fan-in, and fifo: the same through a FIFO opened by name. */
static void plan_fan_in(void)
{
	int writers = 1 + (int)below(sc.topology == T_FIFO ? 4 : 6);
	struct sproc *r;

	sc.npipes = 1;
	sc.fifo = sc.topology == T_FIFO;
	sc.keeper = sc.fifo && writers > 1;
	for (int i = 0; i < writers; i++) {
		struct sproc *p = add_writer(0);
		p->big_writes = writers == 1;
		p->open_rdwr = sc.keeper && chance(10);
		if (p->open_rdwr)
			p->early = -1;
	}
	r = add_proc(R_READER, 0, -1);
	if (sc.fifo) {
		/* A FIFO's opens wait for each other (or the keeper holds it
		 * open): a reader that vanished would leave writers waiting
		 * forever, and one that never opened, too. */
		for (int i = 0; i < sc.nprocs; i++)
			sc.procs[i].killable = sc.keeper && sc.procs[i].role == R_WRITER;
		return;
	}
	if (chance(8))
		r->early = (int)below(20);
	r->killable = chance(10);
}

/* Every record the same size, so that each read must get whole ones. */
static void plan_fan_out(void)
{
	int writers = 1 + (int)below(3), readers = 2 + (int)below(3);

	sc.npipes = 1;
	sc.fixed_size = RECORD_HEADER_SIZE + (int)below(2000);
	for (int i = 0; i < writers; i++)
		add_writer(0);
	for (int i = 0; i < readers; i++)
		add_proc(R_READER, 0, -1);
}

/* Pipe i runs from relay i-1 (the writer for i = 0) to relay i. */
static void plan_chain(void)
{
	int relays = 1 + (int)below(4);

	sc.npipes = relays + 1;
	add_writer(0)->big_writes = 1;
	for (int i = 0; i < relays; i++)
		add_proc(R_RELAY, i, i + 1)->killable = chance(30);
	add_proc(R_READER, relays, -1);
}

/* Plan scenario number, of the given key, into sc. */
void scenario_plan(int number, uint32_t key)
{
	memset(&sc, 0, sizeof(sc));
	sc.number = number;
	sc.key = key;
	sc.keeper_fd = -1;
	for (int i = 0; i < MAX_PIPES; i++)
		sc.pipes[i][0] = sc.pipes[i][1] = -1;
	rng_seed(stress_seed, key, RNG_PLAN);
	sc.topology = (int)below(NR_TOPOLOGIES);
	sc.signal_rate = (int)below(40);
	if (sc.topology == T_FAN_OUT)
		plan_fan_out();
	else if (sc.topology == T_CHAIN)
		plan_chain();
	else
		plan_fan_in();
}

/* For -v. */
void scenario_describe(void)
{
	printf("stress: scenario %d (key %u): %s, %d processes, %d pipes%s%s, signals %d%%\n",
	       sc.number, sc.key, topology_names[sc.topology], sc.nprocs, sc.npipes,
	       sc.fifo ? ", FIFO" : "", sc.keeper ? " with keeper" : "", sc.signal_rate);
	fflush(stdout);
}
