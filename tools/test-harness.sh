#!/usr/bin/env bash
# test-harness.sh QEMU "QEMU_FLAGS" - check that run-tests.sh explains
# failures: a kernel panic, a triple fault and a kernel stack overflow must
# each be reported as such, and must fail; so must a failed self-check
# (an assertion: crash=assert frees a kernel object twice).  The kernel crashes on purpose
# when booted with crash=KIND.  Also checks the system-call tracer, and that input
# typed while the machine boots is kept (type-ahead).
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

# The system-call tracer: echo's write must appear as strace would show it.
trace_out=$(timeout 60 $qemu $flags -display none -serial stdio -monitor none \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
	-append "init=/bin/echo trace=write -- hello" </dev/null 2>&1)
if grep -q '\[1\] write(1, "hello\\n", 6) = 6' <<<"$trace_out"; then
	echo "test-harness: trace=write shows [1] write(1, \"hello\\n\", 6) = 6 (good)"
else
	echo "test-harness: trace=write did not show echo's write:" >&2
	echo "$trace_out" | tail -n 5 >&2
	status=1
fi

# Type-ahead: a command waiting on QEMU's serial input before the kernel even
# starts must run exactly as typed; the serial driver used to lose its first
# bytes ("cho typed-ahead-ok").  Three boots, since a lost byte may be a race.
for try in 1 2 3; do
	typed_out=$(printf 'echo typed-ahead-ok\nexit 0\n' | timeout 60 $qemu $flags \
		-display none -serial stdio -monitor none \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 -append "init=/bin/sh" 2>&1)
	typed_rc=$?	# 1: the shell, as init, exited 0 (see run-tests.sh)
	if [ $typed_rc -eq 1 ] && tr -d '\r' <<<"$typed_out" | grep -qxE '(\$ )*typed-ahead-ok' &&
	   ! grep -q 'not found' <<<"$typed_out"; then
		echo "test-harness: type-ahead: 'echo typed-ahead-ok' typed before boot ran as typed (good, boot $try)"
	else
		echo "test-harness: type-ahead: input typed before boot was not kept:" >&2
		echo "$typed_out" | tail -n 5 >&2
		status=1
		break
	fi
done

expect panic "kernel panic: KERNEL PANIC: crash=panic"
expect triple "triple fault"
expect stack "KERNEL PANIC: double fault: most likely a kernel stack overflow"
expect assert "KERNEL PANIC: assertion failed: o->magic != FREE_MAGIC"
exit $status
