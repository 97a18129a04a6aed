#!/bin/sh
# mkinitrd.sh LIST OUT - pack the files LIST names into a cpio "newc"
# archive OUT, the initramfs.
#
# LIST has one "DIR FILE" line per file: FILE goes into /DIR under its own
# name (e.g. "tests build/tests/user_tests/pipe_basic").  The archive holds
# exactly those files, plus an empty /tmp: nothing left over from an
# earlier build or another TESTS directory.  The Makefile runs this only
# when LIST or one of its files changed.
set -e
list=$1
out=$2
tree=$out.tree
rm -rf "$tree"
mkdir -p "$tree/tmp"
# One cp per directory, not one per file: the archive has hundreds.
for dir in $(cut -d' ' -f1 "$list" | sort -u); do
	mkdir -p "$tree/$dir"
	sed -n "s|^$dir ||p" "$list" | xargs cp -p -t "$tree/$dir"
done
(cd "$tree" && find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc --quiet) > "$out.tmp"
mv "$out.tmp" "$out"
rm -rf "$tree"
