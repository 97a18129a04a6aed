#!/usr/bin/env bash
# test-gdb.sh QEMU "QEMU_FLAGS" [BUILD] - check that debugging works as
# README.md says: QEMU waits for GDB, GDB started as `make gdb` starts it
# (tools/gdb.sh, in a directory with a .gdbinit made from
# tools/gdbinit.in) loads the kernel's symbols without warnings, a
# breakpoint in pipe_write is hit, and README's command for how full the
# pipe is prints a number, and `info threads` lists one thread per CPU
# (QEMU shows each CPU to GDB as a thread; the count is -smp's in the flags).  The kernel boots `primes 30` as init (the prime
# sieve writes to pipes at once), whatever TESTS holds.  BUILD is the
# build directory (default build).
# shellcheck disable=SC2016  # $p and $1 below are GDB's, not the shell's
qemu=$1
flags=$2
build=${3:-build}
port=$(( 30000 + RANDOM % 20000 ))
dir=$build/gdb-test
log=$build/gdb-test.log
# README's commands at the breakpoint (they must stay in README.md).
set_p='set $p = (struct pipe *)f->priv'
print_p='print $p->ring.head - $p->ring.tail'

command -v gdb >/dev/null || { echo "test-gdb: gdb is not installed" >&2; exit 1; }
for c in "$set_p" "$print_p"; do
	grep -qF "(gdb) $c" README.md ||
		{ echo "test-gdb: FAILED: README.md no longer shows '(gdb) $c'; update this test" >&2; exit 1; }
done
# qemu-system-x86_64 reports 64-bit registers even in 32-bit mode.
case $qemu in *x86_64*) arch=i386:x86-64 ;; *) arch=i386 ;; esac
top=$(pwd)
mkdir -p "$dir"
abs_build=$(cd "$build" && pwd)
sed -e "s/@PORT@/$port/" -e "s|@BUILD@|$abs_build|g" -e "s/@ARCH@/$arch/" \
	tools/gdbinit.in > "$dir/.gdbinit"
# shellcheck disable=SC2086
timeout 120 $qemu $flags -display none -serial null -monitor none -S \
	-gdb tcp::$port -append "init=/bin/primes -- 30" &
qemu_pid=$!
# -nh: a student's own ~/.gdbinit stays out of the check.
out=$(cd "$dir" && timeout 100 "$top/tools/gdb.sh" .gdbinit -nh -batch \
	-ex 'break pipe_write' -ex continue -ex "$set_p" -ex "$print_p" \
	-ex bt -ex 'info threads' -ex kill 2>&1)
kill $qemu_pid 2>/dev/null
wait $qemu_pid 2>/dev/null
echo "$out" > "$log"
# Under qemu-system-x86_64 GDB sees 64-bit registers, so it stops at the
# breakpoint but cannot unwind 32-bit frames or read arguments: only the
# stop is checked.
fail() {
	echo "test-gdb: FAILED: $*; see $log" >&2
	tail -n 15 "$log" >&2
	exit 1
}
grep -q 'Breakpoint 1, pipe_write' <<<"$out" || fail "GDB did not stop in pipe_write"
grep -q 'auto-load' <<<"$out" && fail "GDB printed an auto-load warning at start"
if [ "$arch" = i386 ]; then
	grep -q 'syscall_dispatch' <<<"$out" || fail "GDB could not unwind pipe_write's caller"
	grep -qE '^\$1 = [0-9]+$' <<<"$out" || fail "'$print_p' printed no number"
fi
cpus=$(grep -oE -- '-smp [0-9]+' <<<"$flags" | awk '{ print $2 }')
threads=$(grep -cE '^[* ] +[0-9]+ +Thread ' <<<"$out")
[ "$threads" -eq "${cpus:-1}" ] ||
	fail "'info threads' listed $threads threads, not one per CPU (${cpus:-1})"
echo "test-gdb: 'info threads' lists the ${cpus:-1} CPUs (good)"
echo "test-gdb: GDB stopped in pipe_write, and '$print_p' works (good)"
