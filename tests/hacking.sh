#!/bin/sh
# doc/HACKING.md stays true: every path it names in backquotes (`src/front/segment.c`,
# `tests/cases/`) exists in the tree, a bare file name (`buf.h`, in a row about its folder)
# exists somewhere in it, and every folder of src/ is named.
# A name with a placeholder (`verbalize_<class>.c`, `*.tsv`, `...`) is a pattern: skipped.
#   tests/hacking.sh [ROOT]      (default: this tree)
# The last line is "hacking: N passed, N failed".
root=${1:-$(dirname "$0")/..}
cd "$root" || exit 1
doc=doc/HACKING.md
pass=0 fail=0
[ -f "$doc" ] || { echo "FAIL: no $doc"; echo "hacking: 0 passed, 1 failed"; exit 1; }
# backquoted words that look like paths: a slash in them, or a file name with an extension
paths=$(grep -o '`[^` ]*`' "$doc" | tr -d '`' | grep -E '/|\.(c|h|sh|py|tsv|yaml|md|1)$' |
        grep -vE '[<>*{}$]|\.\.\.|^-|^\.|://' | sed 's/:[0-9][0-9-]*$//' | sort -u)
for p in $paths; do
    case $p in */) want=${p%/} ;; *) want=$p ;; esac
    case $want in
        */*) [ -e "$want" ] ;;
        *)   [ -n "$(find src tests plugins voices doc bench tools -name "$want" 2>/dev/null | head -n 1)" ] ;;
    esac
    if [ $? -eq 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $doc names $p, which is not in the tree"; fi
done
for d in $(find src -mindepth 1 -maxdepth 1 -type d | sort); do
    if grep -q "\`$d/\`" "$doc"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $doc does not name the folder \`$d/\`"; fi
done
[ "$pass" -ge 20 ] || { fail=$((fail + 1)); echo "FAIL: $doc names only $pass paths (it is a map of the tree)"; }
echo "hacking: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
