#!/bin/sh
# gdb.sh GDBINIT [GDB-ARGS...] - run GDB with the commands in GDBINIT,
# which load the kernel's symbols and attach to QEMU (make gdb runs it
# with .gdbinit, made from tools/gdbinit.in).
#
# Left alone, GDB would also try to load a .gdbinit in the current
# directory by itself, refuse it (it is not under GDB's "auto-load
# safe-path") and print a ten-line warning at every start.  The file is
# loaded with -x instead, so that local auto-loading is switched off; -iex
# runs before GDB looks for the file.
init=${1:?usage: gdb.sh GDBINIT [GDB-ARGS...]}
shift
exec gdb -q -iex "set auto-load local-gdbinit off" -x "$init" "$@"
