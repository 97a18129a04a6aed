# A builtin in a pipeline runs in a child, whose copy of the job table
# must be the shell's as it was: "jobs | cat" lists the shell's jobs but
# not the pipeline "jobs | cat" itself (as bash does).
sleep 30 &
jobs | cat
true | jobs
echo piped | cat | jobs
# The shell's own table is unchanged by what the child did.
jobs
kill %1
wait %1
echo status $?
# With no other job, a pipeline's jobs prints nothing.
jobs | cat
echo end
