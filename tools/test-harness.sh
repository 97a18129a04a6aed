#!/usr/bin/env bash
# test-harness.sh QEMU "QEMU_FLAGS" - check that run-tests.sh explains
# failures: a kernel panic and a triple fault must each be reported as such,
# and must fail.  The kernel crashes on purpose when booted with crash=KIND.
qemu=$1
flags=$2
status=0

expect() {	# expect KIND "message the harness must print"
	local out
	out=$(TEST_TIMEOUT=60 TEST_APPEND="init=/bin/runtests crash=$1" \
		tools/run-tests.sh "$qemu" "$flags" build/harness-$1.log 2>&1)
	if [ $? -eq 0 ] || ! grep -q "$2" <<<"$out"; then
		echo "test-harness: crash=$1 was not reported as '$2':" >&2
		echo "$out" | tail -n 5 >&2
		status=1
	else
		echo "test-harness: crash=$1 reported as '$2' (good)"
	fi
}

expect panic "kernel panic: KERNEL PANIC: crash=panic"
expect triple "triple fault"
expect stack "KERNEL PANIC: double fault: most likely a kernel stack overflow"
exit $status
