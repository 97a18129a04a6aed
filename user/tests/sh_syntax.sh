# Syntax errors: reported with status 2; in a script (here sh -c) they
# end the shell before anything runs.
sh -c 'echo a |'
echo status $?
sh -c 'echo a &&'
echo status $?
sh -c '| echo a'
echo status $?
sh -c 'echo a ;; echo b'
echo status $?
sh -c 'echo a && && echo b'
echo status $?
sh -c 'echo a >'
echo status $?
sh -c 'echo a > | cat'
echo status $?
sh -c 'echo "unterminated'
echo status $?
sh -c "echo 'unterminated"
echo status $?
sh -c 'echo ${A'
echo status $?
sh -c 'echo ${A-default}'
echo status $?
sh -c 'echo before; echo a |'
echo status $?
# Not errors: empty lines, comments, separators at the end.
sh -c ''
echo status $?
sh -c '# only a comment'
echo status $?
sh -c 'echo a;'
sh -c 'echo b &' | cat
sh -c '  echo   c  '
# Operators need no blanks around them.
echo d|cat&&echo e||echo f;echo g
