#!/bin/sh
# mkinitrd.sh ROOT OUT TEST...  - pack ROOT into a cpio "newc" archive OUT.
#
# ROOT/tests may hold tests from an earlier `make test TESTS=...`; only the
# TEST names given are kept there, so the archive has exactly the tests of
# the current TESTS directory.
set -e
root=$1
out=$2
shift 2
mkdir -p "$root/tests" "$root/tmp"
for f in "$root"/tests/*; do
	[ -e "$f" ] || continue
	keep=no
	for t in "$@"; do [ "$(basename "$f")" = "$t" ] && keep=yes; done
	[ $keep = yes ] || rm -f "$f"
done
(cd "$root" && find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc --quiet) > "$out.tmp"
if ! cmp -s "$out.tmp" "$out" 2>/dev/null; then mv "$out.tmp" "$out"; else rm -f "$out.tmp"; fi
