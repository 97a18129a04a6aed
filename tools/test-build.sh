#!/usr/bin/env bash
# test-build.sh MAKE BUILD TESTS - check the edit-build-run loop: an
# unchanged tree rebuilds nothing, the initramfs holds exactly the tests of
# the current TESTS directory (files removed from it disappear, edited
# ones are rebuilt), and switching to another TESTS and back relinks
# nothing.  Builds a scratch TESTS directory in BUILD/test-build; leaves
# the images built for TESTS, as it found them.
make=${1:?usage: test-build.sh MAKE BUILD TESTS}
build=$2
tests=$3
scratch=$build/test-build
stamp=$build/test-build.stamp
status=0

fail() {
	echo "test-build: FAILED: $*" >&2
	status=1
}

images() {	# images TESTS: make the images for that TESTS directory
	"$make" --no-print-directory B="$build" TESTS="$1" images >"$build/test-build.log" 2>&1 ||
		{ fail "make images TESTS=$1 failed:"; tail -n 5 "$build/test-build.log" >&2; }
}

# What make changed since the stamp, the scratch directory left out.
changed() {
	find "$build" -newer "$stamp" -type f ! -path "$scratch/*" ! -path "$build/test-build*" |
		LC_ALL=C sort
}

# The names in /tests of the archive, sorted.
archived_tests() {
	cpio -t --quiet <"$build/initrd.cpio" | sed -n 's|^tests/||p' | LC_ALL=C sort
}

# The names a TESTS directory gives /tests: NAME.c -> NAME; .sh, .out as they are.
expected_tests() {
	(cd "$1" && for f in *.c *.sh *.out; do
		[ -e "$f" ] && echo "${f%.c}"
	done) | LC_ALL=C sort
}

check_tests() {	# check_tests DIR WHEN
	if [ "$(archived_tests)" != "$(expected_tests "$1")" ]; then
		fail "$2: the archive's /tests is not exactly $1's tests:" \
			"$(archived_tests | tr '\n' ' ')"
	fi
}

# 1. Nothing changed: nothing is rebuilt, not even the archive.
images "$tests"
touch "$stamp"
sleep 1		# so that anything make writes is newer than the stamp
start=$(date +%s%N)
images "$tests"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
[ -z "$(changed)" ] || fail "an unchanged tree rebuilt: $(changed | tr '\n' ' ')"
# It takes about 0.1 s; the limit is loose for a busy machine.
[ $ms -lt 5000 ] || fail "make images on an unchanged tree took $ms ms (it should take well under a second)"
echo "test-build: an unchanged tree rebuilds nothing (make images: $ms ms)"

# 2. Another TESTS directory: exactly its tests; a removed test disappears,
# an edited one is rebuilt.
rm -rf "$scratch"
mkdir -p "$scratch"
echo 'int main(void) { return 0; }' >"$scratch/build_a.c"
printf 'echo b\n' >"$scratch/build_b.sh"
printf 'b\n' >"$scratch/build_b.out"
images "$scratch"
check_tests "$scratch" "TESTS=$scratch"
rm "$scratch/build_b.sh" "$scratch/build_b.out"
images "$scratch"
check_tests "$scratch" "after removing build_b.sh"
cp "$build/initrd.cpio" "$build/test-build.cpio"
echo 'int main(void) { return 1; }' >"$scratch/build_a.c"
images "$scratch"
cmp -s "$build/initrd.cpio" "$build/test-build.cpio" &&
	fail "editing $scratch/build_a.c did not rebuild the archive"

# 3. Back to TESTS: no test is compiled or linked again, and the archive
# has exactly TESTS's tests.
touch "$stamp"
sleep 1
images "$tests"
check_tests "$tests" "back to TESTS=$tests"
relinked=$(changed | grep -v "^$build/initrd\.")
[ -z "$relinked" ] || fail "back to TESTS=$tests rebuilt: $(echo "$relinked" | head -n 5 | tr '\n' ' ')"
# The scratch tests and their build directory (build/tests/..._test-build).
rm -rf "$scratch" "$build/tests/"*_test-build "$stamp" "$build/test-build.cpio" \
	"$build/test-build.log"
[ $status -eq 0 ] &&
	echo "test-build: /tests is exactly the current TESTS; switching TESTS relinks nothing (good)"
exit $status
