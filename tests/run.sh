#!/bin/sh
# make test: the include direction of src/ (tests/layers.sh), doc/HACKING.md's paths
# (tests/hacking.sh), that both checks can fail (tests/shape_planted.sh), the unit tables
# (build/unit_tests), the command-line contract (tests/cli.sh) and
# the speech-dispatcher module (tests/speechd_protocol.py through pipes, tests/speechd_daemon.sh
# with a private speech-dispatcher), then one total line "N passed, N failed".
# Exit 1 when anything failed.
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
run_suite() {   # runs a suite, shows its output, counts its last line
    out=$("$@" 2>&1)
    printf '%s\n' "$out"
    add_counts "$out"
}
run_suite sh tests/layers.sh
run_suite sh tests/hacking.sh
run_suite sh tests/shape_planted.sh
run_suite build/unit_tests
run_suite sh tests/cli.sh
# Debian's python3-speechd lives in the system Python
run_suite /usr/bin/python3 tests/speechd_protocol.py
run_suite /usr/bin/python3 tests/speechd_daemon.py
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
