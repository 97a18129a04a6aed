# /dev/null and friends from the shell: > /dev/null and 2> /dev/null
# swallow output (the open used to fail with "Read-only file system"),
# < /dev/null is an empty input, and ls -l /dev shows the devices with
# their numbers where files show sizes.
echo hidden > /dev/null
echo status $?
echo also hidden >> /dev/null
echo status $?
sh -c 'echo to-stderr >&2' 2> /dev/null
echo status $?
ls /no/such/file 2>/dev/null
echo status $?
cat /no/such/file > /dev/null 2>&1
echo status $?
cat < /dev/null
echo empty input, status $?
wc -c < /dev/null
head -c 100000 /dev/zero | wc -c
head -c 3 /dev/zero | tr '\0' z
echo
head -c 16 /dev/urandom | wc -c
echo full > /dev/full
echo status $?
ls -l /dev
