#!/bin/sh
# Install the Debian packages named on the command line that are not installed yet.
# Skipped entirely when everything is present; needs root (or sudo) otherwise.
missing=""
for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "narrator: installing missing Debian packages:$missing"
if [ "$(id -u)" -eq 0 ]; then
    run=""
elif command -v sudo >/dev/null 2>&1; then
    run="sudo"
else
    echo "narrator: these packages are missing and I am not root:$missing" >&2
    echo "narrator: run as root: apt-get install$missing" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$run apt-get update -q >/dev/null || { echo "narrator: apt-get update failed" >&2; exit 1; }
$run apt-get install -y -q --no-install-recommends $missing >/dev/null || {
    echo "narrator: apt-get install$missing failed" >&2; exit 1; }
