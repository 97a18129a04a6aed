# Exit statuses and messages for commands killed by signals.
# head exits after one line; yes then dies of SIGPIPE.  The pipeline's
# status is head's (0), and SIGPIPE is never reported.
yes | head -n 1
echo status $?
# A last command killed by a signal: status 128 + N, and a message.
sh -c 'kill -TERM $$'
echo status $?
sh -c 'kill -KILL $$'
echo status $?
sh -c 'kill -HUP $$'
echo status $?
echo input | sh -c 'kill -USR1 $$'
echo status $?
# SIGPIPE: silent, 141.
sh -c 'kill -PIPE $$'
echo status $?
yes | sh -c 'kill -PIPE $$'
echo status $?
# SIGINT: in a script, no message at all (an interactive shell prints a
# newline).
sh -c 'kill -INT $$'
echo status $?
# kill -N and kill -s NAME forms.
sh -c 'kill -15 $$'
echo status $?
sh -c 'kill -s ALRM $$'
echo status $?
sh -c 'kill -s SIGUSR2 $$; echo not reached'
echo status $?
# An earlier command of the pipeline killed: reported, though the status
# is still the last command's.
sh -c 'kill -TERM $$' | cat
echo status $?
# kill -l translates between numbers (or exit statuses) and names.
kill -l 15
kill -l 143
kill -l KILL
