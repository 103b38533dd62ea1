"""Suite-wide fixtures: a qasync event loop for async tests, and private dirs per test."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from pytestqt.logging import _QtMessageCapture

if TYPE_CHECKING:
    from desktop.storage.document_store import DocumentStore

pytest_plugins = [
    "tests.servers.fixtures",
    "tests.storage.secret_service",
    "tests.servers.cloud_fixtures",
    "tests.servers.mcp_fixtures",
    "tests.servers.embedding_fixtures",
    "tests.ui.chat_fixtures",
    "tests.ui.documents.library_fixtures",
]

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")


def pytest_asyncio_loop_factories(config: pytest.Config, item: pytest.Item) -> dict[str, object]:
    """Run every async test on a qasync loop so Qt widgets and asyncio share one thread."""
    from PySide6.QtWidgets import QApplication

    from desktop.ui.event_loop import make_event_loop

    def factory() -> object:
        app = QApplication.instance() or QApplication([])
        assert isinstance(app, QApplication)
        return make_event_loop(app)

    return {"qasync": factory}


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item) -> Iterator[None]:
    """Qt warnings during teardown fail the test too (pytest-qt watches setup and call
    only); closing windows and services is where out-of-order shutdowns show."""
    level = item.config.getini("qt_log_level_fail")
    if not level or level == "NO" or item.get_closest_marker("no_qt_log"):
        return (yield)
    capture = _QtMessageCapture(item.config.getini("qt_log_ignore"))  # type: ignore[no-untyped-call]
    capture._start()  # type: ignore[no-untyped-call]
    try:
        result = yield
    finally:
        capture._stop()  # type: ignore[no-untyped-call]
    failing = [r for r in capture.records if r.matches_level(level) and not r.ignored]
    if failing:
        said = "\n".join(f"{r.type_name}: {r.message}" for r in failing)
        pytest.fail(f"Qt messages at {level} or above during teardown:\n{said}")
    return result


@pytest.fixture(autouse=True)
def private_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Each test gets its own config and data dir; the person's real ones are never touched."""
    config = tmp_path / "config"
    data = tmp_path / "data"
    monkeypatch.setenv("PARLEY_CONFIG_DIR", str(config))
    monkeypatch.setenv("PARLEY_DATA_DIR", str(data))
    monkeypatch.delenv("OLLAMA_HOST", raising=False)
    # No keyring unless a test asks for the private one (fixture `secret_service`).
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    yield tmp_path


@pytest.fixture(autouse=True)
def collect_old_loops() -> None:
    """Collect earlier tests' garbage here, on the main thread, before each test.

    The cyclic garbage collector runs in whichever thread allocates. If it first runs
    in a loopback server's handler thread, it deletes an old qasync loop's QObjects
    (their Qt timers still registered) from that thread, and Qt later fires a timer at
    a deleted object: a segmentation fault, at a random test.
    """
    gc.collect()


@pytest.fixture
def document_store(tmp_path: Path) -> Iterator[DocumentStore]:
    """An empty documents database in the test's own folder."""
    from desktop.storage.document_store import DocumentStore

    opened = DocumentStore.open(tmp_path / "data" / "documents.sqlite3")
    yield opened
    opened.close()
