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
# qemu-system-x86_64 reports 64-bit registers even in 32-bit mode.
case $qemu in *x86_64*) arch=i386:x86-64 ;; *) arch=i386 ;; esac
sed -e "s/@PORT@/$port/" -e "s/@ARCH@/$arch/" tools/gdbinit.in > build/gdbinit-test
# shellcheck disable=SC2086
timeout 120 $qemu $flags -display none -serial null -monitor none -S \
	-gdb tcp::$port -append "init=/bin/primes -- 30" &
qemu_pid=$!
out=$(timeout 100 gdb -q -batch -nx -x build/gdbinit-test -ex 'break pipe_write' \
	-ex continue -ex bt -ex kill 2>&1)
kill $qemu_pid 2>/dev/null
wait $qemu_pid 2>/dev/null
echo "$out" > "$log"
# Under qemu-system-x86_64 GDB sees 64-bit registers, so it stops at the
# breakpoint but cannot unwind 32-bit frames: only the stop is checked.
stopped=$(grep -c 'Breakpoint 1, pipe_write' <<<"$out")
unwound=$(grep -c 'syscall_dispatch' <<<"$out")
if [ "$stopped" -gt 0 ] && { [ "$unwound" -gt 0 ] || [ "$arch" != i386 ]; }; then
	echo "test-gdb: GDB stopped in pipe_write (good)"
else
	echo "test-gdb: FAILED: GDB did not stop in pipe_write; see $log" >&2
	tail -n 15 "$log" >&2
	exit 1
fi
