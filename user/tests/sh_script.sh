# How the shell is started: sh FILE ARGS, sh -c TEXT, commands on stdin.
#
# This script runs itself again with arguments.  With arguments it only
# prints them and exits (there is no `if` in this shell, so: when
# `sh -c 'exit $#'` fails, there were arguments).
sh -c 'exit $#' - "$@" || echo "script: \$0=$0 \$1=$1 \$2=$2 \$3=$3 \$#=$#"
sh -c 'exit $#' - "$@" || exit 7
echo "no arguments: \$#=$#"
sh /tests/sh_script.sh first "second arg" third
echo status $?
# sh -c TEXT NAME ARGS: NAME becomes $0.
sh -c 'echo "$0|$1|$2|$#"' name a 'b c'
sh -c 'echo "$0|$#"'
# The exit status of sh is that of its last command, or exit N.
sh -c 'true; false'
echo status $?
sh -c 'false; true'
echo status $?
sh -c 'exit 42'
echo status $?
sh -c 'false; exit'
echo status $?
sh -c 'exit 256'
echo status $?
sh -c 'exit 3; echo not reached'
echo status $?
sh -c 'exit nonsense'
echo status $?
# exit in a pipeline leaves only that child.
exit 9 | cat
echo still here $?
# Commands from stdin.  The shell reads stdin one byte at a time, so the
# line after "cat" is left for cat to read.
echo 'echo from stdin; echo $#' | sh
printf '%s\n' cat 'read by cat' | sh
printf '%s\n' 'echo a |' 'cat' 'echo "b' 'c"' | sh
echo 'exit 5' | sh
echo status $?
# A script that does not exist.
sh /tests/no-such-script
echo status $?
sh -x
echo status $?
