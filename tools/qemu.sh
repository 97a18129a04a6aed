#!/bin/sh
# qemu.sh RESETLOG QEMU ARGS... - run QEMU on the terminal (make qemu,
# make qemu-gdb) and say so when it ended because the CPU reset.
#
# A triple fault (a fault while the CPU cannot even report a double
# fault, e.g. with no usable IDT: crash=triple) resets the CPU; the
# kernel gets no chance to print anything, and the Makefile's -no-reboot
# turns the reset into a plain exit.  QEMU's exit status cannot tell that
# apart from quitting with Ctrl-A X or from the kernel powering off (all
# give 0), so QEMU is asked to log CPU resets (-d cpu_reset) to RESETLOG,
# where it writes "Triple fault" when it sees one.  The terminal stays
# QEMU's: nothing is piped.
log=$1
shift
rm -f "$log"
"$@" -d cpu_reset -D "$log"
rc=$?
if [ $rc -eq 0 ] && grep -q '^Triple fault' "$log" 2>/dev/null; then
	echo "QEMU: the CPU reset after a triple fault (-no-reboot made QEMU exit instead of rebooting)" >&2
	exit 1
fi
exit $rc
