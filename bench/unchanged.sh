#!/bin/sh
# Is behaviour unchanged? Compares two narrator binaries on what a listener gets:
#   bench/unchanged.sh OLD_NARRATOR [NEW_NARRATOR]     (NEW default build/narrator)
# e.g. before a refactoring: `make && cp build/narrator /tmp/old-narrator`, then after it
# `make && bench/unchanged.sh /tmp/old-narrator`.
# Checked, each byte for byte:
#   - `narrator plan` of the seed article (../shared/corpus/scraped-news-article.txt, else
#     tests/fixtures/sample-article.txt);
#   - `narrator plan` of every input line of the dev suite (../shared/suites/nemo-en), one run
#     a line, as a user would give it;
#   - the WAV of the seed article made with -j 1;
#   - heard.py's dev-suite figure (../shared/tools/heard.py), when ../shared has it.
# Prints one line per check with the SHA-256 of both sides and "same" or "DIFFERENT", the
# first differing lines of a plan, and exits 1 when anything differs.
set -u
cd "$(dirname "$0")/.."
old=${1:?usage: bench/unchanged.sh OLD_NARRATOR [NEW_NARRATOR]}
new=${2:-build/narrator}
for b in "$old" "$new"; do [ -x "$b" ] || { echo "bench/unchanged.sh: no $b" >&2; exit 2; }; done
seed=../shared/corpus/scraped-news-article.txt
[ -f "$seed" ] || seed=tests/fixtures/sample-article.txt
suite=../shared/suites/nemo-en
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# the input side of every dev-suite line: before "~" in the .txt files, the first tab field in .tsv
: >"$tmp/lines"
if [ -d "$suite" ]; then
    for f in "$suite"/*.txt; do cut -d'~' -f1 "$f"; done >>"$tmp/lines"
    for f in "$suite"/*.tsv; do cut -f1 "$f"; done >>"$tmp/lines"
fi

outputs() { # BIN DIR
    mkdir -p "$2"
    "$1" plan "$seed" >"$2/seed.plan" 2>&1
    while IFS= read -r line; do
        printf '%s\n' "$line" | "$1" plan - 2>&1
        echo "--- $?"
    done <"$tmp/lines" >"$2/suite.plan"
    "$1" -q -j 1 -o "$2/seed.wav" "$seed" 2>"$2/wav.err"
}
outputs "$old" "$tmp/old"
outputs "$new" "$tmp/new"

status=0
sum() { sha256sum <"$1" | cut -c1-16; }
for f in seed.plan suite.plan seed.wav; do
    a=$(sum "$tmp/old/$f"); b=$(sum "$tmp/new/$f")
    if cmp -s "$tmp/old/$f" "$tmp/new/$f"; then verdict=same; else verdict=DIFFERENT; status=1; fi
    printf '%-11s %s %s %s\n' "$f" "$a" "$b" "$verdict"
    case $f in *.plan) [ $verdict = same ] || diff "$tmp/old/$f" "$tmp/new/$f" | head -20 ;; esac
done
echo "dev-suite lines planned: $(wc -l <"$tmp/lines")"

heard=../shared/tools/heard.py
if [ -f "$heard" ] && [ -d "$suite" ]; then
    for b in "$old" "$new"; do
        /usr/bin/python3 "$heard" --cmd "$b normalize --lines" "$suite"/*.txt "$suite"/*.tsv 2>&1 | tail -1 >>"$tmp/heard"
    done
    a=$(sed -n 1p "$tmp/heard"); b=$(sed -n 2p "$tmp/heard")
    if [ "$a" = "$b" ]; then verdict=same; else verdict=DIFFERENT; status=1; fi
    printf 'heard.py    old: %s\n            new: %s  %s\n' "$a" "$b" "$verdict"
fi
exit $status
