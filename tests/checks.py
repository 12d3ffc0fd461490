"""Counting checks for the Python test suites: every check passes or fails, failures are
printed, and the suite's last line reads "NAME: N passed, N failed" (what tests/run.sh adds up)."""


class Checks:
    def __init__(self, name):
        self.name, self.passed, self.failed = name, 0, 0

    def __call__(self, ok, what):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print("FAIL: " + what)
        return ok

    def finish(self):
        """Prints the closing line; the exit status for the suite."""
        print(f"{self.name}: {self.passed} passed, {self.failed} failed")
        return 0 if self.failed == 0 else 1
