#!/bin/sh
# make test: the unit tables (build/unit_tests) and the command-line contract (tests/cli.sh),
# then one total line "N passed, N failed". Exit 1 when anything failed.
cd "$(dirname "$0")/.."
total_pass=0
total_fail=0
add_counts() {   # reads "...: N passed, M failed" from the last line of $1
    line=$(printf '%s\n' "$1" | tail -n 1)
    p=$(printf '%s' "$line" | sed -n 's/.* \([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed.*/\1/p')
    f=$(printf '%s' "$line" | sed -n 's/.* \([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed.*/\2/p')
    if [ -z "$p" ]; then   # the suite crashed before counting: one failure
        p=0; f=1
    fi
    total_pass=$((total_pass + p))
    total_fail=$((total_fail + f))
}
unit=$(build/unit_tests 2>&1)
printf '%s\n' "$unit"
add_counts "$unit"
cli=$(sh tests/cli.sh 2>&1)
printf '%s\n' "$cli"
add_counts "$cli"
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
