# Pipelines: each command's stdout is connected to the next one's stdin.
echo hello | cat
echo hello | cat | cat
echo ten stages | cat | cat | cat | cat | cat | cat | cat | cat | cat | cat
# If the shell forgot to close a pipe's write end, cat would never see end
# of file and this test would time out.
echo thirty stages | cat | cat | cat | cat | cat | cat | cat | cat | cat | cat | cat | cat | cat | cat | cat | cat | cat | cat | cat | cat | cat | cat | cat | cat | cat | cat | cat | cat | cat | cat
# Several lines, and more than a pipe holds at once.
printf '%s\n' b a c | sort | cat
seq 1 20000 | cat | tail -n 2
yes | head -n 3
echo abc | rev | cat
# The status of a pipeline is that of its last command.
false | true
echo status $?
true | false
echo status $?
# A builtin in a pipeline runs in a child process.
cd /tests
pwd | cat
# The test's stdin is an empty pipe: cat sees end of file at once.
cat
echo after cat
# Pipelines across lines: a trailing | continues on the next line.
echo continued |
  cat |
  cat
