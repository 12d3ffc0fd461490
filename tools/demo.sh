#!/bin/sh
# make demo: narrate the bundled sample article into MP3 and WAV, print their durations,
# and play it when an audio device is there.
set -e
cd "$(dirname "$0")/.."
in=tests/fixtures/sample-article.txt
out=build/demo
mkdir -p "$out"
for ext in mp3 wav; do
    build/narrator -q --title "Harbor City Approves Tidal Power Plan" --artist "narrator demo" \
        -o "$out/sample.$ext" "$in"
done
python3 - "$out/sample.mp3" "$out/sample.wav" <<'PY' 2>/dev/null || sndfile-info "$out/sample.wav" | grep -i duration
import sys, ctypes, ctypes.util
lib = ctypes.CDLL(ctypes.util.find_library("sndfile"))
class Info(ctypes.Structure):
    _fields_ = [("frames", ctypes.c_int64), ("samplerate", ctypes.c_int), ("channels", ctypes.c_int),
                ("format", ctypes.c_int), ("sections", ctypes.c_int), ("seekable", ctypes.c_int)]
lib.sf_open.restype = ctypes.c_void_p
lib.sf_open.argtypes = [ctypes.c_char_p, ctypes.c_int, ctypes.POINTER(Info)]
lib.sf_close.argtypes = [ctypes.c_void_p]
for path in sys.argv[1:]:
    info = Info()
    f = lib.sf_open(path.encode(), 0x10, ctypes.byref(info))
    if not f:
        sys.exit(1)
    secs = info.frames / info.samplerate
    print(f"{path}: {int(secs // 60)}:{secs % 60:04.1f} ({secs:.1f} s, {info.samplerate} Hz)")
    lib.sf_close(f)
PY
# Play only when a sound device is present; say so otherwise.
if [ -e /dev/snd/pcmC0D0p ] || [ -n "${PULSE_SERVER:-}" ] || [ -S "${XDG_RUNTIME_DIR:-/nonexistent}/pulse/native" ]; then
    echo "Playing the sample (Ctrl-C stops)..."
    build/narrator -q "$in" || echo "narrator: playback failed (see above); the files are in $out/"
else
    echo "No audio device found: skipped playback. Listen to $out/sample.mp3 or $out/sample.wav."
fi
