"""A private speech-dispatcher for the tests and the latency benchmark.

Its own configuration, module directory, socket, pid file, log directory and HOME, all in a
temporary folder: the system's speech-dispatcher (if any) and the user's are never touched.
The server hands audio to libao, whose ~/.libao says default_driver=null, so no sound card
is needed. Modules: narrator's (build/sd_narrator) and speech-dispatcher's own eSpeak NG
module, side by side. Use as a context manager; the daemon is always stopped and the folder
removed, also on Ctrl-C or a failed check.
"""
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SYSTEM_MODULES = "/usr/lib/speech-dispatcher-modules"


def _system_module_dir():
    """Where Debian's package put sd_espeak-ng (dpkg knows; else the usual place)."""
    try:
        out = subprocess.run(["dpkg-query", "-L", "speech-dispatcher-espeak-ng"], capture_output=True, text=True).stdout
        for line in out.splitlines():
            if line.endswith("/sd_espeak-ng"):
                return os.path.dirname(line)
    except OSError:
        pass
    return SYSTEM_MODULES


class PrivateSpeechd:
    def __init__(self, log_level=4):
        self.log_level = log_level
        self.dir = tempfile.mkdtemp(prefix="narrator-speechd.")
        self.socket = os.path.join(self.dir, "speechd.sock")
        self.logdir = os.path.join(self.dir, "log")
        self.proc = None

    def _write(self, rel, text):
        path = os.path.join(self.dir, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)
        return path

    def _setup(self):
        conf, mods, home = (os.path.join(self.dir, d) for d in ("conf", "modules", "home"))
        for d in (conf, mods, home, self.logdir):
            os.makedirs(d, exist_ok=True)
        self._write("conf/speechd.conf",
                    f'LogLevel {self.log_level}\nAudioOutputMethod "libao"\nDefaultVolume 100\n'
                    'AddModule "narrator" "sd_narrator" "narrator.conf"\n'
                    'AddModule "espeak-ng" "sd_espeak-ng" "espeak-ng.conf"\n'
                    'DefaultModule narrator\n')
        with open(os.path.join(ROOT, "plugins/speechd/narrator.conf")) as f:
            ours = f.read()
        self._write("conf/modules/narrator.conf", ours + f'\nNarratorDataDir "{ROOT}"\n')
        system_conf = "/etc/speech-dispatcher/modules/espeak-ng.conf"
        self._write("conf/modules/espeak-ng.conf", open(system_conf).read() if os.path.exists(system_conf) else "")
        os.symlink(os.path.join(ROOT, "build/sd_narrator"), os.path.join(mods, "sd_narrator"))
        os.symlink(os.path.join(_system_module_dir(), "sd_espeak-ng"), os.path.join(mods, "sd_espeak-ng"))
        self._write("home/.libao", "default_driver=null\n")
        self.env = dict(os.environ, HOME=home, SPEECHD_ADDRESS="unix_socket:" + self.socket)
        self.env.pop("XDG_RUNTIME_DIR", None)
        return conf, mods

    def __enter__(self):
        conf, mods = self._setup()
        cmd = ["speech-dispatcher", "-s", "-t", "60", "-C", conf, "-m", mods, "-S", self.socket,
               "-P", os.path.join(self.dir, "speechd.pid"), "-L", self.logdir]
        self.proc = subprocess.Popen(cmd, env=self.env, stdout=subprocess.DEVNULL,
                                     stderr=open(os.path.join(self.dir, "server.err"), "w"))
        end = time.time() + 15
        while time.time() < end and not os.path.exists(self.socket) and self.proc.poll() is None:
            time.sleep(0.05)
        if not os.path.exists(self.socket):
            self.__exit__(None, None, None)
            raise RuntimeError("the private speech-dispatcher did not start")
        # Ctrl-C or a kill of the test still stops the daemon
        self._old = {s: signal.signal(s, self._on_signal) for s in (signal.SIGINT, signal.SIGTERM)}
        return self

    def _on_signal(self, sig, frame):
        self.__exit__(None, None, None)
        raise SystemExit(128 + sig)

    def __exit__(self, *exc):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        for s, h in getattr(self, "_old", {}).items():
            signal.signal(s, h)
        self._old = {}
        shutil.rmtree(self.dir, ignore_errors=True)
        return False

    def log(self, name):
        """The text of a log file in the log directory (speech-dispatcher.log, narrator.log)."""
        try:
            with open(os.path.join(self.logdir, name), errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    def run(self, *args, timeout=60):
        """A client command (spd-say ...) against this daemon."""
        return subprocess.run(list(args), env=self.env, capture_output=True, text=True, timeout=timeout)

    def client(self, name="narrator-test"):
        """A python3-speechd client whose callbacks get every event of their message, also one
        that arrives before speak() has registered the callback, with its arrival time."""
        import speechd
        c = speechd.SSIPClient(name, address=self.env["SPEECHD_ADDRESS"], autospawn=False)
        c._callback_handler = _EarlyEvents(c._callback_handler)
        c._conn.set_callback(c._callback_handler)
        return c


class _EarlyEvents:
    """python3-speechd registers a message's callback after the server has answered speak();
    its own comment says an event arriving earlier is lost. With a module that starts within
    a millisecond, BEGIN does: here such events wait and are replayed on registration.
    Callbacks are called as callback(type, arrived=perf_counter time, **kwargs)."""

    def __init__(self, inner):
        self._client_id = inner._client_id
        self._lock = threading.Lock()
        self._callbacks, self._early = {}, {}

    def __call__(self, msg_id, client_id, type, **kwargs):
        arrived = time.perf_counter()
        if client_id != self._client_id:
            return
        with self._lock:
            if msg_id not in self._callbacks:
                self._early.setdefault(msg_id, []).append((type, arrived, kwargs))
                return
            self._deliver(msg_id, type, arrived, kwargs)

    def _deliver(self, msg_id, type, arrived, kwargs):
        callback, event_types = self._callbacks[msg_id]
        if event_types is None or type in event_types:
            callback(type, arrived=arrived, **kwargs)

    def add_callback(self, msg_id, callback, event_types):
        with self._lock:
            self._callbacks[msg_id] = (callback, event_types)
            for type, arrived, kwargs in self._early.pop(msg_id, []):
                self._deliver(msg_id, type, arrived, kwargs)
