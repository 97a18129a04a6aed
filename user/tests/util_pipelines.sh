# util_pipelines.sh - the utilities in classic shell pipelines, as a
# student would type them.  Standard output and standard error are both
# compared with util_pipelines.out.
seq 100000 | grep 7 | wc -l
yes | head -n 3
seq 10 | sort -rn | head -n 3
printf '%s\n' pear apple fig apple | sort | uniq -c
echo 'Hello, World' | tr a-z A-Z | rev
seq 20 | grep 1 | tr '\n' ' ' ; echo
echo a:b:c | cut -d : -f 2,3
seq 5 | tail -n +4
primes 100 | tail -n 2
compose 'seq 10' 'grep 1' 'wc -l'
compose 'seq 3' 'grep 9' 'wc -l'
echo "compose status $?"
echo abc | grep -q zzz ; echo "grep status $?"
echo abc | grep '[' ; echo "bad pattern status $?"
cat /no/such/file ; echo "cat status $?"
false || echo "false failed"
true && echo "true worked"
kill -l 15
env -i A=1 B=2 env
ps | head -n 1 | cut -c 1-5
pipeinfo | head -n 1 | tr -d ' ' | cut -c 1-4
