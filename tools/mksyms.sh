#!/bin/sh
# mksyms.sh - write the kernel's symbol table as assembly, for backtraces.
#
# usage: mksyms.sh NM KERNEL.elf > ksyms.S     (or with no ELF: an empty table)
#
# The kernel is linked twice: first with an empty table, then with the table
# made from the first link's symbols.  The table lives in .ksyms, the last
# section of the image, so adding it moves no code and the addresses stay right.
nm_tool=$1
elf=$2
echo '	.section .note.GNU-stack, "", @progbits'
echo '	.section .ksyms, "a"'
echo '	.globl ksym_table, ksym_count, ksym_names'
echo '	.align 4'
if [ -z "$elf" ]; then
	echo 'ksym_count: .long 0'
	echo 'ksym_table:'
	echo 'ksym_names: .byte 0'
	exit 0
fi
"$nm_tool" -n "$elf" | awk '
	$2 ~ /^[tTwW]$/ { addr[n] = $1; name[n] = $3; n++ }
	END {
		printf "ksym_count: .long %d\n", n
		print "ksym_table:"
		for (i = 0; i < n; i++)
			printf "\t.long 0x%s, ksym_str%d - ksym_names\n", addr[i], i
		print "ksym_names:"
		for (i = 0; i < n; i++)
			printf "ksym_str%d: .asciz \"%s\"\n", i, name[i]
	}'
