#!/bin/sh
# The shape checks can fail. tests/layers.sh (include direction): on a copy of the tree with one
# include planted that points up (util → front), one sideways (synth → output) and a status
# read from an error message, it must name all three and exit 1; on the copy as it is, pass.
# tests/hacking.sh (doc/HACKING.md names only what exists): on a copy whose HACKING.md names a
# file that is not there, and on one where a folder of src/ goes unnamed, it must fail.
# The last line is "shape planted: N passed, N failed".
here=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r "$here/src" "$here/plugins" "$here/doc" "$here/tests" "$here/voices" "$here/bench" "$here/tools" "$tmp/"
pass=0 fail=0
check() { if eval "$2"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $1"; fi; }

sh "$here/tests/layers.sh" "$tmp" >"$tmp/clean.out" 2>&1
rc=$?
check "the tree as it is passes" '[ $rc -eq 0 ]'
echo '#include "front/token.h"' >>"$tmp/src/util/buf.c"
printf 'static int planted(const char *err) { return strstr(err, "memory") != 0; }\n' >>"$tmp/src/engine.c"
printf '#include "output/chain.h"\n' >>"$tmp/src/synth/espeak.c"
sh "$here/tests/layers.sh" "$tmp" >"$tmp/planted.out" 2>&1
rc=$?
check "a planted upward include fails the check" '[ $rc -eq 1 ]'
check "it names the upward include (util -> front)" 'grep -q "^src/util/buf.c:[0-9]*: includes \"front/token.h\"" "$tmp/planted.out"'
check "it names the sideways include (synth -> output)" 'grep -q "^src/synth/espeak.c:[0-9]*: includes \"output/chain.h\"" "$tmp/planted.out"'
check "it names the planted read of an error message" 'grep -q "^src/engine.c:[0-9]*:.*strstr(err.*reads an error message" "$tmp/planted.out"'
check "it counts two files and the message check failing" 'tail -n 1 "$tmp/planted.out" | grep -q " 3 failed"'
sh "$here/tests/hacking.sh" "$tmp" >"$tmp/hacking.out" 2>&1
rc=$?
check "HACKING.md as it is passes" '[ $rc -eq 0 ]'
printf 'A new file: `src/front/verbalize_nowhere.c`.\n' >>"$tmp/doc/HACKING.md"
mkdir "$tmp/src/newlayer"
sh "$here/tests/hacking.sh" "$tmp" >"$tmp/hacking.out" 2>&1
rc=$?
check "a named file that is not there fails the check" '[ $rc -eq 1 ] && grep -q "names src/front/verbalize_nowhere.c" "$tmp/hacking.out"'
check "a folder of src/ that goes unnamed fails it" 'grep -q "does not name the folder .src/newlayer/." "$tmp/hacking.out"'
echo "shape planted: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
