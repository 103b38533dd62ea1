"""The real llama.cpp OpenAI-compatible server (``python -m llama_cpp.server``) for tests.

It runs the tiny generated GGUF on an ephemeral loopback port, so tests hear real SSE
from a real server: its real streaming, its real 401 (``{"detail":"Invalid API key"}``
with ``--api_key``), its real quirks. Started with OMP_WAIT_POLICY=PASSIVE, which
keeps idle OpenMP threads from spinning and stalling other requests.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

MODEL_ALIAS = "tiny"
START_TIMEOUT = 60.0
PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """In the child: get SIGTERM when the test process dies, even if it crashes."""
    ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class LlamaServer:
    """One ``llama_cpp.server`` process; :meth:`stop` always ends it."""

    def __init__(self, model: Path, log_dir: Path, *, api_key: str | None = None) -> None:
        self.model = model
        self.api_key = api_key
        self.log_path = log_dir / f"llama-server-{'key' if api_key else 'open'}.log"
        self.port = 0
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """The OpenAI-style base URL (with /v1)."""
        return f"http://127.0.0.1:{self.port}/v1"

    def start(self) -> LlamaServer:
        self.port = free_port()
        command = [
            sys.executable,
            "-m",
            "llama_cpp.server",
            "--model",
            str(self.model),
            "--model_alias",
            MODEL_ALIAS,
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--n_ctx",
            "1024",
            "--interrupt_requests",
            "false",
        ]
        if self.api_key:
            command += ["--api_key", self.api_key]
        env = {**os.environ, "OMP_WAIT_POLICY": "PASSIVE"}
        with self.log_path.open("wb") as log:
            self._process = subprocess.Popen(
                command,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=env,
                preexec_fn=_die_with_parent if sys.platform == "linux" else None,
            )
        try:
            self._wait_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_ready(self) -> None:
        headers = {"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            assert self._process is not None
            if self._process.poll() is not None:
                raise RuntimeError(
                    f"llama_cpp.server exited with {self._process.returncode}: "
                    + self.log_path.read_text(errors="replace")[-2000:]
                )
            with contextlib.suppress(httpx.HTTPError):
                reply = httpx.get(f"{self.url}/models", headers=headers, timeout=2)
                if reply.status_code == 200:
                    return
            time.sleep(0.1)
        raise TimeoutError(f"llama_cpp.server did not answer /v1/models in {START_TIMEOUT} s")

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)
