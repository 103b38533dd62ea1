"""Suite-wide fixtures: a qasync event loop for async tests, and private dirs per test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest_plugins = ["tests.servers.fixtures"]

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")


def pytest_asyncio_loop_factories(config: pytest.Config, item: pytest.Item) -> dict[str, object]:
    """Run every async test on a qasync loop so Qt widgets and asyncio share one thread."""
    from PySide6.QtWidgets import QApplication

    from desktop.ui.event_loop import make_event_loop

    return {"qasync": lambda: make_event_loop(QApplication.instance() or QApplication([]))}


@pytest.fixture(autouse=True)
def private_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Each test gets its own config and data dir; the person's real ones are never touched."""
    config = tmp_path / "config"
    data = tmp_path / "data"
    monkeypatch.setenv("PARLEY_CONFIG_DIR", str(config))
    monkeypatch.setenv("PARLEY_DATA_DIR", str(data))
    monkeypatch.delenv("OLLAMA_HOST", raising=False)
    yield tmp_path
