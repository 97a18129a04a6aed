#!/usr/bin/env bash
# run-long.sh QEMU "QEMU_FLAGS" LOG "APPEND" - boot Conduit with a long-running
# program as init (the fuzzer or the stress test), show its output, keep the
# transcript in LOG, and explain the result.
#
#   tools/run-long.sh qemu-system-i386 "$(QEMU_FLAGS)" build/fuzz.log \
#       "init=/bin/fuzz -- -t 300"
#
# Words after " -- " on the kernel command line are init's arguments.  The
# program (pid 1) decides: when it exits, the kernel powers QEMU off with its
# exit status, and QEMU exits with (status << 1) | 1.  A panic makes QEMU
# exit with 253, a triple fault (with -no-reboot) with 0.
#
# The host time limit is LONG_TIMEOUT seconds if set; otherwise it is read
# from the command line: "-t SECONDS" gives SECONDS * LONG_SLACK (default 2)
# + 300, and anything else 1800 (QEMU's emulation is slow: a replay of
# "SEED N" rounds takes about as long as it takes).
set -u
qemu=${1:?usage: run-long.sh QEMU "QEMU_FLAGS" LOG "APPEND"}
flags=${2?}
log=${3:?}
append=${4:?}
slack=${LONG_SLACK:-2}

if [ -n "${LONG_TIMEOUT:-}" ]; then
	limit=$LONG_TIMEOUT
elif [[ " $append " =~ [[:space:]]-t[[:space:]]+([0-9]+) ]]; then
	limit=$(( BASH_REMATCH[1] * slack + 300 ))
else
	limit=1800
fi

mkdir -p "$(dirname "$log")"
echo "run-long: booting $qemu with -append \"$append\" (host time limit ${limit}s); transcript: $log"
# shellcheck disable=SC2086
timeout -k 5 "$limit" $qemu $flags -display none -serial stdio -monitor none \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
	-append "$append" </dev/null 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}

fail() {
	echo "run-long: FAILED: $*" >&2
	echo "run-long: the transcript is kept in $log" >&2
	exit 1
}

grep -aq '^Conduit: ' "$log" || fail "no boot banner: the kernel never printed 'Conduit:' (did it boot at all?)"
if grep -aq 'KERNEL PANIC' "$log"; then
	fail "kernel panic: $(grep -a -A1 'KERNEL PANIC' "$log" | head -n 2 | tr '\n' ' ')"
fi
if grep -aq 'cannot start init' "$log"; then
	fail "the kernel could not start init: $(grep -a 'cannot start init' "$log" | head -n 1)"
fi
case $rc in
	1) ;;
	253) fail "kernel panic (QEMU status 253; see the transcript)" ;;
	0) fail "triple fault (CPU reset): QEMU exited with status 0, which under -no-reboot means the CPU reset, most likely by a triple fault (the kernel did not power off)" ;;
	124|137) fail "timeout: no result after ${limit}s (a hang in the kernel, or the run is longer than the limit: set LONG_TIMEOUT)" ;;
	*)
		if (( rc % 2 == 1 )); then
			status=$(( (rc - 1) / 2 ))
			if [ "$status" = 127 ]; then
				fail "init was killed by a signal (status 0x7f)"
			fi
			fail "init exited with status $status: $(grep -aE '^(fuzz|stress): (FAILED|BUG)' "$log" | head -n 5 | tr '\n' ';')"
		fi
		fail "QEMU exited with unexpected status $rc"
		;;
esac
echo "run-long: passed: $(grep -aE '^(fuzz|stress): (passed|counters)' "$log" | tail -n 2 | tr '\n' ' ')"
