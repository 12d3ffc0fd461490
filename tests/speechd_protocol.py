#!/usr/bin/env python3
"""The output-module protocol of build/sd_narrator, driven through pipes.

Speaks to the module as speech-dispatcher does (doc/speech-dispatcher.texi, "Communication
Protocol for Output Modules") and checks every reply and event. Prints "FAIL" lines
and ends with "speechd-protocol: N passed, N failed".
"""
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import Checks  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# SD_NARRATOR picks another build (e.g. build/sanitize-clang/sd_narrator from `make sanitize`)
MODULE = os.environ.get("SD_NARRATOR", os.path.join(ROOT, "build", "sd_narrator"))
check = Checks("speechd-protocol")


class Module:
    """sd_narrator on pipes; stdout read by a thread into a queue of messages (lists of lines)."""

    def __init__(self, conf, home):
        env = dict(os.environ, HOME=home)
        self.p = subprocess.Popen([MODULE, conf], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=open(os.path.join(home, "module.log"), "ab"), env=env)
        self.q = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        lines = []
        for raw in self.p.stdout:
            line = raw.rstrip(b"\n")
            lines.append(line)
            if len(line) < 4 or line[3:4] != b"-":     # "NNN text" ends a message
                self.q.put(lines)
                lines = []
        self.q.put(None)

    def send(self, text):
        self.p.stdin.write(text.encode())
        self.p.stdin.flush()

    def next(self, timeout=10.0):
        """The next whole message, or None at the end or after the timeout."""
        try:
            return self.q.get(timeout=timeout)
        except queue.Empty:
            return None

    def reply(self, text, timeout=10.0):
        """Sends text, returns the last line of the next message as str."""
        self.send(text)
        msg = self.next(timeout)
        return msg[-1].decode(errors="replace") if msg else None

    def events_until(self, codes, timeout=20.0):
        """Messages up to and including one whose code is in codes; list of (code, lines)."""
        out, end = [], time.time() + timeout
        while time.time() < end:
            msg = self.next(end - time.time())
            if msg is None:
                break
            code = msg[-1][:3].decode(errors="replace")
            out.append((code, msg))
            if code in codes:
                break
        return out


def decode_audio(lines):
    """The PCM bytes of a 705 message and the num_samples it announced."""
    params, data = {}, None
    for line in lines:
        if line.startswith(b"705-AUDIO\0"):
            data = line[len(b"705-AUDIO\0"):]
        elif line.startswith(b"705-") and b"=" in line:
            k, v = line[4:].split(b"=", 1)
            params[k.decode()] = int(v)
    out, i = bytearray(), 0
    while data is not None and i < len(data):
        if data[i] == 0x7D:
            out.append(data[i + 1] ^ 0x20)
            i += 2
        else:
            out.append(data[i])
            i += 1
    return bytes(out), params


def reply_past_events(m, text, timeout=10.0):
    """Sends text; returns the next reply (not an event, 7xx) as str and the event codes
    that came before it (the stopped message's last sound, its STOP)."""
    m.send(text)
    events = []
    while True:
        msg = m.next(timeout)
        if msg is None:
            return None, events
        code = msg[-1][:3].decode(errors="replace")
        if not code.startswith("7"):
            return msg[-1].decode(errors="replace"), events
        events.append(code)


def speak(m, text, cmd="SPEAK"):
    """Sends a message; returns the reply to the data ("200 OK SPEAKING" when accepted)."""
    first = m.reply(cmd + "\n")
    check(first == "202 OK RECEIVING MESSAGE", f"{cmd}: 202 before the data (got {first!r})")
    return m.reply(text + "\n.\n")


def main():
    tmp = tempfile.mkdtemp(prefix="narrator-sdproto.")
    conf = os.path.join(tmp, "narrator.conf")
    with open(conf, "w") as f:
        f.write(f'NarratorDataDir "{ROOT}"\nNarratorJobs 1\nAddVoice "en-US" "MALE1" "en-us"\nAddVoice "en-GB" "MALE1" "en-gb"\n')
    with open(os.path.join(tmp, ".libao"), "w") as f:
        f.write("default_driver=null\n")
    m = Module(conf, tmp)

    # commands before INIT are refused, INIT answers 299 with a status line
    check(m.reply("SET\n") == "300 ERR NOT INITIALIZED", "a command before INIT is refused")
    m.send("INIT\n")
    msg = m.next()
    check(msg and msg[0].startswith(b"299-") and msg[-1] == b"299 OK LOADED SUCCESSFULLY", f"INIT: {msg}")

    # LIST VOICES: name TAB language TAB variant, then 200 OK
    m.send("LIST VOICES\n")
    msg = m.next()
    check(msg and msg[-1] == b"200 OK VOICE LIST SENT", f"LIST VOICES ends with 200 OK: {msg}")
    voices = [l[4:].split(b"\t") for l in (msg or [])[:-1]]
    check([b"en-us", b"en-US", b"none"] in voices, f"LIST VOICES has en-us: {voices}")
    check([b"en-gb", b"en-GB", b"none"] in voices and len(voices) == 2, f"LIST VOICES: the AddVoice lines of the config: {voices}")

    # AUDIO: the server's audio
    check(m.reply("AUDIO\n") == "207 OK RECEIVING AUDIO SETTINGS", "AUDIO: 207")
    check(m.reply("audio_output_method=server\n.\n") == "203 OK AUDIO INITIALIZED", "AUDIO server: 203")

    # SET: good values, an unknown name, a line without '='
    check(m.reply("SET\n") == "207 OK RECEIVING SETTINGS", "SET: 207")
    check(m.reply("rate=50\npitch=-10\nvolume=20\npunctuation_mode=some\nspelling_mode=off\n"
                  "cap_let_recogn=none\nvoice=male1\nlanguage=en-US\nsynthesis_voice=NULL\n.\n")
          == "203 OK SETTINGS RECEIVED", "SET rate and friends: 203")
    m.send("SET\n"); m.next()
    check(m.reply("colour=blue\n.\n") == "303 ERROR INVALID PARAMETER OR VALUE", "SET unknown name: 303")
    m.send("SET\n"); m.next()
    check(m.reply("rate=500\n.\n") == "303 ERROR INVALID PARAMETER OR VALUE", "SET rate out of range: 303")
    m.send("SET\n"); m.next()
    check(m.reply("just words\n.\n") == "302 ERROR BAD SYNTAX", "SET without '=': 302")
    check(m.reply("LOGLEVEL\n") == "207 OK RECEIVING LOGLEVEL SETTINGS", "LOGLEVEL: 207")
    check(m.reply("log_level=5\n.\n") == "203 OK LOGLEVEL SET", "LOGLEVEL: 203")

    # SPEAK SSML with two marks: BEGIN, audio, m1, audio, m2, END — in that order
    ssml = '<speak>First <mark name="m1"/>second <mark name="m2"/>third.</speak>'
    check(speak(m, ssml) == "200 OK SPEAKING", "SPEAK: 200 OK SPEAKING")
    ev = m.events_until({"702", "703"})
    codes = [c for c, _ in ev]
    marks = [lines[0][4:].decode() for c, lines in ev if c == "700"]
    check(codes[:1] == ["701"], f"SPEAK: BEGIN comes first ({codes[:3]})")
    check(codes[-1:] == ["702"], f"SPEAK: END comes last ({codes[-3:]})")
    check(marks == ["m1", "m2"], f"SPEAK: both marks, in order (got {marks})")
    audio = [decode_audio(lines) for c, lines in ev if c == "705"]
    check(len(audio) >= 3, f"SPEAK: audio handed to the server ({len(audio)} pieces)")
    check(all(len(pcm) == 2 * p.get("num_samples", -1) and p.get("bits") == 16 and p.get("num_channels") == 1
              and p.get("sample_rate", 0) > 0 for pcm, p in audio), "705 AUDIO: data length matches num_samples")
    first_mark = codes.index("700") if "700" in codes else 0
    check("705" in codes[:first_mark], "SPEAK: audio of 'First' before mark m1")
    check(b"\n" not in b"".join(l for _, lines in ev for l in lines), "705 AUDIO: no raw LF inside data")

    # STOP in mid-sentence: STOPPED reported at once, nothing after it
    long_text = "<speak>" + " ".join(["This is a long sentence that goes on for quite a while."] * 40) + "</speak>"
    check(speak(m, long_text) == "200 OK SPEAKING", "long SPEAK: 200")
    ev = m.events_until({"705"})
    check(ev and ev[0][0] == "701", "long SPEAK: BEGIN")
    t0 = time.time()
    m.send("STOP\n")
    ev = m.events_until({"702", "703"}, timeout=5)
    took = (time.time() - t0) * 1000
    check(ev and ev[-1][0] == "703", f"STOP: 703 STOP reported (got {[c for c, _ in ev][-3:]})")
    check(took < 500, f"STOP: stopped within 500 ms (took {took:.0f} ms)")
    check(m.next(0.7) is None, "STOP: nothing after STOPPED")

    # SPEAK again on the same module: BEGIN ... END
    check(speak(m, "<speak>Speaking again, on 5 May 2024.</speak>") == "200 OK SPEAKING", "SPEAK after STOP: 200")
    codes = [c for c, _ in m.events_until({"702", "703"})]
    check(codes[:1] == ["701"] and codes[-1:] == ["702"] and "705" in codes, f"SPEAK after STOP: BEGIN, audio, END ({codes[:2]}..{codes[-2:]})")

    # SET reaches the voice: rate -100 vs +100 (length), volume -100 (silence) and 0 vs 100 (loudness)
    def spoken(settings, text="<speak>Rate and volume check.</speak>"):
        m.send("SET\n"); m.next()
        check(m.reply(settings + "\n.\n") == "203 OK SETTINGS RECEIVED", f"SET {settings}: 203")
        speak(m, text)
        pcm = b"".join(decode_audio(lines)[0] for c, lines in m.events_until({"702", "703"}) if c == "705")
        samples = memoryview(pcm).cast("h") if len(pcm) % 2 == 0 else memoryview(b"").cast("h")
        return len(samples), max((abs(x) for x in samples), default=0)
    slow, _ = spoken("rate=-100\nvolume=100")
    fast, _ = spoken("rate=100\nvolume=100")
    check(fast > 0 and slow > 2 * fast, f"rate -100 speaks over twice as long as rate 100 ({slow} vs {fast} samples)")
    n, peak = spoken("rate=0\nvolume=-100")
    check(n == 0, f"volume -100 sends no audio at all (digital silence is held back): {n} samples")
    _, half = spoken("volume=0")
    _, full = spoken("volume=100")
    check(full > 1.6 * half, f"volume 100 is about twice as loud as volume 0 (peaks {full} vs {half})")

    # punctuation: "all" names it (longer); "some" without a configured list reads like "none"
    text = "<speak>Price, 5% &amp; more; see (a).</speak>"
    none, _ = spoken("punctuation_mode=none", text)
    every, _ = spoken("punctuation_mode=all", text)
    some, _ = spoken("punctuation_mode=some", text)
    check(every > 1.3 * none, f"punctuation all names the characters ({every} vs {none} samples)")
    check(abs(some - none) < 0.02 * none, f"punctuation some, no list configured: read as none ({some} vs {none} samples)")
    plain, _ = spoken("punctuation_mode=none\nspelling_mode=off", "<speak>narrator</speak>")
    spelled, _ = spoken("spelling_mode=on", "<speak>narrator</speak>")
    check(spelled > 2 * plain, f"spelling mode spells the word ({spelled} vs {plain} samples)")
    m.send("SET\n"); m.next()
    m.reply("spelling_mode=off\n.\n")

    # voices: language and symbolic voice through AddVoice, another language, an explicit voice
    def sound(settings, text="<speak>Tomato schedule, route.</speak>"):
        m.send("SET\n"); m.next()
        m.reply("language=NULL\nvoice=male1\nsynthesis_voice=NULL\n" + settings + "\n.\n")
        speak(m, text)
        ev = m.events_until({"702", "703"})
        return ev[-1][0], b"".join(decode_audio(lines)[0] for c, lines in ev if c == "705")
    def near(a, b):             # eSpeak NG's output varies a little from call to call
        return abs(len(a[1]) - len(b[1])) < 0.005 * len(b[1])
    us, gb = sound("language=en-US"), sound("language=en-GB")
    check(us[0] == gb[0] == "702" and not near(us, gb), f"en-GB (AddVoice en-gb) is not en-US ({len(gb[1])} vs {len(us[1])} bytes)")
    check(near(sound("language=en-GB\nsynthesis_voice=en-us"), us), "synthesis_voice names the eSpeak NG voice (en-us over en-GB)")
    check(near(sound("language=en-US"), us), "back to en-US sounds as before")
    plain_us, plain_de = sound("language=en-US", "Tomato schedule, route."), sound("language=de", "Tomato schedule, route.")
    check(plain_de[0] == "702" and not near(plain_de, plain_us), "a language without AddVoice line goes to eSpeak NG (de)")
    odd = sound("synthesis_voice=nosuchvoice")
    check(odd[0] == "702" and odd[1], "an unknown synthesis_voice is logged, the message still spoken")
    plain_caps, spelled_caps = sound("cap_let_recogn=none", "<speak>Apple Banana</speak>"), sound("cap_let_recogn=spell", "<speak>Apple Banana</speak>")
    check(len(spelled_caps[1]) > len(plain_caps[1]) * 1.3, f"cap_let_recogn spell says 'capital' ({len(spelled_caps[1])} vs {len(plain_caps[1])} bytes)")
    m.send("SET\n"); m.next()
    m.reply("cap_let_recogn=none\nlanguage=NULL\nsynthesis_voice=NULL\n.\n")

    # STOP right behind the message (before the speaking thread takes it), then a normal one
    for i in range(5):
        m.send("SPEAK\n"); m.next()
        reply = m.reply("<speak>Stopped at once.</speak>\n.\nSTOP\n")
        first = [c for c, _ in m.events_until({"702", "703"})]
        check(reply == "200 OK SPEAKING" and first[-1:] == ["703"], f"STOP at once, round {i}: 703 ({first})")
        speak(m, "<speak>Then spoken to the end.</speak>")
        after = [c for c, _ in m.events_until({"702", "703"})]
        check(after[-1:] == ["702"], f"after a STOP at once, round {i}: the next message ends with 702 ({after[-2:]})")

    # STOP with nothing playing: no reply, no event
    m.send("STOP\n")
    check(m.next(0.5) is None, "STOP while idle: silent")

    # CHAR, KEY, SOUND_ICON
    for cmd, data in (("CHAR", "a"), ("CHAR", "space"), ("CHAR", "é"), ("KEY", "shift_a"), ("KEY", "a")):
        check(speak(m, data, cmd) == "200 OK SPEAKING", f"{cmd} {data}: 200")
        codes = [c for c, _ in m.events_until({"702", "703"})]
        check(codes[:1] == ["701"] and codes[-1:] == ["702"] and "705" in codes, f"{cmd} {data}: BEGIN, audio, END ({codes})")
    check(speak(m, "message", "SOUND_ICON") == "200 OK SPEAKING", "SOUND_ICON: 200")
    ev = m.events_until({"702", "703"})
    check([c for c, _ in ev] == ["701", "706", "702"] and ev[1][1][0] == b"706-message", f"SOUND_ICON: BEGIN, 706 ICON, END ({ev})")

    # PAUSE: stops at speechd's next __spd_ mark, reported as the mark, then 704 PAUSE
    paused = '<speak>One sentence here.<mark name="__spd_1"/> Another one there.<mark name="__spd_2"/> And a third.</speak>'
    check(speak(m, paused) == "200 OK SPEAKING", "SPEAK for PAUSE: 200")
    m.send("PAUSE\n")
    ev = m.events_until({"702", "703", "704"})
    codes = [c for c, _ in ev]
    check(codes[-1:] == ["704"], f"PAUSE: 704 PAUSE reported ({codes[-3:]})")
    check(ev[-2][0] == "700" and ev[-2][1][0].startswith(b"700-__spd_"), "PAUSE: at a __spd_ mark, which is reported")

    # bad input never kills the module
    check(speak(m, "") == "301 ERROR CANT SPEAK", "empty SPEAK: 301")
    check(speak(m, "a\nb", "CHAR") == "305 DATA MORE THAN ONE LINE", "CHAR of two lines: 305")
    check(m.reply("FROBNICATE\n") == "300 ERR UNKNOWN COMMAND", "unknown command: 300")
    check(m.reply("\xff\xfe\x01 junk\n") == "300 ERR UNKNOWN COMMAND", "garbage bytes: 300")
    check(speak(m, "<speak><mark name='x'/>unclosed <b>tags & < stray</speak") == "200 OK SPEAKING", "broken SSML: 200")
    codes = [c for c, _ in m.events_until({"702", "703"})]
    check(codes[:1] == ["701"] and codes[-1:] in (["702"], ["703"]), f"broken SSML: BEGIN then an end event ({codes[-2:]})")

    # very long and odd input: a 1 MB command line, a 1 MB message stopped at once, NUL bytes
    check(m.reply("X" * (1 << 20) + "\n") == "300 ERR UNKNOWN COMMAND", "a 1 MB command line: 300")
    big = "<speak>" + "word " * 200000 + "</speak>"
    check(speak(m, big) == "200 OK SPEAKING", "a 1 MB message: 200")
    m.send("STOP\n")
    codes = [c for c, _ in m.events_until({"702", "703"})]
    check(codes[-1:] == ["703"], f"a 1 MB message stopped: 703 ({codes[-2:]})")
    check(speak(m, "plain\0text with a NUL\n..a dotted line", "SPEAK") == "200 OK SPEAKING", "NUL and dot lines: 200")
    codes = [c for c, _ in m.events_until({"702", "703"})]
    check(codes[-1:] == ["702"], f"NUL and dot lines are spoken to the end ({codes[-2:]})")

    # a message full of control characters is still read (a screen reader never refuses text)
    check(speak(m, "menu\x01\x02\x03\x04\x05\x06\x07\x0e\x0f\x10\x11 Save the file.") == "200 OK SPEAKING",
          "control characters: 200")
    codes = [c for c, _ in m.events_until({"702", "703"})]
    check(codes[:1] == ["701"] and "705" in codes and codes[-1:] == ["702"],
          f"control characters: spoken to the end ({codes[:2]}...{codes[-2:]})")

    # SPEAK before a STOP has finished: answered at once, as speech-dispatcher's own modules
    # answer it (module_speak_queue_before_synth refuses while not idle: 301 CANT SPEAK),
    # or taken when the stop is already done; either way the module goes on answering
    answers = []
    for _ in range(10):
        check(speak(m, "<speak>" + "A long sentence to be cut short. " * 40 + "</speak>") == "200 OK SPEAKING",
              "cancel-then-speak: the first message is taken")
        m.events_until({"701"})
        m.send("STOP\n")
        first, ends = reply_past_events(m, "SPEAK\n")
        answer = first
        if first == "202 OK RECEIVING MESSAGE":
            answer, more = reply_past_events(m, "Right after the stop.\n.\n")
            ends += more
        answers.append(answer)
        if "703" not in ends:
            ends += [c for c, _ in m.events_until({"703"})]
        if answer == "200 OK SPEAKING":
            ends += [c for c, _ in m.events_until({"702", "703"})]
        check(ends[-1:] in (["702"], ["703"]), f"cancel-then-speak: every message ends with an event ({ends[-3:]})")
    check(all(a in ("200 OK SPEAKING", "301 ERROR CANT SPEAK") for a in answers),
          f"SPEAK right after STOP: always answered, 200 or 301 ({answers.count('200 OK SPEAKING')} x 200, "
          f"{answers.count('301 ERROR CANT SPEAK')} x 301, others {sorted(set(answers) - {'200 OK SPEAKING', '301 ERROR CANT SPEAK'})})")
    check(speak(m, "And now again.") == "200 OK SPEAKING", "after the stops, SPEAK is taken")
    codes = [c for c, _ in m.events_until({"702", "703"})]
    check(codes[-1:] == ["702"], f"after the stops, the message is spoken to the end ({codes[-2:]})")
    # a voice name that is a path is refused (logged) and the voice stays: still spoken
    check(m.reply("SET\n") == "207 OK RECEIVING SETTINGS", "SET synthesis_voice: 207")
    check(m.reply("synthesis_voice=../../../../../../../../etc/passwd\n.\n") == "203 OK SETTINGS RECEIVED",
          "SET synthesis_voice to a path: taken as a setting")
    check(speak(m, "Still my voice.") == "200 OK SPEAKING", "SPEAK after a path as the voice: 200")
    codes = [c for c, _ in m.events_until({"702", "703"})]
    check(codes[:1] == ["701"] and codes[-1:] == ["702"], f"a path as the voice: spoken in the old voice ({codes[-2:]})")

    # QUIT
    check(m.reply("QUIT\n") == "210 OK QUIT", "QUIT: 210 OK QUIT")
    try:
        rc = m.p.wait(timeout=5)
    except subprocess.TimeoutExpired:
        m.p.kill()
        rc = None
    check(rc == 0, f"QUIT: the module exits 0 (got {rc})")

    # a module that plays itself (libao, null driver from ~/.libao): events but no 705 audio
    m = Module(conf, tmp)
    m.send("INIT\n"); m.next()
    m.send("AUDIO\n"); m.next()
    reply = m.reply("audio_output_method=nosuchdriver\n.\n")
    check(reply == "300 MODULE ERROR", f"AUDIO with an unknown libao driver: 300 MODULE ERROR (got {reply!r})")
    m.send("AUDIO\n"); m.next()
    check(m.reply("audio_output_method=libao\n.\n") == "203 OK AUDIO INITIALIZED", "AUDIO libao: 203")
    check(speak(m, "<speak>Played here.</speak>") == "200 OK SPEAKING", "libao SPEAK: 200")
    codes = [c for c, _ in m.events_until({"702", "703"})]
    check(codes == ["701", "702"], f"libao SPEAK: BEGIN, END and no 705 audio ({codes})")
    m.send("AUDIO\n"); m.next()
    reply = m.reply("audio_output_method=server\n.\n")
    check(reply == "300 MODULE ERROR", f"AUDIO server after libao: 300 MODULE ERROR (got {reply!r})")
    check(m.reply("QUIT\n") == "210 OK QUIT", "libao module: QUIT")
    m.p.wait(timeout=5)

    # INIT failure: an unknown voice profile gives 399
    with open(conf, "w") as f:
        f.write(f'NarratorDataDir "{ROOT}"\nNarratorVoice "nosuchvoice"\n')
    m = Module(conf, tmp)
    m.send("INIT\n")
    msg = m.next()
    check(msg and msg[-1] == b"399 ERR CANT INIT MODULE" and b"nosuchvoice" in msg[0], f"INIT with a bad voice: 399 naming it ({msg})")
    check(m.p.wait(timeout=5) != 0, "INIT failure: the module exits non-zero")

    if check.failed:
        with open(os.path.join(tmp, "module.log"), errors="replace") as f:
            print("module log:\n" + f.read()[-3000:])
    shutil.rmtree(tmp, ignore_errors=True)
    return check.finish()


if __name__ == "__main__":
    sys.exit(main())
