#!/bin/sh
# setup.sh - make sure the tools Conduit needs are installed.
#
#   tools/setup.sh            check; install what is missing (apt-get)
#   tools/setup.sh --prefix   print the cross-toolchain prefix in use
#
# Needs: a GCC cross compiler and binutils for i686 (Debian's
# gcc-i686-linux-gnu, or an i686-elf-/i386-elf- toolchain if you have one),
# QEMU (qemu-system-i386 and qemu-system-x86_64), cpio, and gdb (make gdb,
# and the debugging check in make test).  When something
# is missing it is installed with apt-get, through sudo when not root.
# When everything is there, nothing is touched.
set -e

find_prefix() {
	for p in i686-linux-gnu- i686-elf- i386-elf-; do
		if command -v "${p}gcc" >/dev/null 2>&1 &&
		   command -v "${p}ld" >/dev/null 2>&1; then
			echo "$p"
			return 0
		fi
	done
	return 1
}

if [ "$1" = "--prefix" ]; then
	find_prefix || echo "i686-linux-gnu-"
	exit 0
fi

missing=""
find_prefix >/dev/null || missing="$missing gcc-i686-linux-gnu binutils-i686-linux-gnu"
for tool in ${QEMU:-qemu-system-i386} qemu-system-i386; do
	command -v "$tool" >/dev/null 2>&1 || missing="$missing qemu-system-x86"
done
command -v cpio >/dev/null 2>&1 || missing="$missing cpio"
command -v gdb >/dev/null 2>&1 || missing="$missing gdb"
command -v timeout >/dev/null 2>&1 || missing="$missing coreutils"
missing=$(echo $missing | tr ' ' '\n' | sort -u | tr '\n' ' ')

if [ -n "$(echo $missing)" ]; then
	echo "setup: installing missing tools:$missing" >&2
	if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get update -qq >&2
	# shellcheck disable=SC2086
	$sudo apt-get install -y -qq --no-install-recommends $missing >&2
fi
echo "setup: toolchain $(find_prefix)gcc, emulator ${QEMU:-qemu-system-i386}" >&2
