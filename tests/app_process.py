"""Runs Parley as a separate process with private dirs and watches its readiness file.

Shared by the single-instance and bundle tests and the startup benchmark. The app
appends ``<milestone> <unix time>`` lines to ``PARLEY_READY_FILE`` (see
desktop/ui/readiness.py).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

SOURCE_COMMAND = (sys.executable, "-m", "desktop")
REPO = Path(__file__).resolve().parents[1]


def closed_port_host() -> str:
    """An Ollama host nobody listens on (port 9, discard, is closed on loopback here)."""
    return "http://127.0.0.1:9"


class AppProcess:
    def __init__(
        self,
        root: Path,
        command: Sequence[str] = SOURCE_COMMAND,
        *,
        ollama_host: str | None = None,
        env: Mapping[str, str] | None = None,
    ) -> None:
        """``root`` holds the config, data and readiness files; reuse it for a second launch."""
        self.root = root
        self.command = list(command)
        self.ready_file = root / "ready.txt"
        self.log_file = root / "output.txt"
        base = dict(os.environ if env is None else env)
        base.update(
            PARLEY_CONFIG_DIR=str(root / "config"),
            PARLEY_DATA_DIR=str(root / "data"),
            PARLEY_READY_FILE=str(self.ready_file),
            QT_QPA_PLATFORM="offscreen",
            OLLAMA_HOST=ollama_host or closed_port_host(),
        )
        self.env = base
        self.process: subprocess.Popen[bytes] | None = None
        self.started_at = 0.0

    def start(self) -> AppProcess:
        self.root.mkdir(parents=True, exist_ok=True)
        self.started_at = time.time()
        with self.log_file.open("ab") as log:
            self.process = subprocess.Popen(
                self.command, env=self.env, cwd=REPO, stdout=log, stderr=subprocess.STDOUT
            )
        return self

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def milestones(self, name: str) -> list[float]:
        if not self.ready_file.exists():
            return []
        times = []
        for line in self.ready_file.read_text(encoding="utf-8").splitlines():
            milestone, _, stamp = line.partition(" ")
            if milestone == name:
                times.append(float(stamp))
        return times

    def wait_for(self, name: str, count: int = 1, timeout: float = 30.0) -> float:
        """The time of the ``count``-th ``name`` milestone; fails if the app dies first."""
        assert self.process is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            seen = self.milestones(name)
            if len(seen) >= count:
                return seen[count - 1]
            if self.process.poll() is not None:
                raise AssertionError(
                    f"Parley exited with {self.process.returncode} before {name!r}: "
                    f"{self.output_text()}"
                )
            time.sleep(0.005)
        raise AssertionError(f"no {name!r} milestone within {timeout} s: {self.output_text()}")

    def rss_mb(self) -> float:
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        raise AssertionError("no VmRSS line")

    def mapped_files(self) -> set[str]:
        """Files the running process has mapped (shared libraries, extension modules)."""
        paths = set()
        for line in Path(f"/proc/{self.pid}/maps").read_text().splitlines():
            parts = line.split(maxsplit=5)
            if len(parts) == 6 and parts[5].startswith("/"):
                paths.add(parts[5])
        return paths

    def terminate(self, timeout: float = 15.0) -> int:
        """SIGTERM (the app closes its window and saves its state), then the exit code."""
        assert self.process is not None
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise

    def wait(self, timeout: float) -> int:
        assert self.process is not None
        return self.process.wait(timeout)

    def output_text(self) -> str:
        if not self.log_file.exists():
            return ""
        return self.log_file.read_text(encoding="utf-8", errors="replace")[-2000:]

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
