# Shell variables and the environment.
# NAME=value makes a shell variable; children do not see it ...
V=shell-only
echo $V
sh -c 'echo "[$V]"'
# ... until it is exported.
export V
sh -c 'echo "[$V]"'
export W=exported-at-once
sh -c 'echo "[$W]"'
# Export first, assign later: the new value is exported.
export LATER
LATER=later-value
sh -c 'echo "[$LATER]"'
# NAME=value before a command: only that command sees it.
ONCE=just-once sh -c 'echo "[$ONCE]"'
echo "[$ONCE]"
A=1 B=2 sh -c 'echo $A $B'
# An exported variable can be changed for one command.
V=changed sh -c 'echo "[$V]"'
echo $V
# The environment as env sees it.
env | grep '^W='
# export with no arguments lists exported variables.
export | grep ' W='
# unset removes a variable, from the environment too.
unset V W
echo "[$V] [$W]"
sh -c 'echo "[$V] [$W]"'
env | grep -c '^W='
# Values are expanded once, when assigned.
X=a
Y=$X-b
X=c
echo $Y $X
Z="$Y  two  spaces"
echo "$Z"
# PATH decides where programs are found.
PATH=/nowhere true
echo status $?
true
echo status $?
# Assignments in one line are visible to the commands after them.
N=1; echo $N; N=2; echo $N
# Invalid names.
export 1X=y
echo status $?
unset 'a b'
echo status $?
# Variables from the environment the shell started with.
echo $HOME
