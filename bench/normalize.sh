#!/bin/sh
# Front-end throughput: `narrator normalize` on 1 MB and 10 MB of scraped news text, timed
# as a whole process (start-up and YAML loading included), and how the time grows with size.
#   usage: bench/normalize.sh [NARRATOR]     (from the repository root or anywhere; default
#                                            build/narrator, so run `make` first)
# For each input it runs
#   hyperfine -N --warmup 2 --runs 10 'NARRATOR normalize INPUT'
# (or, without hyperfine, the best of 5 runs by the clock) and prints bytes, mean seconds,
# MB/s (10^6 bytes a second), then the 40 MB / 10 MB time ratio: 4 means linear growth
# (the 1 MB run is dominated by fixed costs: start-up and the threads' first small batches).
# Inputs: ../shared/corpus/scraped-news-article.txt 150 times (1 MB) when ../shared exists,
# else tests/fixtures/sample-article.txt 723 times; the 10 MB input is the 1 MB one 10 times,
# the 40 MB one the 10 MB one 4 times.
set -e
cd "$(dirname "$0")/.."
bin=${1:-build/narrator}
[ -x "$bin" ] || { echo "bench/normalize.sh: no $bin (run make first)" >&2; exit 1; }
seed=../shared/corpus/scraped-news-article.txt copies=150
[ -f "$seed" ] || { seed=tests/fixtures/sample-article.txt copies=723; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
i=0; while [ $i -lt $copies ]; do cat "$seed"; i=$((i + 1)); done >"$tmp/1mb.txt"
i=0; while [ $i -lt 10 ]; do cat "$tmp/1mb.txt"; i=$((i + 1)); done >"$tmp/10mb.txt"
i=0; while [ $i -lt 4 ]; do cat "$tmp/10mb.txt"; i=$((i + 1)); done >"$tmp/40mb.txt"

# Mean wall-clock seconds of `$bin normalize $1`, output discarded.
seconds() {
    if command -v hyperfine >/dev/null; then
        hyperfine -N --warmup 2 --runs 10 --style none --export-csv "$tmp/t.csv" \
            --output null "$bin normalize $1" >/dev/null 2>"$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
        awk -F, 'NR == 2 { print $2 }' "$tmp/t.csv"
    else
        best=
        for run in 1 2 3 4 5; do
            t0=$(date +%s%N); "$bin" normalize "$1" >/dev/null; t1=$(date +%s%N)
            [ -z "$best" ] || [ $((t1 - t0)) -lt "$best" ] && best=$((t1 - t0))
        done
        awk -v ns="$best" 'BEGIN { printf "%.6f\n", ns / 1e9 }'
    fi
}

echo "seed: $seed x $copies; narrator: $bin"
t0=$(seconds /dev/null)
printf '%-8s %10s bytes %9.4f s\n' start-up 0 "$t0"
for size in 1mb 10mb 40mb; do
    bytes=$(wc -c <"$tmp/$size.txt")
    t=$(seconds "$tmp/$size.txt")
    eval "t_$size=$t"
    awk -v n="$size" -v b="$bytes" -v t="$t" 'BEGIN { printf "%-8s %10d bytes %9.4f s %8.1f MB/s\n", n, b, t, b / t / 1e6 }'
done
awk -v a="$t_10mb" -v b="$t_40mb" 'BEGIN { printf "40 MB / 10 MB time ratio: %.2f (4 = linear)\n", b / a }'
