#!/bin/sh
# Include direction: arrows point down the layers (doc/HACKING.md, "Layers").
#   cli → engine (src/*.c) → input | front | synth | output → util
# A file may include headers of its own layer and of the layers below it, nothing beside it
# or above. narrator.h (the public API: status codes, options, callbacks; it includes
# nothing of ours) and the generated config.h are allowed everywhere.
#   tests/layers.sh [ROOT]     (ROOT: a tree with src/ and plugins/, default this one)
# Prints each include that breaks the rule as FILE:LINE and exits 1 if there is any; also
# fails on code that searches an error message to learn what went wrong (a status says it).
# The last line is "layers: N passed, N failed" (files checked and the message check).
root=${1:-$(dirname "$0")/..}
cd "$root" || exit 1

# The folders (first path part of an include) a file's layer may include.
allowed() {
    case $1 in
        src/util/*)   echo "util" ;;
        src/input/*)  echo "input util" ;;
        src/front/*)  echo "front util" ;;
        src/synth/*)  echo "synth util" ;;
        src/output/*) echo "output util" ;;
        src/cli/*)    echo "cli" ;;                               # and the public API
        src/*)        echo "input front synth output util ." ;;   # the engine: every layer below
        plugins/*)    echo "" ;;                                  # on the public API only
    esac
}

pass=0 fail=0
for f in $(find src plugins -name '*.[ch]' | sort); do
    ok=$(allowed "$f")
    bad=$(grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$f" | while IFS= read -r line; do
        inc=$(printf '%s' "$line" | sed 's/^[0-9]*:[^"]*"\([^"]*\)".*/\1/')
        n=${line%%:*}
        case $inc in narrator.h|config.h) continue ;; esac
        case $inc in
            */*) top=${inc%%/*} ;;
            *)   # a header beside the file: plugins' own, or the engine's (src/*.h)
                 case $f in plugins/*) continue ;; esac
                 top=. ;;
        esac
        case " $ok " in *" $top "*) ;; *) echo "$f:$n: includes \"$inc\": ${f%/*}/ may include: ${ok:-narrator.h only}" ;; esac
    done)
    if [ -n "$bad" ]; then printf '%s\n' "$bad"; fail=$((fail + 1)); else pass=$((pass + 1)); fi
done
# Statuses, not strings: no code learns what went wrong by searching an error message.
reads=$(grep -nE '(strstr|strcmp|strncmp|strcasecmp)[[:space:]]*\([^)]*(err|why|msg|message)[a-z_]*[^a-z_]' $(find src plugins -name '*.c') )
if [ -n "$reads" ]; then
    printf '%s\n' "$reads" | sed 's/$/  <- reads an error message: return a status instead/'
    fail=$((fail + 1))
else
    pass=$((pass + 1))
fi
echo "layers: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
