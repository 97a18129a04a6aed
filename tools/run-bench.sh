#!/usr/bin/env bash
# run-bench.sh QEMU "QEMU_FLAGS" LOG - boot Conduit with /bin/bench as
# init, show its output, keep the transcript in LOG, and explain the result.
#
# As with run-tests.sh, the kernel ends the run itself: when init
# (/bin/bench) exits, it writes init's exit status to QEMU's
# isa-debug-exit port and QEMU exits with (status << 1) | 1, so 1 means
# bench exited 0.  A panic writes 0x7E (QEMU exits 253); a triple fault
# resets the CPU, which with -no-reboot makes QEMU exit with 0.  A hang is
# cut off by a host-side timeout (BENCH_TIMEOUT seconds, default 1800).
#
# BENCH_ARGS passes arguments to bench (e.g. BENCH_ARGS=--tiny), through
# the kernel command line's " -- ".
qemu=$1
flags=$2
log=$3
limit=${BENCH_TIMEOUT:-1800}
append="init=/bin/bench"
[ -n "${BENCH_ARGS:-}" ] && append="$append -- $BENCH_ARGS"

if [ $# -ne 3 ]; then
	echo "usage: $0 QEMU \"QEMU_FLAGS\" LOG" >&2
	exit 2
fi

mkdir -p "$(dirname "$log")"
echo "run-bench: booting $qemu -append \"$append\" (host time limit ${limit}s); transcript: $log"
# shellcheck disable=SC2086
timeout -k 5 "$limit" $qemu $flags -display none -serial stdio -monitor none \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
	-append "$append" </dev/null 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}

fail() {
	echo "run-bench: FAILED: $*" >&2
	echo "run-bench: the transcript is kept in $log" >&2
	exit 1
}

grep -aq '^Conduit: ' "$log" || fail "no boot banner: the kernel never printed 'Conduit:' (did it boot at all?)"
if grep -aq 'KERNEL PANIC' "$log"; then
	fail "kernel panic: $(grep -a -A1 'KERNEL PANIC' "$log" | head -n 2 | tr '\n' ' ')"
fi
case $rc in
	1) ;;
	253) fail "kernel panic (see the transcript)" ;;
	0) fail "triple fault (CPU reset): QEMU exited with status 0, which under -no-reboot means the CPU reset, most likely by a triple fault (the kernel did not power off)" ;;
	124|137) fail "timeout: bench had not finished after ${limit}s (a hang, or a very slow kernel; raise BENCH_TIMEOUT)" ;;
	*)
		errors=$(grep -a -e '^bench: ' -e '^usage: ' "$log" | tr -d '\r' | tr '\n' ';')
		fail "bench exited with status $(( (rc - 1) / 2 )) (QEMU status $rc): ${errors:-a measurement failed (see the transcript)}" ;;
esac
grep -aq '^# all figures measured' "$log" || fail "bench exited 0 but did not print '# all figures measured'"
echo "run-bench: $(grep -acE '^[a-z0-9_]+: [0-9.]+ [^ ]+ \(min ' "$log") figures measured; see $log"
