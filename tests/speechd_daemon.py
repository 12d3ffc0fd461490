#!/usr/bin/python3
"""sd_narrator inside a real speech-dispatcher (a private one: tests/speechd_private.py).

spd-say speaks through narrator's module and waits for the end; a python3-speechd client
gets the SSML index marks in order, then BEGIN/END, and a cancel mid-message. Prints
"ok"/"FAIL" lines and ends with "speechd-daemon: N passed, N failed".
"""
import os
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import Checks  # noqa: E402
from speechd_private import PrivateSpeechd  # noqa: E402

check = Checks("speechd-daemon")


class Events:
    """Collects a message's callbacks in order; done when END or CANCEL arrives."""

    def __init__(self):
        self.seen, self.done = [], threading.Event()

    def __call__(self, kind, index_mark=None, arrived=None):
        self.seen.append((kind, index_mark))
        if kind in ("end", "cancel"):
            self.done.set()


def say(client, text, timeout=30):
    import speechd
    ev = Events()
    client.speak(text, callback=ev, event_types=(speechd.CallbackType.BEGIN, speechd.CallbackType.END,
                                                 speechd.CallbackType.CANCEL, speechd.CallbackType.INDEX_MARK))
    ev.done.wait(timeout)
    return ev


def main():
    try:
        import speechd
    except ImportError:
        check(False, "python3-speechd is installed (import speechd)")
        return check.finish()
    with PrivateSpeechd() as sd:
        r = sd.run("spd-say", "-o", "narrator", "-w", "The U.S. launched 5G in 2019.")
        check(r.returncode == 0, f"spd-say -o narrator -w exits 0 (got {r.returncode}: {r.stderr.strip()})")
        # narrator's module said it: its own log names the message, the server's the module
        time.sleep(0.3)
        mlog = sd.log("narrator.log")
        check("audio: handed to the server" in mlog, "the module got the server's audio (narrator.log)")
        check("message: text, " in mlog, "narrator's module spoke the message (narrator.log)")
        r = sd.run("spd-say", "-O")
        check("narrator" in r.stdout.split(), f"spd-say -O lists the output module narrator ({r.stdout.split()})")

        r = sd.run("spd-say", "-o", "narrator", "-L")
        check(r.returncode == 0 and "en-us" in r.stdout, f"spd-say -o narrator -L lists narrator's voices ({r.stdout.strip()[:120]})")

        c = sd.client()
        try:
            c.set_output_module("narrator")
            c.set_data_mode(speechd.DataMode.SSML)
            ev = say(c, '<speak>First <mark name="m1"/>second <mark name="m2"/>third.</speak>')
            kinds = [k for k, _ in ev.seen]
            marks = [m for k, m in ev.seen if k == "index_marks"]
            check(ev.done.is_set(), f"the SSML message ended ({kinds})")
            check(marks == ["m1", "m2"], f"python3-speechd gets the marks in order (got {marks})")
            check(kinds[:1] == ["begin"] and kinds[-1:] == ["end"], f"BEGIN first, END last ({kinds})")

            long_text = "<speak>" + " ".join(["Narrator keeps reading this long sentence aloud."] * 60) + "</speak>"
            ev = Events()
            c.speak(long_text, callback=ev, event_types=(speechd.CallbackType.BEGIN, speechd.CallbackType.END,
                                                         speechd.CallbackType.CANCEL))
            end = time.time() + 10
            while time.time() < end and not ev.seen:
                time.sleep(0.005)
            c.cancel()
            ev.done.wait(10)
            kinds = [k for k, _ in ev.seen]
            check(kinds == ["begin", "cancel"], f"cancel mid-message: BEGIN then CANCEL ({kinds})")

            ev = say(c, "<speak>And again, after the cancel.</speak>")
            check([k for k, _ in ev.seen] == ["begin", "end"], f"a message after cancel: BEGIN, END ({ev.seen})")
        finally:
            c.close()
    return check.finish()


if __name__ == "__main__":
    sys.exit(main())
