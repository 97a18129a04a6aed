# "A=1 builtin": POSIX keeps the assignments in the shell for a special
# builtin (exit export unset), but for a regular one (cd pwd jobs fg bg
# wait kill) they hold only while it runs, as they would for a program.
# dash and bash --posix print the same.
A=1 cd /
echo "cd [$A]"
B=1 pwd
echo "pwd [$B]"
C=1 jobs
echo "jobs [$C]"
D=1 wait
echo "wait [$D]"
E=1 kill -l 9
echo "kill [$E]"
F=1 fg
echo "fg [$F]"
G=1 bg
echo "bg [$G]"
# While it runs the builtin sees the value: cd without an argument uses
# the temporary HOME; afterwards HOME is the runner's (/) again.
HOME=/tests cd
pwd
echo "HOME [$HOME]"
# A variable that existed gets its old value back, still exported or
# not, as it was.
X=old
X=new cd /
echo "X [$X]"
env | grep -c '^X='
export Y=old
Y=new cd /
echo "Y [$Y]"
env | grep '^Y='
# Special builtins: the assignment stays.
P=1 export Q
echo "export [$P]"
env | grep -c '^P='
R=1 unset S
echo "unset [$R]"
T=1 unset T
echo "unset T [$T]"
# In a child (a pipeline) nothing reaches the shell either way.
U=1 export V | cat
echo "pipeline [$U]"
