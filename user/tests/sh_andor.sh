# && runs the next pipeline if the last status was 0, || if it was not.
true && echo and-after-true
false && echo and-after-false
false || echo or-after-false
true || echo or-after-true
# Lists are evaluated left to right: (a && b) || c.
true && false || echo recovered
false && echo skipped || echo fallback
false || false && echo not-printed
true || false && echo printed
# $? is the status of the last pipeline that ran.
false
echo status $?
true
echo status $?
false; echo "status=$?"
false || echo "inside or: $?"
# ! inverts a status.
! false
echo negated $?
! true
echo negated $?
# Not found is 127, found but not executable is 126.
no_such_command_xyz
echo status $?
/tests/no/such/file
echo status $?
/tests
echo status $?
no_such_command_xyz || echo handled
# ; just sequences; a command after a failure still runs.
false; echo still running
