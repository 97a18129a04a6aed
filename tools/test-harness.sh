#!/usr/bin/env bash
# test-harness.sh QEMU "QEMU_FLAGS" [BUILD] - check that run-tests.sh
# explains failures: a kernel panic, a triple fault and a kernel stack
# overflow must each be reported as such, and must fail; so must a failed
# self-check (an assertion: crash=assert frees a kernel object twice).  The
# kernel crashes on purpose when booted with crash=KIND.  Also checks the
# system-call tracer, that init's arguments are never dropped, that
# input typed while the machine boots is kept (type-ahead), and that every
# CPU of machines of several shapes comes up ("smp: N CPUs up").
# BUILD is the build directory (default build), for the transcripts.
qemu=$1
flags=$2
build=${3:-build}
status=0

expect() {	# expect KIND "message the harness must print"
	local out
	out=$(TEST_TIMEOUT=60 TEST_APPEND="init=/bin/runtests crash=$1" \
		tools/run-tests.sh "$qemu" "$flags" "$build/harness-$1.log" 2>&1)
	if [ $? -eq 0 ] || ! grep -qF "$2" <<<"$out"; then
		echo "test-harness: crash=$1 was not reported as '$2':" >&2
		echo "$out" | tail -n 5 >&2
		status=1
	else
		echo "test-harness: crash=$1 reported as '$2' (good)"
	fi
}

# boot NAME "APPEND": boot with that command line (init's exit status
# ends QEMU), keep the transcript in $build/harness-NAME.log, set $out
# and $rc (1 when init exited 0, see run-tests.sh).
boot() {
	# shellcheck disable=SC2086
	out=$(timeout -k 5 60 $qemu $flags -display none -serial stdio -monitor none \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
		-append "$2" </dev/null 2>&1)
	rc=$?
	out=${out//$'\r'/}	# the serial console ends lines with \r\n
	echo "$out" > "$build/harness-$1.log"
}

# expect_line NAME PATTERN WHAT: the transcript of boot NAME has a line
# matching the extended regular expression PATTERN; else say so and fail.
expect_line() {
	grep -aqE -- "$2" <<<"$out" && return 0
	echo "test-harness: $1 did not show $3 (no line matches '$2');" \
		"see $build/harness-$1.log" >&2
	status=1
	return 1
}

# The system-call tracer: echo's write must appear as strace would show it.
boot trace-write "init=/bin/echo trace=write -- hello"
expect_line trace-write '^\[1\] write\(1, "hello\\n", 6\) = 6$' "echo's write" &&
	echo "test-harness: trace=write shows [1] write(1, \"hello\\n\", 6) = 6 (good)"

# trace=all on a program that calls unknown numbers (user/tests/trace_syscalls.c):
# no panic, ENOSYS, every unknown call shown with its six registers,
# errors by name, counts in decimal, a pointer in hex, and a warning for a
# name that is no system call.
if cpio -t --quiet <"$build/initrd.cpio" | grep -qx tests/trace_syscalls; then
	boot trace-all "init=/tests/trace_syscalls trace=all,no_such_call"
	if [ "$rc" -ne 1 ] || grep -aq 'KERNEL PANIC' <<<"$out"; then
		echo "test-harness: trace=all: /tests/trace_syscalls failed or the kernel panicked" \
			"(QEMU status $rc); see $build/harness-trace-all.log" >&2
		grep -a -A1 'KERNEL PANIC\|FAIL' <<<"$out" | head -n 4 >&2
		status=1
	fi
	good=yes
	enosys=' = -1 ENOSYS \(Function not implemented\)$'
	for nr in 17 31 44 1000 2147483647 4294967295; do
		expect_line trace-all "^\[1\] unknown\($nr\)\(0x11, 0x22, 0x33, 0x44, 0x55, 0x66\)$enosys" "unknown($nr) = -1 ENOSYS" || good=no
	done
	expect_line trace-all '^trace: no system call is named .no_such_call. \(ignored\)$' "a warning for trace=no_such_call" || good=no
	expect_line trace-all '^\[1\] write\([0-9]+, "t+"\.\.\., 70000\) = 70000$' "a write of 70000 bytes in decimal" || good=no
	expect_line trace-all '^\[1\] read\([0-9]+, 0x[0-9a-f]+, 70000\) = 70000$' "a read of 70000 bytes in decimal" || good=no
	expect_line trace-all '^\[1\] close\(-1\) = -1 EBADF \(Bad file descriptor\)$' "close(-1) = -1 EBADF (Bad file descriptor)" || good=no
	expect_line trace-all '^\[1\] brk\(0x0\) = 0x[0-9a-f]+$' "brk's result as a pointer" || good=no
	[ $good = yes ] && echo "test-harness: trace=all shows unknown(N) calls = -1 ENOSYS," \
		"errors by name, counts in decimal, brk in hex, a warning for a bad name (good)"
else
	echo "test-harness: trace=all check skipped: this TESTS has no trace_syscalls"
fi

# init's arguments: 300 words after " -- " reach init one by one (printf
# shows each in <>), and a command line too long for the kernel's buffer
# stops the boot loudly instead of losing words.
words=$(seq -f 'w%g' 1 300 | tr '\n' ' ')
boot init-args "init=/bin/printf -- <%s> $words"
# shellcheck disable=SC2086
want=$(printf '<%s>' $words)
if [ "$rc" -eq 1 ] && grep -aqF -- "$want" <<<"$out"; then
	echo "test-harness: init got all 300 words after ' -- ' (good)"
else
	echo "test-harness: init did not get the 300 words after ' -- ' (QEMU status $rc);" \
		"see $build/harness-init-args.log" >&2
	status=1
fi
boot cmdline-long "init=/bin/echo -- $(printf 'x%.0s' $(seq 1 2100))"
if [ "$rc" -eq 253 ] && grep -aq 'KERNEL PANIC: the command line is longer than' <<<"$out"; then
	echo "test-harness: a command line too long is refused with a panic (good)"
else
	echo "test-harness: a 2100-byte command line was not refused (QEMU status $rc);" \
		"see $build/harness-cmdline-long.log" >&2
	status=1
fi

# make qemu's wrapper (tools/qemu.sh) must explain a triple fault, and
# only that: a kernel that powers off ends it quietly with status 0.
interactive() {	# interactive NAME "APPEND": as make qemu boots, but unattended
	# shellcheck disable=SC2086
	out=$(timeout -k 5 60 tools/qemu.sh "$build/harness-$1.reset" $qemu $flags \
		-nographic -append "$2" </dev/null 2>&1)
	rc=$?
}
reset_msg='QEMU: the CPU reset after a triple fault'
interactive qemu-triple "crash=triple"
if [ "$rc" -ne 0 ] && grep -qF "$reset_msg" <<<"$out"; then
	echo "test-harness: make qemu with crash=triple says '$reset_msg' (good)"
else
	echo "test-harness: make qemu with crash=triple did not say '$reset_msg' (status $rc):" >&2
	echo "$out" | tail -n 3 >&2
	status=1
fi
interactive qemu-poweroff "init=/bin/true"
if [ "$rc" -eq 0 ] && ! grep -qF "$reset_msg" <<<"$out"; then
	echo "test-harness: make qemu ends quietly with status 0 when the kernel powers off (good)"
else
	echo "test-harness: make qemu, kernel powering off: status $rc, or a wrong reset message:" >&2
	echo "$out" | tail -n 3 >&2
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

# Several CPUs (kernel/arch/acpi.c, smp.c): each machine must boot with the
# banner "smp: N CPUs up" naming every CPU it has, every CPU must answer an
# IPI, and nothing may panic.  QEMU's -smp in $flags (make's CPUS) is
# replaced by each case's own.
smp_flags=$(sed -E 's/-smp [^ ]+//' <<<"$flags")
smp_boot() {	# smp_boot NAME "QEMU ARGS" "APPEND"
	# shellcheck disable=SC2086
	out=$(timeout -k 5 60 $qemu $smp_flags $2 -display none -serial stdio \
		-monitor none -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
		-append "$3" </dev/null 2>&1)
	rc=$?
	out=${out//$'\r'/}
	echo "$out" > "$build/harness-$1.log"
}
smp_expect() {	# smp_expect NAME "QEMU ARGS" N ["APPEND" [EXTRA-LINE-REGEX]]
	local why=
	smp_boot "$1" "$2" "${4:-init=/bin/true}"
	if [ "$rc" -ne 1 ]; then
		why="QEMU status $rc (1 is a clean power-off)"
		grep -aq 'KERNEL PANIC' <<<"$out" && why="a kernel panic"
		[ "$rc" -eq 124 ] && why="a timeout after 60 s"
		[ "$rc" -eq 0 ] && why="a triple fault (CPU reset)"
	elif ! grep -aqx "smp: $3 CPUs up" <<<"$out"; then
		why="no banner 'smp: $3 CPUs up' ($(grep -a '^smp: [0-9]* CPUs up' <<<"$out" || echo none))"
	elif grep -aqE '^smp: .*did not' <<<"$out"; then
		why="$(grep -aE '^smp: .*did not' <<<"$out" | head -n 1)"
	elif [ -n "$5" ] && ! grep -aqE -- "$5" <<<"$out"; then
		why="no line matching '$5'"
	fi
	if [ -n "$why" ]; then
		echo "test-harness: SMP boot '$2 $4': $why; see $build/harness-$1.log" >&2
		status=1
	else
		echo "test-harness: SMP boot '$2${4:+ $4}': smp: $3 CPUs up (good)"
	fi
}
smp_expect smp-4 "-smp 4" 4
smp_expect smp-s2c2t1 "-smp sockets=2,cores=2,threads=1" 4
smp_expect smp-s1c2t2 "-smp sockets=1,cores=2,threads=2" 4
smp_expect smp-s2c1t2 "-smp sockets=2,cores=1,threads=2" 4
# QEMU lists the hot-plug slots too, as disabled CPUs: they do not count.
smp_expect smp-maxcpus "-smp 2,maxcpus=4" 2
smp_expect smp-9 "-smp 9" 8 "" '^smp: using 8 CPUs of 9'
# With more than 768 MiB the tables lie above the kernel's direct map.
smp_expect smp-1g "-smp 4 -m 1G" 4
# Without ACPI: the MP tables (SeaBIOS on QEMU 7.2 lists only the boot CPU
# there, which is how xv6 misses CPUs), then the one-CPU defaults.
smp_boot smp-mptable "-smp 4" "init=/bin/true acpi=off"
if [ "$rc" -eq 1 ] && grep -aqE '^smp: MP table lists [1-9][0-9]* CPUs' <<<"$out" &&
   grep -aqE '^smp: [1-9] CPUs up$' <<<"$out"; then
	echo "test-harness: SMP boot with acpi=off found the CPUs in the MP table (good)"
else
	echo "test-harness: SMP boot with acpi=off: no CPUs from the MP table (QEMU status $rc);" \
		"see $build/harness-smp-mptable.log" >&2
	status=1
fi
smp_expect smp-defaults "-smp 4" 1 "init=/bin/true acpi=off mptable=off" '^ioapic: .*from the defaults$'
# A panic stops the other CPUs first, so its report comes out whole.
smp_boot smp-panic "-smp 4" "init=/bin/true crash=panic"
if [ "$rc" -eq 253 ] && grep -aqx 'panic on CPU 0; 3 of the 3 other CPUs stopped' <<<"$out"; then
	echo "test-harness: a panic with 4 CPUs stops the 3 others (good)"
else
	echo "test-harness: a panic with 4 CPUs did not report '3 of the 3 other CPUs stopped'" \
		"(QEMU status $rc); see $build/harness-smp-panic.log" >&2
	status=1
fi

expect panic "kernel panic: KERNEL PANIC: crash=panic"
expect triple "triple fault (CPU reset)"
expect stack "KERNEL PANIC: double fault: most likely a kernel stack overflow"
expect assert "KERNEL PANIC: assertion failed: o->magic != FREE_MAGIC"
expect lock-order "KERNEL PANIC: lock order: procs (rank 1) must not be taken while holding test (rank 14)"
exit $status
