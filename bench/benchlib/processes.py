"""Servers the bench starts (gateways, nginx, Prism) and what it reads of them: whether they
listen yet, and their peak memory. Each runs in a process group of its own, so that stopping it
ends its workers too and nothing else."""
import os
import pathlib
import signal
import socket
import subprocess
import time


def free_port():
    """A port the OS says is free now. (Another program could take it before the server binds
    it; on a machine running benchmarks that window does not matter.)"""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def load_average():
    return " ".join(open("/proc/loadavg", encoding="utf-8").read().split()[:3])


def peak_rss_kb(pid):
    """The high-water mark of resident memory of `pid` and all its descendants, added up (an
    nginx's master and workers together)."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            status = pathlib.Path(f"/proc/{current}/status").read_text()
            total += next(int(line.split()[1]) for line in status.splitlines()
                          if line.startswith("VmHWM:"))
            for task in pathlib.Path(f"/proc/{current}/task").iterdir():
                pending += [int(child) for child in (task / "children").read_text().split()]
        except (OSError, StopIteration):
            continue  # it ended meanwhile
    return total


def descendants(pid):
    """`pid`'s children, their children, and so on, as they are now."""
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        try:
            for task in pathlib.Path(f"/proc/{current}/task").iterdir():
                children = [int(child) for child in (task / "children").read_text().split()]
                found += children
                pending += children
        except OSError:
            continue  # it ended meanwhile
    return found


def cpu_seconds(pid):
    """The CPU time (user + system) `pid` and its descendants have used so far: those running
    now, and those that ended and were waited for (a server's finished workers)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for index, current in enumerate([pid, *descendants(pid)]):
        try:
            fields = pathlib.Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # utime and stime, then (for the root alone: the others' are in it) cutime and cstime.
        total += int(fields[11]) + int(fields[12])
        if index == 0:
            total += int(fields[13]) + int(fields[14])
    return total / ticks


class Server:
    """A server process, started at once; `ready` waits until it accepts connections."""

    def __init__(self, name, command, port, log_path, env=None, cwd=None):
        self.name, self.port, self.log_path = name, port, log_path
        self.cleanups = []  # run once the process has ended: removing its temporary files
        self.log = open(log_path, "wb")
        self.process = subprocess.Popen(command, stdout=self.log, stderr=subprocess.STDOUT,
                                        stdin=subprocess.DEVNULL, env=env, cwd=cwd,
                                        start_new_session=True)

    def ready(self, timeout=120):
        started = time.monotonic()
        deadline = started + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited with status {self.process.returncode}; "
                                   f"see {self.log_path}:\n{self.log_text()[-2000:]}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return self
            except OSError:
                # Every millisecond for the first two seconds: row 5 times start-ups of about
                # 10 ms with this, which a 50 ms poll rounded up to 50 or 100.
                time.sleep(0.001 if time.monotonic() - started < 2 else 0.05)
        self.stop()
        raise RuntimeError(f"{self.name} did not listen on port {self.port} in {timeout} s; "
                           f"see {self.log_path}")

    def log_text(self):
        self.log.flush()
        return pathlib.Path(self.log_path).read_text(errors="replace")

    def peak_rss_kb(self):
        return peak_rss_kb(self.process.pid)

    def stop(self):
        """SIGTERM to the server's own process group, then SIGKILL if it lingers."""
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
            except ProcessLookupError:
                pass
        self.log.close()
        for cleanup in self.cleanups:
            cleanup()
        self.cleanups = []

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
