#!/bin/sh
# The command-line contract of build/narrator: modes, formats, errors, exit codes.
# Prints "ok"/"FAIL" per check and ends with "cli: N passed, N failed".
cd "$(dirname "$0")/.."
N=build/narrator
T=$(mktemp -d /tmp/narrator-cli.XXXXXX)
trap 'rm -rf "$T"' EXIT
SAMPLE=tests/fixtures/sample-article.txt
ARTICLE=../shared/corpus/scraped-news-article.txt
pass=0
fail=0
ok()   { pass=$((pass + 1)); }
bad()  { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { desc=$1; shift; if "$@"; then ok; else bad "$desc"; fi; }

# exit status of a command, its output kept in $T/out and $T/err
run() { "$@" >"$T/out" 2>"$T/err"; echo $? >"$T/rc"; }
rc_is() { [ "$(cat "$T/rc")" = "$1" ]; }
err_has() { grep -q -- "$1" "$T/err"; }
out_has() { grep -q -- "$1" "$T/out"; }
seconds_of() {  # duration of an audio file in seconds, from libsndfile
    sndfile-info "$1" 2>/dev/null | sed -n 's/^Duration *: *\([0-9]*\):\([0-9]*\):\([0-9.]*\).*/\1 \2 \3/p' |
        awk '{ printf "%d\n", $1 * 3600 + $2 * 60 + $3 }'
}
lines_of() { wc -l <"$1" | tr -d ' '; }
between() { [ -n "$1" ] && [ "$1" -ge "$2" ] && [ "$1" -le "$3" ]; }

# --- help, version, usage errors
run $N --help;            check "--help exits 0" rc_is 0; check "--help shows normalize" out_has "normalize"
run $N --version;         check "--version exits 0" rc_is 0; check "--version prints a version" out_has "narrator [0-9]"
run $N --bogus;           check "unknown option exits 2" rc_is 2; check "unknown option is named" err_has "bogus"
run $N -s fast x.txt;     check "bad rate exits 2" rc_is 2
run $N plan --lines;      check "--lines outside normalize exits 2" rc_is 2
run $N normalize "$T/none.txt"; check "missing input exits 1" rc_is 1; check "missing input is named" err_has "none.txt"
run $N --list-voices;     check "--list-voices lists news" out_has "^news "
echo "Dr. Who" | $N --voice brisk normalize >"$T/out" 2>&1
check "options may come before the mode word" grep -q "doctor Who" "$T/out"

# --- plan: two sentence ends in the classic abbreviation line
echo 'Mr. Smith met U.S. officials on Jan. 5 in St. Louis. They agreed.' | $N plan >"$T/plan.json"
check "plan: exactly two sentence ends" [ "$(grep -c '"end": "\(sentence\|paragraph\)"' "$T/plan.json")" = 2 ]
check "plan: JSON fields" grep -q '"text": ".*", "say": ".*", "pause_ms": [0-9]*, "end": "' "$T/plan.json"

# --- normalize --lines: one line out per line in, whatever the input
printf 'one\n\n\nthree 3\n' >"$T/l1"
printf 'bad \377\376 bytes\nnul \000 inside\n\200\n' >"$T/l2"
printf 'no newline at end' >"$T/l3"
head -c 1048576 /dev/zero | tr '\000' 'a' >"$T/l4"; echo >>"$T/l4"
awk 'BEGIN { for (i = 0; i < 200000; i++) printf "word%d. ", i; print "" }' >"$T/l5"
printf '\n\n\n' >"$T/l6"
printf 'Source link\n(19659028)\n' >"$T/l7"
for f in l1 l2 l4 l5 l6 l7; do
    $N normalize --lines <"$T/$f" >"$T/$f.out"; rc=$?
    check "normalize --lines $f exits 0" [ $rc = 0 ]
    check "normalize --lines $f: $(lines_of "$T/$f") lines in, $(lines_of "$T/$f.out") out" \
        [ "$(lines_of "$T/$f")" = "$(lines_of "$T/$f.out")" ]
done
$N normalize --lines <"$T/l3" >"$T/l3.out"
check "normalize --lines: a last line without newline gives one line" [ "$(lines_of "$T/l3.out")" = 1 ]
check "normalize --lines: invalid UTF-8 is valid UTF-8 out" iconv -f UTF-8 -t UTF-8 "$T/l2.out" -o /dev/null

# --- the sample article: junk gone, names kept
$N normalize "$SAMPLE" >"$T/sample.txt"
for junk in 20410587 20419933 webproxy redirect.php "Source link" "Главная"; do
    check "sample: no '$junk'" sh -c "! grep -q -- '$junk' '$T/sample.txt'"
done
for name in Delgado Abernathy Fischer Tidewater "Harbor City" harborcity; do
    check "sample: keeps '$name'" grep -q -- "$name" "$T/sample.txt"
done
check "sample: broken dash entity is gone" sh -c "! grep -q '1;' '$T/sample.txt'"
for i in 1 2 3 4 5 6 7 8 9 10; do cat "$SAMPLE"; done >"$T/ten.txt"
$N normalize -j 1 "$T/ten.txt" >"$T/serial.txt"; $N normalize -j 3 "$T/ten.txt" >"$T/threads.txt"
check "normalize: -j 3 prints what -j 1 prints" cmp -s "$T/serial.txt" "$T/threads.txt"
run $N normalize -j 0 "$SAMPLE"; check "-j 0 is a usage error" rc_is 2

# --- audio files of every format, read back by libsndfile
for ext in wav mp3 flac ogg opus; do
    run $N -q --title "Sample" --artist "Tests" -o "$T/s.$ext" "$SAMPLE"
    check "-o s.$ext exits 0" rc_is 0
    secs=$(seconds_of "$T/s.$ext")
    check "s.$ext is 60-150 s long (got ${secs:-none})" between "$secs" 60 150
done
check "no temporary files left beside the outputs" [ "$(ls -A "$T" | grep -c '^\.')" = 0 ]
run $N -o "$T/said.wav" "$SAMPLE"; check "without -q a written file is reported with its length" err_has "wrote .*said.wav (1:[0-9][0-9])"
run $N -q -o "$T/quiet.wav" "$SAMPLE"; check "-q reports nothing" [ ! -s "$T/err" ]
$N -q --stdout "$SAMPLE" >"$T/stdout.wav"
check "--stdout writes WAV" [ "$(head -c 4 "$T/stdout.wav")" = RIFF ]
echo "Short text." | $N -q -w "$T/w.wav" -v en-gb -s 200 -p 30
check "espeak-ng style -w -v -s -p" [ -s "$T/w.wav" ]

# --- speakers through libao's null driver
run $N --driver null "$SAMPLE";   check "--driver null exits 0" rc_is 0
run $N --driver nosuchdriver "$SAMPLE"; check "unknown driver exits 1" rc_is 1; check "unknown driver is named" err_has nosuchdriver

# --- bad outputs and bad voices: one message, exit 1, nothing left behind
run $N -o /nonexistent/dir/x.wav "$SAMPLE"; check "unwritable output exits 1" rc_is 1; check "unwritable output is named" err_has "/nonexistent/dir/x.wav"
run $N -o "$T/x.xyz" "$SAMPLE";   check "unknown format exits 1" rc_is 1; check "no file for unknown format" [ ! -e "$T/x.xyz" ]
printf 'name: broken\nrate: [160\n' >"$T/broken.yaml"
run $N normalize --voice "$T/broken.yaml" "$SAMPLE"; check "malformed voice YAML exits 1" rc_is 1
check "malformed voice YAML names file:line:column" err_has "broken.yaml:[0-9]*:[0-9]*:"
printf 'abbreviations:\n  Mr.: {say: mister, when: sometimes}\n' >"$T/badlex.yaml"
run $N normalize --lexicon "$T/badlex.yaml" "$SAMPLE"; check "bad lexicon exits 1" rc_is 1
check "bad lexicon names file:line:column" err_has "badlex.yaml:2:[0-9]*:"
printf 'words:\n  Tidewater: tide water\n' >"$T/lex.yaml"
echo "Tidewater Energy" | $N normalize --lexicon "$T/lex.yaml" >"$T/lex.out"
check "user lexicon respells a word" grep -q "tide water" "$T/lex.out"
run $N normalize --voice nosuchvoice "$SAMPLE"; check "unknown voice exits 1" rc_is 1; check "unknown voice is named" err_has nosuchvoice

# --- the lexicon cache: same words with it, without it, stale or damaged
C="$T/cache"
NARRATOR_CACHE_DIR= $N normalize --lexicon "$T/lex.yaml" "$SAMPLE" >"$T/nocache.out"
NARRATOR_CACHE_DIR=$C $N normalize --lexicon "$T/lex.yaml" "$SAMPLE" >"$T/cache1.out"
check "cache: first run writes one file per lexicon" [ "$(ls "$C" | grep -c '\.lex$')" -ge 2 ]
NARRATOR_CACHE_DIR=$C $N normalize --lexicon "$T/lex.yaml" "$SAMPLE" >"$T/cache2.out"
check "cache: first run reads as without cache" cmp -s "$T/nocache.out" "$T/cache1.out"
check "cache: cached run reads as without cache" cmp -s "$T/nocache.out" "$T/cache2.out"
printf 'words:\n  Tidewater: tidal water\n' >"$T/lex.yaml"
echo "Tidewater Energy" | NARRATOR_CACHE_DIR=$C $N normalize --lexicon "$T/lex.yaml" >"$T/lex.out"
check "cache: an edited lexicon is read again" grep -q "tidal water" "$T/lex.out"
for f in "$C"/*.lex; do head -c 300 "$f" >"$f.cut" && mv "$f.cut" "$f"; done
NARRATOR_CACHE_DIR=$C $N normalize "$SAMPLE" >"$T/cache3.out"; echo $? >"$T/rc"
check "cache: damaged files are ignored" rc_is 0
NARRATOR_CACHE_DIR= $N normalize "$SAMPLE" >"$T/nocache2.out"
check "cache: damaged files change nothing" cmp -s "$T/nocache2.out" "$T/cache3.out"
run env NARRATOR_CACHE_DIR=/nonexistent/ro/cache $N normalize "$SAMPLE"
check "cache: an unwritable cache folder is no error" rc_is 0

# --- worker processes and --stats
run $N -j 2 --stats -q -o "$T/par.wav" "$SAMPLE"
check "--stats prints one JSON line on stderr (-j 2: four workers)" grep -q '^{"first_audio_ms": [0-9.]*, "chunks": [1-9][0-9]*, "audio_s": [0-9.]*, "wall_s": [0-9.]*, "rtf": [0-9.]*, "workers": 4, "peak_dbfs": -[0-9.]*, "rms_dbfs": -[0-9.]*}$' "$T/err"
run $N -j 1 --stats -q -o "$T/ser.wav" "$SAMPLE"
check "--stats with -j 1: one process speaks" grep -q '"workers": 1,' "$T/err"
frames() { sndfile-info "$1" | sed -n 's/^Frames *: *\([0-9]*\).*/\1/p'; }
fp=$(frames "$T/par.wav"); fs=$(frames "$T/ser.wav")
check "workers and one process: the same length within 1% ($fp and $fs frames)" \
    awk -v a="$fp" -v b="$fs" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(a > 0 && d * 100 <= b) }'
# MP3 encoded by the workers, joined: the length of one process's MP3 within 1 %, tags once
$N -j 2 -q --title "Workers' title" -o "$T/par.mp3" "$SAMPLE"; $N -j 1 -q --title "Café 東京" -o "$T/ser.mp3" "$SAMPLE"
fp=$(frames "$T/par.mp3"); fs=$(frames "$T/ser.mp3")
check "MP3 from the workers: the length of one process's within 1% ($fp and $fs frames)" \
    awk -v a="$fp" -v b="$fs" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(a > 0 && d * 100 <= b) }'
check "MP3 from the workers: the title tag once" [ "$(grep -c "Workers' title" "$T/par.mp3")" = 1 ]
check "MP3 from one process: an ID3v2.4 tag with the title in UTF-8" \
    sh -c 'head -c 5 "$1" | od -An -c | grep -q "I   D   3 004" && grep -q "Café 東京" "$1"' sh "$T/ser.mp3"
run $N --stats --driver null "$SAMPLE"
check "--stats for the speakers reports the first sound" grep -q '"first_audio_ms": [0-9][0-9.]*,' "$T/err"
# the same input and -j, the same file byte for byte (resume and "skip if up to date" rely on
# it), however the run is timed: the second run has one core only, so its workers take turns
cat "$SAMPLE" "$SAMPLE" "$SAMPLE" >"$T/three.txt"      # 75 chunks, 4 minutes of sound
one_core=; command -v taskset >/dev/null && one_core="taskset -c 0"
for j in 1 2 3; do
    for ext in wav mp3; do
        $N -j $j -q -o "$T/same1.$ext" "$T/three.txt"; $one_core $N -j $j -q -o "$T/same2.$ext" "$T/three.txt"
        check "-j $j twice: the same .$ext file" sh -c "[ -s '$T/same1.$ext' ] && cmp -s '$T/same1.$ext' '$T/same2.$ext'"
    done
done

i=0; while [ $i -lt 40 ]; do cat "$SAMPLE"; i=$((i + 1)); done >"$T/long.txt"
# a worker that dies mid-run: one clear message, exit 1, no file left
$N -j 2 -q -o "$T/died.wav" "$T/long.txt" 2>"$T/died.err" &
pid=$!
sleep 0.5
for d in /proc/[0-9]*; do
    [ "$(awk '/^PPid:/ { print $2 }' "$d/status" 2>/dev/null)" = "$pid" ] && kill -9 "${d#/proc/}" && break
done
wait $pid; rc=$?
check "a dead worker: exit 1 (got $rc)" [ $rc = 1 ]
check "a dead worker: said so" grep -q "synthesis worker died" "$T/died.err"
check "a dead worker: no file left" sh -c "[ ! -e '$T/died.wav' ] && [ \"\$(ls -A '$T' | grep -c '^\.died')\" = 0 ]"

# --- Ctrl-C mid-run: exit 130, no partial file
$N -q -o "$T/int.wav" "$T/long.txt" 2>"$T/int.err" &
pid=$!
sleep 0.5
kill -INT $pid
wait $pid; rc=$?
check "Ctrl-C exits 130 (got $rc)" [ $rc = 130 ]
check "Ctrl-C leaves no output file" [ ! -e "$T/int.wav" ]
check "Ctrl-C leaves no temporary file" [ "$(ls -A "$T" | grep -c '^\.')" = 0 ]

# --- replacing a file keeps its mode; -o onto a symbolic link writes the file it points to
echo "A short sentence, written twice." >"$T/short.txt"
for ext in wav mp3; do
    echo old >"$T/mode.$ext"; chmod 600 "$T/mode.$ext"
    $N -q -o "$T/mode.$ext" "$T/short.txt"
    check "$ext: a mode 600 file replaced stays 600 (got $(stat -c %a "$T/mode.$ext"))" [ "$(stat -c %a "$T/mode.$ext")" = 600 ]
    check "$ext: and is the new audio" between "$(seconds_of "$T/mode.$ext")" 1 10
    echo old >"$T/real.$ext"; ln -s "real.$ext" "$T/link.$ext"
    $N -q -o "$T/link.$ext" "$T/short.txt"
    check "$ext: -o onto a symlink keeps the link" sh -c '[ -L "$1" ] && [ "$(readlink "$1")" = "$2" ]' sh "$T/link.$ext" "real.$ext"
    check "$ext: -o onto a symlink replaces the file it points to" between "$(seconds_of "$T/real.$ext")" 1 10
    ln -s "made.$ext" "$T/dangling.$ext"
    $N -q -o "$T/dangling.$ext" "$T/short.txt"
    check "$ext: -o onto a dangling symlink keeps the link" [ -L "$T/dangling.$ext" ]
    check "$ext: -o onto a dangling symlink makes its target" between "$(seconds_of "$T/made.$ext")" 1 10
    rm -f "$T/mode.$ext" "$T/real.$ext" "$T/link.$ext" "$T/dangling.$ext" "$T/made.$ext"
done
check "no temporary files left beside them" [ "$(ls -A "$T" | grep -c '^\.')" = 0 ]

# --- kill -9 of narrator mid-run: the file being written has no name, so nothing is left;
# its workers end with it (a zombie waiting for init to reap it does not run)
children_of() { for d in /proc/[0-9]*; do
    [ "$(awk '/^PPid:/ { print $2 }' "$d/status" 2>/dev/null)" = "$1" ] && echo "${d#/proc/}"; done; }
running() { for p in "$@"; do
    s=$(awk '{ print $3 }' "/proc/$p/stat" 2>/dev/null) && [ "$s" != Z ] && return 0; done; return 1; }
none_running() { ! running "$@"; }
for ext in wav mp3; do
    $N -j 2 -q -o "$T/k9.$ext" "$T/long.txt" 2>/dev/null &
    pid=$!
    sleep 0.5
    workers=$(children_of $pid)
    kill -9 $pid
    wait $pid 2>/dev/null
    check "kill -9 ($ext): no file and no .k9.$ext.* left" [ "$(ls -A "$T" | grep -c 'k9')" = 0 ]
    check "kill -9 ($ext): it had workers" [ -n "$workers" ]
    # shellcheck disable=SC2086  # one argument per worker
    i=0; while [ $i -lt 30 ] && running $workers; do sleep 0.1; i=$((i + 1)); done
    # shellcheck disable=SC2086
    check "kill -9 ($ext): its workers are gone within 3 s" none_running $workers
done

# --- WAV past the limit of a plain RIFF file is RF64 (NARRATOR_TEST_RF64_LIMIT lowers the
# 4 GiB limit for the test): libsndfile reads it with the same length and tags
$N -q --title "Long one" -o "$T/plain.wav" "$T/short.txt"
NARRATOR_TEST_RF64_LIMIT=65536 $N -q --title "Long one" -o "$T/rf64.wav" "$T/short.txt"
check "WAV under the limit: RIFF" [ "$(head -c 4 "$T/plain.wav")" = RIFF ]
check "WAV over the limit: RF64 with a ds64 chunk" \
    sh -c '[ "$(head -c 4 "$1")" = RF64 ] && sndfile-info "$1" | grep -q "^ds64 : 28"' sh "$T/rf64.wav"
fp=$(frames "$T/plain.wav"); fr=$(frames "$T/rf64.wav")
check "RF64 reads back as long as the plain WAV ($fr and $fp frames)" sh -c '[ -n "$1" ] && [ "$1" -gt 20000 ] && [ "$1" = "$2" ]' sh "$fp" "$fr"
check "RF64 keeps the title" sh -c 'sndfile-info "$1" | grep -q "INAM : Long one"' sh "$T/rf64.wav"

# --- SIGHUP and SIGTERM mid-run: stopped as by Ctrl-C, exit 128+signal, the old file untouched
for sig in HUP:129 TERM:143; do
    echo old >"$T/sig.wav"
    $N -q -o "$T/sig.wav" "$T/long.txt" 2>"$T/sig.err" &
    pid=$!
    sleep 0.5
    kill -"${sig%:*}" $pid
    wait $pid; rc=$?
    check "SIG${sig%:*} exits ${sig#*:} (got $rc)" [ $rc = "${sig#*:}" ]
    check "SIG${sig%:*} says so" grep -q "^narrator: interrupted$" "$T/sig.err"
    check "SIG${sig%:*} leaves the old file as it was" [ "$(cat "$T/sig.wav")" = old ]
    check "SIG${sig%:*} leaves no temporary file" [ "$(ls -A "$T" | grep -c '^\.')" = 0 ]
done
rm -f "$T/sig.wav"
run $N --help; check "--help gives the exit status after a signal" out_has "128+N stopped by signal N"

# --- past `ulimit -f` (72 MB: above the 64 MB eSpeak NG's start-up asks for): SIGXFSZ does
# not kill narrator, the write fails: one message, exit 1, no file
prlimit --fsize=72000000 $N -q -o "$T/big.wav" "$T/long.txt" 2>"$T/big.err"; rc=$?
check "past ulimit -f: exit 1 (got $rc)" [ $rc = 1 ]
check "past ulimit -f: one clear message (got: $(head -c 200 "$T/big.err"))" \
    [ "$(cat "$T/big.err")" = "narrator: cannot write $T/big.wav: File too large" ]
check "past ulimit -f: no file, no temporary" [ "$(ls -A "$T" | grep -c 'big\.wav')" = 0 ]

# --- SSML: auto-detected or forced with --ssml; malformed: FILE:LINE:COL, exit 1, no file
run $N --help; check "--help shows --ssml" out_has "--ssml"
printf '<?xml version="1.0"?>\n<speak><p>Hi <mark name="m"/><say-as interpret-as="characters">ok</say-as>.</p></speak>\n' >"$T/doc.ssml"
run $N normalize "$T/doc.ssml"; check "SSML auto-detected: exit 0" rc_is 0
check "SSML auto-detected: tags not read" sh -c "[ \"\$(cat '$T/out')\" = 'Hi O K.' ]"
printf '<p>Hello <b>there</b></p>\n' >"$T/frag.ssml"
run $N normalize "$T/frag.ssml"; check "without --ssml a <p> text is text" out_has "p>"
run $N --ssml normalize "$T/frag.ssml"; check "--ssml reads it as SSML" sh -c "[ \"\$(cat '$T/out')\" = 'Hello there.' ]"
run $N -q -o "$T/doc.wav" "$T/doc.ssml"; check "SSML to a file: exit 0" rc_is 0
check "SSML to a file: 1-5 s" between "$(seconds_of "$T/doc.wav")" 1 5
check "SSML to a file: the file is there" [ -s "$T/doc.wav" ]
printf '<speak>\n<p>One <break time="soon"/></p></speak>\n' >"$T/bad.ssml"
run $N -q -o "$T/bad.wav" "$T/bad.ssml"; check "bad SSML attribute exits 1" rc_is 1
check "bad SSML attribute: FILE:LINE:COL message" err_has "^narrator: $T/bad.ssml:2:[0-9]*: break time 'soon'"
check "bad SSML attribute: one line" [ "$(lines_of "$T/err")" = 1 ]
check "bad SSML attribute: no output file" [ ! -e "$T/bad.wav" ]
# a break over 60 s is malformed: once 99999s made a 4.4 GB WAV of a 44-byte document and
# 2147483s wrote silence until the disk was full (the timeout keeps a regression from that;
# no file-size limit: the workers' shared memory is a file too)
for t in 99999s 2147483s 3600000s; do
    printf '<speak>a<break time="%s"/>b</speak>' "$t" >"$T/long.ssml"
    run timeout -k 5 10 $N -q -o "$T/long.wav" "$T/long.ssml"
    check "break time $t exits 1" rc_is 1
    check "break time $t: FILE:LINE:COL message" err_has "^narrator: $T/long.ssml:1:[0-9]*: break time '$t' is longer than 60 s"
    check "break time $t: no output file" [ ! -e "$T/long.wav" ]
    rm -f "$T/long.wav"
done
printf '<speak><p>Unclosed\n' >"$T/open.ssml"
run $N -q -o "$T/open.wav" "$T/open.ssml"; check "unclosed SSML exits 1" rc_is 1
check "unclosed SSML names the element" err_has "open.ssml:1:[0-9]*: the document ends before <p> is closed"
check "unclosed SSML: no output file" [ ! -e "$T/open.wav" ]
printf '<speak>Tom & Jerry</speak>' | $N --ssml normalize >"$T/out" 2>"$T/err"; echo $? >"$T/rc"
check "not-well-formed SSML on stdin exits 1" rc_is 1; check "stdin errors name stdin:LINE:COL" err_has "^narrator: stdin:1:[0-9]*: "

# --- make install honours PREFIX and DESTDIR
# (built in a build directory of its own, so build/ keeps the default PREFIX)
make -s -j2 install B="$T/build" DESTDIR="$T/root" PREFIX=/usr >"$T/install.log" 2>&1
installed() { for f in bin/narrator include/narrator.h lib/libnarrator.so.0 lib/libnarrator.a \
        share/narrator/voices/news.yaml share/narrator/voices/lexicons/en.yaml share/man/man1/narrator.1; do
        [ -e "$T/root/usr/$f" ] || return 1; done; }
check "make install DESTDIR=... PREFIX=/usr installs everything" installed
# the installed binary looks in its compiled-in PREFIX; point it at the staged copy
echo "Dr. Who" | NARRATOR_DATA_DIR="$T/root/usr/share/narrator" "$T/root/usr/bin/narrator" normalize >"$T/inst.out" 2>&1
check "the installed binary has PREFIX's data dir" grep -q '/usr/share/narrator' "$T/root/usr/bin/narrator"
check "the installed narrator finds its voices" grep -q "doctor Who" "$T/inst.out"
# the library for other programs: pkg-config finds it, the README's example builds and runs
check "make install puts narrator.pc in lib/pkgconfig" [ -f "$T/root/usr/lib/pkgconfig/narrator.pc" ]
pc() { PKG_CONFIG_SYSROOT_DIR="$T/root" PKG_CONFIG_PATH="$T/root/usr/lib/pkgconfig" pkg-config "$@" narrator; }
check "pkg-config knows narrator's version" [ "$(pc --modversion)" = "$($N --version | awk '{print $2}')" ]
# shellcheck disable=SC2046  # pkg-config's flags are meant to split
cc -o "$T/example" doc/example.c $(pc --cflags --libs) >"$T/cc.log" 2>&1
check "doc/example.c builds with \$(pkg-config --cflags --libs narrator)" [ -x "$T/example" ]
LD_LIBRARY_PATH="$T/root/usr/lib" NARRATOR_DATA_DIR="$T/root/usr/share/narrator" "$T/example" "$T/example.wav" >"$T/example.out" 2>&1
check "the example prints the words for eSpeak NG" grep -q "mister Smith paid five point three billion dollars" "$T/example.out"
check "the example writes its WAV file" sh -c "sndfile-info '$T/example.wav' | grep -q 'Sample Rate'"
exported=$(nm -D --defined-only "$T/root/usr/lib/libnarrator.so.0" | awk '{ print $3 }')
check "libnarrator exports its API" sh -c "echo '$exported' | grep -q '^narrator_new$'"
# and create_audio_device_object, answering eSpeak NG's call for a sound device (src/synth/espeak.c)
check "libnarrator exports nothing but narrator_* (and eSpeak NG's device call)" \
    [ -z "$(echo "$exported" | grep -v '^narrator_' | grep -vx 'create_audio_device_object')" ]
# the speech-dispatcher module goes where speech-dispatcher looks, its config beside the others'
check "make install puts sd_narrator in speech-dispatcher's module directory" \
    sh -c "find '$T/root' -path '*/speech-dispatcher-modules/sd_narrator' -perm -u+x | grep -q ."
check "make install puts narrator.conf in /etc/speech-dispatcher/modules" [ -f "$T/root/etc/speech-dispatcher/modules/narrator.conf" ]
make -s install B="$T/build" DESTDIR="$T/root2" PREFIX=/usr SPEECHD_MODULEDIR=/opt/sd-modules >/dev/null 2>&1
check "SPEECHD_MODULEDIR overrides the module directory" [ -x "$T/root2/opt/sd-modules/sd_narrator" ]
make -s uninstall B="$T/build" DESTDIR="$T/root" PREFIX=/usr >/dev/null 2>&1
check "make uninstall removes sd_narrator and narrator.conf" \
    sh -c "! find '$T/root' -name sd_narrator -o -name narrator.conf | grep -q ."
rm -rf "$T/root2"
rm -rf "$T/root" "$T/build"

# --- binary input is refused; UTF-16 is read as text; a NUL never joins two words
cp /bin/ls "$T/prog"
run $N -o "$T/prog.wav" "$T/prog"
check "binary input: exits 1" rc_is 1
check "binary input: 'FILE: not text (binary data)'" err_has "^narrator: $T/prog: not text (binary data)$"
check "binary input: no output file, no temporary" [ -z "$(ls -A "$T" | grep 'prog\.wav')" ]
echo keep >"$T/kept.mp3"
run $N -o "$T/kept.mp3" "$T/prog"
check "binary input: an existing output file is untouched" [ "$(cat "$T/kept.mp3")" = keep ]
# an image and a zip that is no EPUB are refused the same way; --from text still reads them
printf '\211PNG\r\n\032\n\0\0\0\rIHDR\0\0\0\020\0\0\0\020\010\006\0\0\0\037\363\377a' >"$T/img.png"
head -c 600 /bin/ls >>"$T/img.png"
/usr/bin/python3 -c "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1], 'w'); z.writestr('a.txt', 'hello world ' * 100); z.close()" "$T/notepub.zip"
for f in img.png notepub.zip; do
    run $N -o "$T/$f.wav" "$T/$f"
    check "$f: exits 1 with 'not text (binary data)', no output file" \
        sh -c "[ \$(cat '$T/rc') -eq 1 ] && grep -q '^narrator: $T/$f: not text (binary data)$' '$T/err' && [ ! -e '$T/$f.wav' ]"
done
run $N --from text normalize "$T/notepub.zip"
check "--from text reads a zip anyway (its stored text is heard)" sh -c "[ \$(cat '$T/rc') -eq 0 ] && grep -q 'hello world hello world' '$T/out'"
run sh -c "$N plan <'$T/prog'"
check "binary on standard input: 'stdin: not text'" err_has "^narrator: stdin: not text (binary data)$"
check "binary input: nothing planned" [ ! -s "$T/out" ]
printf 'The caf\303\251 owner M\303\274ller paid \342\202\2545.\n' >"$T/utf8.txt"
$N normalize "$T/utf8.txt" >"$T/utf8.out"
for enc in UTF-16 UTF-16LE UTF-16BE; do
    iconv -f UTF-8 -t $enc "$T/utf8.txt" >"$T/wide.txt"
    run $N normalize "$T/wide.txt"
    check "$enc input reads as the UTF-8 text does" sh -c "[ \"\$(cat '$T/rc')\" = 0 ] && cmp -s '$T/out' '$T/utf8.out'"
done
printf 'Hello\000world.\n' | $N normalize >"$T/nul.out"
check "a NUL between words keeps them apart" grep -q "^Hello world\.$" "$T/nul.out"
for enc in UTF-16LE UTF-16BE; do      # with a byte-order mark of each order
    { if [ $enc = UTF-16LE ]; then printf '\377\376'; else printf '\376\377'; fi
      iconv -f UTF-8 -t $enc "$T/utf8.txt"; } >"$T/bom.txt"
    run $N normalize "$T/bom.txt"
    check "$enc with a byte-order mark reads as the UTF-8 text does" sh -c "[ \"\$(cat '$T/rc')\" = 0 ] && cmp -s '$T/out' '$T/utf8.out'"
done

# --- legacy 8-bit text: libuchardet names the encoding; --encoding names it
FFFD=$(printf '\357\277\275')
printf 'The caf\351 s owner M\374ller paid \2005 for \223coffee\224.\n' >"$T/w1252.txt"
run $N normalize "$T/w1252.txt"
check "Windows-1252: exits 0" rc_is 0
check "Windows-1252: the euro sign and curly quotes are read" out_has "^The café s owner Müller paid five euros for coffee\.$"
check "Windows-1252: no U+FFFD" sh -c "! grep -q '$FFFD' '$T/out'"
printf 'Gr\374\337e an Herrn M\374ller aus M\374nchen.\n' >"$T/latin1.txt"
run $N normalize "$T/latin1.txt"
check "Latin-1: exits 0" rc_is 0
check "Latin-1: the u with umlaut is read" out_has "Müller aus München"
check "Latin-1: no U+FFFD" sh -c "! grep -q '$FFFD' '$T/out'"
run $N normalize --encoding latin1 "$T/w1252.txt"
check "--encoding latin1: exits 0" rc_is 0
check "--encoding latin1: 0x80 is a control code, not the euro" sh -c "grep -q 'Müller paid five for' '$T/out' && ! grep -q euro '$T/out'"
run $N normalize --encoding=WINDOWS-1252 "$T/latin1.txt"
check "--encoding=WINDOWS-1252 reads Latin-1 letters" out_has "Müller aus München"
printf 'caf\303\251, then a stray caf\351.\n' >"$T/mixed.txt"
run $N normalize "$T/mixed.txt"
check "UTF-8 with a stray Windows-1252 byte: both read" out_has "^café, then a stray café\.$"
run $N normalize --encoding no-such-charset "$T/w1252.txt"
check "--encoding unknown: exits 2" rc_is 2
check "--encoding unknown: one clear message" sh -c "[ \"\$(cat '$T/err')\" = \"narrator: unknown encoding 'no-such-charset' (\\\`iconv -l\\\` lists the names)\" ]"
check "--encoding unknown: nothing printed" [ ! -s "$T/out" ]
run $N --encoding no-such-charset -o "$T/enc.wav" "$T/w1252.txt"
check "--encoding unknown with -o: exits 2, no output file" sh -c "[ \"\$(cat '$T/rc')\" = 2 ] && [ -z \"\$(ls -A '$T' | grep enc\\.wav)\" ]"
run $N normalize --encoding
check "--encoding without a name: exits 2" rc_is 2
# a long Windows-1252 text streams: its first chunks are planned before the input ends (the
# writer waits for them, up to 20 s, before it writes the last line)
awk 'BEGIN { for (i = 0; i < 2000; i++) printf "Paragraph %d: the caf\351 owner M\374ller paid \2005.\n\n", i }' >"$T/long1252.txt"
mkfifo "$T/fifo"
( cat "$T/long1252.txt"; i=0
  while [ $i -lt 200 ] && ! grep -q euros "$T/stream.out" 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
  grep -q euros "$T/stream.out" 2>/dev/null && : >"$T/streamed"
  echo "The end." ) >"$T/fifo" &
$N plan -j 1 <"$T/fifo" >"$T/stream.out"; rc=$?
wait
check "a long Windows-1252 input: exits 0" [ $rc = 0 ]
check "a long Windows-1252 input streams: chunks planned before the input ended" [ -e "$T/streamed" ]
check "a long Windows-1252 input: read to the end" grep -q '"say": "The end\."' "$T/stream.out"
check "a long Windows-1252 input: no U+FFFD" sh -c "! grep -q '$FFFD' '$T/stream.out'"

# --- a voice name is a voice name, never a path eSpeak NG would open
echo "Hello there." >"$T/hello.txt"
run $N -v ../../../../../../../../etc/passwd -o "$T/passwd.wav" "$T/hello.txt"
check "-v a path: exits 1" rc_is 1
check "-v a path: says it is not a voice name" err_has "not an eSpeak NG voice name"
check "-v a path: eSpeak NG never read the file" sh -c "! grep -q 'root:' '$T/err'"
check "-v a path: no output file, no temporary" [ -z "$(ls -A "$T" | grep passwd)" ]
mkdir -p "$T/vp/voices"
printf 'name: pathy\nespeak_voice: ../../../../../../../../etc/passwd\n' >"$T/vp/voices/pathy.yaml"
run $N -v "$T/vp/voices/pathy.yaml" -o "$T/pathy.wav" "$T/hello.txt"
check "espeak_voice: a path in a voice file: exits 1" rc_is 1
check "espeak_voice: a path in a voice file: file:line:col, not a voice name" err_has "pathy.yaml:2:15: not an eSpeak NG voice name"
check "espeak_voice: a path: no output file" [ ! -e "$T/pathy.wav" ]

# --- file output never touches the sound system (eSpeak NG 1.51 would connect to PulseAudio)
cat >"$T/fakepulse.py" <<'PY'
import os, socket, subprocess, sys
path = sys.argv[1]
server = socket.socket(socket.AF_UNIX)
server.bind(path)
server.listen(8)
server.setblocking(False)
rc = subprocess.call(sys.argv[2:], env=dict(os.environ, PULSE_SERVER="unix:" + path), timeout=60)
try:
    server.accept()
    print("connected", rc)
except BlockingIOError:
    print("untouched", rc)
PY
for j in 1 2; do
    /usr/bin/python3 "$T/fakepulse.py" "$T/pulse.sock" $N -q -j $j -o "$T/quiet$j.wav" "$T/hello.txt" >"$T/pulse.out" 2>&1
    check "-j $j file output: no connection to the sound server ($(cat "$T/pulse.out"))" grep -q "^untouched 0$" "$T/pulse.out"
    rm -f "$T/pulse.sock"
done
(ulimit -f 2048; $N -q -j 1 -o "$T/limited.wav" "$T/hello.txt") >"$T/out" 2>"$T/err"; echo $? >"$T/rc"
check "under ulimit -f 2048 a short WAV is written (exit $(cat "$T/rc"))" sh -c "[ \"\$(cat '$T/rc')\" = 0 ] && [ -s '$T/limited.wav' ]"

# --- the seed article, when ../shared is there (CI has it)
if [ -f "$ARTICLE" ]; then
    $N normalize "$ARTICLE" >"$T/article.txt"
    for junk in 19659028 19659904 19659 kproxy servlet "Source link" "قالب"; do
        check "article: no '$junk'" sh -c "! grep -q -- '$junk' '$T/article.txt'"
    done
    for name in Huawei Grenell Pancevski Berlin Pence Zhengfei; do
        check "article: keeps '$name'" grep -q -- "$name" "$T/article.txt"
    done
    # read the way a newsreader would: U.S., U.K., BSI, 5G, Mr., Co., WSJ's, Nord Stream 2, e-mail
    for said in "Huawei Technologies company to" "rebuke to U S," "stymied the U S efforts" "U K officials share" \
                "known as B S I," "so-called five G services" "W S J's Shelby Holliday" "Nord Stream two," \
                "said mister Grenell" "bojan dot pancevski at W S J dot com"; do
        check "article: says '$said'" grep -qi -- "$said" "$T/article.txt"
    done
    for unsaid in "U.S" "Mr." "Co." "5G" "@"; do
        check "article: no '$unsaid' left for eSpeak NG to guess" sh -c "! grep -qF -- '$unsaid' '$T/article.txt'"
    done
    for ext in wav mp3 flac ogg; do
        run $N -q -o "$T/a.$ext" "$ARTICLE"
        secs=$(seconds_of "$T/a.$ext")
        check "article a.$ext is 5-9 minutes (got ${secs:-none} s)" between "$secs" 300 540
    done
    run $N --driver null "$ARTICLE"; check "article --driver null exits 0" rc_is 0
fi

# --- lexicon tables (src/front/tables.h): a misspelled section is refused with its place,
# and the list agrees with the code and the shipped lexicons (tests/tables.sh, which fails
# on a planted table no code reads and on a planted section no table declares)
printf 'months:\n  Jan.: january\nmonthz:\n  Feb.: february\n' >"$T/monthz.yaml"
run $N normalize --lexicon "$T/monthz.yaml" "$SAMPLE"; check "misspelled lexicon table exits 1" rc_is 1
check "misspelled lexicon table is named with its place" err_has "monthz.yaml:3:1: unknown table 'monthz' (did you mean 'months'?)"
run sh tests/tables.sh; check "tests/tables.sh passes: $(tail -n 1 "$T/out")" rc_is 0
mkdir "$T/planted" && cp -R src voices "$T/planted/"
sed -i 's/^    X(months) /    X(planted_unread) \\\n    X(months) /' "$T/planted/src/front/tables.h"
printf 'plantedz: [x]\n' >>"$T/planted/voices/lexicons/en.yaml"
run sh tests/tables.sh "$T/planted"; check "tests/tables.sh fails on planted tables" rc_is 1
check "tests/tables.sh names the unread table" out_has "table 'planted_unread': no code reads it"
check "tests/tables.sh names the undeclared section" out_has "section 'plantedz' is no table"

# --- HTML: a web page is read as its article alone (auto-detected, or --from html); extract
# shows the document model; --from text reads anything as text
NEWS=tests/fixtures/news-page.html
run $N extract "$NEWS"; check "extract: exit 0" rc_is 0
check "extract: the title first" sh -c "head -1 '$T/out' | grep -qx 'Harbour bridge reopens after two years of repairs'"
check "extract: the byline" out_has "^By Fiona Marsh$"
check "extract: the date" out_has "^2024-03-14T08:30:00Z$"
check "extract: a heading as '## '" out_has "^## What was repaired$"
check "extract: a list item as '- '" out_has "^- Forty new steel hangers"
check "extract: the article's last paragraph" out_has "^The council said the repairs cost"
check "extract: no chrome (nav, ads, share, newsletter, related, comments, footer)" sh -c \
    "! grep -E 'Sport|ADVERTISEMENT|Share on|Subscribe|Ferry fares|COMMENTTEXT|Copyright|TRACKERSCRIPT|HIDDEN' '$T/out'"
check "extract: the title once" sh -c "[ \$(grep -c 'Harbour bridge reopens' '$T/out') = 1 ]"
run $N normalize "$NEWS"; check "normalize an HTML page: exit 0" rc_is 0
check "normalize an HTML page: the article" out_has "northern approach"
check "normalize an HTML page: no tag, no '<', no URL" sh -c "! grep -E '<|>|https?|www|schema|/people' '$T/out'"
run $N plan tests/fixtures/blog-page.html; check "plan a blog page: the post" out_has "My first loaf was a brick"
check "plan a blog page: no sidebar" sh -c "! grep -q 'About me' '$T/out'"
sed 's/<!DOCTYPE html>//; s/<html lang="en-GB">/<div>/' "$NEWS" >"$T/news.txt"
run $N --from html extract "$T/news.txt"; check "--from html: the article" out_has "^The council said"
run $N --from text normalize "$NEWS"; check "--from text reads a page as text (its tags too)" out_has "TRACKERSCRIPT"
head -c 3000 "$N" >"$T/bin.dat"
run $N --from text plan "$T/bin.dat"; check "--from text reads binary data as text: exit 0" rc_is 0
run $N plan "$T/bin.dat"; check "without --from text binary data is refused" rc_is 1
run $N --from markdown plan "$NEWS"; check "--from markdown: exit 2" rc_is 2; check "--from markdown: not supported yet" err_has "not supported yet"
run $N --from epub plan "$NEWS"; check "--from epub: exit 2" rc_is 2
run $N --from pdf plan "$NEWS"; check "--from pdf: exit 2" rc_is 2
run $N --from html --ssml plan "$NEWS"; check "--from html with --ssml: exit 2" rc_is 2
run $N --from ssml normalize "$T/frag.ssml"; check "--from ssml reads SSML" sh -c "[ \"\$(cat '$T/out')\" = 'Hello there.' ]"
run $N --help; check "--help shows --from and extract" sh -c "grep -q -- '--from' '$T/out' && grep -q 'extract' '$T/out'"
run $N extract "$T/bin.dat"; check "extract of binary data: exit 1" rc_is 1
run $N -o "$T/x.wav" extract "$NEWS"; check "extract with -o: exit 2" rc_is 2

# --- the level meter: --stats peak_dbfs and rms_dbfs are those of the WAV file's samples, with
# one process and with workers, the same for this text either way; MP3 is measured before it
# is encoded (here), or where it is encoded (in the workers)
levels_of() {  # "PEAK RMS" of a WAV file's samples, in dB of full scale, as --stats prints them
    /usr/bin/python3 -c '
import array, math, sys, wave
w = wave.open(sys.argv[1]); a = array.array("h", w.readframes(w.getnframes()))
if sys.byteorder == "big": a.byteswap()
peak = max(abs(x) for x in a); squares = sum(x * x for x in a)
print("%.2f %.2f" % (20 * math.log10(peak / 32768.0), 10 * math.log10(squares / len(a) / (32768.0 * 32768.0))))' "$1"
}
stats_levels() { sed -n 's/.*"peak_dbfs": \(-[0-9.]*\), "rms_dbfs": \(-[0-9.]*\)}$/\1 \2/p' "$T/err"; }
same_text() { [ -n "$1" ] && [ "$1" = "$2" ]; }
echo "A short sentence, written twice. And then a second sentence follows it, longer than the first. A third one ends the paragraph." >"$T/meter.txt"
run $N -q -j 1 --stats -o "$T/meter1.wav" "$T/meter.txt"; lv1=$(stats_levels)
run $N -q -j 2 --stats -o "$T/meter2.wav" "$T/meter.txt"; lv2=$(stats_levels)
check "--stats -j 1: the level of the WAV's samples ($lv1)" same_text "$lv1" "$(levels_of "$T/meter1.wav")"
check "--stats -j 2: the level of the WAV's samples ($lv2)" same_text "$lv2" "$(levels_of "$T/meter2.wav")"
check "--stats: the same level with -j 1 and -j 2 ($lv1, $lv2)" same_text "$lv1" "$lv2"
run $N -q -j 1 --stats -o "$T/meter1.mp3" "$T/meter.txt"
check "--stats -j 1 MP3: the WAV's level ($(stats_levels))" same_text "$(stats_levels)" "$lv1"
run $N -q -j 2 --stats -o "$T/meter2.mp3" "$T/meter.txt"; lm=$(stats_levels)
check "--stats -j 2 MP3: the level the workers measured ($lm) is the WAV's within 0.5 dB ($lv2)" \
    awk -v a="$lm" -v b="$lv2" 'BEGIN { split(a, x, " "); split(b, y, " "); d = x[1] - y[1]; e = x[2] - y[2]
        exit !(a != "" && d * d < 0.25 && e * e < 0.25) }'
run $N plan --stats "$T/meter.txt"
check "--stats without sound: the levels are null" grep -q '"peak_dbfs": null, "rms_dbfs": null}$' "$T/err"
run $N --help; check "--help names peak_dbfs and rms_dbfs" sh -c "grep -q peak_dbfs '$T/out' && grep -q rms_dbfs '$T/out'"

# --- an article as plain text: the headline once and no breadcrumb before it, the dateline
# read as a place and a pause (input/texthead.c, front/dateline.c); the seed article too
run $N plan "$SAMPLE"
check "sample: the headline is read once" sh -c "[ \$(grep -c 'Harbor City Approves Tidal Power Plan' '$T/out') -eq 1 ]"
check "sample: no breadcrumb (Home News)" sh -c "! grep -q '\"say\": \"Home' '$T/out'"
check "sample: HARBOR CITY-The is read as Harbor City. The" sh -c "grep -q '\"say\": \"Harbor City.\"' '$T/out' && grep -q '\"say\": \"The city council voted' '$T/out'"
run $N --keep-junk plan "$SAMPLE"
check "--keep-junk reads the breadcrumb line as it is" out_has '"say": "Home'
if [ -f "$ARTICLE" ]; then
    run $N plan "$ARTICLE"
    check "seed article: the headline is read once" sh -c "[ \$(grep -c 'Germany Considers Letting Huawei In' '$T/out') -eq 1 ]"
    check "seed article: no Home Business" sh -c "! grep -q 'Home Business' '$T/out'"
    check "seed article: BERLIN-The is read as Berlin. The" sh -c "grep -q '\"say\": \"Berlin.\"' '$T/out' && grep -q '\"say\": \"The German government' '$T/out'"
fi
printf 'Same Line\nSame Line\n' | $N normalize --lines - >"$T/out" 2>"$T/err"
check "normalize --lines keeps every line (no headline rule)" sh -c "[ \$(grep -c 'Same Line' '$T/out') -eq 2 ]"

# --- an HTML page in windows-1252 that says so (<meta charset>): decoded once, read right,
# nothing garbled by a second decoding, no message from the parser
printf '<!DOCTYPE html><html><head><meta charset="windows-1252"><title>Caf\351 news</title></head><body><article><p>The caf\351 owner M\374ller paid \2005 for the \223best\224 coffee in town, and everyone in the street agreed that it was worth it, said the reporter.</p><p>A second paragraph with more words, commas, and text, so that it scores as the body of the page.</p></article></body></html>' >"$T/w1252.html"
run $N normalize "$T/w1252.html"
check "windows-1252 page: exits 0" rc_is 0
check "windows-1252 page: café, Müller, euros and the quoted word" sh -c "grep -q 'The café owner Müller paid five euros for the best coffee' '$T/out'"
check "windows-1252 page: no mojibake, no U+FFFD" sh -c "! grep -q 'â€\|�' '$T/out'"
check "windows-1252 page: nothing on standard error" sh -c "[ ! -s '$T/err' ]"

echo "cli: $pass passed, $fail failed"
