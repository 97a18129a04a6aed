# cd and pwd are builtins: a child could not change the shell's directory.
cd /tests
pwd
echo $PWD
# Relative paths are relative to the new directory.
head -n 1 sh_cd.sh
cd ..
pwd
cd tests
pwd
# cd with no argument goes to $HOME (/ under the test runner).
cd
pwd
HOME=/tests
cd
pwd
# Errors leave the directory as it was.
cd /no/such/dir
echo status $?
pwd
cd /tests/sh_cd.sh
echo status $?
cd / /tests
echo status $?
unset HOME
cd
echo status $?
pwd
# A child starts in the shell's directory, and its cd does not change ours.
cd /tests
sh -c 'pwd; cd /; pwd'
pwd
