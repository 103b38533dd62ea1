"""The log file Settings → About opens: private, in the state dir, written to."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from logging.handlers import RotatingFileHandler
from pathlib import Path

import pytest

from desktop.storage.log_file import start_log_file
from desktop.storage.state_paths import logs_dir


@pytest.fixture
def no_file_handlers() -> Iterator[None]:
    root = logging.getLogger()
    before = list(root.handlers)
    level = root.level
    yield
    for handler in root.handlers:
        if handler not in before:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


def test_warnings_go_to_a_private_log_file(no_file_handlers: None, private_dirs: Path) -> None:
    path = start_log_file()
    assert path == logs_dir() / "parley.log"
    assert path.parent == private_dirs / "data" / "state" / "logs"
    logging.getLogger("desktop.test").warning("the server went away")
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert "the server went away" in path.read_text(encoding="utf-8")
    assert (path.stat().st_mode & 0o777) == 0o600
    assert (path.parent.stat().st_mode & 0o777) == 0o700


def test_starting_twice_adds_one_handler(no_file_handlers: None, tmp_path: Path) -> None:
    start_log_file(tmp_path)
    start_log_file(tmp_path)
    handlers = [h for h in logging.getLogger().handlers if isinstance(h, RotatingFileHandler)]
    assert len([h for h in handlers if Path(h.baseFilename).parent == tmp_path]) == 1


def test_an_unwritable_folder_is_not_fatal(no_file_handlers: None, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert start_log_file(blocker / "logs") is None
