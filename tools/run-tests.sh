#!/usr/bin/env bash
# run-tests.sh QEMU "QEMU_FLAGS" LOG - boot Conduit with the test runner as
# init, show its output, keep the transcript in LOG, and explain the result.
#
# The kernel ends the run itself: when init (/bin/runtests) exits, it writes
# init's exit status to QEMU's isa-debug-exit port, and QEMU exits with
# (status << 1) | 1.  A panic writes 0x7E (QEMU exits 253).  With -no-reboot
# a triple fault resets the CPU, which makes QEMU exit with 0.  A hang is
# cut off by a host-side timeout (TEST_TIMEOUT seconds, default 600).
qemu=$1
flags=$2
log=$3
limit=${TEST_TIMEOUT:-600}
append=${TEST_APPEND:-init=/bin/runtests}

mkdir -p "$(dirname "$log")"
echo "run-tests: booting $qemu (host time limit ${limit}s); transcript: $log"
# shellcheck disable=SC2086
timeout -k 5 "$limit" $qemu $flags -display none -serial stdio -monitor none \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
	-append "$append" </dev/null 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}

fail() {
	echo "run-tests: FAILED: $*" >&2
	echo "run-tests: the transcript is kept in $log" >&2
	exit 1
}

summary=$(grep -aE '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
grep -aq '^Conduit: ' "$log" || fail "no boot banner: the kernel never printed 'Conduit:' (did it boot at all?)"
if grep -aq 'KERNEL PANIC' "$log"; then
	fail "kernel panic: $(grep -a -A1 'KERNEL PANIC' "$log" | head -n 2 | tr '\n' ' ')"
fi
case $rc in
	1) ;;
	3) fail "tests failed: ${summary:-no summary line}; $(grep -a '^not ok' "$log" | tr '\n' ';')" ;;
	5) fail "the test runner found no tests" ;;
	253) fail "kernel panic (see the transcript)" ;;
	0) fail "triple fault (CPU reset): QEMU exited with status 0, which under -no-reboot means the CPU reset, most likely by a triple fault (the kernel did not power off)" ;;
	124|137) fail "timeout: no result after ${limit}s (a hang in the kernel or a test)" ;;
	*) fail "QEMU exited with unexpected status $rc (init's exit status $(( (rc - 1) / 2 )))" ;;
esac
[ -n "$summary" ] || fail "runner exited 0 but printed no 'N passed, N failed' line"
case $summary in
	"0 passed"*) fail "zero tests ran" ;;
esac
echo "run-tests: $summary"
