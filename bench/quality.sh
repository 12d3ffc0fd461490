#!/bin/sh
# Front-end quality on the NeMo English dev suite, scored by what eSpeak NG would say
# (../shared/tools/heard.py): prints a Markdown table per suite, narrator against eSpeak NG
# alone, for the README.
#   usage: bench/quality.sh            (from the repository root, after `make`)
set -e
cd "$(dirname "$0")/.."
shared=../shared
[ -f "$shared/tools/heard.py" ] || { echo "bench/quality.sh: needs ../shared (heard.py and the suites)" >&2; exit 1; }
[ -x build/narrator ] || { echo "bench/quality.sh: run make first" >&2; exit 1; }
suites="$shared/suites/nemo-en/*.txt $shared/suites/nemo-en/engconf.tsv"
score() { /usr/bin/python3 "$shared/tools/heard.py" --json --cmd "$1" $suites; }
ours=$(score "$(pwd)/build/narrator normalize --lines")
base=$(score cat)
/usr/bin/python3 - "$ours" "$base" <<'PY'
import json, sys
ours, base = json.loads(sys.argv[1]), json.loads(sys.argv[2])
print("| suite | cases | eSpeak NG alone | narrator |")
print("|---|---:|---:|---:|")
for name, s in ours["by_suite"].items():
    b = base["by_suite"][name]
    print(f"| {name} | {s['cases']} | {100 * b['accuracy']:.1f} % | {100 * s['accuracy']:.1f} % |")
print(f"| **all** | {ours['cases']} | {100 * base['accuracy']:.1f} % | **{100 * ours['accuracy']:.1f} %** |")
PY
