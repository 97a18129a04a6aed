# Background jobs and wait, in a script (no job control: no [1] 1234
# messages, and fg/bg are not available).
# wait PID returns the status of that process.
sh -c 'exit 3' &
wait $!
echo status $?
# wait with no argument waits for everything and returns 0.
sh -c 'exit 4' &
wait
echo status $?
# The background job's output comes before "two" because of the wait.
echo one &
wait
echo two
# A background && or || list runs as a whole in the background.
true && echo and-list &
wait
false || echo or-list &
wait
# A background pipeline is one job; wait %1 waits for all of it.
echo piped | cat | cat &
wait %1
echo status $?
# $! is the pid of the last background process.
true &
echo $! | grep -c '^[0-9][0-9]*$'
wait
# kill a background job by job number or pid; wait gives 128+signal.
sleep 30 &
kill %1
wait %1
echo status $?
sleep 30 &
kill -9 $!
wait $!
echo status $?
sleep 30 &
kill -s KILL %1
wait
echo status $?
# jobs lists the jobs; a running one shows as Running.
sleep 30 &
jobs
kill -KILL %1
wait
# A stopped job: wait returns when it stops; SIGCONT lets it go on.
sh -c 'kill -STOP $$; exit 6' &
wait %1
echo status $?
jobs
kill -CONT %1
wait %1
echo status $?
# Errors.
wait %1
echo status $?
wait 1
echo status $?
kill %7
echo status $?
kill -NOSUCHSIGNAL 1
echo status $?
fg
echo status $?
bg
echo status $?
