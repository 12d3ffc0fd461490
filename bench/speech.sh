#!/bin/sh
# Speech throughput against eSpeak NG, run side by side on this machine:
#   bench/speech.sh [NARRATOR]      (default build/narrator; run `make` first)
# Inputs are built from the seed article (../shared/corpus/scraped-news-article.txt, else
# tests/fixtures/sample-article.txt): 20 copies for WAV timing, 5 for MP3 timing, 100 for
# memory and first sound. Timings run narrator and its anchor in turn, 5 pairs (this
# machine's speed drifts, so each pair is compared within itself; /usr/bin/time, wall
# seconds) and report the medians and the median of the pairs' ratios; memory is
# /usr/bin/time's peak resident set. Printed: each figure, the ratios and the targets of
# the performance issue.
#   WAV:  narrator -q -o a.wav A20            vs  espeak-ng -f A20 -w e.wav
#         and narrator -v en -s 175 -p 50 (eSpeak NG's own voice, rate and pitch) vs the same:
#         narrator's default voice speaks lower and slower, which costs eSpeak NG ~8 % more
#   MP3:  narrator -q -o a.mp3 A5             vs  sh -c 'espeak-ng --stdout -f A5 | lame --quiet -V 6 - e.mp3'
#   RSS:  narrator -q -o a.mp3 A100 and A20   (/usr/bin/time -f %M)
#   first sound: narrator --driver null --stats A100, stopped after 2 s (first_audio_ms), 9 runs
set -e
cd "$(dirname "$0")/.."
bin=${1:-build/narrator}
[ -x "$bin" ] || { echo "bench/speech.sh: no $bin (run make first)" >&2; exit 1; }
for tool in espeak-ng lame sndfile-info /usr/bin/time; do
    command -v $tool >/dev/null || { echo "bench/speech.sh: needs $tool (apt-get install espeak-ng lame sndfile-programs time)" >&2; exit 1; }
done
seed=../shared/corpus/scraped-news-article.txt
[ -f "$seed" ] || seed=tests/fixtures/sample-article.txt
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
copies() { i=0; while [ $i -lt "$1" ]; do cat "$seed"; i=$((i + 1)); done >"$tmp/a$1.txt"; }
copies 5; copies 20; copies 100

wall() { /usr/bin/time -f %e -o "$tmp/wall" sh -c "$1" >/dev/null 2>&1 || { echo "bench/speech.sh: failed: $1" >&2; exit 1; }; cat "$tmp/wall"; }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# "A B ratio" medians over 5 pairs of runs, A then B each time
pairs() {
    : >"$tmp/pairs"
    for run in 1 2 3 4 5; do
        a=$(wall "$1"); b=$(wall "$2")
        echo "$a $b" | awk '{ print $1, $2, $1 / $2 }' >>"$tmp/pairs"
    done
    echo "$(cut -d' ' -f1 "$tmp/pairs" | median) $(cut -d' ' -f2 "$tmp/pairs" | median) $(cut -d' ' -f3 "$tmp/pairs" | median)"
}
seconds_of() { sndfile-info "$1" | sed -n 's/^Duration *: *\([0-9]*\):\([0-9]*\):\([0-9.]*\).*/\1 \2 \3/p' | awk '{ print $1 * 3600 + $2 * 60 + $3 }'; }
kbps() { awk -v b="$(wc -c <"$1")" -v s="$(seconds_of "$1")" 'BEGIN { printf "%.1f", b * 8 / s / 1000 }'; }
peak_kb() { /usr/bin/time -f %M -o "$tmp/rss" "$@" >/dev/null 2>&1; cat "$tmp/rss"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

echo "seed: $seed; narrator: $bin; $(nproc) cores"
set -- $(pairs "$bin -q -o $tmp/n.wav $tmp/a20.txt" "espeak-ng -f $tmp/a20.txt -w $tmp/e.wav")
printf 'article x20 -> WAV: narrator %.2f s, espeak-ng %.2f s, ratio %.2f (target <= 0.55)\n' "$1" "$2" "$3"
set -- $(pairs "$bin -v en -s 175 -p 50 -q -o $tmp/n.wav $tmp/a20.txt" "espeak-ng -f $tmp/a20.txt -w $tmp/e.wav")
printf '  in eSpeak NG'"'"'s own voice (-v en -s 175 -p 50): narrator %.2f s, ratio %.2f\n' "$1" "$3"

set -- $(pairs "$bin -q -o $tmp/n.mp3 $tmp/a5.txt" "espeak-ng --stdout -f $tmp/a5.txt | lame --quiet -V 6 - $tmp/e.mp3")
printf 'article x5 -> MP3: narrator %.2f s, espeak-ng | lame %.2f s, ratio %.2f (target <= 0.6)\n' "$1" "$2" "$3"
nb=$(kbps "$tmp/n.mp3"); eb=$(kbps "$tmp/e.mp3")
printf '  bitrate: narrator %s kb/s, lame -V 6 %s kb/s, ratio %s (target 0.85 to 1.15)\n' "$nb" "$eb" "$(ratio "$nb" "$eb")"

rss100=$(peak_kb "$bin" -q -o "$tmp/n100.mp3" "$tmp/a100.txt")
rss20=$(peak_kb "$bin" -q -o "$tmp/n20.mp3" "$tmp/a20.txt")
printf 'peak RSS -> MP3: x100 %.1f MB, x20 %.1f MB, ratio %s (targets: <= 32 MB, ratio <= 1.10)\n' \
    "$(ratio "$rss100" 1024)" "$(ratio "$rss20" 1024)" "$(ratio "$rss100" "$rss20")"

for run in 1 2 3 4 5 6 7 8 9; do
    timeout -s INT 2 "$bin" --stats --driver null "$tmp/a100.txt" 2>&1 >/dev/null |
        sed -n 's/.*"first_audio_ms": \([0-9.]*\).*/\1/p'
done >"$tmp/first"
printf 'live playback (--driver null) of x100: first_audio_ms %s (median of 9; all: %s) (target <= 20)\n' \
    "$(median <"$tmp/first")" "$(tr '\n' ' ' <"$tmp/first")"
