#!/bin/sh
# Lexicon tables: the list in src/front/tables.h, the code that reads them and the shipped
# lexicons that fill them agree. Each declared table is read somewhere in src/ (as NR_T_name;
# no code names a table by a string of its own) and is a section of a file
# in voices/lexicons/; each section of those files is declared (else it would not load).
#   tests/tables.sh [ROOT]     (ROOT: a tree with src/ and voices/, default this one)
# Prints each table that breaks the rule and exits 1 if there is any; the last line is
# "tables: N passed, N failed".
root=${1:-$(dirname "$0")/..}
cd "$root" || exit 1

declared=$(sed -n 's/^ *X(\([a-z0-9_]*\)).*/\1/p' src/front/tables.h | sort)
shipped=$(sed -n 's/^\([a-z0-9_]*\):.*/\1/p' voices/lexicons/*.yaml | sort -u)
# the names the code reads, outside the list itself
read_by_code=$(find src -name '*.[ch]' ! -path src/front/tables.h ! -path src/front/tables.c |
    xargs grep -ohE 'NR_T_[a-z0-9_]+' | sed 's/^NR_T_//' | sort -u)

has() { printf '%s\n' "$1" | grep -qx -- "$2"; }

pass=0 fail=0
for t in $declared; do
    why=""
    has "$read_by_code" "$t" || why="no code reads it"
    has "$shipped" "$t" || why="${why:+$why; }no file of voices/lexicons/ fills it"
    if [ -n "$why" ]; then echo "src/front/tables.h: table '$t': $why"; fail=$((fail + 1)); else pass=$((pass + 1)); fi
done
for t in $shipped; do
    if has "$declared" "$t"; then pass=$((pass + 1))
    else echo "voices/lexicons: section '$t' is no table of src/front/tables.h"; fail=$((fail + 1)); fi
done
echo "tables: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
