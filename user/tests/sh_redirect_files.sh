# Redirections to and from files.  They need a writable /tmp, which
# Conduit does not have yet: enable this test when it does.
F=/tmp/sh_redirect_files.txt
E=/tmp/sh_redirect_files.err
# > creates (or empties) a file, >> appends, < reads.
echo one > $F
cat $F
echo two >> $F
cat < $F
echo three > $F
cat $F
# An empty command with a redirection just creates/empties the file.
> $F
cat $F
echo status $?
# 2> and N>
sh -c 'echo to-stderr >&2' 2> $E
cat $E
sh -c 'echo to-fd-4 >&4' 4> $F
cat $F
# Order: >file 2>&1 sends both into the file ...
sh -c 'echo out; echo err >&2' > $F 2>&1
cat $F
# ... while 2>&1 >file sends stderr to the old stdout.
sh -c 'echo out; echo err >&2' 2>&1 > $F | rev
cat $F
# Several redirections of one command, and a builtin's.
echo both > $F 2> $E
cat $F $E
cd /tests
pwd > $F
cat $F
pwd >> $F
cat $F
# Appending from two commands.
echo a > $F; echo b >> $F; echo c >> $F
cat $F
# Redirecting into a directory fails; the command does not run.
echo x > /tmp
echo status $?
