"""Fixtures of the window's frame tests."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def no_ollama(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Ollama unreachable, and a PATH with no `ollama` on it (yet): returns that PATH dir."""
    monkeypatch.setenv("OLLAMA_HOST", f"127.0.0.1:{closed_port()}")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    monkeypatch.setenv("PATH", str(bin_dir))
    return bin_dir
