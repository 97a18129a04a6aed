# Redirections, with pipes and read-only files only (see
# sh_redirect_files.sh for writing files).  Note: the test runner sends
# both stdout and stderr of this script into the same pipe.
#
# 2>&1: stderr goes where stdout goes, here into the pipe to rev.
sh -c 'echo to-stderr >&2' 2>&1 | rev
sh -c 'echo out; echo err >&2' 2>&1 | rev
# Without it, stderr bypasses the pipe: "plain" is not reversed.
sh -c 'echo plain >&2' | rev
# N>&M in general: the inner shell writes to its fd 3, which is our stdout.
sh -c 'echo via-fd-3 >&3' 3>&1 | rev
# Order matters: swap stdout and stderr through fd 3.  "out" now goes to
# stderr, past rev; "err" goes into the pipe and is reversed.
sh -c 'echo out; echo err >&2' 3>&1 1>&2 2>&3 | rev
# N>&- closes N; writing to it then fails.
sh -c 'echo x >&3' 3>&-
echo status $?
sh -c 'echo x >&5'
echo status $?
# < reads a file: the first line of this very script.
head -n 1 < /tests/sh_redirect.sh
# N<file and <&N.
cat 3< /tests/sh_redirect.sh <&3 | head -n 1
head -n 1 0< /tests/sh_redirect.sh
# A file that does not exist: the command does not run, status 1.
cat < /tests/no-such-file
echo status $?
# Redirections of a builtin are undone afterwards: the second pwd prints.
cd /tests
pwd >&-
pwd
# The target of a redirection is expanded.
FILE=/tests/sh_redirect.sh
head -n 1 <$FILE
head -n 1 <"$FILE"
