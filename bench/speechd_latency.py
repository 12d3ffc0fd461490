#!/usr/bin/python3
"""Screen-reader latency through speech-dispatcher: narrator's module against its eSpeak NG one.

In a private speech-dispatcher (tests/speechd_private.py: libao's null driver, no sound card),
a python3-speechd client times, per module:
  BEGIN  — from speak() to the BEGIN event, on a short screen-reader message;
  CANCEL — from cancel() to the CANCEL event, while a long message is being spoken.
Prints the median, lowest and highest of --runs runs in milliseconds.

    make && /usr/bin/python3 bench/speechd_latency.py [--runs 15]
"""
import argparse
import os
import statistics
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tests"))
from speechd_private import PrivateSpeechd  # noqa: E402

SHORT = "<speak>File menu, 3 items.</speak>"
LONG = "<speak>" + " ".join(["The committee met on 5 May 2024 and agreed on the U.S. budget."] * 40) + "</speak>"


class Timed:
    """Wall-clock time of the first event of each kind."""

    def __init__(self):
        self.at, self.done = {}, threading.Event()

    def __call__(self, kind, index_mark=None, arrived=None):
        self.at.setdefault(kind, arrived)
        if kind in ("end", "cancel"):
            self.done.set()


def one_message(client, text, cancel_after_begin):
    import speechd
    t = Timed()
    types = (speechd.CallbackType.BEGIN, speechd.CallbackType.END, speechd.CallbackType.CANCEL)
    t0 = time.perf_counter()
    client.speak(text, callback=t, event_types=types)
    end = t0 + 10
    while "begin" not in t.at and time.perf_counter() < end:
        time.sleep(0.0005)
    begin_ms = (t.at["begin"] - t0) * 1000 if "begin" in t.at else None
    cancel_ms = None
    if cancel_after_begin and begin_ms is not None:
        time.sleep(0.05)                    # well inside the message
        t1 = time.perf_counter()
        client.cancel()
        t.done.wait(10)
        cancel_ms = (t.at["cancel"] - t1) * 1000 if "cancel" in t.at else None
    else:
        t.done.wait(30)
    return begin_ms, cancel_ms


def summary(values):
    values = [v for v in values if v is not None]
    if not values:
        return "no events"
    return f"{statistics.median(values):6.1f} ms (min {min(values):.1f}, max {max(values):.1f}, n={len(values)})"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    import speechd
    rows = []
    with PrivateSpeechd(log_level=2) as sd:
        client = sd.client("narrator-bench")
        try:
            client.set_data_mode(speechd.DataMode.SSML)
            for module in ("narrator", "espeak-ng"):
                client.set_output_module(module)
                one_message(client, SHORT, False)          # warm-up: the module's first message
                begins = [one_message(client, SHORT, False)[0] for _ in range(args.runs)]
                cancels = [one_message(client, LONG, True)[1] for _ in range(args.runs)]
                rows.append((module, summary(begins), summary(cancels)))
        finally:
            client.close()
    print(f"speech-dispatcher latency, {args.runs} runs each (median, min, max)")
    for module, begin, cancel in rows:
        print(f"{module:10}  speak->BEGIN  {begin}")
        print(f"{'':10}  cancel->CANCEL {cancel}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
