# Quoting and expansion.
# Single quotes: everything literal.  Double quotes: $ expands, and a
# backslash escapes only $ ` " \ and newline.
echo 'single $HOME "x" \n'
echo "double \$HOME \"x\" \\ \n"
echo back\ slash \$HOME \"x\" \\
echo 'it'\''s' "it's" it\'s
echo "a"'b'c"$EMPTY"d
# # starts a comment only at the start of a word.
echo a#b # this is a comment
# Unquoted expansions are split at blanks; quoted ones are not.
A="x   y"
echo $A
echo "$A"
echo ${A}z "${A}z"
sh -c 'echo $#' - $A
sh -c 'echo $#' - "$A"
# An empty unquoted expansion disappears; "" is an empty argument.
E=
sh -c 'echo $#' - $E
sh -c 'echo $#' - "$E"
sh -c 'echo $#' - '' ""
echo [$E] ["$E"] [$UNSET_VARIABLE]
# A lone $ is literal.
echo $ "$" a$ $%
# Special parameters.
false
echo "status=$?" status=${?}
echo $$ | grep -c '^[0-9][0-9]*$'
sh -c 'echo $0 $1 $2 $#' zero one two
sh -c 'echo $1$2 ${1}x' - a b
# "$@" keeps every argument whole, $* and $@ unquoted do not.
sh -c 'sh -c "echo \$#" - "$@"' - "a  b" c
sh -c 'sh -c "echo \$#" - $@' - "a  b" c
sh -c 'sh -c "echo \$#" - "$*"' - "a  b" c
sh -c 'sh -c "echo \$#" - "$@"' -
# Quotes and backslash-newline may span lines.
echo "two
lines"
echo 'also
two'
echo one \
  word
# ~ is $HOME at the start of a word.
HOME=/home/user
echo ~ ~/bin '~' "~" a~
# Long strings made by expansion.
X=0123456789
X=$X$X$X$X$X$X$X$X$X$X
X=$X$X$X$X$X$X$X$X$X$X
X=$X$X$X$X$X$X$X$X$X$X
echo $X | wc -c
W="w w w w w w w w w w"
W="$W $W $W $W $W $W $W $W $W $W"
W="$W $W $W $W $W"
echo $W | wc -w
