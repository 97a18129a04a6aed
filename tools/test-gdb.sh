#!/usr/bin/env bash
# test-gdb.sh QEMU "QEMU_FLAGS" - check that debugging works as README.md
# says: QEMU waits for GDB, GDB loads the kernel's symbols from .gdbinit,
# and a breakpoint in pipe_write is hit.  The kernel boots `primes 30` as
# init (the prime sieve writes to pipes at once), whatever TESTS holds.
qemu=$1
flags=$2
port=$(( 30000 + RANDOM % 20000 ))
log=build/gdb-test.log

command -v gdb >/dev/null || { echo "test-gdb: gdb is not installed" >&2; exit 1; }
sed -e "s/@PORT@/$port/" tools/gdbinit.in > build/gdbinit-test
# shellcheck disable=SC2086
timeout 120 $qemu $flags -display none -serial null -monitor none -S \
	-gdb tcp::$port -append "init=/bin/primes -- 30" &
qemu_pid=$!
out=$(timeout 100 gdb -q -batch -nx -x build/gdbinit-test -ex 'break pipe_write' \
	-ex continue -ex bt -ex kill 2>&1)
kill $qemu_pid 2>/dev/null
wait $qemu_pid 2>/dev/null
echo "$out" > "$log"
if grep -q 'Breakpoint 1, pipe_write' <<<"$out" && grep -q 'syscall_dispatch' <<<"$out"; then
	echo "test-gdb: GDB stopped in pipe_write, called from syscall_dispatch (good)"
else
	echo "test-gdb: FAILED: GDB did not stop in pipe_write; see $log" >&2
	tail -n 15 "$log" >&2
	exit 1
fi
